"""A page's Markdown converted as MkDocs converts it, with one Python-Markdown converter per configuration.

MkDocs' ``Page.render`` makes a new ``markdown.Markdown`` for every page: it loads every extension again and builds
every registry of processors and patterns again (about 0.56 ms a page with the site's extensions, before its own four
processors are added), then converts. Python-Markdown's own way to convert many documents is one converter, ``reset()``
between them: ``reset`` empties the stash of raw HTML and the references, and calls each extension's ``reset``.
:func:`render` does what ``Page.render`` does, with one converter per configuration in the process, reset after each
page; MkDocs' four processors, which hold the page and what it found, are made for each page as ``Page.render`` makes
them, registered for its conversion (after the extensions' own, with their priorities: the same order as in a new
converter) and taken off after it. On the 98 staged French pages, in one process, converting took 0.72 s instead of
0.80 s (the same site, file by file). One of the four differs: in the place of MkDocs' parse of the raw HTML for ids,
:class:`scripts.render.page_anchors.RawHTMLText` keeps the text it would parse, parsed only when a lookup of the
page's ids needs it, or when the conversion is kept (:class:`scripts.render.page_anchors.PageAnchors`).

A converter is shared only when what ``reset`` leaves is what a new converter starts from, which depends on the
extensions. So every extension of the configuration must be one of :data:`scripts.render.markdown_extensions.READ`, each
read for what it keeps between documents (Python-Markdown 3.11.3, pymdown-extensions 13.1). ``attr_list``, ``def_list``,
``md_in_html`` (which makes a new HTML parser for each document and keeps what it hands between its steps in the stash
that ``reset`` empties) and the quicker inline step keep nothing; ``tables``, ``admonition`` and ``pymdownx.details``
hand what one block's test found to its run, which always follows; ``fenced_code`` and ``pymdownx.superfences`` read
their settings once, and ``toc``, ``abbr`` and ``superfences`` (its code blocks) keep what their ``reset`` clears.
``superfences`` loads ``pymdownx.highlight`` (a count of code blocks, which its ``reset`` clears) and
``pymdownx._bypassnorm`` (nothing kept) itself, so every extension the converter has registered for its ``reset`` must
also be of a module of :data:`RESET_READ`. ``footnotes``, for one, counts its resets into its ids when asked for ids
unique between documents, so a page converted after another would not get the ids it gets alone. With it, or any other
extension, or one given as an object rather than by name, each page gets a new converter, as in MkDocs. So does a page
converted while another is (a converter is not re-entered), and ``Page.render`` itself is used when it is not MkDocs'
own, unwrapped, with the source :func:`render` repeats (:data:`REPEATED`, a digest of it), or when MkDocs,
Python-Markdown or pymdown-extensions is not the version this was read against (:data:`READ_WITH`). After an upgrade the
site converts as before, only slower, and ``tests/test_converter.py`` fails until this module is read against the new
versions.

After each page, MkDocs' four processors are taken off the converter and it is reset again, so that it keeps no strong
reference to the page object, its site's files or its configuration: the configuration is held by a weak reference, with
its extensions and their settings as text (a configuration is known by its object and those: ``serve``'s next build, or
one whose settings changed, gets a converter of its own); the last page's text and element tree stay, as Python-Markdown
leaves them, until the next page. One converter is kept at a time, and none once a build has ended (:func:`release`,
called by :func:`scripts.render.markdown_cache.finish` and ``failed``).
"""

from __future__ import annotations

import functools
import logging
import weakref
from importlib import metadata
from typing import Any

import markdown
from mkdocs.structure import pages as mkdocs_pages
from mkdocs.structure.pages import (Page, _ExtractAnchorsTreeprocessor, _ExtractTitleTreeprocessor,
                                    _RelativePathTreeprocessor)
from mkdocs.structure.toc import get_toc

from scripts.files import source_digest
from scripts.render.markdown_extensions import READ, all_read
from scripts.render.page_anchors import PageAnchors, RawHTMLText

