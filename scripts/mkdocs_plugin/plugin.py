"""The ``guidelines`` MkDocs plugin: loads the data, adds the generated pages, watches the data.

Each event hands over to the data layer (:mod:`scripts.data`) or the page layer (:mod:`scripts.pages`);
no data logic or rendering lives here.
"""

from __future__ import annotations

import logging
from copy import deepcopy
from pathlib import Path

from markupsafe import escape

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, CombinedEvent, event_priority
from mkdocs.structure.files import Files, InclusionLevel
from mkdocs.structure.pages import Page as MkDocsPage

from scripts.data import DataError
from scripts.i18n.checks import CatalogError
from scripts.mkdocs_plugin import languages
from scripts.mkdocs_plugin.config import GuidelinesConfig
from scripts.data.transliterate import to_latin
from scripts.pages.context import TEMPLATE_DIR, RenderContext
from scripts.pages.template_cache import TEMPLATES
from scripts.paper import make_paper
from scripts.paper.render import PaperCache
from scripts.render import markdown_cache, render_helper, serve_site, theme_environment
from scripts.render.live_reload import event_watching_server, stop_on_terminate
from scripts.render.names import fill_page
from scripts.render.notices import convert_notice
from scripts.render.post import rewrite_search_index, write_sitemap
from scripts.render.search_index import use_fast_index
from scripts.render.security import add_csp, allow_served_script, escape_titles
from scripts.staging import handwritten
from scripts.staging.cache import keep_compiled_templates, load_dataset_cached, running_code_on_disk
from scripts.staging.languages import alternates, neutral_path, neutral_url
from scripts.staging.stage import StagedTree, StagingError, stage_language

log = logging.getLogger("mkdocs.plugins.guidelines")


