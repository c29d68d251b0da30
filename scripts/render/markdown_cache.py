"""Markdown conversions kept between builds, page by page: a page whose Markdown is what it was, in a site whose
files are what they were, is not converted again.

MkDocs converts the Markdown of every page on every build (``Page.render``), and the conversion is most of the
time of a build. After an edit of one string most pages are unchanged, in every language. Here each conversion is
stored under a digest of everything it reads:

- the page's Markdown, as every plugin's ``on_page_markdown`` left it, and the page's source path and URL;
- every file of the site with its URL and whether it is published (links are resolved and checked against them);
- the Markdown extensions and their settings, ``use_directory_urls`` and the ``validation`` settings;
- Python's version and every installed library with its version (Markdown, MkDocs, pymdown-extensions, Material,
  Pygments, which colours code blocks, and any other: not a chosen few that might miss one).

What is stored is what ``Page.render`` sets: the HTML, the table of contents, the title found in the content, the
anchors the page has, its links to anchors of other pages (MkDocs checks them after every page is rendered, cached
or not), and what it logged below a warning, logged again when the entry is used. A conversion that logged a
warning or an error is never stored: the next build converts the page again and reports it again. Nor is one made
while MkDocs' page logger shows debug records (``mkdocs build -v``): MkDocs then keeps no links to anchors, and a
later build would have none to check. A page is converted as ``Page.render`` converts it, with the converter
:mod:`scripts.render.converter` keeps for the configuration, in a build that keeps nothing too.

The same file keeps the sections Material's search index divides each page's HTML into
(:func:`search_sections`), under a digest of that HTML, of Python's version and every library, and of the running
code of the ``scripts`` package (the divider is ours, :mod:`scripts.render.search_index`). A page whose content is
unchanged is not divided again; each use gets sections of its own, since Material writes into them. So does each
page's content as the allow-list sanitizer left it (:func:`cleaned`, :func:`scripts.render.security.clean_content`),
under a digest of the content before, of Python and every library (nh3), and of the running code (the allow-list).

A page's translation notice, kept apart from its Markdown (:mod:`scripts.pages.names`), is converted and kept the
same way, under the page and the notice's Markdown (:func:`convert_part`), or under the home page, which the same
text on other pages shares (:mod:`scripts.render.notices`); the log counts the notices converted apart from the
pages. An entry made earlier in the same build is used as a kept one.

The entries a language's build used are written to its file when the build ends (the others are dropped, so the
file does not grow), and read by its next build (``make site`` again, or ``mkdocs serve`` after an edit).
``serve`` holds them in its process instead (:func:`start` with ``hold``): its next build takes them from there,
and they are written once it has been idle for :data:`IDLE_SECONDS`, or when it stops (:func:`write_held`). Only
plain :class:`mkdocs.structure.pages.Page` objects are converted through here; a plugin's own page class keeps its
own ``render``.

``serve --lang`` converts with two processes (:func:`convert_alongside`): a forked copy of the build populates
pages from the end of the list and sends back the entries it made, which the build then finds as if they had been
read from the file, under the same keys.
"""

from __future__ import annotations

import copy
import hashlib
import json
import logging
import pickle
import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from material.plugins.search.plugin import Element, Section
from mkdocs.commands import build as mkdocs_build
from mkdocs.exceptions import PluginError
from mkdocs.structure.pages import Page

from scripts.files import replace_whole
from scripts.render import converter, page_anchors
from scripts.render.page_helper import PageHelper, spare_core
from scripts.render.search_index import sections as divide_sections
from scripts.render.security import clean_content
from scripts.staging.cache import running_key
from scripts.environment import running_environment

#: under ``mkdocs``: MkDocs' log (and what ``--strict`` counts) takes it in
log = logging.getLogger("mkdocs.render.markdown_cache")
#: raised when the file format of the stored entries changes
FORMAT = 3


