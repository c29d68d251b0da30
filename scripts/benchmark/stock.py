"""The same content as a stock MkDocs + Material + mkdocs-static-i18n project, without our plugin and hooks.

Each language is staged as our build stages it (:func:`scripts.staging.stage.stage_language`: the generated
pages and the hand-written ones as that language shows them), and the staged files are written out in
mkdocs-static-i18n's suffix structure (``guidelines/17.fr.md``), next to a copy of our CSS and JavaScript, with a ``mkdocs.yml`` that keeps our theme settings, Markdown extensions and navigation but has
only the ``search`` and ``i18n`` plugins, no ``custom_dir`` and no hooks: what a user of the stock stack would
build. It is built the stock way, ``mkdocs build``, all languages in one process.
"""

from __future__ import annotations

import shutil
import sys
from pathlib import Path
from typing import Any

import material as material_templates
import yaml

from scripts.build import DEFAULT_CONFIG, ROOT
from scripts.data import load_dataset
from scripts.render.mkdocs_config import read_config
from scripts.staging.stage import stage_language

#: our theme features that the stock project does not get (they are what we measure against)
STOCK_WITHOUT = {"navigation.prune"}


class _EnvLoader(yaml.SafeLoader):
    """Reads mkdocs.yml: ``!ENV [NAME, default]`` becomes its default (the benchmark sets no such variable)."""


def _env(loader: _EnvLoader, node: yaml.Node) -> Any:
    if isinstance(node, yaml.SequenceNode):
        values = loader.construct_sequence(node)
        return values[-1] if len(values) > 1 else None
    return None


_EnvLoader.add_constructor("!ENV", _env)
_EnvLoader.add_multi_constructor("tag:yaml.org,2002:python/", lambda loader, suffix, node: None)


def read_mkdocs_yml(path: Path = DEFAULT_CONFIG) -> dict[str, Any]:
    return yaml.load(path.read_text(encoding="utf-8"), Loader=_EnvLoader)  # noqa: S506 - our loader is safe


def suffixed(path: str, language: str, default: str) -> str:
    """``guidelines/17.md`` -> ``guidelines/17.fr.md`` (any extension), as mkdocs-static-i18n's suffix structure."""
    if language == default:
        return path
    stem, dot, extension = path.rpartition(".")
    return f"{stem}.{language}.{extension}" if dot and "/" not in extension else f"{path}.{language}"


def stock_build_command(project: Path, site: Path) -> list[str]:
    """How a stock user builds the project: ``mkdocs build`` of its ``mkdocs.yml``, all languages in one process."""
    return [sys.executable, "-m", "mkdocs", "build", "--quiet", "--config-file", str(Path(project) / "mkdocs.yml"),
            "--site-dir", str(site)]


def export_stock_project(data_dir: Path, work: Path) -> Path:
    """Write the stock project into ``work`` (``work/docs``, ``work/mkdocs.yml``); returns the config file."""
    if work.exists():
        shutil.rmtree(work)
    docs = work / "docs"
    shutil.copytree(ROOT / "overrides" / "assets", docs / "assets")

    dataset = load_dataset(data_dir)
    default = dataset.site.default_language
    ours = read_mkdocs_yml()
    base = read_config(DEFAULT_CONFIG)
    nav = None
    for language in dataset.site.languages:
        tree = stage_language(base, DEFAULT_CONFIG.parent, data_dir, language.code)
        if language.code == default:
            nav = tree.nav
        for path in tree.files:
            content = tree.markdown(path)  # stock MkDocs cannot fill in the marks (measure names, notices)
            target = docs / suffixed(path, language.code, default)
            target.parent.mkdir(parents=True, exist_ok=True)
            if isinstance(content, bytes):
                target.write_bytes(content)
            else:
                target.write_text(content, encoding="utf-8")

    i18n = next(p["i18n"] for p in ours["plugins"] if isinstance(p, dict) and "i18n" in p)
    theme = {k: v for k, v in ours["theme"].items() if k != "custom_dir"}
    # navigation.prune is our way around the whole navigation being rendered into every page (see
    # CONTRIBUTING.md, "Navigation size"); the stock project renders it all, as Material does by default.
    theme["features"] = [f for f in theme.get("features", []) if f not in STOCK_WITHOUT]
    config = {
        "site_name": ours["site_name"],
        "site_description": ours.get("site_description", ""),
        "docs_dir": "docs",
        "site_dir": "site",
        "use_directory_urls": True,
        "theme": theme,
        "plugins": [
            "search",
            {"i18n": {"docs_structure": "suffix", "fallback_to_default": True, "reconfigure_material": True,
                      "reconfigure_search": True, "languages": i18n["languages"]}},
        ],
        "extra_css": ours.get("extra_css", []),
        "extra_javascript": ours.get("extra_javascript", []),
        "markdown_extensions": ours.get("markdown_extensions", []),
        "nav": nav,
    }
    # Material has no interface text for a transliterated language (sr-Latn): a stock project adds it as Material
    # documents for a language it lacks, a partial in its custom_dir (here the source language's, untransliterated)
    transliterated = [lang for lang in dataset.site.languages if lang.transliterated_from]
    if transliterated:
        partials = work / "overrides" / "partials" / "languages"
        partials.mkdir(parents=True, exist_ok=True)
        material = Path(material_templates.__file__).parent / "templates" / "partials" / "languages"
        for lang in transliterated:
            shutil.copyfile(material / f"{lang.transliterated_from}.html", partials / f"{lang.code}.html")
        config["theme"]["custom_dir"] = "overrides"
    config_file = work / "mkdocs.yml"
    config_file.write_text(yaml.safe_dump(config, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return config_file
