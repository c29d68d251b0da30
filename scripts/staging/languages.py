"""Which language a staged tree is for, and the language facts every renderer needs.

A language is staged alone, at the root of its own folder (the default language, or a country edition's
first, becomes the site root; every other one moves in as ``<code>/``). This module knows how the languages of
one site relate: the same page in every language (the language menu and hreflang links), which hand-written
pages a language lacks, and which translations are older than their English page (git). Nothing here knows
the renderer.
"""

from __future__ import annotations

import os
import posixpath
import re
import subprocess
from dataclasses import asdict, dataclass, field
from typing import Any

SUFFIXED = re.compile(r"^(?P<stem>.+)\.(?P<lang>[a-z]{2,3}(?:[-_][A-Za-z0-9]{2,8})?)\.md$")
TRANSLATION_KEY = "translation"


@dataclass
class LanguageBuild:
    """Which language this MkDocs run is building, and how."""

    language: str
    default: str
    languages: list[str]
    names: dict[str, str]
    #: True when ``language`` is built alone, at the root of its own site folder (always, when staged)
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




def relative_url(url: str, other: str) -> str:
    """``url`` relative to the page at ``other`` (both relative to the site's root), as MkDocs computes it."""
    if other != ".":
        head, tail = posixpath.split(other)
        other = head if "." in tail else other
    result = posixpath.relpath(url, other)
    return result + "/" if url.endswith("/") else result


def build_from_dict(values: dict[str, Any]) -> LanguageBuild:
    """A :class:`LanguageBuild` back from :func:`dataclasses.asdict` (a staged tree's manifest)."""
    values = dict(values)
    for name in ("in_english", "outdated"):
        values[name] = set(values.get(name) or ())
    return LanguageBuild(**values)


def build_to_dict(build: LanguageBuild) -> dict[str, Any]:
    values = asdict(build)
    for name in ("in_english", "outdated"):
        values[name] = sorted(values[name])
    return values


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


def site_path(build: LanguageBuild, language: str, url: str) -> str:
    """The path of a page of ``language`` relative to the whole site's root."""
    return build.root(language) + url


def alternates(build: LanguageBuild, page_url: str) -> list[dict[str, Any]]:
    """The same page in every language: name, code, and a link relative to the page (or absolute when the
    site's URL is known), for the language menu and the hreflang links."""
    url = neutral_url(build, page_url)
    here = site_path(build, build.language, url)
    result = []
    for code in build.languages:
        there = site_path(build, code, url)
        href = relative_url(there or ".", here or ".")
        if href in ("", "."):
            href = "./"
        absolute = (build.site_root_url.rstrip("/") + "/" + there) if build.site_root_url else ""
        result.append({"lang": code, "name": build.names[code], "href": href, "absolute": absolute,
                       "current": code == build.language, "default": code == (build.root_language or build.default)})
    return result


def page_translation(meta: dict) -> str:
    """A hand-written translation's front matter ``translation:``: reviewed or not."""
    value = str(meta.get(TRANSLATION_KEY, "")).strip().lower()
    return "reviewed" if value.startswith("reviewed") else "unreviewed"
