"""Material's search index, built faster: the same entries (the same ``search/search_index.json``), with a quicker
way of dividing a page into sections.

Material's :class:`~material.plugins.search.plugin.SearchIndex` feeds every page through its ``Parser``, an
``html.parser.HTMLParser`` subclass: a pure-Python tokenizer, and handlers that compare its elements by tag through
Python-level ``__eq__``/``__hash__`` calls at every tag and every run of text. That was about a fifth of the CPU of
rendering a language. :func:`sections` gives the same :class:`Section` list: one regular expression cuts the page
into text, start tags and end tags, and the handlers are Material's, line for line, on a stack of tag names (which
is what Material's elements compare as: an ``h2`` "in the context" is any ``h2``, an excluded ``div`` in the skip
set matches any ``div``; those quirks are kept).

The fast path takes only markup whose tokens it can prove ``HTMLParser`` reads the same way: what the sanitizer of
:mod:`scripts.render.security` writes (html5ever's serialization: lower-case names, double-quoted attribute values,
no comments, no ``/>``) and the JSON ``<script>`` blocks it keeps. Anything else in a page (a comment, a stray ``<``,
an unquoted or single-quoted attribute, ``<script>`` or ``<style>`` content with a ``<``...) sends that whole page
to Material's own parser, so the index is the same for any page; ``tests/test_search_index_builder.py`` holds the
two side by side.

:class:`SearchIndex` is Material's with only ``add_entry_from_context`` replaced (the entries, the tags, the boost,
the JSON written are Material's code); :func:`use_fast_index` puts one in the place of the search plugin's own, from
the MkDocs hooks (:mod:`scripts.render.hooks`). Material is pinned to 9.8.x (pyproject.toml): a new Material whose
parser differs fails the test above rather than the site.

Two more of Material's steps are repeated here, each only while Material's own is the code it was read from
(:data:`READ`, digests of their source; otherwise Material's runs, as it is):

- the index is written as JSON once, in UTF-8 (``SearchIndex.generate_search_index``): Material writes every
  letter outside ASCII as an escape (``\\u10d0``), which :func:`scripts.render.post.rewrite_search_index` then read
  back and wrote again as UTF-8; the text is the one that gave, and the rewrite now leaves an index without escapes
  alone;
- the search plugin's ``on_page_context`` (:func:`quick_page_context`, put in the plugin's place in MkDocs' list of
  that event's handlers) removes the ``data-search-*`` attributes from the page's content with :func:`indexed`:
  the same text as Material's regular expression gives, found where ``data-search-`` occurs rather than tried at
  every character (the expression took about half a millisecond a page, 0.4 s of a whole build's CPU).
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from html import escape, unescape
from typing import Any

from material.plugins.search.plugin import Element, Parser, SearchPlugin, Section, void
from material.plugins.search.plugin import SearchIndex as MaterialSearchIndex

from scripts.files import source_digest

_HEADINGS = frozenset(("h1", "h2", "h3", "h4", "h5", "h6"))
#: Material's Parser.keep: the tags written into an entry's text
_KEEP = frozenset(("p", "code", "pre", "li", "ol", "ul", "sub", "sup"))
#: Material's Parser.skip at the start: the tags whose content is never indexed (and never leave the skip set)
_ALWAYS_SKIPPED = ("object", "script", "style")
#: the tags ``HTMLParser`` reads as raw text up to their end tag (CDATA_CONTENT_ELEMENTS)
_RAW_TEXT = frozenset(("script", "style"))
_VOID = frozenset(void)
_INFINITY = float("inf")

_SPACE = r"[ \t\n\r\f]"
_NAME = r"[a-zA-Z][a-zA-Z0-9-]*"
_ATTRIBUTES = rf"((?:{_SPACE}+[a-zA-Z_:][-a-zA-Z0-9_:.]*(?:=\"[^\"]*\")?)*){_SPACE}*>"
#: one token of the fast path: text, a raw-text element whole (its content has no "<"), a start tag, an end tag
_TOKEN = re.compile(
    rf"([^<]+)"
    rf"|<(script|style){_ATTRIBUTES}[^<]*</\2>"
    rf"|<({_NAME}){_ATTRIBUTES}"
    rf"|</({_NAME})>"
)
#: a start tag whose attributes (other than a heading's) are worth reading; "&": a value written with references
_READ = re.compile(r"data-search-exclude|linenodiv|headerlink|&", re.IGNORECASE)
_ATTRIBUTE = re.compile(r"([a-zA-Z_:][-a-zA-Z0-9_:.]*)(=\"([^\"]*)\")?")


def _attributes(source: str) -> dict[str, str | None]:
    """A start tag's attributes as ``HTMLParser`` gives them: names in lower case, values unquoted and unescaped,
    ``None`` for an attribute without a value, the last of a repeated name."""
    return {name.lower(): (unescape(value) if "&" in value else value) if equals else None
            for name, equals, value in _ATTRIBUTE.findall(source)}


def sections(html: str) -> list[Section]:
    """The sections of a page's content, as Material's ``Parser`` divides them (the same titles, texts, ids,
    elements and depths)."""
    fast = _fast_sections(html)
    if fast is not None:
        return fast
    parser = Parser()
    parser.feed(html)
    parser.close()
    return parser.data


def _fast_sections(html: str) -> list[Section] | None:
    """:func:`sections` by the fast path, or ``None`` when ``html`` holds markup the fast path does not take."""
    context: list[str] = []  # the open elements' tags (Material: Element objects, compared by tag)
    permalinks: list[bool] = []  # for each: an <a class="headerlink">
    open_permalinks = 0
    skip = set(_ALWAYS_SKIPPED)  # Material's skip set: Elements hash and compare as their tag
    data: list[Section] = []
    section: Section | None = None
    heading = ""  # section.el.tag
    title: list[str] = []
    text: list[str] = []
    position = 0

    for match in _TOKEN.finditer(html):
        if match.start() != position:
            return None
        position = match.end()
        kind = match.lastindex

        if kind == 1:  # ------------------------------------------------------------------ handle_data
            if not skip.isdisjoint(context):
                continue
            value = match.group(1)
            if "&" in value:
                value = unescape(value)
            in_pre = "pre" in context
            if not in_pre:
                value = " " if value.isspace() else value.replace("\n", " ")
            if section is None:
                section = Section(Element("hx"))
                data.append(section)
                heading, title, text = "hx", section.title, section.text
            if heading in context:
                if not open_permalinks:
                    title.append(escape(value, quote=False))
            elif value.isspace():
                if not text or not text[-1].isspace() or in_pre:
                    text.append(value)
            else:
                text.append(escape(value, quote=False))
            continue

        if kind == 3:  # a raw-text element: its start tag, its content (skipped), its end tag
            tag, source, closing = match.group(2), match.group(3), match.group(2)
        elif kind == 5:
            tag, source, closing = match.group(4).lower(), match.group(5), None
            if tag in _RAW_TEXT:  # content with a "<": HTMLParser's raw-text rules, not ours
                return None
        else:
            tag, source, closing = None, "", match.group(6).lower()

        if tag is not None:  # ------------------------------------------------------------ handle_starttag
            # the attributes the handlers read: a heading's id, a class (headerlink, linenodiv), the exclusion
            attrs = _attributes(source) if source and (tag in _HEADINGS or _READ.search(source)) else {}
            if tag not in _VOID:
                context.append(tag)
                permalink = tag == "a" and attrs.get("class") == "headerlink"
                permalinks.append(permalink)
                open_permalinks += permalink
                if tag in _HEADINGS and "id" in attrs:
                    depth = len(context)
                    if tag != "h1" and not data:
                        data.append(Section(Element("hx"), depth))
                    section = Section(Element(tag, attrs), depth)
                    if data:  # a first h1 has no id: its entry is the page itself
                        section.id = attrs["id"]
                    data.append(section)
                    heading, title, text = tag, section.title, section.text
                if section is None:
                    section = Section(Element("hx"))
                    data.append(section)
                    heading, title, text = "hx", section.title, section.text
                if "data-search-exclude" in attrs or attrs.get("class") == "linenodiv":
                    skip.add(tag)
                elif tag in _KEEP and skip.isdisjoint(context):
                    (title if heading in context else text).append(f"<{tag}>")

        if closing is not None:  # ------------------------------------------------------- handle_endtag
            if not context or context[-1] != closing:
                continue
            depth = len(context)
            if section.depth > depth:
                for previous in reversed(data):
                    if previous.depth <= depth:
                        section.depth = _INFINITY
                        section = previous
                        heading, title, text = section.el.tag, section.title, section.text
                        break
            popped = context.pop()
            open_permalinks -= permalinks.pop()
            if popped in skip:
                if popped not in _ALWAYS_SKIPPED:
                    skip.remove(popped)
                continue
            if closing in _KEEP and skip.isdisjoint(context):
                kept = title if heading in context else text
                index = kept.index(f"<{closing}>")
                for item in kept[index + 1:]:
                    if not item.isspace():
                        kept.append(f"</{closing}>")
                        break
                else:
                    del kept[index:]

    if position != len(html):
        return None
    return data


class SearchIndex(MaterialSearchIndex):
    """Material's search index, dividing pages with :func:`sections` (or ``divide``: the same sections, kept
    between builds by :func:`scripts.render.markdown_cache.search_sections`)."""

    divide: Callable[[str], list[Section]] = staticmethod(sections)
    #: the HTML of a page that is divided (its content, or less: the hooks leave out its notice's paragraph)
    content: Callable[[Any], str] = staticmethod(lambda page: page.content)
    #: fills the marks of a page's entries (:func:`scripts.render.names.fill_searched`)
    fill: Callable[[str], str] = staticmethod(lambda text: text)

    def add_entry_from_context(self, page: Any) -> None:
        search = page.meta.get("search") or {}
        if search.get("exclude"):
            return
        first = len(self.entries)
        for section in self.divide(self.content(page)):
            if not section.is_excluded():
                self.create_entry_for_section(section, page.toc, page.url, page)
        for entry in self.entries[first:]:
            entry["title"], entry["text"] = self.fill(entry["title"]), self.fill(entry["text"])

    def generate_search_index(self, prev: Any) -> str:
        """Material's ``generate_search_index`` (the previous build's entries merged in as it merges them), with
        the JSON written in UTF-8 rather than in ASCII escapes; Material's own where it is not the one read."""
        if repeated("generate_search_index") != READ["generate_search_index"]:
            return super().generate_search_index(prev)
        config = {key: self.config[key] for key in ["lang", "separator", "pipeline", "fields"]}
        if prev and self.entries:
            path = self.entries[0]["location"]
            self.entries = [entry for entry in prev.entries if not entry["location"].startswith(path)] + self.entries
        if prev and not self.entries:
            self.entries = prev.entries
        return json.dumps({"config": config, "docs": self.entries}, ensure_ascii=False, separators=(",", ":"),
                          default=str)


