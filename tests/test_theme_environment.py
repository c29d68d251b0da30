"""The theme's environments list the same asset files as MkDocs' own, without walking hidden folders, and keep
compiled templates (scripts.render.theme_environment)."""

from __future__ import annotations

from pathlib import Path

import jinja2
from mkdocs.config import load_config
from mkdocs.structure.files import Files

from scripts.pages.template_cache import TEMPLATES
from scripts.render import theme_environment
from tests.conftest import ROOT


def theme_files(config) -> list[tuple[str, str]]:  # noqa: ANN001 - MkDocs' config
    files = Files([])
    files.add_files_from_theme(config.theme.get_env(), config)
    return sorted((file.src_uri, file.abs_src_path) for file in files)


def test_the_site_gets_the_same_theme_files_as_with_mkdocs_own_environment(tmp_path: Path) -> None:
    config = load_config(str(ROOT / "mkdocs.yml"), site_dir=str(tmp_path / "site"))
    stock = theme_files(config)
    theme_environment.lighten(config.theme)
    lighter = theme_files(config)
    assert lighter == stock
    assert len(stock) > 50  # Material's assets, and our overrides' (CSS, JavaScript)
    assert any(uri.startswith("assets/") for uri, _ in stock)
    assert any("overrides" in path for _, path in stock)


def test_hidden_files_and_folders_are_not_listed_and_templates_load_as_before(tmp_path: Path) -> None:
    for name in (".icons/a/b.svg", "partials/.hidden.html", "partials/shown.html", "main.html", ".top.css"):
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text(name, encoding="utf-8")
    loader = theme_environment.VisibleFilesLoader([str(tmp_path)])
    assert loader.list_templates() == ["main.html", "partials/shown.html"]
    env = jinja2.Environment(loader=loader)
    assert env.get_template("partials/.hidden.html").render() == "partials/.hidden.html"


def test_every_environment_of_the_theme_keeps_compiled_templates(tmp_path: Path) -> None:
    config = load_config(str(ROOT / "mkdocs.yml"), site_dir=str(tmp_path / "site"))
    theme_environment.lighten(config.theme)
    first, second = config.theme.get_env(), config.theme.get_env()
    assert first is not second
    assert first.bytecode_cache is TEMPLATES and second.bytecode_cache is TEMPLATES
    assert isinstance(first.loader, theme_environment.VisibleFilesLoader)
    assert first.loader.searchpath == [str(d) for d in config.theme.dirs]