@dataclass
class Conversion:
    """What ``Page.render`` sets on a page, and the records it logged (all below WARNING)."""

    content: str
    toc: Any
    title: str | None
    anchors: set[str]
    #: source path of the linked page -> {anchor: the link as written}; None when MkDocs did not collect them
    links_to_anchors: dict[str, dict[str, str]] | None
    records: list[tuple[str, int, str]] = field(default_factory=list)


class _Records(logging.Handler):
    def __init__(self) -> None:
        super().__init__(logging.NOTSET)
        self.records: list[logging.LogRecord] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.records.append(record)


def site_digest(config: Any, files: Any) -> str:
    """The digest of what every page's conversion reads besides the page itself."""
    digest = hashlib.sha256(f"{FORMAT};{running_environment()}".encode())  # Python (its Unicode: slugs) too
    settings = {"extensions": [repr(e) for e in config["markdown_extensions"]],
                "extension_configs": config["mdx_configs"] or {},
                "use_directory_urls": config["use_directory_urls"],
                "validation": config["validation"]}
    digest.update(json.dumps(settings, sort_keys=True, default=repr).encode())
    for file in sorted(files, key=lambda f: f.src_uri):
        digest.update("\0".join((file.src_uri, file.dest_uri, file.url, str(file.inclusion),
                                 str(file.is_documentation_page()))).encode() + b"\n")
    return digest.hexdigest()


def page_key(site: str, page: Page) -> str:
    digest = hashlib.sha256(site.encode())
    for part in (page.file.src_uri, page.file.dest_uri, page.file.url, page.markdown or ""):
        digest.update(b"\0" + part.encode())
    return digest.hexdigest()


#: one search section as stored: its heading's tag and attributes, depth, id, title and text (Material's Section)
StoredSection = tuple[str, dict, float, "str | None", list[str], list[str]]


def _stored_sections(sections: list[Section]) -> list[StoredSection]:
    return [(s.el.tag, dict(s.el.attrs), s.depth, s.id, list(s.title), list(s.text)) for s in sections]


def _fresh_sections(stored: list[StoredSection]) -> list[Section]:
    """New Section objects (Material's index writes a page's title into a section without one)."""
    sections = []
    for tag, attrs, depth, identifier, title, text in stored:
        section = Section(Element(tag, dict(attrs)), depth)
        section.id, section.title, section.text = identifier, list(title), list(text)
        sections.append(section)
    return sections


def _html_key(kind: str, html: str) -> str:
    """The key of what is made of ``html`` (``kind``): the HTML, the running code, Python and the libraries."""
    digest = hashlib.sha256(f"{FORMAT};{running_key()};{kind}".encode())
    digest.update(b"\0" + html.encode())
    return digest.hexdigest()


def sections_key(html: str) -> str:
    """The key of the search sections of ``html``: the HTML, the divider's code, Python and the libraries."""
    return _html_key("sections", html)


def cleaned_key(html: str) -> str:
    """The key of ``html`` as the sanitizer leaves it: the HTML, the allow-list's code, Python and nh3."""
    return _html_key("cleaned", html)