#: the digests of the two of Material's methods this module repeats, as :func:`repeated` takes them (Material 9.8.1)
READ = {"on_page_context": "33eb62fd1688be4d", "generate_search_index": "59ba9853f37a2b42"}
#: the class of each
_OWNERS = {"on_page_context": SearchPlugin, "generate_search_index": MaterialSearchIndex}


def repeated(name: str) -> str | None:
    """The digest of the source of Material's method ``name`` (a key of :data:`READ`) as installed
    (:func:`scripts.files.source_digest`), or None when it has none to read."""
    return source_digest(getattr(_OWNERS[name], name, None))


#: the attributes Material's search plugin removes from a page's content once it has indexed it: Material's
#: expression, which :func:`indexed` gives the text of (the tests compare the two)
_SEARCH_ATTRIBUTES = re.compile(r"\s?data-search-\w+=\"[^\"]+\"")


#: one attribute of :data:`_SEARCH_ATTRIBUTES` from its name on (without the space before it)
_SEARCH_ATTRIBUTE = re.compile(r"data-search-\w+=\"[^\"]+\"")


def indexed(html: str) -> str:
    """``html`` as Material's search plugin leaves a page's content once it has indexed it (its ``data-search-*``
    attributes removed): ``_SEARCH_ATTRIBUTES.sub("", html)``, Material's expression, the same text. That
    expression begins with an optional space, so the search tries it at every character of the page (about half a
    millisecond a page); here it is tried only where ``data-search-`` occurs, with the one white-space character
    before it when there is one (what the expression's ``\\s?`` takes first)."""
    at = html.find("data-search-")
    if at < 0:
        return html
    kept: list[str] = []
    end = 0  # where the text not yet kept begins (the end of the last attribute removed)
    while at >= 0:
        found = _SEARCH_ATTRIBUTE.match(html, at)
        if found is None:
            at = html.find("data-search-", at + 1)
            continue
        start = at - 1 if at > end and html[at - 1].isspace() else at
        kept.append(html[end:start])
        end = found.end()
        at = html.find("data-search-", end)
    kept.append(html[end:])
    return "".join(kept)


