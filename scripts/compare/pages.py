"""Do two built sites show the same pages? Each HTML page of one is compared with the page at the same path in the
other after both are parsed as a browser parses them (html5lib, the HTML standard's parsing algorithm), not byte
by byte. JSON files (the search indexes) are compared as the data they hold; other files are only checked to be
on both sides.

A change of renderer or of Markdown converter (issue 16, CONTRIBUTING.md: "A faster Markdown converter") writes
the same page with other white space, another order of attributes or another spelling of a character. None of
that changes what a reader sees, so each page is written out again in one canonical form, one line per start tag,
text and end tag:

- the doctype, then the elements as the parser built them (a ``tbody`` the parser adds, an inline element it
  carries into the next paragraph, a newline it drops after ``<pre>``: as a browser has them);
- attributes sorted by name, the classes of ``class`` sorted, a boolean attribute (``hidden``, ``open``, ...)
  present or not whatever its value, character references resolved (``&para;`` and ``¶`` are one text);
- comments dropped, and the text on either side of one joined;
- outside ``pre``, ``textarea``, ``script`` and ``style``: runs of ASCII white space made one space (a no-break
  or narrow space is text, as in a browser), white space dropped where a block element starts or ends (``<li>one
  <ul>`` and ``<li>one<ul>`` read the same), and kept as one space between two inline elements or beside a word.

Everything else counts: a tag, an attribute or its value, a word, a space between two links. What differs is shown
as a unified diff of the canonical lines. This follows the parsing rules, not the whole of CSS: white space at the
start or end of an inline element beside a block boundary, or an element a style sheet turns into a block, may be
reported though a reader would see no difference.
"""

from __future__ import annotations

import difflib
import json
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import html5lib
import lxml.etree

#: elements whose white space is part of their content
_VERBATIM = frozenset({"pre", "textarea", "script", "style", "listing", "plaintext", "xmp"})
#: elements a browser lays out as blocks (or as table parts, list items, document parts) in its default style
_BLOCK = frozenset({
    "address", "article", "aside", "blockquote", "body", "caption", "dd", "details", "dialog", "div", "dl", "dt",
    "fieldset", "figcaption", "figure", "footer", "form", "h1", "h2", "h3", "h4", "h5", "h6", "head", "header",
    "hgroup", "hr", "html", "legend", "li", "link", "main", "menu", "meta", "nav", "ol", "optgroup", "option", "p",
    "pre", "script", "search", "section", "style", "summary", "table", "tbody", "td", "tfoot", "th", "thead",
    "title", "tr", "ul", "br", "noscript", "template"})
#: attributes whose presence is their meaning (their value does not count)
_BOOLEAN = frozenset({
    "allowfullscreen", "async", "autofocus", "autoplay", "checked", "controls", "default", "defer", "disabled",
    "formnovalidate", "hidden", "inert", "ismap", "itemscope", "loop", "multiple", "muted", "nomodule",
    "novalidate", "open", "playsinline", "readonly", "required", "reversed", "selected"})
#: HTML's white space (a browser collapses these, and no other space)
_ASCII_SPACE = " \t\n\r\f"
_SPACES = re.compile(f"[{re.escape(_ASCII_SPACE)}]+")

#: a token: ("<", tag, attributes), (">", tag, "") or ("text", value, "verbatim" or "")
Token = tuple[str, str, str]


class PageError(Exception):
    """A file that cannot be read or compared; the message names the file and why."""

    def __init__(self, path: Path, reason: str) -> None:
        super().__init__(f"{path}: {reason}")


def _attributes(element: lxml.etree._Element) -> str:
    shown = []
    for name, value in sorted(element.attrib.items()):
        if name in _BOOLEAN:
            shown.append(name)
            continue
        if name == "class":
            value = " ".join(sorted(value.split()))
        shown.append(f"{name}={value!r}")
    return " ".join(shown)


def _tokens(element: lxml.etree._Element, verbatim: bool) -> Iterator[Token]:
    """The element's start tag, its text and children, its end tag (comments leave only their tail)."""
    inside = verbatim or element.tag in _VERBATIM
    yield "<", element.tag, _attributes(element)
    if element.text:
        yield "text", element.text, "verbatim" if inside else ""
    for child in element:
        if isinstance(child.tag, str):
            yield from _tokens(child, inside)
        if child.tail:
            yield "text", child.tail, "verbatim" if inside else ""
    yield ">", element.tag, ""


