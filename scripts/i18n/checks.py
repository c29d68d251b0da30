"""Checks on a language catalog: it compiles, and every translation keeps what must not change.

What must survive translation unchanged: Markdown link targets ``[text](target)`` (the text is translated, the
target never), URLs, placeholders (``{name}``, ``{{ x }}``, ``%s``, ``%(name)s``) and numbers (paragraph and
article numbers, dates, counts). Outdated (fuzzy) translations are checked too: they come back once reviewed.
"""

from __future__ import annotations

import re
import tempfile
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import polib

from scripts.data.markup import markup_problems

LINK_TARGET = re.compile(r"\]\(([^)\s]+)(?:\s+\"[^\"]*\")?\)")
URL = re.compile(r"(?<![\w(])https?://[^\s)>\]]+")
PLACEHOLDER = re.compile(r"\{\{\s*[\w.]+\s*\}\}|\{[A-Za-z_][\w.]*\}|%(?:\([\w]+\))?[sdif]")
NUMBER = re.compile(r"\d+")
#: what any of the four may start with: a text without it in either language keeps everything
_ANY = re.compile(r"[{%\d]|\]\(|https?://")


@dataclass(frozen=True)
class CatalogProblem:
    path: Path
    line: int
    msgid: str
    message: str

    def __str__(self) -> str:
        short = self.msgid if len(self.msgid) <= 60 else self.msgid[:57] + "..."
        short = short.replace("\n", " ")
        if not self.msgid:
            return f"{self.path}:{self.line}: {self.message}"
        return f"{self.path}:{self.line}: msgid {short!r}: {self.message}"


def kept(english: str, translation: str) -> list[str]:
    """What ``translation`` lost or added compared with ``english`` (empty when all is kept)."""
    if _ANY.search(english) is None and _ANY.search(translation) is None:
        return []  # the common case, quickly: a reader's every string goes through this (scripts.i18n.status)
    problems = []
    for what, pattern in (("link target", LINK_TARGET), ("URL", URL), ("placeholder", PLACEHOLDER)):
        found, wanted = pattern.findall(english), pattern.findall(translation)
        if sorted(found) == sorted(wanted):
            continue
        source, target = Counter(found), Counter(wanted)
        missing = sorted((source - target).elements())
        extra = sorted((target - source).elements())
        detail = "; ".join(part for part in (f"missing {missing}" if missing else "",
                                             f"unexpected {extra}" if extra else "") if part)
        problems.append(f"{what}s differ: {detail}")
    # Numbers: every number of the English must appear in the translation (inside link targets and URLs too,
    # which the checks above already compare, so they are left out here).
    numbers = NUMBER.findall(_without_targets(english))
    if numbers:
        lost = sorted((Counter(numbers) - Counter(NUMBER.findall(_without_targets(translation)))).elements(), key=int)
        if lost:
            problems.append(f"numbers missing from the translation: {', '.join(lost)}")
    return problems


def _without_targets(text: str) -> str:
    if "](" not in text and "://" not in text:
        return text
    return URL.sub(" ", LINK_TARGET.sub("]", text))


def check_catalog(path: Path) -> list[CatalogProblem]:
    """Every problem of one ``.po`` file: it must parse and compile, and translations must keep links,
    URLs, placeholders and numbers, and hold text only (no HTML, attribute lists or foreign link schemes)."""
    po, problems = read_catalog(path)
    if po is None:
        return problems
    problems = list(_compile(path, po))
    for entry in po:
        if entry.obsolete:
            continue
        if entry.msgid_plural:
            # every plural form keeps what the English plural keeps ({count} included)
            for index, form in sorted(entry.msgstr_plural.items()):
                if str(form).strip():
                    for message in kept(entry.msgid_plural, str(form)):
                        problems.append(CatalogProblem(path, entry.linenum or 0, entry.msgid,
                                                       f"plural form {index}: {message}"))
                    for message in markup_problems(str(form)):
                        problems.append(CatalogProblem(path, entry.linenum or 0, entry.msgid,
                                                       f"plural form {index}: the translation holds {message}"))
            continue
        if not entry.msgstr.strip():
            continue
        for message in kept(entry.msgid, entry.msgstr):
            problems.append(CatalogProblem(path, entry.linenum or 0, entry.msgid, message))
        for message in markup_problems(entry.msgstr):
            problems.append(CatalogProblem(path, entry.linenum or 0, entry.msgid,
                                           f"the translation holds {message}"))
    return problems