def use_fast_index(config: Any, divide: Callable[[str], list[Section]] = sections,
                   content: Callable[[Any], str] | None = None, fill: Callable[[str], str] | None = None) -> bool:
    """Give Material's search plugin of ``config`` (once its ``on_config`` has run) this module's index, with
    the settings Material computed (language, separator, pipeline, fields), dividing the ``content`` of pages
    (default: ``page.content``) with ``divide`` and filling the marks of their entries with ``fill``. A disabled
    plugin is left alone. Returns whether the index of every search plugin of ``config`` is now this module's."""
    for plugin in config.plugins.values():
        # exactly Material's class: not twice, and not over a subclass someone else put there
        if isinstance(plugin, SearchPlugin) and type(getattr(plugin, "search_index", None)) is MaterialSearchIndex:
            index = SearchIndex(**plugin.search_index.config)
            index.divide = divide
            if content is not None:
                index.content = content
            if fill is not None:
                index.fill = fill
            plugin.search_index = index
            _quicker_page_context(config, plugin)
    # another search plugin (MkDocs' own, a subclass of Material's) reads page.content itself
    return all(type(getattr(plugin, "search_index", None)) is SearchIndex
               for plugin in config.plugins.values() if "search" in type(plugin).__module__)


def quick_page_context(plugin: SearchPlugin) -> Callable[..., None]:
    """``plugin.on_page_context`` (Material's, as :data:`READ`), removing the attributes with :func:`indexed`."""

    def on_page_context(context: Any, *, page: Any, config: Any, nav: Any) -> None:
        if not plugin.config.enabled:
            return
        plugin.search_index.add_entry_from_context(page)
        page.content = indexed(page.content)

    return on_page_context


def _quicker_page_context(config: Any, plugin: SearchPlugin) -> None:
    """Put :func:`quick_page_context` in the place of ``plugin``'s own handler in MkDocs' list of the
    ``page_context`` event's handlers (the same place: its priority is Material's), while Material's handler is
    the one read (:data:`READ`)."""
    handlers = getattr(config.plugins, "events", {}).get("page_context")
    if not handlers or repeated("on_page_context") != READ["on_page_context"]:
        return
    for position, handler in enumerate(handlers):
        if getattr(handler, "__self__", None) is plugin and getattr(handler, "__func__", None) is \
                SearchPlugin.on_page_context:
            quick = quick_page_context(plugin)
            if hasattr(handler, "mkdocs_priority"):
                quick.mkdocs_priority = handler.mkdocs_priority  # type: ignore[attr-defined]
            handlers[position] = quick
            origins = getattr(config.plugins, "_event_origins", None)  # the plugin's name in MkDocs' messages
            if isinstance(origins, dict) and handler in origins:
                origins[quick] = origins[handler]