class ConversionCache:
    """The stored conversions (and search sections) of one language, read from ``path`` for one build."""

    def __init__(self, path: Path, held: dict | None = None) -> None:
        """``held``: what an earlier build of this process left (:meth:`content`), taken instead of the file."""
        self.path = path
        self.stored, self.stored_sections, self.stored_cleaned = self._read(path) if held is None else \
            self._parts(held)
        self.used: dict[str, Conversion] = {}
        self.used_sections: dict[str, list[StoredSection]] = {}
        self.used_cleaned: dict[str, str] = {}
        self.hits = 0
        self.misses = 0
        #: pages converted by another process (:meth:`add`)
        self.helped = 0
        #: parts of pages converted apart by this process (:func:`convert_part`: their notices), not counted as
        #: pages; one that ``serve``'s second process converted (:func:`convert_alongside`) is not counted
        self.parts = 0
        #: keys of what this build made that are already known elsewhere (:meth:`fresh`)
        self._given: set[str] = set()
        #: keys of what another process made (:meth:`add`)
        self._added: set[str] = set()

    @staticmethod
    def _read(path: Path) -> tuple[dict[str, Conversion], dict[str, list[StoredSection]], dict[str, str]]:
        try:
            with open(path, "rb") as handle:
                stored = pickle.load(handle)  # noqa: S301 - our own file, written below
        except Exception:  # noqa: BLE001 - none yet, or damaged: every page is converted, nothing is trusted
            return {}, {}, {}
        return ConversionCache._parts(stored)

    @staticmethod
    def _parts(stored: Any) -> tuple[dict[str, Conversion], dict[str, list[StoredSection]], dict[str, str]]:
        """The entries of a file's content (copies: this build adds to them, not to what it was given)."""
        if not isinstance(stored, dict) or stored.get("format") != FORMAT:
            return {}, {}, {}
        parts = [stored.get(name) for name in ("entries", "sections", "cleaned")]
        entries, sections, cleaned = (dict(part) if isinstance(part, dict) else {} for part in parts)
        return entries, sections, cleaned

    @staticmethod
    def _kept(used: dict, stored: dict, key: str, usable: type, make: Callable[[], Any]) -> Any:
        """What this build used under ``key``, else what the file holds (if ``usable``), else ``make()``; used."""
        value = used.get(key)
        if not isinstance(value, usable):
            value = stored.get(key)
        if not isinstance(value, usable):
            value = make()
        used[key] = value
        return value

    def sections(self, html: str) -> list[Section]:
        """The search sections of a page's ``html``: stored, or divided now and stored."""
        stored = self._kept(self.used_sections, self.stored_sections, sections_key(html), list,
                            lambda: _stored_sections(divide_sections(html)))
        return _fresh_sections(stored)

    def cleaned(self, html: str) -> str:
        """``html`` through the allow-list sanitizer: stored, or cleaned now and stored."""
        return self._kept(self.used_cleaned, self.stored_cleaned, cleaned_key(html), str,
                          lambda: clean_content(html))

    def render(self, page: Page, config: Any, files: Any, site: str) -> str:
        """``page.render(config, files)``, or its stored result; says which (:meth:`count` counts a page by it):
        ``"reused"``, ``"helped"`` (made by a second process) or ``"converted"``."""
        key = page_key(site, page)
        stored = self.used.get(key) or self.stored.get(key)  # made earlier in this build (a shared notice), or kept
        if stored is not None:
            _apply(page, stored, files)
            self.used[key] = stored
            return "helped" if key in self._added else "reused"
        # MkDocs' command line stops its records at the `mkdocs` logger (propagate=False), where --strict counts
        # them; others reach the root: both are listened to, each record kept once
        handler = _Records()
        listened = [logging.getLogger(), logging.getLogger("mkdocs")]
        for logger in listened:
            logger.addHandler(handler)
        try:
            converter.render(page, config, files)
        finally:
            for logger in listened:
                logger.removeHandler(handler)
        records = list({id(record): record for record in handler.records}.values())
        if any(record.levelno >= logging.WARNING for record in records):
            return "converted"  # reported now, and again by the next build: never served from here
        if not _collects_anchor_links():
            return "converted"  # a verbose build: MkDocs kept no links to anchors, which later builds must check
        links = page.links_to_anchors
        self.used[key] = Conversion(
            # a copy: what later events do to the page's table of contents is not what the conversion gave
            content=page.content or "", toc=_copied(page.toc), title=page._title_from_render,
            anchors=set(page.present_anchor_ids or ()),
            links_to_anchors=None if links is None else {f.src_uri: dict(v) for f, v in links.items()},
            records=[(r.name, r.levelno, r.getMessage()) for r in records])
        return "converted"

    def count(self, outcome: str) -> None:
        """One page of the build, as :meth:`render` did it (the log counts pages; a notice converted apart is
        not one)."""
        if outcome == "helped":
            self.helped += 1
        elif outcome == "reused":
            self.hits += 1
        else:
            self.misses += 1

    def _layers(self) -> tuple[tuple[dict, dict], ...]:
        return ((self.used, self.stored), (self.used_sections, self.stored_sections),
                (self.used_cleaned, self.stored_cleaned))

    def mark_given(self) -> None:
        """What this build has made so far is known to whoever gets a copy of it now (a forked process)."""
        self._given = {key for used, _ in self._layers() for key in used}

    def fresh(self) -> tuple[dict, dict, dict]:
        """What this build made (not read from the file) since it was last asked, or :meth:`mark_given`."""
        parts = []
        for used, stored in self._layers():
            part = {key: value for key, value in used.items() if key not in stored and key not in self._given}
            self._given.update(part)
            parts.append(part)
        conversions, sections, cleaned = parts
        return conversions, sections, cleaned

    def add(self, made: tuple[dict, dict, dict]) -> None:
        """Entries another process made (:meth:`fresh`) are found here as if read from the file."""
        for (_, stored), part in zip(self._layers(), made):
            stored.update(part)
            self._added.update(part)

    def content(self) -> dict:
        """What the file is to hold: the entries this build used."""
        return {"format": FORMAT, "entries": self.used, "sections": self.used_sections, "cleaned": self.used_cleaned}

    def finish(self) -> None:
        """A build ended: the entries it used are written to ``path``, replacing the others."""
        _write(self.path, self.content())


