"""Measure names written into generated pages as marks, filled in after the Markdown is converted.

A measure's heading appears on about a third of a language's pages (countries, training, practices, channels,
the glossary, the notices that list passages shown in English). Written into those pages as text, editing one
heading changed every one of them, and the renderer converted them all again. Written as a mark (a measure id
between two private-use characters, which Markdown passes through untouched), the pages stay the same
Markdown: the renderer keeps their conversions and fills the marks into the HTML, escaped, before anything
else reads it (:mod:`scripts.render.names`). A renderer that cannot fill marks is given the pages with the
names written in, escaped as HTML entities (:func:`fill_markdown`).

Two kinds of mark, each filled from the language's names (:func:`names_of`):

- ``name``: the measure's heading in the page's language (link texts, lists, table cells, attribute values);
- ``excerpt``: the quoted excerpt of its English heading that a translation notice lists when the heading is
  shown in English (:func:`scripts.pages.translation_notice.excerpt`).

A country's status on a measure is a mark too, for speed rather than for rebuilds: its HTML (three elements,
about 750 of them on a language's pages, most in the countries matrix) cost Python-Markdown about a seventh of
its time on the generated pages, each tag taken apart as inline HTML. Two kinds, filled with the HTML the
templates wrote before (:func:`status_html`) by every fill, its label written as the fill writes a name (raw HTML
passes through Markdown, so the renderers given the Markdown with its marks filled get that HTML too):

- ``status``: the status's symbol and its label;
- ``statusicon``: the symbol, with the label as its title and for screen readers (the matrix's cells).

Their labels are among the language's names (``status:<status>`` and ``statusicon:<status>``, the same label).
The renderer fills them as soon as a page is converted (:func:`fill_statuses`), so that everything after the
conversion reads the page as it always did.

A translated page's notice (:mod:`scripts.pages.translation_notice`) is a mark too, :data:`NOTICE`, on a line of
its own below the title: the notice itself is kept with the page (``Page.notice``) and converted apart by the
renderer, then put where the mark's paragraph is (:func:`with_notice` writes it in, for a renderer that cannot).

In English, an edited heading changes the Markdown of the measure's own page only. In a translated language, the
first edit of a heading also changes the translation notices of the pages that name it (its translation is now
missing or outdated, and the counts say so), and the language's translation status page: the notices are
converted again, not the pages. A later edit of the same heading changes only the measure's page.

A page's first heading is never a mark, nor is a heading without an id of its own (``{#id}``): their text makes
the page's title and the heading's anchor. The measure's own page keeps its heading as text and is converted again
when it changes. A heading with an id may hold a mark: its entry in the table of contents is filled too.

In the navigation given to a renderer that fills marks after its templates (:func:`nav_with_marks`), a measure
page's title is its name mark: the navigation, the ``<title>`` and the search index of every page are filled once
the theme has rendered it (:mod:`scripts.render.names`), so that the pages an edited heading does not change keep
their rendered HTML (:mod:`scripts.render.rendered_pages`). The page's own first heading stays text.
"""

from __future__ import annotations

import html
import re
from collections.abc import Callable, Iterable, Mapping
from typing import Any

from scripts.data.models.countries import MEASURE_STATUSES
from scripts.pages.routes import measure_path
from scripts.pages.translation_notice import excerpt

OPEN, CLOSE = "\ue000", "\ue001"
#: the kinds of mark that stand for a country's status on a measure (filled with HTML, :func:`status_html`)
STATUS_KINDS = ("status", "statusicon")
KINDS = ("name", "excerpt", *STATUS_KINDS)
_ID = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")
MARK = re.compile(OPEN + r"([a-z]+):([a-z0-9-]+)" + CLOSE)
_STATUS_MARK = re.compile(OPEN + "(" + "|".join(STATUS_KINDS) + r"):([a-z0-9-]+)" + CLOSE)
#: A symbol for each status, shown with its word: the matrix never relies on colour alone.
STATUS_SYMBOLS = {"unknown": "–", "not-in-place": "○", "partly": "◐", "in-place": "●"}
#: where a page's translation notice goes: a paragraph of its own (below the page's title)
NOTICE = f"{OPEN}notice{CLOSE}"


class MisplacedNotice(ValueError):
    """A page whose notice has no mark, or whose mark has no notice (a generator's error)."""


class UnknownMark(KeyError):
    """A mark whose measure the language's names do not hold: a template's error (data and catalogs may not hold
    the mark characters, :mod:`scripts.data.markup`; a translation that does is never shown)."""

    def __str__(self) -> str:
        return str(self.args[0])


def mark(kind: str, identifier: str) -> str:
    """The mark of ``kind`` (:data:`KINDS`) for a generated page: of a measure's id (``name``, ``excerpt``) or of a
    status (``status``, ``statusicon``)."""
    if kind not in KINDS or not _ID.fullmatch(identifier):
        raise ValueError(f"no mark for {kind!r} of {identifier!r}")
    return f"{OPEN}{kind}:{identifier}{CLOSE}"


def with_notice(content: str, notice: str) -> str:
    """A page's Markdown with its ``notice`` written where its mark is (for a renderer that does not convert the
    notice apart, and for what reads a page's Markdown whole). Raises :class:`MisplacedNotice` when one of the
    two is missing or the mark is not on a line of its own."""
    line = NOTICE + "\n"
    if not notice:
        if NOTICE in content:
            raise MisplacedNotice("the page has a notice mark and no notice")
        return content
    at = content.find(line)
    if at < 0 or (at > 0 and content[at - 1] != "\n") or content.count(NOTICE) != 1:
        raise MisplacedNotice("the page's notice has no mark of its own on a line")
    return content[:at] + notice + content[at + len(line):]