#: the modules of the extensions a converter may have registered for its ``reset`` (those of :data:`READ` and
#: the two ``pymdownx.superfences`` loads itself), each read for what it keeps
RESET_READ = frozenset({name if "." in name else f"markdown.extensions.{name}" for name in READ}
                       | {"pymdownx.highlight", "pymdownx._bypassnorm"})
#: MkDocs' own ``Page.render``, as this module found it
_MKDOCS_RENDER = Page.__dict__["render"]
#: the digest of the source of ``Page.render`` as :func:`render` repeats it (MkDocs 1.6.1)
REPEATED = "320529348f7a8af1"
#: the versions this module was read against: with others, each page gets a converter of its own
READ_WITH = {"mkdocs": "1.6.1", "markdown": "3.11.3", "pymdown-extensions": "13.1"}
#: where MkDocs 1.6.1's ``Page.render`` registers its four processors: taken off after each page
_PAGE_PROCESSORS = (("preprocessors", "mkdocs_raw_html"), ("treeprocessors", "mkdocs_extract_anchors"),
                    ("treeprocessors", "relpath"), ("treeprocessors", "mkdocs_extract_title"))

#: the converter kept: its configuration (a weak reference), the extensions and settings as text, the converter,
#: whether it is converting a page
_KEPT: dict[str, Any] = {}


def repeated_render() -> str | None:
    """The digest of the source of the ``Page.render`` installed now, or None when it is not MkDocs' own (a plugin
    replaced it) or has no source."""
    function = Page.__dict__.get("render")
    if function is not _MKDOCS_RENDER or hasattr(function, "__wrapped__"):
        return None
    return source_digest(function)


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


def _registered_read(converter: markdown.Markdown) -> bool:
    return all(type(extension).__module__ in RESET_READ for extension in converter.registeredExtensions)


def _converter(config: Any) -> markdown.Markdown | None:
    """The converter kept for ``config``, reset; a new one, kept, when there is none for it; None when a page must
    get a converter of its own (see the module's text)."""
    extensions, settings = _settings(config)
    if repeated_render() != REPEATED or installed() != READ_WITH or not all_read(extensions):
        return None
    described = repr((extensions, settings))
    if _KEPT and _KEPT["config"]() is config and _KEPT["described"] == described:
        return None if _KEPT["busy"] else _KEPT["converter"]
    try:
        held = weakref.ref(config)
    except TypeError:  # a configuration that cannot be held weakly is not held: a converter for each page
        return None
    converter = markdown.Markdown(extensions=extensions, extension_configs=settings)
    if not _registered_read(converter):
        return None
    _KEPT.clear()
    _KEPT.update(config=held, described=described, converter=converter, busy=False)
    return converter


def release() -> None:
    """No converter is kept any more (a build ended)."""
    _KEPT.clear()


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
        raw_html_ext = RawHTMLText()  # parsed for ids only if a lookup needs them (page_anchors)
        raw_html_ext._register(md)
        extract_anchors_ext = _ExtractAnchorsTreeprocessor(page.file, files, config)
        extract_anchors_ext._register(md)
        relative_path_ext = _RelativePathTreeprocessor(page.file, files, config)
        relative_path_ext._register(md)
        extract_title_ext = _ExtractTitleTreeprocessor()
        extract_title_ext._register(md)
        page.content = md.convert(page.markdown)
        toc_tokens = getattr(md, "toc_tokens", [])
        for registry, name in _PAGE_PROCESSORS:  # nothing of this page is held once it is converted
            getattr(md, registry).deregister(name)
        md.reset()
    except BaseException:
        _KEPT.clear()  # a conversion that stopped half-way leaves the converter as it stopped: not used again
        raise
    _KEPT["busy"] = False
    page.toc = get_toc(toc_tokens)
    page._title_from_render = extract_title_ext.title
    page.present_anchor_ids = PageAnchors(extract_anchors_ext.present_anchor_ids, (raw_html_ext.text,),
                                          where=page.file.src_uri)
    if mkdocs_pages.log.getEffectiveLevel() > logging.DEBUG:
        page.links_to_anchors = relative_path_ext.links_to_anchors
