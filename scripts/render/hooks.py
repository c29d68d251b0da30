"""MkDocs hooks of a staged language (listed by :mod:`scripts.render.mkdocs_config`): what must happen while
MkDocs renders, and nothing else.

- the site's name, escaped once by the staging, is marked safe (Jinja's ``|e`` would escape it again);
- the second wall: every page's content and every translation notice through the allow-list sanitizer (the
  measure names filled in after it, escaped), every page and template with its Content-Security-Policy, every
  title made safe before a template prints it (:mod:`scripts.render.security`);
- each page's links to the same page in the other languages (language menu, hreflang), and the note of a
  transliterated language;
- each page's own scripts: the features its content uses (:mod:`scripts.render.page_scripts`);
- Material's search index divides pages with a faster parser, to the same index (:mod:`scripts.render.search_index`);
- a page whose Markdown and site are unchanged since the last build is not converted again, and content that is
  unchanged is not sanitized or divided for search again (:mod:`scripts.render.markdown_cache`);
- each converted page's status marks are filled in, its other marks checked and its translation notice converted
  apart (sanitized on its own), first of all; the notice is put into the finished page, after its template, with
  the measure names the navigation and the content print as marks (:mod:`scripts.render.names`), and in the
  search index's entries;
- a page whose template reads what it read in the last build is not put into its template again
  (:mod:`scripts.render.rendered_pages`);
- Python-Markdown's inline step skips the patterns a text cannot match, to the same HTML
  (:mod:`scripts.render.quick_inline`).
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from markupsafe import Markup
from mkdocs.plugins import CombinedEvent, event_priority

from scripts.data.transliterate import to_latin
from scripts.pages.template_cache import TEMPLATES
from scripts.render import markdown_cache, quick_inline, rendered_pages
from scripts.render.mkdocs_config import RENDER_KEY
from scripts.render.names import (NOTICE_PARAGRAPH, check_page, fill_finished, fill_page, fill_searched,
                                  fill_statuses, finish_page, left_over)
from scripts.render.notices import convert_notice
from scripts.render.page_scripts import page_scripts
from scripts.render.search_index import indexed, use_fast_index
from scripts.render.security import add_csp, escape_titles
from scripts.staging.languages import alternates, build_from_dict

_state: dict[str, Any] = {}


def _settings(config: Any) -> dict[str, Any]:
    return config.extra.get(RENDER_KEY) or {}


def on_config(config: Any) -> Any:
    config.site_name = Markup(config.site_name)
    if config.site_description:
        config.site_description = Markup(config.site_description)
    quick_inline.add_to(config)
    settings = _settings(config)
    _state["build"] = build_from_dict(settings["build"]) if settings.get("build") else None
    return config


def on_pre_build(config: Any) -> None:
    # after every plugin's on_config: Material's search plugin has made its index (and its settings) by now
    names = _settings(config).get("measure_names") or {}
    # the names and the notice go into the finished page when the search index is ours (it fills its entries)
    # and no plugin but the staged ones reads the content; otherwise (MkDocs' own search, which reads page.content
    # itself) into the content first of all, as the plugin does
    ours = use_fast_index(config, markdown_cache.search_sections, _searched,
                          lambda text: fill_searched(text, names, "the search index"))
    _state["late"] = ours and not rendered_pages.unknown_plugin(config)
    stored = _settings(config).get("markdown_cache")
    markdown_cache.start(Path(stored) if stored else None)
    rendered_pages.start(rendered_pages.file_beside(Path(stored)) if stored else None)
    # the notices write_tree wrote beside the pages (none: a page with a notice mark fails, naming itself)
    notices = Path(_settings(config).get("notices") or "")
    _state["notices"] = json.loads(notices.read_text(encoding="utf-8")) if notices.is_file() else {}
    _state["names"] = names
    _state["notice_html"] = {}


@event_priority(-300)
def on_nav(nav: Any, config: Any, files: Any) -> Any:
    _state["nav"] = nav
    markdown_cache.site_known(config, files)  # every plugin's on_files has run: the files are final
    return nav


@event_priority(-300)
def on_pre_page(page: Any, config: Any, files: Any) -> Any:
    return markdown_cache.use_cache(page)


def on_env(env: Any, config: Any, files: Any) -> Any:
    env.bytecode_cache = TEMPLATES  # the theme's templates too: compiled once per process
    env.template_class = rendered_pages.KeptTemplate  # a page's HTML kept while what its template reads is the same
    # every page is rendered by now: titles (from data and catalogs) made safe before any template prints them.
    # Taken out of the state: kept, the navigation (and through it every page of the language, with its HTML)
    # stayed in the build worker until its next language, about 20 MiB a worker at the build's peak.
    escape_titles(_state.pop("nav", None), [f.page for f in files.documentation_pages() if f.page])
    env.globals["guidelines_transliterate"] = to_latin  # partials/language.html, for sr-Latn
    return env


# First of all: the statuses filled in, the other marks of the content checked, the notice converted apart and
# sanitized. The names and the notice are filled in the finished page (on_post_page). The search index and the
# page's scripts read the content with those marks.
@event_priority(100)
def _notice_apart(html: str, page: Any, config: Any, files: Any) -> str:
    notice = _state.get("notices", {}).get(page.file.src_uri, "")
    if not _state.get("late", True):
        return fill_page(html, page, _state.get("names") or {}, notice,
                         lambda notice: convert_notice(page, notice, page.file.src_uri, config, files))
    html = fill_statuses(html, page, _state.get("names") or {})
    check_page(html, page, _state.get("names") or {}, bool(notice))
    if notice:  # a page without a notice has no entry
        converted = convert_notice(page, notice, page.file.src_uri, config, files)
        _state.setdefault("notice_html", {})[page.file.src_uri] = markdown_cache.cleaned(converted)
    return html


def _searched(page: Any) -> str:
    """What the search index divides of a page: its content with its marks (filled in its entries, as the parser
    would have escaped them), without its notice's paragraph (a notice is excluded from search)."""
    return (page.content or "").replace(NOTICE_PARAGRAPH, "")