def unmarked(text: str) -> str:
    """``text`` (from data or a catalog) without the mark characters: only templates write marks."""
    if OPEN in text or CLOSE in text:
        return text.replace(OPEN, "").replace(CLOSE, "")
    return text


def nav_with_marks(nav: Any, names: Mapping[str, str]) -> Any:
    """A navigation (as ``mkdocs.yml`` lists it) whose entries of measure pages are titled by their name mark
    rather than by the name, where the title is exactly that name (any other title is left as it is). Only for a
    renderer that fills marks in its finished pages (:mod:`scripts.render.names`)."""
    measures = {measure_path(key.split(":", 1)[1]): key.split(":", 1)[1]
                for key in names if key.startswith("name:")}

    def walk(item: Any) -> Any:
        if isinstance(item, list):
            return [walk(entry) for entry in item]
        if isinstance(item, dict) and len(item) == 1:
            (title, value), = item.items()
            if isinstance(value, str) and value in measures and title == names.get(f"name:{measures[value]}"):
                return {mark("name", measures[value]): value}
            return {title: walk(value)}
        return item

    return walk(nav)


def names_of(measures: Iterable[Any], translate: Callable[[str], str],
             labels: Mapping[str, Any] | None = None) -> dict[str, str]:
    """What each mark of a language stands for, as plain text: ``name:<id>`` the measure's translated heading,
    ``excerpt:<id>`` the excerpt of its English heading; with ``labels`` (``ui.yaml``'s), ``status:<status>`` and
    ``statusicon:<status>`` the status's translated label, for each status it has a label for."""
    names: dict[str, str] = {}
    for measure in measures:
        names[f"name:{measure.id}"] = unmarked(translate(measure.heading))
        names[f"excerpt:{measure.id}"] = unmarked(excerpt(measure.heading))
    for status in MEASURE_STATUSES if labels is not None else ():
        if f"status.{status}" in labels:  # (a data set without countries may have none)
            label = unmarked(translate(labels[f"status.{status}"]))
            names.update({f"{kind}:{status}": label for kind in STATUS_KINDS})
    return names


def status_html(kind: str, status: str, text: str) -> str:
    """The HTML of a status mark (``kind`` one of :data:`STATUS_KINDS`): the symbol (hidden from screen readers) and
    the label, shown (``status``) or for screen readers and as a title (``statusicon``). ``text``: the label as the
    fill writes it (escaped by :func:`fill_html` and :func:`fill_markdown`), written in as it is."""
    symbol = STATUS_SYMBOLS[status]
    if kind == "statusicon":
        return (f'<span class="status-mark status-mark--{status}" title="{text}"><span class="status-mark__symbol" '
                f'aria-hidden="true">{symbol}</span><span class="visually-hidden">{text}</span></span>')
    return (f'<span class="status-mark status-mark--{status}"><span class="status-mark__symbol" aria-hidden="true">'
            f'{symbol}</span><span class="status-mark__label">{text}</span></span>')


def _fill(text: str, names: Mapping[str, str], form: Callable[[str], str], pattern: re.Pattern = MARK) -> str:
    if OPEN not in text:
        return text

    def value(match: re.Match) -> str:
        kind, identifier = match.group(1), match.group(2)
        key = f"{kind}:{identifier}"
        try:
            name = names[key]
        except KeyError:
            which = "status" if kind in STATUS_KINDS else "measure"
            raise UnknownMark(f"a mark for {key!r}, which no {which} of the data has") from None
        return status_html(kind, identifier, form(name)) if kind in STATUS_KINDS else form(name)

    return pattern.sub(value, text)


def _escaped(name: str) -> str:
    return html.escape(name, quote=True)


def fill_statuses(text: str, names: Mapping[str, str]) -> str:
    """``text`` (a converted page's HTML) with its status marks filled as :func:`fill_html` fills them, and its
    other marks left as they are. Raises :class:`UnknownMark`."""
    return _fill(text, names, _escaped, _STATUS_MARK)


def fill_with(text: str, names: Mapping[str, str], form: Callable[[str], str]) -> str:
    """``text`` with its marks filled, each name written as ``form`` gives it (:func:`fill_html` and the others are
    this with a form of their own), each status as its HTML with its label so written (:func:`status_html`). Raises
    :class:`UnknownMark`."""
    return _fill(text, names, form)


def fill_html(text: str, names: Mapping[str, str]) -> str:
    """HTML with its marks filled: each name escaped for text and attribute values alike."""
    return _fill(text, names, _escaped)


def fill_markdown(text: str, names: Mapping[str, str]) -> str:
    """Markdown with its marks filled, for a renderer that cannot fill them after conversion: each name escaped as
    HTML entities, which Markdown keeps as they are in text, raw HTML and attribute lists alike, so a name never
    becomes an element or an attribute. Its Markdown punctuation is left as it is (escaping it would show the
    backslashes in raw HTML): a ``|`` in a name would split a table cell there, and ``*`` would emphasize. The
    MkDocs render, which fills names after conversion, shows them as written."""
    return _fill(text, names, _escaped)


def fill_text(text: str, names: Mapping[str, str]) -> str:
    """A page's Markdown with its marks filled as plain text (a status as its HTML, with its label as it is): what
    the page says, for what reads it before it is rendered (never for a renderer: :func:`fill_markdown`)."""
    return _fill(text, names, lambda name: name)
