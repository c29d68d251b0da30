"""Rendered pages kept between builds: a page whose template reads what it read in the last build is not put into
its template again.

Once the Markdown conversions are kept (:mod:`scripts.render.markdown_cache`), the theme's templates were the
largest part of a language's rebuild after an edit (about a third of it in French, half of that the
navigation). After an edit of one string most pages of a language are the same in everything their template
reads: the measure names and the translation notices reach the templates as marks, filled in the finished page
(:mod:`scripts.render.names`). So each page's HTML, as its template made it (before the ``on_post_page`` events,
which still run on every page: the notice and the names put in, the CSP), is stored under a digest of
everything the template reads (:func:`context_key`):

- the template's name, the running code of the ``scripts`` package, Python and every installed library (the
  theme's own templates are files of a library), and every file of the theme's custom folder (``overrides/``);
- the whole configuration as the page's template sees it (site name, theme and its features and language,
  ``extra``, the plugins and their settings, the Markdown extensions), but for the paths of the build's temporary
  folders and the measure names (they reach a page as marks, filled in afterwards);
- the whole navigation: every section, page and link, with its title and URL (a measure page's title is its
  mark, :func:`scripts.pages.names.nav_with_marks`), and of each page's metadata what the templates read of
  another page's (:func:`templates_read`: Material's navigation reads an icon, a subtitle, a status, and whether
  a page has metadata at all; all of it when a template reads it some other way);
- every documentation file of the site (the context's ``pages``);
- the page: its URL, source and output paths, title, content (with its marks, the sanitizer passed), table of
  contents, metadata, canonical and edit URLs, previous and next pages;
- every other value of the context (the language links, the page's scripts, a plugin's addition) as JSON;
- of the values that change with every build (:data:`CHANGING`: the build's date and time, the pages' "update"
  date), those a template of the theme's folders names (MkDocs' sitemap template names the update date, a day).

A value of a kind not listed here (an object a new plugin puts into the context) cannot be put into a key: the page
is rendered, and not kept. So is every page of a build whose configuration holds such a value, or whose plugins are
not the ones the staged configuration lists (:data:`KNOWN_PLUGINS` and the build's hooks): a plugin may change
what a template reads (an environment's globals) out of the key's sight.

The pages a build rendered or reused are written to the language's file when it ends (the others are dropped), next
to its Markdown conversions, and read by its next build. A cold build (``GUIDELINES_NO_CACHE=1``) keeps nothing.
``serve`` renders every page (its plugin, :mod:`scripts.mkdocs_plugin`, fills the names before the templates).
"""

from __future__ import annotations

import enum
import functools
import hashlib
import json
import logging
import os
import pickle
import re
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path, PurePath
from typing import Any

import jinja2
from markupsafe import Markup

from scripts.files import replace_whole
from scripts.render.mkdocs_config import HOOKS, RENDER_KEY
from scripts.staging.cache import running_key
from scripts.staging.inputs import files_digest

log = logging.getLogger("mkdocs.render.rendered_pages")
#: raised when the file format or what a key holds changes
FORMAT = 1
#: the plugins of a staged configuration (scripts.render.mkdocs_config) besides the build's hooks (HOOKS)
KNOWN_PLUGINS = ("search", "material/search")
#: configuration values that are the build's own temporary paths, or reach a page only through its content
LEFT_OUT = ("site_dir", "docs_dir", "config_file_path")
#: of the staged settings (``extra.guidelines_render``): paths of the build, and the names (filled in content)
LEFT_OUT_RENDER = ("markdown_cache", "notices", "measure_names")
#: kinds of value a template reads as their text: the theme's language (Babel's Locale, in ``theme.locale``)
STRINGS = ("Locale",)
#: values that change with every build (the build's date and time, a page's "update" date): in a key only when a
#: template of the theme's folders names them (Material's do not; MkDocs' own theme prints the build's date)
CHANGING = ("build_date_utc", "update_date")


class Unkeyable(TypeError):
    """A value that cannot be put into a key: what holds it is rendered, and not kept."""

    def __init__(self, kind: str) -> None:
        super().__init__(kind)
        self.kind = kind
        #: where the value is, from the outside in
        self.path: list[str] = []

    def __str__(self) -> str:
        return f"{self.kind} (at {'.'.join(self.path)})" if self.path else self.kind