class GuidelinesPlugin(BasePlugin[GuidelinesConfig]):
    def __init__(self) -> None:
        self.tree: StagedTree | None = None
        self.data_dir: Path | None = None
        self.build: languages.LanguageBuild | None = None
        self.context: RenderContext | None = None
        self.source_config: MkDocsConfig | None = None
        self.source_nav = None
        self.source_names: tuple = ()
        self.page_urls: list[str] = []
        self.command = "build"
        self.dirty = False
        self.site_dir = ""
        self.site_files: list[str] = []

    # The i18n plugin sets the language in its own on_config (priority -100); ours runs first so that the
    # search plugin (priority 0) sees the language's theme settings.
    @event_priority(50)
    def on_config(self, config: MkDocsConfig) -> MkDocsConfig:
        markdown_cache.building()  # serve: what it holds is not written while this build runs
        theme_environment.lighten(config.theme)  # before the search plugin's on_config makes an environment
        base = Path(config.config_file_path or ".").resolve().parent
        self.data_dir = (base / self.config.data_dir).resolve()
        try:
            dataset = load_dataset_cached(self.data_dir)
        except DataError as error:
            raise PluginError(f"the data in {self.data_dir} is not valid:\n{error.report()}") from None
        edition = next((e for e in dataset.editions if e.id == self.config.edition), None)
        # The i18n plugin builds every language on the same config: start from mkdocs.yml's each time. `serve`
        # reads mkdocs.yml again for each rebuild (a new config) and keeps this plugin: read its nav again then.
        if self.source_config is not config:
            self.source_config = config
            self.source_nav = deepcopy(config.nav)
            self.source_names = (config.site_name, config.site_description)
        previous = self.build
        # A country edition opens in its first language (site root), the others in <code>/
        self.build = languages.language_build(config, dataset, edition.languages[0] if edition else "")
        if previous is not None and previous.alone == self.build.alone:
            self.build.site_root_url = previous.site_root_url
        # The same staging as `python -m scripts build`, from this configuration; the same compiled templates
        keep_compiled_templates(None if self.config.no_cache else base / "build" / "cache")
        name, description = self.source_names
        source = {"site_name": name, "site_description": description, "nav": deepcopy(self.source_nav),
                  "docs_dir": config.docs_dir, "use_directory_urls": config.use_directory_urls,
                  "plugins": [{"guidelines": {"edition": self.config.edition}},
                              {"i18n": {"languages": [{"locale": code} for code in self.build.languages]}}]}
        try:
            self.tree = stage_language(source, base, self.data_dir, self.build.language,
                                       self.build.root_language if self.build.alone else "",
                                       None if self.config.no_cache else base / "build" / "cache")
        except CatalogError as error:
            raise PluginError(f"the catalog of {self.build.language!r} cannot be read:\n{error}") from None
        except StagingError as error:
            raise PluginError(str(error)) from None
        self.build.in_english, self.build.outdated = self.tree.build.in_english, self.tree.build.outdated
        languages.narrow_config(config, self.build, self.tree.theme_text)
        self.context = self.tree.context
        # Escaped once here (Markup: Jinja's |e leaves it as is): the theme prints the name raw in <title>.
        config.site_name = escape(self.tree.site_name)
        if self.tree.site_description is not None:
            config.site_description = escape(self.tree.site_description)
        config.nav = self.tree.nav
        return config

    @event_priority(10)
    def _split_handwritten(self, files: Files, config: MkDocsConfig) -> Files:
        return languages.split_handwritten(files, config, self.build)

    # After mkdocs-static-i18n (priority -100), which keeps only files that exist in docs/.
    @event_priority(-110)
    def _add_generated(self, files: Files, config: MkDocsConfig) -> Files:
        tree = self.tree
        not_in_nav = set(tree.not_in_nav)
        for path in tree.generated:
            file = languages.generated_file(config, self.build, path, tree.files[path])
            file.guidelines_page = path
            if path in not_in_nav:  # only other pages lead to it: not an omission from the navigation
                file.inclusion = InclusionLevel.NOT_IN_NAV
            files.append(file)
        for path in sorted(self.build.transliterated_pages):
            file = languages.generated_file(config, self.build, path, tree.files[path])
            file.guidelines_page = path
            files.append(file)
        return files

    on_files = CombinedEvent(_split_handwritten, _add_generated)

    def on_page_markdown(self, markdown: str, page: MkDocsPage, config: MkDocsConfig, files: Files) -> str:
        """A hand-written page as the staging shows it in this language: its notice (shown in English, outdated,
        not reviewed) and the contact (:mod:`scripts.staging.handwritten`)."""
        if self.build is None or getattr(page.file, "guidelines_page", None):
            return markdown
        staged = self.tree.files.get(neutral_path(self.build, page.file.src_uri))
        if not isinstance(staged, str):
            return markdown
        return handwritten.FRONT_MATTER.sub("", staged, count=1)

    # First of all: the notice and the measure names where the generated Markdown has their marks
    # (scripts.render.names)
    @event_priority(100)
    def _fill_names(self, html: str, page: MkDocsPage, config: MkDocsConfig, files: Files) -> str:
        if self.tree is None or self.build is None:
            return fill_page(html, page, {})
        generated = getattr(page.file, "guidelines_page", None)  # its docs path
        notice = self.tree.notices.get(generated, "") if generated else ""
        return fill_page(html, page, self.tree.measure_names, notice,
                         lambda text: convert_notice(page, text, generated, config, files))

    # Last of all: whatever reached the content's HTML (templates, data, translations, hand-written pages)
    # goes through the allow-list sanitizer.
    @event_priority(-300)
    def _sanitize(self, html: str, page: MkDocsPage, config: MkDocsConfig, files: Files) -> str:
        return markdown_cache.cleaned(html)

    on_page_content = CombinedEvent(_fill_names, _sanitize)

    @event_priority(-300)
    def on_post_page(self, output: str, page: MkDocsPage, config: MkDocsConfig) -> str:
        return add_csp(output, local_files=bool(self.config.edition))

    @event_priority(-300)
    def on_post_template(self, output_content: str, template_name: str, config: MkDocsConfig) -> str:
        if not template_name.endswith(".html"):
            return output_content
        return add_csp(output_content, local_files=bool(self.config.edition))

    # After mkdocs-static-i18n's own on_page_context (priority 50), which rewrites extra.alternate.
    @event_priority(-110)
    def _page_context(self, context, page: MkDocsPage, config: MkDocsConfig, nav):  # noqa: ANN001
        build = self.build
        if build is not None and self.tree is not None and self.tree.transliteration:
            context["guidelines_transliteration"] = self.tree.transliteration
        if build is not None and build.alone and len(build.languages) > 1:
            context["guidelines_alternates"] = alternates(build, page.url)
            self.page_urls.append(neutral_url(build, page.url))
        return context

    # Last of all: the HTML of the page's template, if the second process made it (scripts.render.render_helper)
    @event_priority(-300)
    def _rendered(self, context, page: MkDocsPage, config: MkDocsConfig, nav):  # noqa: ANN001
        return render_helper.use_rendered(context, page)

    on_page_context = CombinedEvent(_page_context, _rendered)

    def _second_core(self) -> bool:
        """One language in one process that keeps its caches (serve --lang): a forked copy works on part of the
        pages (scripts.render.markdown_cache.convert_alongside, scripts.render.render_helper)."""
        return self.command == "serve" and self.build is not None and self.build.alone and not self.config.no_cache

    def _builds_in_place(self) -> bool:
        """One language served (serve --lang), not --dirty (MkDocs then writes only the pages it thinks changed):
        each build writes over the last one's files, then removes those it did not write
        (scripts.render.serve_site)."""
        return (serve_site.SUPPORTED and self.command == "serve" and not self.dirty and self.build is not None
                and self.build.alone)

    def on_startup(self, command: str, dirty: bool) -> None:
        self.command = command
        self.dirty = dirty
        if command == "serve":
            stop_on_terminate()

    def on_shutdown(self) -> None:
        markdown_cache.write_held()  # serve's conversions, held between its builds

    def on_pre_build(self, config: MkDocsConfig) -> None:
        self.page_urls = []
        # MkDocs' serve keeps the Python code it started with. Said as info: strict mode fails on a warning.
        if not running_code_on_disk():
            log.info("the code of the scripts package changed since this process started: restart `serve` to use "
                     "it (until then, generated pages are not kept for later builds)")
        # One language at a time (`serve --lang`): its unchanged pages are not converted again after an edit
        # (scripts.render.markdown_cache). Every language in one process (`serve --all`) converts every page.
        alone = self.build is not None and self.build.alone
        if alone:  # Material's search index with the faster page splitter, as `python -m scripts build` has it
            use_fast_index(config, markdown_cache.search_sections)
        if self._builds_in_place():
            serve_site.build_in_place(config.site_dir)
        self.site_dir = config.site_dir
        folder = Path(config.config_file_path or ".").resolve().parent / "build" / "cache" / "markdown"
        markdown_cache.start(markdown_cache.cache_file(folder, "serve", self.config.edition, self.build.language)
                             if alone and not self.config.no_cache else None, hold=self.command == "serve")

    @event_priority(-300)
    def on_nav(self, nav, config: MkDocsConfig, files: Files):  # noqa: ANN001 - MkDocs' own types
        self.nav = nav
        markdown_cache.site_known(config, files)  # every plugin's on_files has run: the files are final
        # what MkDocs writes of them in serve (not an excluded file: a draft is written, a dotfile is not)
        self.site_files = [file.abs_dest_path for file in files if file.inclusion.is_in_serve()]
        # built in place: nothing the last build left (a folder, a file) stands where a file of this one goes
        serve_site.make_way(config.site_dir, self.site_files)
        if self._second_core():
            markdown_cache.convert_alongside(config, files, self.dirty)
        return nav

    @event_priority(-300)
    def on_pre_page(self, page: MkDocsPage, config: MkDocsConfig, files: Files) -> MkDocsPage:
        return markdown_cache.use_cache(page)

    def _env(self, env, config: MkDocsConfig, files: Files):  # noqa: ANN001 - MkDocs' own types
        markdown_cache.stop_helper()  # every page is populated
        env.bytecode_cache = TEMPLATES  # the theme's templates too: compiled once per process
        # Every page is rendered by now: titles (from data and catalogs) made safe before any template prints them
        escape_titles(getattr(self, "nav", None), [f.page for f in files.documentation_pages() if f.page])

        env.globals["guidelines_transliterate"] = to_latin  # partials/language.html, for sr-Latn
        return env

    # Last of all: the environment and the pages are final. One language in one process (serve): the second
    # core renders part of the pages into their templates (scripts.render.render_helper).
    @event_priority(-300)
    def _render_alongside(self, env, config: MkDocsConfig, files: Files):  # noqa: ANN001 - MkDocs' own types
        if self._second_core():
            render_helper.render_alongside(env, config, files, getattr(self, "nav", None), self.dirty)
        return env

    on_env = CombinedEvent(_env, _render_alongside)

    # After the search plugin and mkdocs-static-i18n have written theirs.
    @event_priority(-200)
    def on_post_build(self, config: MkDocsConfig) -> None:
        markdown_cache.finish()
        rendered = render_helper.stop()
        if rendered:
            log.info(f"Templates: {rendered} page(s) rendered by a second process")
        build = self.build
        if build is None or not build.alone:
            return
        rewrite_search_index(config.site_dir)
        if len(build.languages) > 1:
            write_sitemap(config.site_dir, build, self.page_urls)
        serve_site.sweep(config.site_dir, self.site_files)  # what this build did not write (serve, in place)
        if self.command == "build" and not self.config.no_paper:
            # The book and the printed pages of this language, from the pages just built (scripts.paper)
            cache = PaperCache(Path(self.config.paper_cache) if self.config.paper_cache else None,
                               reuse=not self.config.no_cache)
            try:
                report = make_paper(Path(config.site_dir), self.context, config.use_directory_urls, cache)
            except Exception as error:  # noqa: BLE001 - a PDF that cannot be made fails the build, with its cause
                raise PluginError(f"the PDFs of {build.language} could not be made: {error}") from error
            log.info(report.line())

    def on_build_error(self, error: Exception) -> None:
        markdown_cache.failed()
        if self.site_dir:
            serve_site.failed(self.site_dir)
        render_helper.stop()

    def on_serve(self, server, config: MkDocsConfig, builder):  # noqa: ANN001 - MkDocs' own types
        # what MkDocs' server watches by now (a private attribute; else what MkDocs 1.6 has it watch)
        watched = list(getattr(server, "_watched_paths", None) or
                       filter(None, [config.docs_dir, config.config_file_path]))
        server = event_watching_server(server, watched, poll=self.config.serve_poll)
        if self.data_dir is not None:
            server.watch(str(self.data_dir))
        server.watch(str(TEMPLATE_DIR))
        if config.theme.custom_dir:  # overrides/: MkDocs watches theme folders only with --watch-theme
            server.watch(str(config.theme.custom_dir))
        # MkDocs calls this only with live reload on. Its server adds the live-reload script to each page as it
        # sends it, with the build's time and a request id in its text, so no hash in the policy written at
        # build time allows it: the page's policy gets that script's hash as the page is sent. (A private method
        # of MkDocs' server: tests/test_i18n_serve.py fails in a browser if it changes.)
        inject = getattr(server, "_inject_js_into_html", None)
        if inject is not None:
            def inject_allowed(content: bytes, epoch: int) -> bytes:
                return allow_served_script(inject(content, epoch), content)

            server._inject_js_into_html = inject_allowed
        return server