#: A catalog larger than this is refused before parsing (the largest real one is about 1 MiB).
MAX_CATALOG_BYTES = 16 * 1024 * 1024


#: one line of a PO file that is not a comment: a keyword and a quoted string, or a quoted string continuing it.
#: The string's characters are matched as runs between escapes (``"[^"\\]*(?:\\.[^"\\]*)*"``), not one at a time
#: (``"(?:[^"\\]|\\.)*"``, the same strings): a catalog of 1 MiB is checked in 9 ms instead of 26
_PO_LINE = re.compile(r'^(?:(?:msgctxt|msgid|msgid_plural|msgstr(?:\[\d+\])?)\s+)?"[^"\\]*(?:\\.[^"\\]*)*"$')


class CatalogError(Exception):
    """A catalog that cannot be read; carries its problems."""

    def __init__(self, problems: list[CatalogProblem]):
        self.problems = problems
        super().__init__("\n".join(map(str, problems)))


def read_catalog(path: Path, raw: bytes | None = None) -> tuple[polib.POFile | None, list[CatalogProblem]]:
    """Parse one ``.po`` file (``raw``: its bytes, read already): the catalog, or None and where it breaks
    (``file:line``), never a traceback."""
    try:
        size = path.stat().st_size if raw is None else len(raw)
        if size > MAX_CATALOG_BYTES:
            return None, [CatalogProblem(path, 1, "", f"the file is {size / 1048576:.1f} MiB; catalogs may be at "
                                                      f"most {MAX_CATALOG_BYTES // 1048576} MiB")]
        raw = path.read_bytes() if raw is None else raw
        try:
            raw.decode("utf-8")
        except UnicodeDecodeError as error:
            line = raw[: error.start].count(b"\n") + 1
            return None, [CatalogProblem(path, line, "", f"not valid UTF-8 (byte 0x{raw[error.start]:02x}): "
                                                         "save the catalog with UTF-8 encoding")]
        text = raw.decode("utf-8").removeprefix("\ufeff")
        for number, line in enumerate(text.splitlines(), 1):
            stripped = line.strip()
            if stripped and not stripped.startswith("#") and not _PO_LINE.match(stripped):
                return None, [CatalogProblem(path, number, "", "syntax error: expected msgid, msgstr or a quoted "
                                                               "string closed on the same line, got "
                                                               f"{stripped[:40]!r}")]
        return polib.pofile(text, encoding="utf-8"), []
    except (OSError, ValueError, UnicodeError, LookupError, IndexError, KeyError, RecursionError) as error:
        text = str(error)
        found = re.search(r"\(line (\d+)\)", text)
        text = re.sub(r" in po file \S+ \(line \d+\)", "", text)
        return None, [CatalogProblem(path, int(found.group(1)) if found else 1, "", f"cannot be read: {text}")]


def load_catalog(path: Path, raw: bytes | None = None) -> polib.POFile:
    """The catalog at ``path`` (``raw``: its bytes, read already); raises :class:`CatalogError` when it cannot be
    read."""
    po, problems = read_catalog(path, raw)
    if po is None:
        raise CatalogError(problems)
    return po


def _compile(path: Path, po: polib.POFile) -> Iterator[CatalogProblem]:
    """Compile to a .mo file (what gettext tools would do) to catch what the parser lets through."""
    if not po.metadata.get("Content-Type", "").lower().endswith("charset=utf-8"):
        yield CatalogProblem(path, 1, "", "header: Content-Type must be 'text/plain; charset=UTF-8'")
    seen: set[str] = set()
    for entry in po:
        if entry.obsolete:
            continue
        if entry.msgid in seen:
            yield CatalogProblem(path, entry.linenum or 0, entry.msgid, "duplicate msgid")
        seen.add(entry.msgid)
        if entry.msgid.endswith("\n") != entry.msgstr.endswith("\n") and entry.msgstr:
            yield CatalogProblem(path, entry.linenum or 0, entry.msgid,
                                 "msgid and msgstr must both end with a newline, or neither")
    with tempfile.TemporaryDirectory() as tmp:
        try:
            po.save_as_mofile(str(Path(tmp) / "check.mo"))
        except Exception as error:  # noqa: BLE001 - report any failure of the compiler as a problem
            yield CatalogProblem(path, 0, "", f"does not compile: {error}")