def _plain(value: Any) -> Any:
    """``value`` as JSON-serializable data that says everything a template can read of it."""
    if isinstance(value, Markup):  # printed as it is where a str is escaped (``| e``): not the same value
        return ["Markup", str(value)]
    if value is None or isinstance(value, (str, bool, int, float)):
        return value
    if isinstance(value, Mapping):
        return {str(key): _plain(item) for key, item in value.items()}
    if isinstance(value, (list, tuple, set, frozenset)):
        items = [_plain(item) for item in value]
        return sorted(items, key=repr) if isinstance(value, (set, frozenset)) else items
    if isinstance(value, (PurePath, date, datetime)) or type(value).__qualname__ in STRINGS:
        return f"{type(value).__qualname__}:{value}"
    if isinstance(value, enum.Enum):
        return f"{type(value).__qualname__}.{value.name}"
    patterns = getattr(value, "patterns", None)
    if type(value).__module__.startswith("pathspec") and isinstance(patterns, (list, tuple)):
        # MkDocs' not_in_nav, exclude_docs and draft_docs: the patterns as written
        return [type(value).__qualname__, [[getattr(p, "pattern", None), getattr(p, "include", None)]
                                           for p in patterns]]
    if callable(value) and hasattr(value, "__qualname__") and hasattr(value, "__module__"):
        return f"{value.__module__}.{value.__qualname__}"  # a function or class: the code is in the key
    raise Unkeyable(type(value).__qualname__)


def _config(config: Any) -> Any:
    """The configuration as a template sees it, without the build's own paths."""
    from mkdocs.config.base import Config
    from mkdocs.plugins import BasePlugin
    from mkdocs.theme import Theme

    def plain(value: Any) -> Any:
        if isinstance(value, Theme):
            return {"name": value.name, "dirs": [str(d) for d in value.dirs], "settings": plain(dict(value.items()))}
        if isinstance(value, BasePlugin):
            return {"plugin": f"{type(value).__module__}.{type(value).__qualname__}",
                    "config": plain(dict(getattr(value, "config", None) or {}))}
        if isinstance(value, Config):
            return plain(dict(value.items()))
        if isinstance(value, Mapping):
            return {str(key): named(key, item) for key, item in value.items()}
        if isinstance(value, (list, tuple)):
            return [named(index, item) for index, item in enumerate(value)]
        if type(value).__module__ == "types" or type(value).__name__ == "module":
            return getattr(value, "__name__", "module")  # the hooks module: its code is in the key
        return _plain(value)

    def named(key: Any, value: Any) -> Any:
        try:
            return plain(value)
        except Unkeyable as error:
            error.path.insert(0, str(key))
            raise

    settings = {key: value for key, value in config.items() if key not in LEFT_OUT}
    extra = dict(settings.get("extra") or {})
    if isinstance(extra.get(RENDER_KEY), Mapping):
        extra[RENDER_KEY] = {k: v for k, v in extra[RENDER_KEY].items() if k not in LEFT_OUT_RENDER}
    settings["extra"] = extra
    return plain(settings)


#: a template reading the metadata of a page: the object, then the key (``.key``, ``["key"]``, ``.get("key"``),
#: then whether it is only tested (``x.meta and ...``)
_META = re.compile(r"""\b(\w+)\.meta\b(?:\.(\w+)|\[\s*["'](\w+)["']\s*\]|\.get\(\s*["'](\w+)["'])?(\s+and\b)?""")
#: a template that names another page ``page`` (then ``page.meta`` may be another page's)
_PAGE_REBOUND = re.compile(r"\b(?:for|set|with)\s+(?:\w+\s*,\s*)*page\b")


@dataclass(frozen=True)
class TemplatesRead:
    """What the theme's templates read that a key must hold (:func:`templates_read`)."""

    #: which of :data:`CHANGING` they name
    changing: frozenset[str] = frozenset(CHANGING)
    #: the keys of another page's metadata they read (the navigation's pages: icon, subtitle, status)
    meta_keys: frozenset[str] = frozenset()
    #: True: they read another page's metadata some other way, so all of it counts
    all_meta: bool = True


@functools.lru_cache(maxsize=8)
def templates_read(dirs: tuple[str, ...], version: str = "") -> TemplatesRead:
    """What the template files of the theme's folders read: which of :data:`CHANGING` they name, and which keys
    of another page's metadata (any ``x.meta`` but the page's own; all of it if one is read by a key the template
    computes, or passed on whole). Read once per process and ``version`` (the digest of the custom folder's files:
    an edited override is read again)."""
    texts: list[str] = []
    for folder in dirs:
        for root, folders, files in os.walk(folder, followlinks=True):
            folders[:] = [name for name in folders if not name.startswith(".")]  # .icons: SVG files only
            for name in files:
                if not name.endswith((".html", ".xml", ".j2", ".jinja", ".txt")):
                    continue
                try:
                    texts.append(Path(root, name).read_text(encoding="utf-8", errors="replace"))
                except OSError:
                    return TemplatesRead()  # cannot tell: everything counts
    # one template naming another page "page" may include another that reads page.meta: then every one counts
    rebound = any(_PAGE_REBOUND.search(text) for text in texts)
    named: set[str] = set()
    keys: set[str] = set()
    every = False
    for text in texts:
        named.update(changing for changing in CHANGING if changing in text)
        for match in _META.finditer(text):
            if match.group(1) == "page" and not rebound:
                continue  # the page's own: all of it is in its part of the key
            if text[match.start() - 1:match.start()] in "\"'" and text[match.end():match.end() + 1] in "\"'":
                continue  # a string ("blog.meta": a translation's name)
            key = match.group(2) or match.group(3) or match.group(4)
            if key and key not in ("get", "items", "keys", "values"):
                keys.add(key)
            elif not match.group(5):
                every = True
    return TemplatesRead(frozenset(named), frozenset(keys), every)


