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
later as during the conversion. A text without ``<`` holds no tag, so no id: none is kept. This spares the parse in
a build that keeps nothing (the cold build the benchmark times); a build that keeps its conversions
(:mod:`scripts.render.markdown_cache`) stores every id of a page it converts, which parses the text then.

The parser raises on some texts (Python 3.11's raises an ``AssertionError`` on a marked section it does not know,
``<![`` followed by another word), where MkDocs stops while it converts the page and Python-Markdown's ``md_in_html``
(a more lenient subclass of the same parser) does not. A text holding ``<![`` is therefore parsed with the page, as in
MkDocs; should a text parsed later raise all the same (another Python's parser), the error names the page.

``present_anchor_ids`` is declared a ``set`` by MkDocs; a ``PageAnchors`` is a :class:`collections.abc.Set` (``in``,
iteration, size, comparisons, ``|``, ``&``, ``-``), with no ``add`` or ``update``, and ``isinstance(anchors, set)`` is
false. Nothing installed reads more than ``in`` and ``is None`` (MkDocs itself); a plugin that needs a real ``set``
gets one from ``set(page.present_anchor_ids)``.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Set
from typing import Any

import markdown
from mkdocs.structure.pages import _HTMLHandler

#: a marked section, on which the parser may raise: such a text is parsed with its page, as MkDocs parses it
_PARSED_AT_ONCE = "<!["


class PageAnchors(Set):
    """The ids of the page ``where`` (a set of strings to whoever reads it): ``ids`` found already, and ``texts``
    whose raw HTML is parsed for more when first needed."""

    __slots__ = ("_ids", "_texts", "where")

    def __init__(self, ids: Iterable[str] = (), texts: Iterable[str] = (), where: str = "") -> None:
        self._ids = set(ids)
        self._texts = tuple(text for text in texts if "<" in text)
        self.where = where
        if any(_PARSED_AT_ONCE in text for text in self._texts):
            self._parsed()

    def _parsed(self) -> set[str]:
        while self._texts:
            parser = _HTMLHandler()  # as MkDocs' _RawHTMLPreprocessor.run parses it
            try:
                parser.feed(self._texts[0])
                parser.close()
            except Exception as error:
                raise RuntimeError(f"the raw HTML of {self.where or 'a page'} cannot be read for its anchors: "
                                   f"{error}") from error
            self._ids |= parser.present_anchor_ids
            self._texts = self._texts[1:]  # only once its ids are in: a parse that raised raises again
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
        return f"PageAnchors({sorted(self._ids)!r}, {len(self._texts)} texts not parsed, where={self.where!r})"


def union(first: Set[str] | None, second: Set[str] | None) -> PageAnchors:
    """The ids of both (either may be None, as a page not converted has), the raw HTML of neither parsed; a new
    object, both left as they were."""
    ids: set[str] = set()
    texts: tuple[str, ...] = ()
    where = ""
    for part in (first, second):
        if isinstance(part, PageAnchors):
            ids |= part._ids
            texts += part._texts
            where = where or part.where
        elif part is not None:
            ids |= set(part)
    return PageAnchors(ids, texts, where)


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
