"""Pages put into their templates by a second process while the build puts in the rest (``serve --lang``).

Once every page is populated and every plugin's ``on_env`` has run (:func:`render_alongside`), the build forks
(:class:`scripts.render.page_helper.PageHelper`). For each page the copy takes, it does what MkDocs does before it
writes a page: the page's context, its ``on_page_context`` events and its template (as MkDocs' ``_build_page``
does, in the same order). It sends back the HTML.

The build still runs every event of every page itself, in order: MkDocs' own context, each plugin's
``on_page_context`` (Material's search index takes the page there) and ``on_post_page``, and the writing of the
file. Only the rendering of the template is skipped for a page the copy did: the last ``on_page_context``
(:func:`use_rendered`) puts the copy's HTML in the page's context under :data:`RENDERED`, a key no template can
name, and the template class of this build's environment (:class:`RenderedTemplate`) returns it instead of
rendering. The copy started from this very build once every input was final, and what a page's template makes
depends only on the page's own context; ``tests/test_serve_helpers.py`` builds the whole site both ways and compares
every file.

Not used with ``--dirty`` (MkDocs skips pages then), with draft pages (MkDocs renders them with a marker), with
``GUIDELINES_NO_CACHE=1`` (the plugin's ``no_cache``), or without a core to spare.
"""

from __future__ import annotations

import logging
from typing import Any

import jinja2
from mkdocs.commands.build import get_context
from mkdocs.structure.files import InclusionLevel

from scripts.render.page_helper import PageHelper, spare_core

log = logging.getLogger("mkdocs.render.render_helper")

#: the context key of HTML the second process rendered (with a NUL: no template can name it)
RENDERED = "\0guidelines-rendered"

_state: dict[str, Any] = {}


class RenderedTemplate(jinja2.Template):
    """A template that returns the HTML the second process made for this context, if it holds some."""

    def render(self, *args: Any, **kwargs: Any) -> str:
        if len(args) == 1 and not kwargs and isinstance(args[0], dict):
            rendered = args[0].get(RENDERED)
            if isinstance(rendered, str):
                return rendered
        return super().render(*args, **kwargs)


def render_alongside(env: jinja2.Environment, config: Any, files: Any, nav: Any, dirty: bool = False) -> None:
    """A second process renders part of the pages (the last ``on_env``: every page is populated, the environment
    is final)."""
    stop()
    if dirty or nav is None or not spare_core():
        return
    # page templates are loaded after the last on_env; one loaded before keeps Jinja2's class and renders itself
    env.template_class = RenderedTemplate
    doc_files = files.documentation_pages(inclusion=InclusionLevel.is_included)
    if doc_files != files.documentation_pages(inclusion=InclusionLevel.is_in_serve):
        return  # drafts: which files a page's context lists depends on how serve was started
    pages = [file.page for file in doc_files if file.page is not None]

    def work(page: Any) -> str | None:  # what MkDocs' _build_page does before on_post_page
        config._current_page = page
        page.active = True
        try:
            context = get_context(nav, doc_files, config, page)
            template = env.get_template(page.meta.get("template", "main.html"))
            context = config.plugins.on_page_context(context, page=page, config=config, nav=nav)
            return template.render(context)
        finally:
            page.active = False
            config._current_page = None

    try:
        _state["helper"] = PageHelper(pages, work)
    except OSError as error:
        log.info(f"no second process for the templates ({error}): every page is rendered here")


def use_rendered(context: dict, page: Any) -> dict:
    """The page's context, with the HTML the second process made for it if it made some (the last
    ``on_page_context``)."""
    helper = _state.get("helper")
    html = None if helper is None else helper.claim(page)
    if html is not None:
        context[RENDERED] = html
    return context


def stop() -> int:
    """The second process is stopped (every page is written, or the build failed); how many pages it gave."""
    helper = _state.pop("helper", None)
    if helper is None:
        return 0
    helper.stop()
    return helper.given