def _meta(meta: Any, read: TemplatesRead) -> Any:
    """Of another page's metadata, what the templates read: all of it, or whether it is empty and their keys."""
    meta = meta or {}
    if read.all_meta:
        return _plain(meta)
    return {"empty": not meta, "keys": {key: _plain(meta[key]) for key in sorted(read.meta_keys) if key in meta}}


def _nav(items: Any, read: TemplatesRead) -> Any:
    from mkdocs.structure.nav import Link, Section
    from mkdocs.structure.pages import Page

    out = []
    for item in items or []:
        entry = {"kind": type(item).__qualname__, "title": _plain(getattr(item, "title", None))}
        if isinstance(item, Page):  # the theme's navigation reads a page's metadata (its icon, its status)
            entry.update(url=item.url, src=item.file.src_uri, is_index=item.is_index, meta=_meta(item.meta, read))
        elif isinstance(item, Link):
            entry["url"] = item.url
        elif not isinstance(item, Section):
            raise Unkeyable(type(item).__qualname__)
        entry["children"] = _nav(getattr(item, "children", None), read)
        out.append(entry)
    return out


def _toc(items: Any) -> Any:
    return [[_plain(item.title), item.id, item.level, _toc(item.children)] for item in items or []]


def _neighbour(page: Any, read: TemplatesRead) -> Any:
    return None if page is None else [page.url, _plain(page.title), _meta(page.meta, read)]


def _page(page: Any, read: TemplatesRead) -> Any:
    part = {"class": f"{type(page).__module__}.{type(page).__qualname__}", "url": page.url,
            "src": page.file.src_uri, "dest": page.file.dest_uri, "title": _plain(page.title),
            "toc": _toc(page.toc), "meta": _plain(page.meta),
            "canonical_url": page.canonical_url, "edit_url": page.edit_url, "is_homepage": page.is_homepage,
            "previous": _neighbour(page.previous_page, read), "next": _neighbour(page.next_page, read)}
    if "update_date" in read.changing:
        part["update_date"] = _plain(getattr(page, "update_date", None))
    return part


def _digest(value: Any, text: str | None = None) -> str:
    """The digest of ``value`` (as JSON) and of ``text`` (a page's content: its bytes as they are, faster than as
    a JSON string)."""
    # keys in their order: a template that loops over a mapping prints it in that order
    digest = hashlib.sha256(json.dumps(value, ensure_ascii=False).encode())
    if text is not None:
        digest.update(b"\0content\0" + text.encode())
    return digest.hexdigest()


def unknown_plugin(config: Any) -> str:
    """The first plugin of ``config`` that a staged configuration does not list ("" when there is none): MkDocs
    lists a hooks file by its path, and only the build's own is known (its code is in running_key); another
    plugin or hooks file may change what the templates read (an environment's globals) out of a key's sight."""
    return next((name for name in config.plugins if name not in KNOWN_PLUGINS and Path(name) != HOOKS), "")


def theme_dirs(config: Any) -> tuple[str, ...]:
    return tuple(str(folder) for folder in config.theme.dirs)


def custom_folder_digest(config: Any) -> str:
    """The digest of every file of the theme's custom folder (``overrides/``; the theme's own folders are a
    library's, in :func:`~scripts.staging.cache.running_key`)."""
    digest = hashlib.sha256()
    if config.theme.custom_dir:
        files_digest(digest, Path(config.theme.custom_dir))
    return digest.hexdigest()


def site_part(config: Any, nav: Any, files: Any, read: TemplatesRead, custom: str) -> str:
    """The digest of what every page's template reads besides the page itself: the code, the theme's custom folder,
    the configuration, the navigation and the site's pages. Raises :class:`Unkeyable`."""
    unknown = unknown_plugin(config)
    if unknown:
        raise Unkeyable(f"plugin {unknown}")
    digest = hashlib.sha256(f"{FORMAT};{running_key()};{custom}".encode())
    digest.update(_digest({"config": _config(config), "nav": _nav(nav.items, read),
                           "pages": [[f.src_uri, f.url] for f in files]}).encode())
    return digest.hexdigest()


