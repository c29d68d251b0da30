"""Stage one language: decide every file and setting of its site before any renderer runs.

What a staged tree holds (:class:`StagedTree`), for one language (of the site, or of a country edition):

- the docs folder: the generated pages (:mod:`scripts.pages`) and the hand-written pages as this language
  shows them, with their notices (:mod:`scripts.staging.handwritten`), all under plain names
  (``about.md``, ``guidelines/index.md``);
- the navigation: ``mkdocs.yml``'s, translated, with the generated pages placed under their parents;
- the site's name and description in the language, its URL, the language menu, the theme's language and
  interface text, and what the renderer needs to link the languages (:class:`LanguageBuild`).

A renderer adapter (:mod:`scripts.render`) turns it into its own configuration and renders it; post-processing
works on the built files.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from scripts.i18n.translator import load_translator
from scripts.pages.context import RenderContext, TemplateProblem
from scripts.pages.localized import generate_localized
from scripts.pages.names import MisplacedNotice, UnknownMark, fill_markdown, names_of, with_notice
from scripts.staging import handwritten
from scripts.staging.cache import (DocumentStore, cached_pages, catalog_loader, load_dataset_cached, pages_key,
                                   sources_digest, sources_unchanged)
from scripts.staging.languages import LanguageBuild, site_path
from scripts.staging.navigation import expand_nav, translate_nav
from scripts.staging.site_config import Tagged, plugin_items


class StagingError(Exception):
    """A language cannot be staged (an unknown edition, a hand-written file where a page is generated)."""


@dataclass
class StagedTree:
    language: str
    build: LanguageBuild
    #: docs path -> Markdown text, or bytes for a download
    files: dict[str, str | bytes]
    #: the paths of ``files`` generated from the data (the others are hand-written)
    generated: tuple[str, ...]
    nav: list[Any] | None
    #: plain text (a renderer escapes it)
    site_name: str
    site_description: str | None
    site_url: str
    #: the language whose interface text the theme shows (the source language of a transliterated one)
    theme_text_language: str | None
    theme_text: dict[str, str]
    #: the language menu's entries: name, code, link from the site's root
    alternate: list[dict[str, str]]
    #: for a transliterated language: the source language and the note that says so
    transliteration: dict[str, str] | None
    #: the edition being built, or ""
    edition: str
    #: what the pages were rendered with (the books are made from it after the renderer has run)
    context: RenderContext = field(repr=False)
    use_directory_urls: bool = True
    #: generated pages only other pages lead to (``Page.in_nav`` False): not an omission from the navigation
    not_in_nav: tuple[str, ...] = ()
    #: what the marks in the generated pages stand for (:mod:`scripts.pages.names`): a renderer fills them in
    #: after conversion, or is given the pages with them filled (:meth:`markdown`)
    measure_names: dict[str, str] = field(default_factory=dict)
    #: the translation notices of generated pages (docs path -> Markdown), each converted apart and put where the
    #: page has the notice mark (:data:`scripts.pages.names.NOTICE`), or written in (:meth:`markdown`)
    notices: dict[str, str] = field(default_factory=dict)

    def markdown(self, path: str) -> str | bytes:
        """The file ``path`` with its notice and the names written in where the marks are (for a renderer that
        cannot fill them in after conversion)."""
        content = self.noticed(path)
        return fill_markdown(content, self.measure_names) if isinstance(content, str) else content

    def noticed(self, path: str) -> str | bytes:
        """The file ``path`` with its notice written in where its mark is (for a build that keeps no
        conversions, where converting the notice apart would only cost time)."""
        content = self.files[path]
        if not isinstance(content, str):
            return content
        try:
            return with_notice(content, self.notices.get(path, ""))
        except MisplacedNotice as error:  # a hand-written page with the mark's characters, or a generator's error
            raise StagingError(f"docs/{path}: {error}") from None


def site_languages(base_config: dict[str, Any]) -> list[str] | None:
    """The languages ``mkdocs.yml``'s i18n plugin lists (an edition's configuration lists only its own), or
    None without the plugin."""
    for name, options in plugin_items(base_config.get("plugins")):
        if name == "i18n":
            return [lang["locale"] for lang in options.get("languages", []) if isinstance(lang, dict)]
    return None


def plugin_option(base_config: dict[str, Any], option: str, default: Any = None) -> Any:
    """An option of the ``guidelines`` plugin in ``base_config`` (an edition's configuration names its edition)."""
    for name, options in plugin_items(base_config.get("plugins")):
        if name == "guidelines":
            value = options.get(option, default)
            return value if isinstance(value, str | bool | int) or value is None else default
    return default


def setting(base_config: dict[str, Any], key: str, default: Any = None) -> Any:
    """A top-level setting of ``base_config``, which must be resolved (a ``!ENV`` tag kept as written cannot be
    staged: read the file as MkDocs does, :func:`scripts.render.mkdocs_config.read_config`)."""
    value = base_config.get(key, default)
    if isinstance(value, Tagged):
        raise StagingError(f"the setting {key!r} is still a {value.tag} tag: the configuration must be read with its "
                           f"tags resolved")
    return value


def stage_language(base_config: dict[str, Any], config_dir: Path, data_dir: Path, language: str,
                   root_language: str = "", cache_dir: Path | None = None, sources: str | None = None,
                   pending: str = "") -> StagedTree:
    """Stage ``language`` of the site ``base_config`` describes (``mkdocs.yml`` or an edition's configuration,
    with its tags resolved; relative paths are relative to ``config_dir``).

    ``root_language``: the language at the site's root when not the default one (an edition's first);
    ``cache_dir``: where generated pages are kept between builds (None: always generated afresh); ``sources``:
    :func:`sources_digest` of ``data_dir`` when the caller took it already, before this process loaded the data
    (a build takes it once for all its languages); ``pending``: the generated pages are written under that
    suffix, for the caller to check that no input changed, once all its languages are staged
    (:func:`~scripts.staging.cache.settle_pending`), rather than checked here."""
    # what the generated pages are made from, taken before any of it is read (see cached_pages)
    if sources is None:
        sources = sources_digest(data_dir) if cache_dir is not None else ""
    dataset = load_dataset_cached(data_dir)
    site = dataset.site
    edition_id = plugin_option(base_config, "edition", "") or ""
    edition = None
    if edition_id:
        edition = next((e for e in dataset.editions if e.id == edition_id), None)
        if edition is None:
            known = ", ".join(sorted(e.id for e in dataset.editions)) or "none"
            raise StagingError(f"no edition {edition_id!r} in {data_dir}/editions (known: {known})")
    names = {lang.code: lang.name for lang in site.languages}
    listed = site_languages(base_config)
    if language not in names:
        raise StagingError(f"site.yaml declares no language {language!r}")
    if listed is not None and language not in listed:
        raise StagingError(f"mkdocs.yml: the i18n plugin does not list {language!r}, which "
                           f"guidelines_data/site.yaml declares (add a language with "
                           f"`python -m scripts i18n add-language`)")
    # the language menu: the languages both site.yaml and the configuration declare
    languages = [code for code in names if listed is None or code in listed]
    if root_language:
        languages = [root_language] + [code for code in languages if code != root_language]
    record = site.language(language)
    build = LanguageBuild(language, site.default_language, languages, names, True,
                          site_root_url=str(setting(base_config, "site_url") or ""),
                          transliterated_from=record.transliterated_from if record is not None else None,
                          root_language=root_language)

    translator = load_translator(data_dir, language, site.default_language, build.transliterated_from,
                                 catalog_loader(cache_dir))
    context = RenderContext(dataset, language, translator, edition)
    measure_names = names_of(dataset.guidelines.measures, translator, dataset.ui.labels)
    translator.take()  # asked for by no page
    docs_dir = Path(config_dir) / str(setting(base_config, "docs_dir") or "docs")
    written = handwritten.resolve(docs_dir, build)
    build.in_english, build.outdated = written.in_english, written.outdated
    untranslated = tuple(sorted(written.in_english))

    documents = DocumentStore(Path(cache_dir) / "documents") if cache_dir is not None else None

    def generate() -> list:
        return generate_localized(dataset, translator, edition=edition, handwritten_in_english=untranslated,
                                  documents=documents, measure_names=measure_names).pages

    try:
        if cache_dir is None:
            pages = generate()
        else:
            key = pages_key(data_dir, language, edition_id, untranslated, sources=sources)
            pages = cached_pages(Path(cache_dir), f"pages-{language}-{edition_id}", key, generate,
                                 still_valid=lambda: sources_unchanged(data_dir, sources),
                                 pending=pending)
    except TemplateProblem as problem:
        raise StagingError(f"a page template cannot be rendered: {problem}") from None
    except UnknownMark as problem:
        raise StagingError(f"a generated page holds {problem}") from None

    contact = (edition.contact if edition is not None and edition.contact else None) or site.contact
    files = handwritten.with_notices(written, build, context.label, handwritten.contact_text(context.label, contact))
    notices: dict[str, str] = {}
    for page in pages:
        if page.path in files:
            raise StagingError(f"docs/{page.path} is generated from the data: remove the hand-written file")
        files[page.path] = page.content
        if page.notice:
            notices[page.path] = page.notice

    name = str(setting(base_config, "site_name") or "")
    site_name = translator(site.title) if name == site.title else name
    if edition is not None:  # "<site name> · <country>", both in the edition's language
        country = next((c for c in dataset.countries if c.id == edition.country), None)
        if country is not None:
            site_name = f"{site_name} · {translator(country.name)}"
    description = setting(base_config, "site_description")
    if description is not None:
        description = translator(site.description) if str(description).strip() == site.description \
            else str(description)

    site_url = ""
    if build.site_root_url:
        site_url = build.site_root_url.rstrip("/") + "/" + build.root(language)
    alternate = [{"name": names[code], "lang": code, "link": site_path(build, code, "")} for code in languages] \
        if len(languages) > 1 else []
    transliteration = {"source": build.transliterated_from, "note": context.label("transliteration.notice")} \
        if build.transliterated_from else None
    return StagedTree(
        language=language, build=build, files=files, generated=tuple(page.path for page in pages),
        nav=expand_nav(translate_nav(base_config.get("nav"), translator), pages),
        site_name=site_name, site_description=description, site_url=site_url,
        theme_text_language=build.transliterated_from,
        theme_text=dict(record.theme_text) if record is not None else {},
        alternate=alternate, transliteration=transliteration, edition=edition_id, context=context,
        use_directory_urls=bool(setting(base_config, "use_directory_urls", True)),
        not_in_nav=tuple(page.path for page in pages if not page.in_nav),
        measure_names=measure_names, notices=notices)
