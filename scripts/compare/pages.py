"""Do two built sites show the same pages? Each HTML page of one is compared with the page at the same path in the
other, as a browser reads them, not byte by byte.

A change of renderer or of Markdown converter (issue 16, CONTRIBUTING.md: "A faster Markdown converter") writes
the same page with other whitespace, another order of attributes or another spelling of a character. None of that
changes what a reader sees, so each page is parsed (lxml's HTML parser) and written out again in one canonical
form, one line per start tag, text and end tag:

- attributes sorted by name, character references resolved (``&para;`` and ``¶`` are the same text);
- text outside ``pre``, ``textarea``, ``script`` and ``style`` with its runs of white space made one space, and
  white space alone between two tags dropped. Between blocks a browser shows nothing for it; between two inline
  elements it shows one space, and a difference there is not reported (one beside a word is);
- comments dropped.

Everything else counts: a tag, an attribute or its value, a word. What differs is shown as a unified diff of the
canonical lines.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import lxml.etree
import lxml.html

#: elements whose white space is part of their content
_VERBATIM = frozenset({"pre", "textarea", "script", "style"})
_SPACES = re.compile(r"\s+")


def _text(value: str | None, verbatim: bool) -> Iterator[str]:
    if not value:
        return
    if verbatim:
        yield "text " + repr(value)
        return
    collapsed = _SPACES.sub(" ", value)
    if collapsed.strip():
        yield "text " + repr(collapsed)


def _lines(element: lxml.etree._Element, verbatim: bool) -> Iterator[str]:
    tag = element.tag
    if not isinstance(tag, str):  # a comment or a processing instruction: not shown
        yield from _text(element.tail, verbatim)
        return
    attributes = " ".join(f"{name}={value!r}" for name, value in sorted(element.attrib.items()))
    yield f"<{tag}{' ' if attributes else ''}{attributes}>"
    inside = verbatim or tag in _VERBATIM
    yield from _text(element.text, inside)
    for child in element:
        yield from _lines(child, inside)
    yield f"</{tag}>"
    yield from _text(element.tail, verbatim)


#: pages are written in UTF-8 (``<meta charset="utf-8">``); bytes, so that a declaration in the page is no error
_PARSER = lxml.html.HTMLParser(encoding="utf-8")


def canonical(html: bytes) -> list[str]:
    """The page ``html`` as canonical lines: what two pages must share to show the same thing."""
    if not html.strip():
        return []
    return list(_lines(lxml.html.document_fromstring(html, parser=_PARSER), False))


@dataclass
class Comparison:
    """The pages of two sites, by path relative to each site's folder."""

    #: pages that read the same
    same: list[str] = field(default_factory=list)
    #: page -> the unified diff of its canonical lines
    differing: dict[str, list[str]] = field(default_factory=dict)
    #: pages only the first site has
    only_old: list[str] = field(default_factory=list)
    #: pages only the second site has
    only_new: list[str] = field(default_factory=list)

    @property
    def equal(self) -> bool:
        return not (self.differing or self.only_old or self.only_new)


def _pages(site: Path, under: str) -> set[str]:
    return {path.relative_to(site).as_posix() for path in site.rglob("*.html")
            if path.is_file() and path.relative_to(site).as_posix().startswith(under)}


def compare_sites(old: Path, new: Path, under: str = "", context: int = 2) -> Comparison:
    """Compare every HTML page of ``old`` with the page at the same path in ``new`` (``under``: only the pages
    whose path starts with it, such as ``fr/`` or ``guidelines/``)."""
    old_pages, new_pages = _pages(old, under), _pages(new, under)
    result = Comparison(only_old=sorted(old_pages - new_pages), only_new=sorted(new_pages - old_pages))
    for page in sorted(old_pages & new_pages):
        before, after = (old / page).read_bytes(), (new / page).read_bytes()
        if before == after:
            result.same.append(page)
            continue
        a, b = canonical(before), canonical(after)
        if a == b:
            result.same.append(page)
        else:
            result.differing[page] = list(difflib.unified_diff(a, b, f"old/{page}", f"new/{page}", n=context,
                                                               lineterm=""))
    return result
