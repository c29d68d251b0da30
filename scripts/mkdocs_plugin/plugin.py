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
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page as MkDocsPage

from scripts.data import DataError
from scripts.data.transliterate import to_latin
from scripts.i18n.checks import CatalogError
from scripts.i18n.translator import load_translator
from scripts.mkdocs_plugin import languages
from scripts.mkdocs_plugin.config import GuidelinesConfig
from scripts.pages import Page
from scripts.pages.context import TEMPLATE_DIR, RenderContext
from scripts.pages.localized import generate_localized
from scripts.pages.template_cache import TEMPLATES
from scripts.pages.translation_notice import insert, page_notice
from scripts.paper import make_paper
from scripts.paper.render import PaperCache
from scripts.render.post import rewrite_search_index, write_sitemap
from scripts.render.security import add_csp, clean_content, escape_titles
from scripts.staging import handwritten
from scripts.staging.cache import cached_pages, load_dataset_cached, pages_key
from scripts.staging.languages import alternates, neutral_path, neutral_url, page_translation, untranslated_docs
from scripts.staging.navigation import expand_nav, translate_nav

log = logging.getLogger("mkdocs.plugins.guidelines")


class GuidelinesPlugin(BasePlugin[GuidelinesConfig]):
    def __init__(self) -> None:
        self.pages: list[Page] = []
        self.data_dir: Path | None = None
        self.build: languages.LanguageBuild | None = None
        self.context: RenderContext | None = None
        self.source_nav = None
        self.source_names: tuple = ()
        self.page_urls: list[str] = []
        self.command = "build"

    # The i18n plugin sets the language in its own on_config (priority -100); ours runs first so that the
    # search plugin (priority 0) sees the language's theme settings.
    @event_priority(50)
    def on_config(self, config: MkDocsConfig) -> MkDocsConfig:
        base = Path(config.config_file_path or ".").resolve().parent
        self.data_dir = (base / self.config.data_dir).resolve()
        try:
            dataset = load_dataset_cached(self.data_dir)
        except DataError as error:
            raise PluginError(f"the data in {self.data_dir} is not valid:\n{error.report()}") from None
        edition = None
        if self.config.edition:
            editions = dataset.editions
            edition = next((e for e in editions if e.id == self.config.edition), None)
            if edition is None:
                known = ", ".join(sorted(e.id for e in editions)) or "none"
                raise PluginError(f"no edition {self.config.edition!r} in {self.data_dir}/editions (known: {known})")
        previous = self.build
        # A country edition opens in its first language (site root), the others in <code>/
        self.build = languages.language_build(config, dataset, edition.languages[0] if edition else "")
        if previous is not None and previous.alone == self.build.alone:
            self.build.site_root_url = previous.site_root_url
        language = dataset.site.language(self.build.language)
        languages.narrow_config(config, self.build, language.theme_text if language is not None else None)
        try:
            translator = load_translator(self.data_dir, self.build.language, dataset.site.default_language,
                                         self.build.transliterated_from)
        except CatalogError as error:
            raise PluginError(f"the catalog of {self.build.language!r} cannot be read:\n{error}") from None
        untranslated = untranslated_docs(config.docs_dir, self.build)
        key = pages_key(self.data_dir, self.build.language, self.config.edition, untranslated)
        self.pages = cached_pages(base / "build" / "cache", f"pages-{self.build.language}-{self.config.edition}", key,
                                  lambda: generate_localized(dataset, translator, edition=edition,
                                                             handwritten_in_english=untranslated).pages,
                                  use_cache=not self.config.no_cache)
        self.context = RenderContext(dataset, self.build.language, translator, edition)
        # The i18n plugin builds every language on the same config: start from mkdocs.yml's nav each time.
        if self.source_nav is None:
            self.source_nav = deepcopy(config.nav)
            self.source_names = (config.site_name, config.site_description)
        # The site's name and description are site.yaml's title and description, translated.
        name, description = self.source_names
        site = dataset.site
        site_name = translator(site.title) if name == site.title else name
        if edition is not None:  # "<site name> · <country>", both in the edition's language
            country = next((c for c in dataset.countries if c.id == edition.country), None)
            if country is not None:
                site_name = f"{site_name} · {translator(country.name)}"
        # Escaped once here (Markup: Jinja's |e leaves it as is): the theme prints the name raw in <title>.
        config.site_name = escape(site_name)
        if description is not None:
            config.site_description = escape(translator(site.description)
                                             if description.strip() == site.description else description)
        config.nav = expand_nav(translate_nav(deepcopy(self.source_nav), translator), self.pages)
        return config

    @event_priority(10)
    def _split_handwritten(self, files: Files, config: MkDocsConfig) -> Files:
        return languages.split_handwritten(files, config, self.build)

    # After mkdocs-static-i18n (priority -100), which keeps only files that exist in docs/.
    @event_priority(-110)
    def _add_generated(self, files: Files, config: MkDocsConfig) -> Files:
        for page in self.pages:
            existing = files.get_file_from_path(self.build.src_uri(page.path))
            if existing is not None and not getattr(existing, "guidelines_page", None):
                raise PluginError(f"docs/{page.path} is generated from the data: remove the hand-written file")
            file = languages.generated_file(config, self.build, page.path, page.content)
            file.guidelines_page = page.path
            files.append(file)
        if self.build.transliterated_pages:
            for path, source in sorted(self.build.transliterated_pages.items()):
                text = Path(source).read_text(encoding="utf-8")
                files.append(languages.generated_file(config, self.build, path, to_latin(text)))
        return files

    on_files = CombinedEvent(_split_handwritten, _add_generated)

    def on_page_markdown(self, markdown: str, page: MkDocsPage, config: MkDocsConfig, files: Files) -> str:
        """Hand-written pages get the same notices as generated ones: shown in English, or not reviewed."""
        build = self.build
        if build is None or getattr(page.file, "guidelines_page", None):
            return markdown
        if build.language == build.default:
            return self._contact(markdown)
        path = neutral_path(build, page.file.src_uri)
        markdown = self._contact(markdown)
        if path in build.in_english:
            block = page_notice("missing", self.context.label, path)
        elif path in build.outdated:
            block = page_notice("outdated", self.context.label, path)
        elif page_translation(page.meta) == "unreviewed":
            block = page_notice("unreviewed", self.context.label, path)
        else:
            return markdown
        return insert(markdown, block)

    # Last of all: whatever reached the content's HTML (templates, data, translations, hand-written pages)
    # goes through the allow-list sanitizer.
    @event_priority(-300)
    def on_page_content(self, html: str, page: MkDocsPage, config: MkDocsConfig, files: Files) -> str:
        return clean_content(html)

    @event_priority(-300)
    def on_post_page(self, output: str, page: MkDocsPage, config: MkDocsConfig) -> str:
        return add_csp(output, local_files=bool(self.config.edition))

    @event_priority(-300)
    def on_post_template(self, output_content: str, template_name: str, config: MkDocsConfig) -> str:
        if not template_name.endswith(".html"):
            return output_content
        return add_csp(output_content, local_files=bool(self.config.edition))

    def _contact(self, markdown: str) -> str:
        """``<!-- guidelines:contact -->`` in a hand-written page (about.md) becomes where to report a mistake,
        as the staging writes it (:func:`scripts.staging.handwritten.contact_text`)."""
        if handwritten.CONTACT_MARKER not in markdown or self.context is None:
            return markdown
        edition = self.context.edition
        contact = (edition.contact if edition is not None and edition.contact else None) \
            or self.context.dataset.site.contact
        return markdown.replace(handwritten.CONTACT_MARKER, handwritten.contact_text(self.context.label, contact))

    # After mkdocs-static-i18n's own on_page_context (priority 50), which rewrites extra.alternate.
    @event_priority(-110)
    def on_page_context(self, context, page: MkDocsPage, config: MkDocsConfig, nav):  # noqa: ANN001
        build = self.build
        if build is not None and build.transliterated_from and self.context is not None:
            context["guidelines_transliteration"] = {
                "source": build.transliterated_from, "note": self.context.label("transliteration.notice")}
        if build is not None and build.alone and len(build.languages) > 1:
            context["guidelines_alternates"] = alternates(build, page.url)
            self.page_urls.append(neutral_url(build, page.url))
        return context

    def on_startup(self, command: str, dirty: bool) -> None:
        self.command = command

    def on_pre_build(self, config: MkDocsConfig) -> None:
        self.page_urls = []

    @event_priority(-300)
    def on_nav(self, nav, config: MkDocsConfig, files: Files):  # noqa: ANN001 - MkDocs' own types
        self.nav = nav
        return nav

    def on_env(self, env, config: MkDocsConfig, files: Files):  # noqa: ANN001 - MkDocs' own types
        env.bytecode_cache = TEMPLATES  # the theme's templates too: compiled once per process
        # Every page is rendered by now: titles (from data and catalogs) made safe before any template prints them
        escape_titles(getattr(self, "nav", None), [f.page for f in files.documentation_pages() if f.page])

        env.globals["guidelines_transliterate"] = to_latin  # partials/language.html, for sr-Latn
        return env

    # After the search plugin and mkdocs-static-i18n have written theirs.
    @event_priority(-200)
    def on_post_build(self, config: MkDocsConfig) -> None:
        build = self.build
        if build is None or not build.alone:
            return
        rewrite_search_index(config.site_dir)
        if len(build.languages) > 1:
            write_sitemap(config.site_dir, build, self.page_urls)
        if self.command == "build" and not self.config.no_paper:
            # The book and the printed pages of this language, from the pages just built (scripts.paper)
            cache = PaperCache(Path(self.config.paper_cache) if self.config.paper_cache else None,
                               reuse=not self.config.no_cache)
            try:
                report = make_paper(Path(config.site_dir), self.context, config.use_directory_urls, cache)
            except Exception as error:  # noqa: BLE001 - a PDF that cannot be made fails the build, with its cause
                raise PluginError(f"the PDFs of {build.language} could not be made: {error}") from error
            log.info(report.line())

    def on_serve(self, server, config: MkDocsConfig, builder):  # noqa: ANN001 - MkDocs' own types
        if self.data_dir is not None:
            server.watch(str(self.data_dir))
        server.watch(str(TEMPLATE_DIR))
        return server
