"""The Zensical adapter: renders a staged tree (:mod:`scripts.staging`) with Zensical, Material for MkDocs'
successor, instead of MkDocs.

Zensical reads an ``mkdocs.yml`` and skips plugins and hooks it does not support, so the configuration written
here holds only what it reads: the staged docs folder, the translated navigation and site name, the theme's
language and settings, our CSS and JavaScript (copied into the docs folder: Zensical is given no
``custom_dir``, since our overrides call MkDocs hooks' helpers), the Markdown extensions and the language menu.
What the MkDocs render adds and this one does not is listed in CONTRIBUTING.md ("Another renderer").

Zensical is installed by ``make zensical`` into its own environment, ``.venv-zensical`` (pinned in the
Makefile): its theme package ``zensical-ui`` is not served by the registries, and ``zensical_ui/`` stands in
for it with Material's templates.
"""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path
from typing import Any

from markupsafe import escape

from scripts.staging.site_config import plugin_items
from scripts.staging.stage import StagedTree

ROOT = Path(__file__).resolve().parents[2]
ENVIRONMENT = ROOT / ".venv-zensical"
EXECUTABLE = ENVIRONMENT / "bin" / "zensical"
UI_STAND_IN = Path(__file__).resolve().parent / "zensical_ui"
#: what Zensical reads of a configuration (the rest of ours is MkDocs-only)
KEPT = ("site_name", "site_description", "site_url", "use_directory_urls", "extra_css", "extra_javascript",
        "markdown_extensions", "copyright")


def zensical_config(base: dict[str, Any], config_dir: Path, tree: StagedTree, docs_dir: Path,
                    site_dir: Path) -> dict[str, Any]:
    """The configuration for Zensical of ``tree`` (written to ``docs_dir`` with the measure names written in:
    ``write_tree(tree, folder, Written.EVERYTHING)``, since Zensical cannot fill in their marks), built into
    ``site_dir``; to be written beside ``docs_dir``."""
    config = {key: base[key] for key in KEPT if key in base}
    # Zensical wants both relative to the configuration file, which is written beside the docs folder
    config["docs_dir"] = Path(docs_dir).name
    config["site_dir"] = os.path.relpath(site_dir, Path(docs_dir).parent)
    config["site_name"] = str(escape(tree.site_name))
    if tree.site_description is not None:
        config["site_description"] = str(escape(tree.site_description))
    config["nav"] = tree.nav
    theme = {key: value for key, value in dict(base.get("theme") or {}).items() if key != "custom_dir"}
    theme.update({"name": "material", "variant": "classic", "language": tree.language})
    config["theme"] = theme
    extra = {key: value for key, value in dict(base.get("extra") or {}).items() if key != "polyfills"}
    if tree.alternate:
        extra["alternate"] = tree.alternate
    config["extra"] = extra
    config["plugins"] = [name for name, _ in plugin_items(base.get("plugins")) if name == "search"]
    # our stylesheets and scripts, which MkDocs takes from the theme's custom_dir
    custom = base.get("theme", {}).get("custom_dir")
    if custom:
        assets = Path(config_dir) / custom / "assets"
        if assets.is_dir():
            shutil.copytree(assets, Path(docs_dir) / "assets", dirs_exist_ok=True)
    return config


def render_zensical(config_file: Path, executable: Path = EXECUTABLE) -> tuple[int, str]:
    """``zensical build`` of ``config_file``; returns the exit status and its output."""
    if not Path(executable).is_file():
        return 127, f"Zensical is not installed at {executable}: run `make zensical`\n"
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(filter(None, [str(UI_STAND_IN),
                                                                    os.environ.get("PYTHONPATH", "")]))}
    result = subprocess.run([str(executable), "build", "--clean", "--config-file", str(config_file)],
                            capture_output=True, text=True, env=env, timeout=900, check=False)
    return result.returncode, result.stdout + result.stderr