# Last of all: whatever reached the content's HTML goes through the allow-list sanitizer
@event_priority(-300)
def _sanitize(html: str, page: Any, config: Any, files: Any) -> str:
    return markdown_cache.cleaned(html)


on_page_content = CombinedEvent(_notice_apart, _sanitize)


@event_priority(-110)
def on_page_context(context: Any, page: Any, config: Any, nav: Any) -> Any:
    settings = _settings(config)
    if settings.get("transliteration"):
        context["guidelines_transliteration"] = settings["transliteration"]
    build = _state.get("build")
    if build is not None and len(build.languages) > 1:
        context["guidelines_alternates"] = alternates(build, page.url)
    # the features of its content and of its notice (both hold tags whole: the groups of one are the content's)
    notice_html = _state.get("notice_html", {}).get(page.file.src_uri, "")
    context["guidelines_scripts"] = page_scripts((page.content or "") + notice_html, config.extra_javascript)
    return context


def _keep_for_the_next_build(config: Any) -> None:
    markdown_cache.finish()
    rendered_pages.finish()


# After Material's search plugin has written its index: no mark may be left in it (its entries are filled as they
# are made; an index that is not ours, or a plugin's own, would not be)
@event_priority(-300)
def _search_index_filled(config: Any) -> None:
    index = Path(config.site_dir) / "search" / "search_index.json"
    if index.is_file():
        left_over(index.read_text(encoding="utf-8"), "the search index")


on_post_build = CombinedEvent(_keep_for_the_next_build, _search_index_filled)


# Last of all: the marks the templates printed (the navigation's measure titles) filled, then the page's CSP
@event_priority(-300)
def on_post_page(output: str, page: Any, config: Any) -> str:
    src = page.file.src_uri
    notice_html = _state.get("notice_html", {}).pop(src, None)
    if notice_html is not None:
        notice_html = indexed(notice_html)  # as the search plugin left the content
    output = finish_page(output, _state.get("names") or {}, notice_html, f"the page {src}")
    return add_csp(output, local_files=bool(_settings(config).get("local_files")))


@event_priority(-300)
def on_post_template(output_content: str, template_name: str, config: Any) -> str:
    if not template_name.endswith(".html"):
        return output_content
    output_content = fill_finished(output_content, _state.get("names") or {}, template_name)
    return add_csp(output_content, local_files=bool(_settings(config).get("local_files")))
