"""A page's Markdown converted as MkDocs converts it, with one Python-Markdown converter per configuration.

MkDocs' ``Page.render`` makes a new ``markdown.Markdown`` for every page: it loads every extension again and builds
every registry of processors and patterns again (about 0.56 ms a page with the site's extensions, before its own
four processors are added), then converts. Python-Markdown's own way to convert many documents is one converter,
``reset()`` between them: ``reset`` empties the stash of raw HTML and the references, and calls each extension's
``reset``. :func:`render` does what ``Page.render`` does, with one converter per configuration in the process, reset
before each page; MkDocs' four processors, which hold the page and what it found, are made for each page as
``Page.render`` makes them and registered over the previous page's (same names, same priorities, so the same
order). On the 98 staged French pages, in one process, converting took 0.72 s instead of 0.80 s (the same site,
file by file).

A converter is shared only when what ``reset`` leaves is what a new converter starts from, which depends on the
extensions; so only when every extension of the configuration is one of :data:`SHAREABLE`, each read for what it keeps
between documents (Python-Markdown 3.11.3, pymdown-extensions 13.1): none (``tables``, ``attr_list``, ``def_list``,
``admonition``, whose state one block's test hands to its run, ``fenced_code``, which looks once for the extensions it
works with, ``pymdownx.details``, the quicker inline step) or only what its ``reset`` clears (``toc``, ``abbr``,
``md_in_html``, ``pymdownx.superfences``). ``footnotes``, for one, counts its resets into its ids when asked for ids
unique between documents, so a page converted after another would not get the ids it gets alone; with it, or any
extension not in the list, or an extension given as an object rather than by name, each page gets a new converter, as in
MkDocs. So does a page converted while another is (a converter is not re-entered), and ``Page.render`` itself is used
when the installed MkDocs' is not the one :func:`render` repeats (:data:`REPEATED`, a digest of its source). After an
upgrade of MkDocs, Python-Markdown or pymdown-extensions (:data:`READ_WITH`) the site converts as before, only slower,
and ``tests/test_converter.py`` fails until the repetition is compared, or the extensions read, again.

A configuration is known by its object (held here, so its identity is not given to another while the converter is
kept), its extensions and their settings: a new build (``serve``'s next one) gets a converter of its own. One is
kept at a time.
"""

from __future__ import annotations

import functools
import hashlib
import inspect
import logging
from importlib import metadata
from typing import Any

import markdown
from mkdocs.structure import pages as mkdocs_pages
from mkdocs.structure.pages import (Page, _ExtractAnchorsTreeprocessor, _ExtractTitleTreeprocessor,
                                    _RawHTMLPreprocessor, _RelativePathTreeprocessor)
from mkdocs.structure.toc import get_toc

from scripts.render.quick_inline import NAME as QUICK_INLINE

#: the extensions after whose ``reset`` a converter is as a new one (see the module's text)
SHAREABLE = frozenset(("toc", "tables", "fenced_code", "abbr", "admonition", "attr_list", "def_list", "md_in_html",
                       "pymdownx.details", "pymdownx.superfences", QUICK_INLINE))
#: the digest of the source of ``Page.render`` as :func:`render` repeats it (MkDocs 1.6.1)
REPEATED = "320529348f7a8af1"
#: the versions whose extensions :data:`SHAREABLE` was read from: with others, each page gets a converter of its own
READ_WITH = {"markdown": "3.11.3", "pymdown-extensions": "13.1"}

#: the converter kept: ``(configuration, its extensions and settings as text, converter, in use)``
_KEPT: dict[str, Any] = {}


@functools.cache
def repeated_render() -> str | None:
    """The digest of the installed ``Page.render``'s source, or None when it has none."""
    try:
        source = inspect.getsource(Page.render)
    except (OSError, TypeError):
        return None
    return hashlib.sha256(source.encode()).hexdigest()[:16]


@functools.cache
def installed() -> dict[str, str | None]:
    """The installed versions of the libraries of :data:`READ_WITH`."""
    found: dict[str, str | None] = {}
    for name in READ_WITH:
        try:
            found[name] = metadata.version(name)
        except metadata.PackageNotFoundError:
            found[name] = None
    return found


def _settings(config: Any) -> tuple[list[Any], dict[str, Any]]:
    return config["markdown_extensions"], config["mdx_configs"] or {}


def _shareable(extensions: list[Any]) -> bool:
    return all(isinstance(name, str) and name in SHAREABLE for name in extensions)


def _converter(config: Any) -> markdown.Markdown | None:
    """The converter kept for ``config``, reset; a new one, kept, when there is none for it; None when a page must
    get a converter of its own (see the module's text)."""
    extensions, settings = _settings(config)
    if repeated_render() != REPEATED or installed() != READ_WITH or not _shareable(extensions):
        return None
    described = repr((extensions, settings))
    if _KEPT.get("config") is config and _KEPT.get("described") == described:
        if _KEPT["busy"]:
            return None
        return _KEPT["converter"].reset()
    converter = markdown.Markdown(extensions=extensions, extension_configs=settings)
    _KEPT.clear()
    _KEPT.update(config=config, described=described, converter=converter, busy=False)
    return converter


def render(page: Page, config: Any, files: Any) -> None:
    """``page.render(config, files)`` as MkDocs 1.6.1's ``Page.render`` does it, with the converter kept for
    ``config`` where one may be shared."""
    if page.markdown is None:
        raise RuntimeError("`markdown` field hasn't been set (via `read_source`)")
    md = _converter(config)
    if md is None:
        Page.render(page, config, files)
        return
    _KEPT["busy"] = True
    try:
        raw_html_ext = _RawHTMLPreprocessor()
        raw_html_ext._register(md)
        extract_anchors_ext = _ExtractAnchorsTreeprocessor(page.file, files, config)
        extract_anchors_ext._register(md)
        relative_path_ext = _RelativePathTreeprocessor(page.file, files, config)
        relative_path_ext._register(md)
        extract_title_ext = _ExtractTitleTreeprocessor()
        extract_title_ext._register(md)
        page.content = md.convert(page.markdown)
    except BaseException:
        _KEPT.clear()  # a conversion that stopped half-way leaves the converter as it stopped: not used again
        raise
    _KEPT["busy"] = False
    page.toc = get_toc(getattr(md, "toc_tokens", []))
    page._title_from_render = extract_title_ext.title
    page.present_anchor_ids = extract_anchors_ext.present_anchor_ids | raw_html_ext.present_anchor_ids
    if mkdocs_pages.log.getEffectiveLevel() > logging.DEBUG:
        page.links_to_anchors = relative_path_ext.links_to_anchors