def _write(path: Path, content: dict) -> None:
    # whole or not at all, even with another build writing it; if it cannot be written, the next build converts
    # again
    replace_whole(path, lambda handle: pickle.dump(content, handle, protocol=pickle.HIGHEST_PROTOCOL))


def _collects_anchor_links() -> bool:
    """Whether ``Page.render`` keeps a page's links to anchors (not when its logger shows debug records)."""
    return logging.getLogger("mkdocs.structure.pages").getEffectiveLevel() > logging.DEBUG


def _copied(toc: Any) -> Any:
    """A deep copy of a table of contents: through pickle, which every stored conversion goes through already, about
    three times quicker than ``copy.deepcopy`` (0.05 against 0.18 ms for one of 32 entries), for each page a build
    takes from here."""
    return pickle.loads(pickle.dumps(toc, protocol=pickle.HIGHEST_PROTOCOL))  # noqa: S301 - made just now


def _apply(page: Page, stored: Conversion, files: Any) -> None:
    page.content = stored.content
    page.toc = _copied(stored.toc)  # the stored one stays as the conversion gave it
    page._title_from_render = stored.title
    page.present_anchor_ids = set(stored.anchors)
    if stored.links_to_anchors is not None and _collects_anchor_links():
        # the same File objects MkDocs' own render gives (every one of them is in the site: it is in the key)
        page.links_to_anchors = {files.get_file_from_path(src): dict(links)
                                 for src, links in stored.links_to_anchors.items()}
    for name, level, message in stored.records:
        logging.getLogger(name).log(level, message)


#: the cache of the build under way and the digest of its site (:func:`start`, :func:`site_known`, :func:`finish`)
ACTIVE: dict[str, Any] = {}

#: how long ``serve`` has been idle (no build started) before the conversions it holds are written to their file
IDLE_SECONDS = 1.0


class _Held:
    """The conversions the last builds of this process left, by file, and the write that waits for the process
    to be idle. Not written once a build has started (:func:`building`, from the first event of a build); a write
    under way then ends first."""

    def __init__(self) -> None:
        self.content: dict[Path, dict] = {}
        self.unwritten: set[Path] = set()
        self._timer: threading.Timer | None = None

    def take(self, path: Path) -> dict | None:
        """What the last build left for ``path`` (a build of it starts: nothing is written until it ends)."""
        self.pause()
        return self.content.get(path)

    def keep(self, path: Path, content: dict) -> None:
        """A build of ``path`` ended: ``content`` is held, and written once the process is idle."""
        self.pause()
        self.content[path] = content
        self.unwritten.add(path)
        self.resume()

    def pause(self) -> None:
        """No write starts from now on, and one under way has ended."""
        timer, self._timer = self._timer, None
        if timer is not None:
            timer.cancel()
            timer.join()

    def resume(self) -> None:
        """What is not written yet is written after :data:`IDLE_SECONDS` (unless a build starts first)."""
        self.pause()
        if self.unwritten:
            self._timer = threading.Timer(IDLE_SECONDS, self.write)
            self._timer.daemon = True
            self._timer.start()

    def write(self) -> None:
        """Everything not written yet is written now (by the timer's thread, or once it is paused: never both)."""
        for path in sorted(self.unwritten):
            _write(path, self.content[path])
        self.unwritten.clear()


