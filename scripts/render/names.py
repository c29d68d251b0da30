"""The measure names of a converted page filled in where the generated Markdown has their marks
(:mod:`scripts.pages.names`): in the page's HTML and in its table of contents, before any other plugin or hook
reads the content. A page's Markdown conversion is kept by its Markdown (:mod:`scripts.render.markdown_cache`),
so a page whose only change is a measure's name is not converted again."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from mkdocs.exceptions import PluginError

from scripts.pages.names import OPEN, UnknownMark, fill_html


def fill_page(html: str, page: Any, names: Mapping[str, str]) -> str:
    """``html`` (the page's content) and ``page.toc`` with the names filled in, escaped. A mark no measure has,
    or one in the page's title (made from its first heading, and kept with its conversion), fails the build,
    naming the page."""
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
