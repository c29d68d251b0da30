"""The plugin's language handling, next to mkdocs-static-i18n (the ``i18n`` plugin of ``mkdocs.yml``).

Two ways to build, both from the same ``mkdocs.yml``:

- **One language per process** (what ``python -m scripts build`` and ``serve --lang`` do): the environment
  variable ``GUIDELINES_LANGUAGE`` sets the i18n plugin's ``build_only_locale``; the language is built alone
  into its own site folder (the default language at the site root, the others in ``<code>/``). Each language
  then has its own ``search/search_index.json`` and ``sitemap.xml``. Since mkdocs-static-i18n builds only one
  language then, this module supplies what it would otherwise do: the language menu leading to the same page
  in every language, hreflang alternates, and a sitemap with alternates.
- **All languages in one process** (plain ``mkdocs build``: mkdocs-static-i18n's stock way): the i18n plugin
  builds the default language, then each other one into ``<code>/``; everything shares one search index.

In both, the generated pages of a language are named as mkdocs-static-i18n's suffix structure names
hand-written ones (``guidelines/17.fr.md``, published at ``fr/guidelines/17/``) and are added *after* the i18n
plugin has sorted the hand-written files (it drops files that are not in ``docs/``).
"""

from __future__ import annotations

import json
import os
import re
import subprocess
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from xml.sax.saxutils import escape

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.structure.files import File, Files
from mkdocs.utils import get_relative_url

from scripts.data.dataset import Dataset

SUFFIXED = re.compile(r"^(?P<stem>.+)\.(?P<lang>[a-z]{2,3}(?:[-_][A-Za-z0-9]{2,8})?)\.md$")
TRANSLATION_KEY = "translation"


@dataclass
class LanguageBuild:
    """Which language this MkDocs run is building, and how."""

    language: str
    default: str
    languages: list[str]
    names: dict[str, str]
    #: True when this process builds only ``language``, at the root of its own site folder
    alone: bool
    #: the whole site's URL (``site_url`` before it is narrowed to a language), or ""
    site_root_url: str = ""
    #: hand-written pages (language-neutral docs paths) shown in English in this language
    in_english: set[str] = field(default_factory=set)
    #: hand-written pages whose English version changed (in git) after their translation in this language
    outdated: set[str] = field(default_factory=set)
    #: the language this one is transliterated from (sr-Latn: sr), or None
    transliterated_from: str | None = None
    #: hand-written pages of ``transliterated_from`` to publish transliterated: docs path -> source file path
    transliterated_pages: dict[str, str] = field(default_factory=dict)

    @property
    def pages_language(self) -> str:
        """The language whose hand-written pages (``docs/x.<code>.md``) this language shows."""
        return self.transliterated_from or self.language
    #: the language at the site's root: the default language, or a country edition's first language
    root_language: str = ""

    def root(self, language: str) -> str:
        """The folder of ``language`` relative to the whole site's root (``""`` or ``"fr/"``)."""
        return "" if language == (self.root_language or self.default) else f"{language}/"

    def prefix(self) -> str:
        """What this build puts in front of a page's own URL: nothing when building alone."""
        return "" if self.alone else self.root(self.language)

    def src_uri(self, path: str) -> str:
        """A generated file's name in mkdocs-static-i18n's suffix structure."""
        if self.language == self.default or not path.endswith(".md"):
            return path
        return f"{path[:-3]}.{self.language}.md"


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
            {"name": build.names[code], "lang": code, "link": _site_path(build, code, "")}
            for code in build.languages]


def untranslated_docs(docs_dir: str, build: LanguageBuild) -> tuple[str, ...]:
    """The hand-written pages of ``docs/`` that have no version in the language being built (read before the
    files are collected, for the Translation status page)."""
    if build.language == build.default or not os.path.isdir(docs_dir):
        return ()
    english, translated = set(), set()
    for folder, _, names in os.walk(docs_dir):
        for name in names:
            path = os.path.relpath(os.path.join(folder, name), docs_dir).replace(os.sep, "/")
            match = SUFFIXED.match(path)
            if match and match["lang"] in build.names:
                if match["lang"] == build.pages_language:
                    translated.add(match["stem"] + ".md")
            elif path.endswith(".md"):
                english.add(path)
    return tuple(sorted(english - translated))


def split_handwritten(files: Files, config: MkDocsConfig, build: LanguageBuild) -> Files:
    """Before mkdocs-static-i18n sorts ``docs/``: note which hand-written pages this language lacks, and, when
    building one language alone, keep only this language's version of each page (the i18n plugin then sees
    every file as its default language and would otherwise let the English file win over ``about.fr.md``)."""
    pages: dict[str, dict[str, File]] = {}
    for file in files.documentation_pages():
        match = SUFFIXED.match(file.src_uri)
        if match and match["lang"] in build.names:
            pages.setdefault(match["stem"] + ".md", {})[match["lang"]] = file
        else:
            pages.setdefault(file.src_uri, {})[build.default] = file
    own = build.pages_language if build.alone else build.language
    build.in_english = {path for path, versions in pages.items()
                        if build.language != build.default and own not in versions}
    if build.language != build.default:
        build.outdated = outdated_translations(config.docs_dir, [
            (versions[build.default].src_uri, versions[own].src_uri, path)
            for path, versions in pages.items() if build.default in versions and own in versions])
    if not build.alone:
        return files
    build.transliterated_pages = {}
    for path, versions in pages.items():
        if build.transliterated_from and build.transliterated_from in versions:
            # published transliterated, as a generated file (added with the generated pages)
            build.transliterated_pages[path] = versions[build.transliterated_from].abs_src_path
            for file in versions.values():
                files.remove(file)
            continue
        keep = versions.get(build.language) or versions.get(build.default)
        for file in versions.values():
            if file is not keep:
                files.remove(file)
    return files