HELD = _Held()


def building() -> None:
    """A build starts (its configuration is read): no conversions held for ``serve`` are written until it ends."""
    HELD.pause()


def start(path: Path | None, hold: bool = False) -> None:
    """A build starts whose conversions are kept in ``path`` (None: every page is converted, nothing is kept).
    ``hold`` (``serve``): what this process's last build of ``path`` used is taken from memory rather than read
    from the file, and what this build uses is held for the next one, written once the process is idle."""
    stop_helper()
    ACTIVE.clear()
    if path is not None:
        ACTIVE["cache"] = ConversionCache(path, HELD.take(path) if hold else None)
        ACTIVE["hold"] = hold


def site_known(config: Any, files: Any) -> None:
    """The site's files are final (MkDocs' ``on_nav``): the pages' keys can be made."""
    if "cache" in ACTIVE:
        ACTIVE["site"] = site_digest(config, files)


def convert_alongside(config: Any, files: Any, dirty: bool = False) -> None:
    """A second process converts part of the pages while this one converts the rest
    (:mod:`scripts.render.page_helper`). Called once the pages are known (``on_nav``, after :func:`site_known`),
    in a build of one language that keeps its conversions and has a core to spare.

    The copy populates each page it takes as MkDocs does (:func:`mkdocs.commands.build._populate_page`: the
    page's events and its conversion through this cache) and divides its content into search sections; it sends
    what its cache made that this one lacks (:meth:`ConversionCache.fresh`). This build adds that to the entries
    read from the file, and populates the page as it would have: what it finds under the page's own keys is used,
    anything else is made here."""
    cache = ACTIVE.get("cache")
    if cache is None or "site" not in ACTIVE or not spare_core():
        return
    populate_page = getattr(mkdocs_build, "_populate_page", None)  # private: without it, no second process
    if populate_page is None:
        return

    def work(page: Any) -> tuple[dict, dict, dict] | None:
        populate_page(page, config, files, dirty)
        if page.content is not None:
            cache.sections(page.content)
        made = cache.fresh()
        return made if any(made) else None

    pages = [file.page for file in files.documentation_pages() if file.page is not None]
    cache.mark_given()
    try:
        ACTIVE["helper"] = PageHelper(pages, work)
    except OSError as error:  # no fork, no pipe: this process converts every page, as it would have
        log.info(f"no second process for the conversions ({error}): every page is converted here")


def stop_helper() -> None:
    """The second process, if there is one, is stopped: every page is populated, or the build failed."""
    helper = ACTIVE.pop("helper", None)
    if helper is not None:
        helper.stop()


def use_cache(page: Any) -> Any:
    """``page`` converted through the cache of the build under way, if there is one, and with the converter
    :mod:`scripts.render.converter` keeps in any build (plain MkDocs pages only: a plugin's own page class keeps its
    own ``render``); if a second process converts pages (:func:`convert_alongside`), the page is taken by this one,
    or what the other made for it is received first."""
    helper = ACTIVE.get("helper")
    made = None if helper is None else helper.claim(page)
    if made is not None:
        ACTIVE["cache"].add(made)
    if type(page) is Page:  # noqa: E721 - exactly MkDocs' class
        page.__class__ = CachedPage
    return page


