"""The hand-written pages of ``docs/`` as one language shows them.

``docs/about.md`` is English, ``docs/about.fr.md`` its French translation (mkdocs-static-i18n's suffix
structure). A language shows its own version of each page, else the English one with a notice saying so; a
transliterated language (``sr-Latn``) shows its source language's version transliterated. Translations older
than their English page (git), and translations not yet reviewed (front matter ``translation: reviewed``),
say so too. The contact marker of the About page becomes where to report a mistake.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from scripts.data.transliterate import to_latin
from scripts.pages.translation_notice import FRONT_MATTER, insert, page_notice
from scripts.staging.languages import SUFFIXED, LanguageBuild, outdated_translations, page_translation

CONTACT_MARKER = "<!-- guidelines:contact -->"



@dataclass
class Handwritten:
    """This language's hand-written files: docs path -> text (pages) or bytes (anything else)."""

    files: dict[str, str | bytes] = field(default_factory=dict)
    #: pages shown in English in this language
    in_english: set[str] = field(default_factory=set)
    #: pages whose English version changed (in git) after their translation in this language
    outdated: set[str] = field(default_factory=set)


def versions(docs_dir: Path, build: LanguageBuild) -> dict[str, dict[str, str]]:
    """Every hand-written file of ``docs_dir``: language-neutral path -> {language: file path relative to
    ``docs_dir``}. Files without a language suffix are the default language's."""
    found: dict[str, dict[str, str]] = {}
    docs_dir = Path(docs_dir)
    if not docs_dir.is_dir():
        return found
    for folder, dirs, names in os.walk(docs_dir):
        dirs.sort()
        for name in sorted(names):
            path = os.path.relpath(os.path.join(folder, name), docs_dir).replace(os.sep, "/")
            match = SUFFIXED.match(path)
            if match and match["lang"] in build.names:
                found.setdefault(match["stem"] + ".md", {})[match["lang"]] = path
            else:
                found.setdefault(path, {})[build.default] = path
    return found


def shown_in_english(found: dict[str, dict[str, str]], build: LanguageBuild) -> set[str]:
    """The hand-written pages of :func:`versions` that ``build.language`` shows in English (it has no version of
    its own, or of the language it is transliterated from)."""
    if build.language == build.default:
        return set()
    return {path for path, langs in found.items()
            if path.endswith(".md") and build.pages_language not in langs and build.default in langs}


def resolve(docs_dir: Path, build: LanguageBuild) -> Handwritten:
    """Which version of each hand-written file ``build.language`` shows, and which pages lack a translation or
    have an outdated one (the notices are added by :func:`with_notices`)."""
    docs_dir = Path(docs_dir)
    found = versions(docs_dir, build)
    own = build.pages_language
    result = Handwritten()
    if build.language != build.default:
        result.in_english = shown_in_english(found, build)
        result.outdated = outdated_translations(str(docs_dir), [
            (langs[build.default], langs[own], path)
            for path, langs in found.items() if build.default in langs and own in langs])
    for path, langs in found.items():
        if not path.endswith(".md"):
            if build.default in langs:
                result.files[path] = (docs_dir / langs[build.default]).read_bytes()
            continue
        if build.transliterated_from and build.transliterated_from in langs:
            result.files[path] = to_latin((docs_dir / langs[build.transliterated_from]).read_text(encoding="utf-8-sig"))
            continue
        source = langs.get(build.language) or langs.get(build.default)
        if source is not None:
            result.files[path] = (docs_dir / source).read_text(encoding="utf-8-sig")
    return result


def front_matter(markdown: str) -> dict[str, Any]:
    match = FRONT_MATTER.match(markdown)
    if not match:
        return {}
    try:
        meta = yaml.safe_load(match.group(1))
    except yaml.YAMLError:
        return {}
    return meta if isinstance(meta, dict) else {}


def with_notices(handwritten: Handwritten, build: LanguageBuild, label: Callable[[str], str],
                 contact_text: str) -> dict[str, str | bytes]:
    """The hand-written files with their notices (shown in English, outdated, not reviewed) and the contact."""
    files: dict[str, str | bytes] = {}
    for path, content in handwritten.files.items():
        if not isinstance(content, str):
            files[path] = content
            continue
        markdown = content.replace(CONTACT_MARKER, contact_text) if CONTACT_MARKER in content else content
        if build.language != build.default:
            if path in handwritten.in_english:
                markdown = insert(markdown, page_notice("missing", label, path))
            elif path in handwritten.outdated:
                markdown = insert(markdown, page_notice("outdated", label, path))
            elif page_translation(front_matter(markdown)) == "unreviewed":
                markdown = insert(markdown, page_notice("unreviewed", label, path))
        files[path] = markdown
    return files


def contact_text(label: Callable[[str], str], contact: Any) -> str:
    """Where to report a mistake, in the page's language: the edition's contact, else site.yaml's."""
    if contact == "unknown" or contact is None or (not contact.url and not contact.email):
        return label("about.contact_unknown")
    parts = []
    if contact.url:
        parts.append(label("about.contact_url").replace("{url}", f"<{contact.url}>"))
    if contact.email:
        parts.append(label("about.contact_email").replace("{email}", f"`{contact.email}`"))
    return " ".join(parts)
