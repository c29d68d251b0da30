"""A page's anchor ids as MkDocs finds them, with the ids of its raw HTML parsed only when a lookup needs them.

MkDocs 1.6.1's ``Page.render`` gathers the ids a link may point to from two places: the converted element tree
(every ``id``, and the ``name`` of an ``a``: ``_ExtractAnchorsTreeprocessor``) and the raw HTML of the Markdown,
which Python-Markdown keeps out of the tree (``_RawHTMLPreprocessor``, just before ``html_block``, runs MkDocs'
``_HTMLHandler``, an HTML parser, over the whole text as the preprocessors before it left it). MkDocs reads the ids
only once every page is built, to check the links to anchors (``Page.validate_anchor_links``: is the anchor among
them?). Nearly every anchor linked to is a heading's, in the tree: in a cold French build, 2 of 1,414 lookups were
of ids found only in raw HTML, both on one page, while parsing every page's raw HTML took 0.055 of the language's
2.4 CPU seconds.

:class:`PageAnchors` holds the tree's ids and the text the parser would have read. A lookup of an id of the tree
answers at once; any other lookup, iteration or size parses the text with MkDocs' own parser first, once, so every
answer is the one the set MkDocs makes would give. What a parse finds depends only on the text, so it is the same
later as during the conversion. One difference is left: a text on which the parser raises would stop the build
while the page is converted in MkDocs, and here only when its ids are read (Python-Markdown's ``md_in_html``
parses the same text right after, with a more lenient subclass of the same parser).
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Set
from typing import Any

import markdown
from mkdocs.structure.pages import _HTMLHandler


class PageAnchors(Set):
    """The ids of a page (a set of strings to whoever reads it): ``ids`` found already, and ``texts`` whose raw
    HTML is parsed for more when first needed."""

    __slots__ = ("_ids", "_texts")

    def __init__(self, ids: Iterable[str] = (), texts: tuple[str, ...] = ()) -> None:
        self._ids = set(ids)
        self._texts = tuple(texts)

    def _parsed(self) -> set[str]:
        while self._texts:
            text, self._texts = self._texts[0], self._texts[1:]
            parser = _HTMLHandler()  # as MkDocs' _RawHTMLPreprocessor.run parses it
            parser.feed(text)
            parser.close()
            self._ids |= parser.present_anchor_ids
        return self._ids

    def __contains__(self, anchor: object) -> bool:
        return anchor in self._ids or (bool(self._texts) and anchor in self._parsed())

    def __iter__(self) -> Iterator[str]:
        return iter(self._parsed())

    def __len__(self) -> int:
        return len(self._parsed())

    def __or__(self, other: Any) -> Any:
        return union(self, other) if isinstance(other, Set) else NotImplemented

    __ror__ = __or__

    def __repr__(self) -> str:
        return f"PageAnchors({sorted(self._ids)!r}, {len(self._texts)} texts not parsed)"


def union(first: Set[str] | None, second: Set[str] | None) -> PageAnchors:
    """The ids of both (either may be None, as a page not converted has), the raw HTML of neither parsed."""
    ids: set[str] = set()
    texts: tuple[str, ...] = ()
    for part in (first, second):
        if isinstance(part, PageAnchors):
            ids |= part._ids
            texts += part._texts
        elif part is not None:
            ids |= set(part)
    return PageAnchors(ids, texts)


class RawHTMLText(markdown.preprocessors.Preprocessor):
    """In MkDocs' ``_RawHTMLPreprocessor``'s place (name and priority): keeps the text it would parse."""

    def __init__(self) -> None:
        super().__init__()
        self.text = ""

    def run(self, lines: list[str]) -> list[str]:
        self.text = "\n".join(lines)
        return lines

    def _register(self, md: markdown.Markdown) -> None:
        md.preprocessors.register(self, "mkdocs_raw_html", priority=21)  # right before 'html_block', as MkDocs