def outdated_translations(docs_dir: str, pairs: list[tuple[str, str, str]]) -> set[str]:
    """The pages (third item of each pair) whose English file (first) was committed after its translation
    (second), according to git; nothing when git or the history is unavailable. Uncommitted edits count
    as now."""
    def committed(path: str) -> float | None:
        full = os.path.join(docs_dir, path)
        try:
            status = subprocess.run(["git", "status", "--porcelain", "--", full], cwd=docs_dir, capture_output=True,
                                    text=True, timeout=10, check=False)
            if status.returncode != 0:
                return None
            if status.stdout.strip():
                return float("inf")  # edited since the last commit
            result = subprocess.run(["git", "log", "-1", "--format=%ct", "--", full], cwd=docs_dir,
                                    capture_output=True, text=True, timeout=10, check=False)
            return float(result.stdout.strip()) if result.returncode == 0 and result.stdout.strip() else None
        except (OSError, ValueError, subprocess.SubprocessError):
            return None

    outdated = set()
    for english, translation, path in pairs:
        source, translated = committed(english), committed(translation)
        if source is not None and translated is not None and source != float("inf") and source > translated:
            outdated.add(path)
        elif source == float("inf") and translated is not None and translated != float("inf"):
            outdated.add(path)
    return outdated


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


def neutral_path(build: LanguageBuild, src_uri: str) -> str:
    match = SUFFIXED.match(src_uri)
    return match["stem"] + ".md" if match and match["lang"] in build.names else src_uri


def neutral_url(build: LanguageBuild, url: str) -> str:
    """A page's URL relative to its language's root."""
    prefix = build.prefix()
    if prefix and url.startswith(prefix):
        return url[len(prefix):]
    if prefix and url.rstrip("/") == prefix.rstrip("/"):
        return ""
    return "" if url in (".", "./") else url


def _site_path(build: LanguageBuild, language: str, url: str) -> str:
    """The path of a page of ``language`` relative to the whole site's root."""
    return build.root(language) + url


def alternates(build: LanguageBuild, page_url: str) -> list[dict[str, Any]]:
    """The same page in every language: name, code, and a link relative to the page (or absolute when the
    site's URL is known), for the language menu and the hreflang links."""
    url = neutral_url(build, page_url)
    here = _site_path(build, build.language, url)
    result = []
    for code in build.languages:
        there = _site_path(build, code, url)
        href = get_relative_url(there or ".", here or ".")
        if href in ("", "."):
            href = "./"
        absolute = (build.site_root_url.rstrip("/") + "/" + there) if build.site_root_url else ""
        result.append({"lang": code, "name": build.names[code], "href": href, "absolute": absolute,
                       "current": code == build.language, "default": code == (build.root_language or build.default)})
    return result


def rewrite_search_index(site_dir: str) -> None:
    """Material writes the index with ``json.dumps``' default ASCII escapes (``\\u0441`` for every Cyrillic or
    Georgian letter, up to six bytes a letter); write it as plain UTF-8 instead."""
    path = Path(site_dir) / "search" / "search_index.json"
    if not path.is_file():
        return
    data = json.loads(path.read_text(encoding="utf-8"))
    path.write_text(json.dumps(data, ensure_ascii=False, separators=(",", ":")), encoding="utf-8")


def write_sitemap(site_dir: str, build: LanguageBuild, urls: list[str]) -> None:
    """This language's ``sitemap.xml``: every page with its alternates in every language (hreflang)."""
    def location(language: str, url: str) -> str:
        path = _site_path(build, language, url)
        return (build.site_root_url.rstrip("/") + "/" + path) if build.site_root_url else "/" + path

    lines = ['<?xml version="1.0" encoding="UTF-8"?>',
             '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" '
             'xmlns:xhtml="http://www.w3.org/1999/xhtml">']
    for url in sorted(set(urls)):
        lines.append("  <url>")
        lines.append(f"    <loc>{escape(location(build.language, url))}</loc>")
        for code in build.languages:
            lines.append(f'    <xhtml:link rel="alternate" hreflang="{code}" href="{escape(location(code, url))}"/>')
        lines.append(f'    <xhtml:link rel="alternate" hreflang="x-default" '
                     f'href="{escape(location(build.root_language or build.default, url))}"/>')
        lines.append("  </url>")
    lines.append("</urlset>")
    path = Path(site_dir) / "sitemap.xml"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    gz = path.with_suffix(".xml.gz")
    if gz.exists():
        import gzip

        with gzip.GzipFile(gz, "wb", mtime=0) as handle:
            handle.write(path.read_bytes())


def page_translation(meta: dict) -> str:
    """A hand-written translation's front matter ``translation:``: reviewed or not."""
    value = str(meta.get(TRANSLATION_KEY, "")).strip().lower()
    return "reviewed" if value.startswith("reviewed") else "unreviewed"
