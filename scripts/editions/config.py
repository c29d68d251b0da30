"""The MkDocs configuration of one country edition, derived from the site's ``mkdocs.yml``.

The edition is the same site with these differences:

- its front page is the country's page (the hand-written home page is left out of its docs folder, and
  the ``guidelines`` plugin writes the country page as ``index.md`` when given ``edition``);
- only its languages are built (the ``i18n`` plugin's language list is cut down to them);
- it works from a folder or a zip opened with ``file://``: ``use_directory_urls`` is off (every link names
  an ``.html`` file), no absolute ``site_url``, and search runs through a local worker shim
  (``assets/javascripts/iframe-worker-shim.js``) with its index inlined as a script (see ``build.py``);
- it deploys as is to any static host.
"""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any

from scripts.data.models.editions import Edition
from scripts.pages import routes
from scripts.staging.site_config import absolute, plugin_items

#: The local stand-in for a Web Worker under file:// (its name contains "iframe-worker", so that
#: Material's offline tooling never adds a CDN copy).
WORKER_SHIM = "assets/javascripts/iframe-worker-shim.js"
HOME_PAGES = ("index.md",)
COUNTRIES_INDEX = routes.COUNTRIES


def edition_config(site_config: dict[str, Any], config_dir: Path, edition: Edition, docs_dir: Path,
                   data_dir: Path, country_name: str = "") -> dict[str, Any]:
    """The edition's configuration: a copy of the site's with the edition's changes applied."""
    config = dict(site_config)
    # The site name stays the site's: the ``guidelines`` plugin translates it and adds the country's name in
    # each language of the edition (``country_name`` is kept for callers; the plugin has the country).
    config["docs_dir"] = str(docs_dir)
    config.pop("site_dir", None)  # given on the command line
    config["use_directory_urls"] = False
    for key in ("site_url", "repo_url", "repo_name", "edit_uri"):
        config.pop(key, None)

    theme = dict(config.get("theme") or {})
    if "custom_dir" in theme:
        theme["custom_dir"] = absolute(config_dir, theme["custom_dir"])
    features = [f for f in theme.get("features", []) if f != "navigation.instant"]  # instant loading uses fetch
    if "features" in theme:
        theme["features"] = features
    config["theme"] = theme

    extra = dict(config.get("extra") or {})
    polyfills = [p for p in extra.get("polyfills", []) if "iframe-worker" not in str(p)]
    # The file:// worker stand-in first: search-lazy.js wraps whatever `Worker` is when it loads.
    extra["polyfills"] = [WORKER_SHIM] + polyfills
    extra["edition"] = edition.id
    config["extra"] = extra

    config["nav"] = _adaptations_first(config.get("nav"))

    plugins: list[Any] = []
    for name, options in plugin_items(config.get("plugins")):
        if name == "guidelines":
            options["data_dir"] = str(data_dir)
            options["edition"] = edition.id
        elif name == "i18n":
            options = _i18n_options(options, edition)
        elif name in ("offline", "privacy"):
            continue  # we do what the offline plugin does without its CDN shim
        plugins.append({name: options} if options else name)
    config["plugins"] = plugins
    return config


def _adaptations_first(nav: Any) -> Any:
    """The navigation with the country adaptations right after the front page (the country's own page)."""
    if not isinstance(nav, list):
        return nav
    wanted = [item for item in nav if isinstance(item, dict) and COUNTRIES_INDEX in item.values()]
    rest = [item for item in nav if item not in wanted]
    return rest[:1] + wanted + rest[1:]


def _i18n_options(options: dict, edition: Edition) -> dict:
    """mkdocs-static-i18n's options with only the edition's languages built."""
    wanted = set(edition.languages)
    languages = []
    for language in options.get("languages", []):
        locale = language.get("locale") if isinstance(language, dict) else None
        if locale in wanted or (isinstance(language, dict) and language.get("default")):
            languages.append(language)
    options = dict(options)
    options["languages"] = languages
    return options


def prepare_docs(source: Path, target: Path) -> None:
    """The edition's docs folder: the site's hand-written pages without its home page (the country page
    takes its place)."""
    if target.exists():
        shutil.rmtree(target)
    shutil.copytree(source, target)
    for name in HOME_PAGES:
        for page in target.glob(name.replace(".md", "*.md")):
            if page.name == name or (page.name.startswith("index.") and page.name.count(".") == 2):
                page.unlink()
