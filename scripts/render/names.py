"""The marks of a converted page filled in (:mod:`scripts.pages.names`), before any other plugin or hook reads the
content: its translation notice, converted apart, where the notice mark's paragraph is, then the measure names,
in the page's HTML (the notice's too) and in its table of contents. A page's Markdown conversion is kept by its
Markdown (:mod:`scripts.render.markdown_cache`), so a page whose only change is a measure's name, or its notice,
is not converted again."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

from mkdocs.exceptions import PluginError

from scripts.pages.names import NOTICE, OPEN, UnknownMark, fill_html

#: the notice mark as its page's HTML has it: a paragraph of its own
NOTICE_PARAGRAPH = f"<p>{NOTICE}</p>"


def fill_page(html: str, page: Any, names: Mapping[str, str], notice: str = "",
              convert: Callable[[str], str] | None = None) -> str:
    """``html`` (the page's content) and ``page.toc`` with the names filled in, escaped, and the page's
    ``notice`` (Markdown) converted by ``convert`` where its mark is. A mark no measure has, one in the page's
    title (made from its first heading, and kept with its conversion), a notice without its mark or a mark without
    its notice fails the build, naming the page."""
    if notice:
        if html.count(NOTICE_PARAGRAPH) != 1 or convert is None:
            raise PluginError(f"the page {page.file.src_uri} has a translation notice and no paragraph of its own "
                              "for it (scripts/pages/names.py)")
        html = html.replace(NOTICE_PARAGRAPH, convert(notice))
    if NOTICE in html:
        raise PluginError(f"the page {page.file.src_uri} has a notice mark and no notice (scripts/pages/names.py)")
    title = getattr(page, "title", None)
    if isinstance(title, str) and OPEN in title:
        raise PluginError(f"the page {page.file.src_uri} has a measure's mark in its title: a page's first heading "
                          "names a measure as text (scripts/pages/names.py)")
    try:
        stack = list(getattr(page, "toc", None) or [])
        while stack:
            item = stack.pop()
            if OPEN in item.title:
                item.title = fill_html(item.title, names)  # an AnchorLink's title is HTML
            stack.extend(item.children)
        return fill_html(html, names)
    except UnknownMark as error:
        raise PluginError(f"the page {page.file.src_uri} holds {error}") from None
