"""The MkDocs configuration of one staged language, derived from the site's (``mkdocs.yml`` or an edition's).

The staged docs folder holds one language under plain names, so the derived configuration has no i18n plugin
and no ``guidelines`` plugin: the theme's language, the search language, the translated navigation and site
name, the language menu and the URL are written in. What stays MkDocs-specific (the sanitizer, the CSP, the
language links in each page) is done by :mod:`scripts.render.hooks`, listed as MkDocs ``hooks``.
"""

from __future__ import annotations

import copy
import glob
import io
import os
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from markupsafe import escape

from scripts.pages.names import nav_with_marks
from scripts.render.markdown_cache import cache_file
from scripts.staging.languages import build_to_dict
from scripts.staging.site_config import absolute, plugin_items
from scripts.staging.stage import StagedTree
from scripts.staging.write import NOTICES

HOOKS = Path(__file__).resolve().parent / "hooks.py"
#: the plugins the staging does the work of
STAGED_PLUGINS = ("guidelines", "i18n")
#: the languages lunr.js has a stemmer for (mkdocs-static-i18n adds a language to the search plugin only then)
LUNR_LANGUAGES = ("ar", "da", "de", "du", "en", "es", "fi", "fr", "hi", "hu", "hy", "it", "ja", "jp", "kn", "ko",
                  "nl", "no", "pt", "ro", "ru", "sa", "sv", "ta", "te", "th", "tr", "vi", "zh")
RENDER_KEY = "guidelines_render"


#: the last configuration read: its key (:func:`read_config`) and a copy of it
_READ: dict[str, tuple[tuple, dict[str, Any]]] = {}


def read_config(config_file: Path) -> dict[str, Any]:
    """A MkDocs configuration file as MkDocs reads it (``!ENV`` resolved, ``INHERIT`` followed), as a mapping.
    Raises OSError or ValueError (with the file's name) when it cannot be read.

    The build reads ``mkdocs.yml`` before it forks its workers and each worker reads it again for every language
    (MkDocs' YAML reader: about 6 ms each time): a file read again with the same bytes, under the same
    environment variables (what ``!ENV`` reads), gives a copy of what it gave the last time. A file that names
    another (``INHERIT``: the other file's bytes are not in that key), one with a value a Python tag makes while
    it is read (``!!python/object``), and one whose values cannot be copied are read each time."""
    import yaml
    from mkdocs.exceptions import ConfigurationError
    from mkdocs.utils.yaml import yaml_load

    path = Path(config_file)
    source = path.read_bytes()
    key = (str(path.resolve()), source, tuple(sorted(os.environ.items())))
    kept = _READ.get("last")
    if kept is not None and kept[0] == key:
        return copy.deepcopy(kept[1])
    try:
        text = io.StringIO(source.decode("utf-8-sig"))
        text.name = str(config_file)  # as an open file's: YAML's messages name it, INHERIT is found beside it
        config = yaml_load(text)
    except (yaml.YAMLError, ConfigurationError) as error:
        raise ValueError(f"{config_file}: not valid YAML: {error}") from None
    except UnicodeDecodeError as error:
        raise ValueError(f"{config_file}: not UTF-8: {error}") from None
    if not isinstance(config, dict):
        raise ValueError(f"{config_file}: expected a mapping of settings")
    if b"INHERIT" not in source and b"!!python/object" not in source:  # no file, no value made while reading
        try:
            _READ["last"] = (key, copy.deepcopy(config))
        except Exception:  # noqa: BLE001 - a value that cannot be copied: read again next time, as before
            _READ.pop("last", None)
    return config


def not_in_nav_patterns(paths: Iterable[str], base: str | None = None) -> str:
    """MkDocs' ``not_in_nav`` (gitignore patterns, one a line): ``base``'s, and each of ``paths`` exactly (a
    generated page that only other pages lead to, which ``validation.omitted_files`` must not report)."""
    lines = [base.rstrip("\n")] if base else []
    lines += ["/" + glob.escape(path) for path in paths]
    return "\n".join(lines)


def derived_config(base: dict[str, Any], config_dir: Path, tree: StagedTree, docs_dir: Path,
                   site_dir: Path, markdown_cache: Path | None = None) -> dict[str, Any]:
    """``docs_dir``: where :func:`~scripts.staging.write.write_tree` wrote the staged pages (the hooks read the
    notices it wrote beside them, :data:`~scripts.staging.write.NOTICES`, and convert them apart);
    ``markdown_cache``: the folder where the pages' Markdown conversions are kept between builds
    (:mod:`scripts.render.markdown_cache`); None converts every page."""
    config = {key: value for key, value in base.items() if key not in ("plugins", "hooks")}
    config["docs_dir"] = str(docs_dir)
    config["site_dir"] = str(site_dir)
    # the theme prints the name unescaped in <title>: escaped here once (the hooks mark it as safe)
    config["site_name"] = str(escape(tree.site_name))
    if tree.site_description is not None:
        config["site_description"] = str(escape(tree.site_description))
    if tree.site_url:
        config["site_url"] = tree.site_url
    else:
        config.pop("site_url", None)
    # measure pages titled by their name marks, filled in each finished page (scripts.render.hooks)
    config["nav"] = nav_with_marks(tree.nav, tree.measure_names)
    if tree.not_in_nav:
        config["not_in_nav"] = not_in_nav_patterns(tree.not_in_nav, config.get("not_in_nav"))

    theme = dict(config.get("theme") or {})
    if theme.get("custom_dir"):
        theme["custom_dir"] = absolute(Path(config_dir), theme["custom_dir"])
    theme["language"] = tree.language
    config["theme"] = theme

    extra = dict(config.get("extra") or {})
    extra.pop("guidelines_theme_language", None)
    if tree.theme_text_language:
        # Material has no interface text for a transliterated language: partials/language.html takes the
        # source language's and transliterates it
        extra["guidelines_theme_language"] = tree.theme_text_language
    extra["guidelines_theme_text"] = dict(tree.theme_text)
    if tree.alternate:
        extra["alternate"] = tree.alternate
    extra[RENDER_KEY] = {"build": build_to_dict(tree.build), "transliteration": tree.transliteration,
                         "local_files": bool(tree.edition), "measure_names": tree.measure_names,
                         "markdown_cache": str(cache_file(markdown_cache, "build", tree.edition, tree.language))
                         if markdown_cache else None,
                         "notices": str(Path(docs_dir).parent / NOTICES)}
    config["extra"] = extra

    plugins: list[Any] = []
    for name, options in plugin_items(base.get("plugins")):
        if name in STAGED_PLUGINS:
            continue
        if name in ("search", "material/search"):
            options = dict(options)
            given = options.get("lang") or []
            given = [given] if isinstance(given, str) else list(given)
            languages = [code for code in [*given, tree.language] if code in LUNR_LANGUAGES]
            if languages:
                options["lang"] = list(dict.fromkeys(languages))
        plugins.append({name: options} if options else name)
    config["plugins"] = plugins
    config["hooks"] = [*(absolute(Path(config_dir), h) for h in base.get("hooks") or []), str(HOOKS)]
    return config
