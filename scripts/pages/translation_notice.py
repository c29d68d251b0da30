"""What a translated page says about its own translation: a page-level notice with a per-page summary.

Honest without being noisy: one admonition at the top of the page, never one per passage.

- Passages shown in English (translation missing, or outdated because the English changed) make it a
  ``warning`` with their counts and, folded away, the list of those passages.
- Otherwise, when anything on the page was translated with machine assistance and not reviewed, a one-line
  ``info`` notice says so.
- A page whose every translated passage has been reviewed carries no notice.

The source language never carries a notice. Labels come from ``ui.yaml`` (translated like everything else).
"""

from __future__ import annotations

import posixpath
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from scripts.i18n.translator import Status, Use

STATUS_PAGE = "translation-status.md"
#: YAML front matter as MkDocs reads it (``mkdocs.utils.meta``): ``---`` to ``---`` or ``...``, trailing blanks allowed
FRONT_MATTER = re.compile(r"^-{3}[ \t]*\n(.*?\n)(?:\.{3}|-{3})[ \t]*\n", re.UNICODE | re.DOTALL)
HEADING = re.compile(r"^# .*$", re.MULTILINE)


@dataclass
class PageReport:
    """What one page shows that a notice speaks of: each passage shown in English, by status (each distinct
    English string counted once, in the order the page first asked for it), and whether anything translated but
    not reviewed shows (a notice says only that there is some: once one is found, the others are not looked for)."""

    path: str
    uses: dict[str, Status] = field(default_factory=dict)
    unreviewed: bool = False

    def add(self, uses: Iterable[Use], content: str) -> None:
        """``uses``: what the page asked for (:meth:`Translator.take`: each English string once, with its one
        status); ``content``: the page as it reads."""
        for use in uses:
            # A string translated on the way but not shown on this page (computed for a later page) does
            # not count here.
            if use.status.in_english:
                if use.english not in self.uses and _shown(use, content):
                    self.uses[use.english] = use.status
            elif use.status is Status.UNREVIEWED and not self.unreviewed:
                self.unreviewed = _shown(use, content)

    def count(self, status: Status) -> int:
        """How many distinct passages of ``status`` (missing or outdated) the page shows in English."""
        if not status.in_english:
            raise ValueError(f"a page report counts only what is shown in English, not {status.value!r} passages")
        return sum(1 for s in self.uses.values() if s is status)

    def english(self) -> list[tuple[str, Status]]:
        return list(self.uses.items())


def _shown(use: Use, content: str) -> bool:
    shown = use.shown.strip()
    return bool(shown) and shown in content


def status_link_target(here: str) -> str:
    """The link a notice of the page ``here`` (its docs path) writes to the translation status page: relative, as
    Markdown links between pages are (the renderer resolves and checks it)."""
    return posixpath.relpath(STATUS_PAGE, posixpath.dirname(here) or ".")


def notice(report: PageReport, label: Callable[[str], str], here: str,
           count_label: Callable[[str, int], str] | None = None,
           quote: Callable[[str], str] | None = None) -> str:
    """The Markdown notice for a page (empty when there is nothing to say). ``quote``: how a passage shown in
    English is listed (default: :func:`excerpt`; :mod:`scripts.pages.localized` lists a measure's heading by
    its mark)."""
    quote = quote or excerpt
    status_link = f"[{label('i18n.notice.status_link')}]({status_link_target(here)})"
    missing, outdated = report.count(Status.MISSING), report.count(Status.OUTDATED)
    unreviewed = report.unreviewed
    if missing or outdated:
        lines = [f'!!! warning "{_quote(label("i18n.notice.english_title"))}"', ""]
        body = []
        if missing:
            body.append(count_label("i18n.notice.missing_count", missing))
        if outdated:
            body.append(count_label("i18n.notice.outdated_count", outdated))
        if unreviewed:
            body.append(label("i18n.notice.unreviewed"))
        body.append(status_link)
        lines.append("    " + " ".join(body))
        lines += ["", f'    ??? note "{_quote(label("i18n.notice.passages"))}"', ""]
        for text, status in report.english():
            lines.append(f"        - {quote(text)} ({label('i18n.status.' + status.value)})")
        return "\n".join(lines) + "\n"
    if unreviewed:
        return (f'!!! info "{_quote(label("i18n.notice.unreviewed_title"))}"\n\n'
                f"    {label('i18n.notice.unreviewed')} {status_link}\n")
    return ""


def page_notice(kind: str, label: Callable[[str], str], here: str) -> str:
    """The notice of a hand-written page: ``missing`` (shown in English), ``outdated`` (its English version
    changed after it was translated) or ``unreviewed``."""
    status_link = f"[{label('i18n.notice.status_link')}]({status_link_target(here)})"
    if kind == "missing":
        return (f'!!! warning "{_quote(label("i18n.notice.page_missing_title"))}"\n\n'
                f"    {label('i18n.notice.page_missing')} {status_link}\n")
    if kind == "outdated":
        return (f'!!! warning "{_quote(label("i18n.notice.page_outdated_title"))}"\n\n'
                f"    {label('i18n.notice.page_outdated')} {label('i18n.notice.unreviewed')} {status_link}\n")
    return (f'!!! info "{_quote(label("i18n.notice.unreviewed_title"))}"\n\n'
            f"    {label('i18n.notice.unreviewed')} {status_link}\n")


def insert(markdown: str, block: str) -> str:
    """``markdown`` with the notice ``block`` (:func:`wrapped`) right below its first level-1 heading (see
    :func:`below_title`)."""
    if not block:
        return markdown
    return below_title(markdown, wrapped(block))


def wrapped(block: str) -> str:
    """A notice's Markdown as it stands on a page. The notice is kept out of the search index (Material skips
    ``data-search-exclude``): it would make every page of a language match the words of the notice."""
    return f'<div class="translation-notice" data-search-exclude markdown>\n\n{block}\n</div>\n'


def below_title(markdown: str, text: str) -> str:
    """``markdown`` with ``text`` right below its first level-1 heading (or at the top, after any front matter),
    so that the page keeps its title."""
    front = FRONT_MATTER.match(markdown)
    start = front.end() if front else 0
    heading = HEADING.search(markdown, start)
    at = heading.end() + 1 if heading else start
    return markdown[:at] + "\n" + text + "\n" + markdown[at:]


def _quote(title: str) -> str:
    return title.replace('"', "'")


def excerpt(text: str, width: int = 90) -> str:
    """A one-line, Markdown-inert excerpt of an English passage."""
    plain = re.sub(r"\[([^\]]*)\]\([^)]*\)", r"\1", text)  # links -> their text
    plain = re.sub(r"[*_`#>|\\]", "", plain)
    plain = " ".join(plain.split())
    if len(plain) > width:
        plain = plain[: width - 1].rstrip() + "…"
    return f"“{plain}”"