def _joined(tokens: Iterator[Token]) -> list[Token]:
    """Text next to text (on either side of a comment) as one."""
    out: list[Token] = []
    for token in tokens:
        if token[0] == "text" and out and out[-1][0] == "text" and out[-1][2] == token[2]:
            out[-1] = ("text", out[-1][1] + token[1], token[2])
        else:
            out.append(token)
    return out


def _is_block(token: Token | None) -> bool:
    return token is None or (token[0] in "<>" and token[1] in _BLOCK)


def _lines(tokens: list[Token]) -> Iterator[str]:
    for index, (kind, value, extra) in enumerate(tokens):
        if kind == "<":
            yield f"<{value}{' ' if extra else ''}{extra}>"
        elif kind == ">":
            yield f"</{value}>"
        elif extra == "verbatim":
            yield "text " + repr(value)
        else:
            text = _SPACES.sub(" ", value)
            if _is_block(tokens[index - 1] if index else None):
                text = text.lstrip(_ASCII_SPACE)
            if _is_block(tokens[index + 1] if index + 1 < len(tokens) else None):
                text = text.rstrip(_ASCII_SPACE)
            if text:
                yield "text " + repr(text)


def canonical(html: bytes) -> list[str]:
    """The page ``html`` as canonical lines: what two pages must share to show the same thing."""
    tree = html5lib.parse(html, treebuilder="lxml", namespaceHTMLElements=False)
    return [f"doctype {tree.docinfo.doctype!r}", *_lines(_joined(_tokens(tree.getroot(), False)))]


@dataclass
class Comparison:
    """The files of two sites, by path relative to each site's folder."""

    #: HTML pages that read the same, and JSON files that hold the same data
    same: list[str] = field(default_factory=list)
    #: page -> the unified diff of its canonical lines (a JSON file: of its data, keys sorted)
    differing: dict[str, list[str]] = field(default_factory=dict)
    #: files only the first site has
    only_old: list[str] = field(default_factory=list)
    #: files only the second site has
    only_new: list[str] = field(default_factory=list)

    @property
    def equal(self) -> bool:
        return not (self.differing or self.only_old or self.only_new)


def _files(site: Path, under: str) -> set[str]:
    return {path.relative_to(site).as_posix() for path in site.rglob("*")
            if path.is_file() and path.relative_to(site).as_posix().startswith(under)}


def _read(path: Path) -> bytes:
    try:
        return path.read_bytes()
    except OSError as error:
        raise PageError(path, f"cannot be read ({error.strerror or error})") from None


def _json_lines(path: Path, data: bytes) -> list[str]:
    try:
        return json.dumps(json.loads(data), indent=1, sort_keys=True, ensure_ascii=False).splitlines()
    except (ValueError, RecursionError) as error:
        raise PageError(path, f"is not valid JSON ({error})") from None


def compare_sites(old: Path, new: Path, under: str = "", context: int = 2) -> Comparison:
    """Compare every HTML page and JSON file of ``old`` with the file at the same path in ``new``, and list the
    files only one of them has (``under``: only the paths that start with it, such as ``fr/`` or
    ``guidelines/``). Raises :class:`PageError` for a file that cannot be read or a JSON file that does not parse."""
    old_files, new_files = _files(old, under), _files(new, under)
    result = Comparison(only_old=sorted(old_files - new_files), only_new=sorted(new_files - old_files))
    for path in sorted(old_files & new_files):
        if not path.endswith((".html", ".json")):
            continue
        before, after = _read(old / path), _read(new / path)
        if before == after:
            result.same.append(path)
            continue
        if path.endswith(".html"):
            a, b = canonical(before), canonical(after)
        else:
            a, b = _json_lines(old / path, before), _json_lines(new / path, after)
        if a == b:
            result.same.append(path)
        else:
            result.differing[path] = list(difflib.unified_diff(a, b, f"old/{path}", f"new/{path}", n=context,
                                                               lineterm=""))
    return result
