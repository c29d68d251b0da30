"""The marks of a page (:mod:`scripts.pages.names`) filled in: its translation notice, converted apart, where the
notice mark's paragraph is, and the measure names, escaped. A page's Markdown conversion is kept by its Markdown
(:mod:`scripts.render.markdown_cache`), so a page whose only change is a measure's name, or its notice, is not
converted again.

Two ways, one per renderer:

- ``python -m scripts build`` (:mod:`scripts.render.hooks`) fills the marks in the finished page, once its
  template has rendered it (:func:`finish_page`): the content, the table of contents and the navigation reach the
  template with their marks, so the template's HTML of a page an edit did not otherwise change is the same, and
  kept (:mod:`scripts.render.rendered_pages`). Its status marks are filled in first of all, as HTML
  (:func:`fill_statuses`), then the content is checked (:func:`check_page`); the search index divides it with its
  other marks, filled in its entries (:func:`fill_searched`).
- ``serve`` (:mod:`scripts.mkdocs_plugin`) fills them in the content before any other plugin reads it
  (:func:`fill_page`).
"""

from __future__ import annotations

import html as html_module
import re
from collections.abc import Callable, Mapping
from typing import Any

from mkdocs.exceptions import PluginError

from scripts.pages.names import CLOSE, MARK, NOTICE, OPEN, UnknownMark, fill_html, fill_with
from scripts.pages.names import fill_statuses as _fill_statuses

#: the notice mark as its page's HTML has it: a paragraph of its own
NOTICE_PARAGRAPH = f"<p>{NOTICE}</p>"


def _toc_items(page: Any) -> list[Any]:
    found, stack = [], list(getattr(page, "toc", None) or [])
    while stack:
        item = stack.pop()
        found.append(item)
        stack.extend(item.children)
    return found


def check_page(html: str, page: Any, names: Mapping[str, str], has_notice: bool) -> None:
    """Fails the build, naming the page, for a notice without its paragraph, a notice mark without a notice, a
    mark in the page's title (made from its first heading, and kept with its conversion) and a mark no measure
    has, in the content or the table of contents."""
    where = f"the page {page.file.src_uri}"
    if has_notice and html.count(NOTICE_PARAGRAPH) != 1:
        raise PluginError(f"{where} has a translation notice and no paragraph of its own for it "
                          "(scripts/pages/names.py)")
    if not has_notice and NOTICE in html:
        raise PluginError(f"{where} has a notice mark and no notice (scripts/pages/names.py)")
    # the title made of the page's first heading (the navigation's title of a measure page is its mark, filled in
    # the finished page)
    for title in (getattr(page, "_title_from_render", None), (getattr(page, "meta", None) or {}).get("title")):
        if isinstance(title, str) and OPEN in title:
            raise PluginError(f"{where} has a measure's mark in its title: a page's first heading names a measure "
                              "as text (scripts/pages/names.py)")
    for text in [html, *(item.title for item in _toc_items(page))]:
        for match in MARK.finditer(text) if OPEN in text else ():
            key = f"{match.group(1)}:{match.group(2)}"
            if key not in names:
                raise PluginError(f"{where} holds a mark for {key!r}, which no measure of the data has")


def fill_statuses(html: str, page: Any, names: Mapping[str, str]) -> str:
    """A converted page's content with its status marks filled in (:func:`scripts.pages.names.status_html`), its
    other marks left for later; a status the names do not hold fails the build, naming the page."""
    try:
        return _fill_statuses(html, names)
    except UnknownMark as error:
        raise PluginError(f"the page {page.file.src_uri} holds {error}") from None


def fill_page(html: str, page: Any, names: Mapping[str, str], notice: str = "",
              convert: Callable[[str], str] | None = None) -> str:
    """``html`` (the page's content) and ``page.toc`` with the names filled in, escaped, and the page's
    ``notice`` (Markdown) converted by ``convert`` where its mark is; what :func:`check_page` refuses fails the
    build, naming the page."""
    if notice and convert is None:
        raise PluginError(f"the page {page.file.src_uri} has a translation notice and nothing to convert it")
    check_page(html, page, names, bool(notice))
    if notice:
        html = html.replace(NOTICE_PARAGRAPH, convert(notice))
    try:
        for item in _toc_items(page):
            if OPEN in item.title:
                item.title = fill_html(item.title, names)  # an AnchorLink's title is HTML
        return fill_html(html, names)
    except UnknownMark as error:
        raise PluginError(f"the page {page.file.src_uri} holds {error}") from None


def finish_page(output: str, names: Mapping[str, str], notice_html: str | None, where: str) -> str:
    """A page as its template made it, with the page's ``notice_html`` (converted, sanitized; None: the page has
    no notice) where the notice mark's paragraph is and every mark filled: in the content, the table of contents,
    the navigation and ``<title>``. A notice whose paragraph is not in the page once fails the build, naming the
    page (``where``), and so does anything of a mark left (:func:`fill_finished`)."""
    if notice_html is not None:
        if output.count(NOTICE_PARAGRAPH) != 1:
            raise PluginError(f"{where}: its template did not print the translation notice's paragraph once")
        output = output.replace(NOTICE_PARAGRAPH, notice_html)
    return fill_finished(output, names, where)


def fill_finished(html: str, names: Mapping[str, str], where: str) -> str:
    """Finished HTML (a page, the theme's 404 page, a search entry) with its marks filled in, escaped. ``where``
    names it in the error the build fails with when a mark names no measure, or when a mark character is left
    once the marks are filled (a notice mark no notice took, a mark a template changed: Material's feedback
    widget would ``urlencode`` a title)."""
    try:
        filled = fill_html(html, names) if OPEN in html else html
    except UnknownMark as error:
        raise PluginError(f"{where} holds {error}") from None
    left_over(filled, where)
    return filled


#: a mark's two characters as a template or a writer may have written them otherwise: as JSON (``\\ue000``), as a
#: character reference, URL-encoded (``%EE%80%80``); each looked for only where one of its beginnings occurs (most
#: pages hold ``\\u`` in their scripts' JSON)
_WRITTEN = ((("\\ue00", "\\uE00"), re.compile(r"\\u[eE]00[01]")),
            (("&#",), re.compile(r"&#(?:5734[45]|[xX][eE]00[01]);")),
            (("%",), re.compile(r"%(?:EE|ee)%80%8[01]")))


def left_over(text: str, where: str) -> None:
    """Fails the build, naming ``where``, when ``text`` (finished HTML, or a search index as JSON) still holds a
    mark's character, as it is or written in any of the ways of :data:`_WRITTEN`."""
    at = next((text.find(character) for character in (OPEN, CLOSE) if character in text), -1)
    length = 1
    if at < 0:
        for starts, pattern in _WRITTEN:
            found = pattern.search(text) if any(start in text for start in starts) else None
            if found:
                at, length = found.start(), len(found.group(0))
                break
    if at >= 0:
        raise PluginError(f"{where} still holds a mark once the measure names are filled in: "
                          f"{text[max(0, at - 40):at + length + 40]!r}")


def fill_searched(text: str, names: Mapping[str, str], where: str) -> str:
    """A search entry's title or text (as the search index's parser writes text: line breaks as spaces, ``&``,
    ``<`` and ``>`` escaped) with its marks filled the way the parser would have written the names."""
    if OPEN not in text:
        return text
    try:
        return fill_with(text, names, lambda name: html_module.escape(name.replace("\n", " "), quote=False))
    except UnknownMark as error:
        raise PluginError(f"{where} holds {error}") from None