def convert_part(page: Any, markdown: str, config: Any, files: Any, at: Any = None) -> str:
    """``markdown``, a part of ``page`` kept apart from its text (its translation notice), converted as MkDocs
    converts the page (the same extensions, its links resolved and checked from the page), through the cache of
    the build under way if there is one: kept under the page and this Markdown, as a page is. ``at``: another
    file of the site (MkDocs' ``File``) the part is converted from instead, its links resolved and checked from
    there and kept under that file, so that every page converting the same Markdown from it shares one conversion
    (:mod:`scripts.render.notices`).

    The part's anchors and its links to other pages' anchors become the page's, which MkDocs checks once every
    page is built. A part may have no heading: its ids would not be made unique against the page's own, and the
    page's table of contents would not list it (a notice has none: its titles are an admonition's)."""
    part = copy.copy(page)  # the page's file, URL and settings; its own conversion is left alone
    part.markdown = markdown
    if at is not None:
        part.file = at
    cache, site = ACTIVE.get("cache"), ACTIVE.get("site")
    if cache is None or site is None:
        converter.render(part, config, files)
    else:
        if cache.render(part, config, files, site) == "converted":  # counted apart: the log counts pages
            cache.parts += 1
    if part.toc and list(part.toc):
        raise PluginError(f"the notice of {page.file.src_uri} has a heading: a part converted apart may have none")
    page.present_anchor_ids = page_anchors.union(page.present_anchor_ids, part.present_anchor_ids)
    if part.links_to_anchors:
        links = {file: dict(anchors) for file, anchors in (page.links_to_anchors or {}).items()}
        for file, anchors in part.links_to_anchors.items():
            links.setdefault(file, {}).update(anchors)
        page.links_to_anchors = links
    return part.content or ""


def search_sections(html: str) -> list[Section]:
    """The search sections of a page's ``html``, through the cache of the build under way if there is one."""
    cache = ACTIVE.get("cache")
    return divide_sections(html) if cache is None else cache.sections(html)


def cleaned(html: str) -> str:
    """A page's content through the allow-list sanitizer, through the cache of the build under way if there is
    one."""
    cache = ACTIVE.get("cache")
    return clean_content(html) if cache is None else cache.cleaned(html)


def finish() -> None:
    """The build's pages are all rendered: the conversions it used are kept, and the log says how many pages were
    converted and how many reused."""
    stop_helper()
    converter.release()
    cache, hold = ACTIVE.pop("cache", None), ACTIVE.get("hold", False)
    ACTIVE.clear()
    if cache is not None:
        if hold:
            HELD.keep(cache.path, cache.content())
        else:
            cache.finish()
        helped = f" ({cache.helped} of them by a second process)" if cache.helped else ""
        parts = f"; {cache.parts} notice(s) converted apart" if cache.parts else ""
        log.info(f"Markdown: {cache.misses + cache.helped} page(s) converted{helped}, {cache.hits} reused from "
                 f"the last build{parts}")


def failed() -> None:
    """The build under way failed: the second process is stopped, and what is held waits to be written again."""
    stop_helper()
    converter.release()
    ACTIVE.clear()
    HELD.resume()


def write_held() -> None:
    """The process stops: the conversions it holds are written now."""
    HELD.pause()
    HELD.write()


def cache_file(folder: Path, build: str, edition: str, language: str) -> Path:
    """The file of one language's conversions: ``build`` is ``build`` (``python -m scripts build``) or ``serve``
    (their sites differ, so they do not share one), for the site or an ``edition``."""
    return Path(folder) / f"{build}-{edition or 'site'}-{language}.pickle"


class CachedPage(Page):
    """A MkDocs page whose conversion goes through the cache of the build under way, if there is one, and through
    the kept converter (:mod:`scripts.render.converter`) when it is converted."""

    def render(self, config: Any, files: Any) -> None:
        cache, site = ACTIVE.get("cache"), ACTIVE.get("site")
        if cache is None or site is None:
            converter.render(self, config, files)
        else:
            cache.count(cache.render(self, config, files, site))
