"""The development shim's language handling, next to mkdocs-static-i18n (the ``i18n`` plugin of ``mkdocs.yml``).

``python -m scripts build`` stages each language and renders it with plain MkDocs (:mod:`scripts.staging`,
:mod:`scripts.render`); this module serves the other way in, plain ``mkdocs build`` / ``mkdocs serve`` on
``mkdocs.yml``: the ``guidelines`` plugin adds the same staged pages to MkDocs' files as mkdocs-static-i18n
sorts them.

- **One language** (``serve --lang``): the environment variable ``GUIDELINES_LANGUAGE`` sets the i18n plugin's
  ``build_only_locale``; the language is built alone at the root of its own site folder.
- **All languages in one process** (plain ``mkdocs build``: mkdocs-static-i18n's stock way): the i18n plugin
  builds the default language, then each other one into ``<code>/``; everything shares one search index.

Generated pages are named as mkdocs-static-i18n's suffix structure names hand-written ones
(``guidelines/17.fr.md``, published at ``fr/guidelines/17/``) and are added *after* the i18n plugin has sorted
the hand-written files (it drops files that are not in ``docs/``).
"""

from __future__ import annotations

from typing import Any

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.structure.files import File, Files

from scripts.data.dataset import Dataset
from scripts.staging.languages import SUFFIXED, LanguageBuild, site_path


def i18n_plugin(config: MkDocsConfig) -> Any:
    return config.plugins.get("i18n")


def language_build(config: MkDocsConfig, dataset: Dataset, root_language: str = "") -> LanguageBuild:
    """What this run builds, from the i18n plugin's state (or the site's default language without it).

    ``root_language``: the language at the site's root when it is not the default one (a country edition opens
    in its first language; only for one-language builds)."""
    build = _language_build(config, dataset)
    language = dataset.site.language(build.language)
    build.transliterated_from = language.transliterated_from if language is not None else None
    if root_language and build.alone:
        build.root_language = root_language
        build.languages = [root_language] + [code for code in build.languages if code != root_language]
    return build


def _language_build(config: MkDocsConfig, dataset: Dataset) -> LanguageBuild:
    site = dataset.site
    names = {lang.code: lang.name for lang in site.languages}
    i18n = i18n_plugin(config)
    if i18n is None:
        return LanguageBuild(site.default_language, site.default_language, [site.default_language], names, True)
    locales = [lang.locale for lang in i18n.config.languages]
    only = i18n.config.build_only_locale
    unknown = [code for code in ([only] if only else locales) if code not in names]
    if unknown:
        raise PluginError(f"mkdocs.yml: the i18n plugin lists {', '.join(unknown)}, which "
                          f"guidelines_data/site.yaml does not declare (add a language with "
                          f"`python -m scripts i18n add-language`)")
    if only:
        # build_only_locale makes the one language the i18n plugin's default; ours stays the site's. The
        # language menu lists the languages both site.yaml and mkdocs.yml declare.
        return LanguageBuild(only, site.default_language, [c for c in names if c in locales], names, True)
    default = next(lang.locale for lang in i18n.config.languages if lang.default)
    if default != site.default_language:
        raise PluginError(f"mkdocs.yml: the i18n plugin's default language is {default}, site.yaml's is "
                          f"{site.default_language}")
    current = i18n.current_language or default
    built = [lang.locale for lang in i18n.config.languages if lang.build]
    return LanguageBuild(current, default, built, names, False)


def narrow_config(config: MkDocsConfig, build: LanguageBuild, theme_text: dict[str, str] | None = None) -> None:
    """Settings that depend on the language: the theme's language (early, so that the search plugin picks the
    language's tokenizer), the language's own ``site_url`` and the language menu's entries."""
    config.theme["language"] = build.language
    # Material has no interface text for a transliterated language: partials/language.html takes the source
    # language's and transliterates it (scripts/mkdocs_plugin/theme_text.py).
    if build.transliterated_from:
        config.extra["guidelines_theme_language"] = build.transliterated_from
    else:
        config.extra.pop("guidelines_theme_language", None)
    config.extra["guidelines_theme_text"] = dict(theme_text or {})
    if not build.alone:
        return
    if not build.site_root_url:
        build.site_root_url = config.site_url or ""
    if build.site_root_url:
        config.site_url = build.site_root_url.rstrip("/") + "/" + build.root(build.language)
    if len(build.languages) > 1:
        # Material shows its language menu when ``extra.alternate`` is set; each page gets its own links
        # (see :func:`alternates`), these are the menu's fallback for pages outside the build.
        config.extra["alternate"] = [
            {"name": build.names[code], "lang": code, "link": site_path(build, code, "")}
            for code in build.languages]


def split_handwritten(files: Files, config: MkDocsConfig, build: LanguageBuild) -> Files:
    """Before mkdocs-static-i18n sorts ``docs/``: when building one language alone, keep only this language's
    version of each page (the i18n plugin then sees every file as its default language and would otherwise let
    the English file win over ``about.fr.md``); a transliterated language's pages are added from the staged tree
    instead (``build.transliterated_pages``)."""
    if not build.alone:
        return files
    pages: dict[str, dict[str, File]] = {}
    for file in files.documentation_pages():
        match = SUFFIXED.match(file.src_uri)
        if match and match["lang"] in build.names:
            pages.setdefault(match["stem"] + ".md", {})[match["lang"]] = file
        else:
            pages.setdefault(file.src_uri, {})[build.default] = file
    build.transliterated_pages = {}
    for path, versions in pages.items():
        if build.transliterated_from and build.transliterated_from in versions:
            build.transliterated_pages[path] = versions[build.transliterated_from].abs_src_path
            for file in versions.values():
                files.remove(file)
            continue
        keep = versions.get(build.language) or versions.get(build.default)
        for file in versions.values():
            if file is not keep:
                files.remove(file)
    return files


def generated_file(config: MkDocsConfig, build: LanguageBuild, path: str, content: str | bytes) -> File:
    """A generated page or download of this language, named and placed as mkdocs-static-i18n would."""
    neutral = File.generated(config, path, content=content)
    dest = build.prefix() + neutral.dest_uri
    file = File.generated(config, build.src_uri(path), content=content)
    file.dest_uri = dest
    # MkDocs takes a page's name from its file name: "index.fr" would not be a section's index page, and
    # Material would list the section twice in the sidebar ("Formation › Formation").
    file.name = neutral.name
    return file