def context_key(template: str, context: Mapping[str, Any], site: str, read: TemplatesRead = TemplatesRead()) -> str:
    """The key of ``template`` rendered with ``context``: ``site`` (:func:`site_part`), the page and every other
    value of the context (of :data:`CHANGING`, only those the templates name). Raises :class:`Unkeyable`."""
    rest = {}
    for name, value in context.items():
        if name in ("config", "nav", "pages", "page") or (name in CHANGING and name not in read.changing):
            continue
        rest[name] = _plain(value)
    page = context["page"]
    return _digest({"site": site, "template": template, "page": _page(page, read), "rest": rest},
                   page.content if isinstance(page.content, str) else None)


class RenderedPages:
    """The kept pages of one language's build, read from ``path``."""

    def __init__(self, path: Path) -> None:
        self.path = Path(path)
        self.stored = self._read(self.path)
        self.used: dict[str, str] = {}
        self.site: str | None = None
        #: what the theme's templates read
        self.read = TemplatesRead()
        #: why no page of this build can be kept ("" while they can)
        self.refused = ""
        self.reused = 0
        self.rendered = 0

    @staticmethod
    def _read(path: Path) -> dict[str, str]:
        try:
            with open(path, "rb") as handle:
                stored = pickle.load(handle)  # noqa: S301 - our own file, written below
        except Exception:  # noqa: BLE001 - none yet, or damaged: every page is rendered, nothing is trusted
            return {}
        if not isinstance(stored, dict) or stored.get("format") != FORMAT or not isinstance(stored.get("pages"), dict):
            return {}
        return stored["pages"]

    def key(self, template: str, context: Mapping[str, Any]) -> str | None:
        page = context.get("page")
        if page is None or self.refused or any(n not in context for n in ("config", "nav", "pages")):
            return None
        try:
            if self.site is None:
                custom = custom_folder_digest(context["config"])
                self.read = templates_read(theme_dirs(context["config"]), custom)
                self.site = site_part(context["config"], context["nav"], context["pages"], self.read, custom)
            return context_key(template, context, self.site, self.read)
        except Unkeyable as error:
            if self.site is None:
                self.refused = str(error)
            return None

    def finish(self) -> None:
        replace_whole(self.path, lambda handle: pickle.dump({"format": FORMAT, "pages": self.used}, handle,
                                                            protocol=pickle.HIGHEST_PROTOCOL))
        refused = f" (none kept: the configuration holds a {self.refused})" if self.refused else ""
        log.info(f"Templates: {self.rendered} page(s) rendered, {self.reused} reused from the last build{refused}")


#: the kept pages of the build under way (:func:`start`, :func:`finish`)
ACTIVE: dict[str, RenderedPages] = {}


def start(path: Path | None) -> None:
    """A build starts whose rendered pages are kept in ``path`` (None: every page is rendered, nothing kept)."""
    ACTIVE.clear()
    if path is not None:
        ACTIVE["pages"] = RenderedPages(path)


def finish() -> None:
    """The build's pages are all written: the ones it rendered or reused are kept for the next."""
    pages = ACTIVE.pop("pages", None)
    if pages is not None:
        pages.finish()


def file_beside(markdown_file: Path) -> Path:
    """The file of a language's rendered pages, beside the file of its Markdown conversions."""
    return Path(markdown_file).with_name(f"rendered-{Path(markdown_file).name}")


class KeptTemplate(jinja2.Template):
    """A template whose output for a page is kept by the build under way (:class:`RenderedPages`), and taken
    from there when the page's context has the same key."""

    def render(self, *args: Any, **kwargs: Any) -> str:
        pages = ACTIVE.get("pages")
        if pages is None or len(args) != 1 or kwargs or not isinstance(args[0], dict):
            return super().render(*args, **kwargs)
        key = pages.key(self.name or "", args[0])
        if key is None:
            pages.rendered += args[0].get("page") is not None
            return super().render(*args, **kwargs)
        html = pages.used.get(key)
        if html is None:
            html = pages.stored.get(key)
        if isinstance(html, str):
            pages.reused += 1
            pages.used[key] = html
            return html
        # what the template logs goes on to MkDocs as always; one that warned is not kept, so that every build
        # warns again (and --strict fails every time)
        warned = _Warned()
        listened = [logging.getLogger(), logging.getLogger("mkdocs")]
        for logger in listened:
            logger.addHandler(warned)
        try:
            html = super().render(*args, **kwargs)
        finally:
            for logger in listened:
                logger.removeHandler(warned)
        pages.rendered += 1
        if not warned.seen:
            pages.used[key] = html
        return html


class _Warned(logging.Handler):
    """Whether a record at WARNING or above went by."""

    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.seen = False

    def emit(self, record: logging.LogRecord) -> None:
        self.seen = True
