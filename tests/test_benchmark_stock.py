"""The benchmark's baseline, the same pages built by a stock MkDocs + Material + mkdocs-static-i18n project,
builds every language: when it fails, the benchmark has nothing to compare with (it did, unnoticed, from the day
sr-Latn was added until Material's Serbian partial was given to the stock project)."""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

import pytest

from scripts.benchmark.stock import export_stock_project, stock_build_command
from scripts.data import load_dataset
from tests.conftest import DATA

#: builds a site of its own
pytestmark = pytest.mark.site


def test_the_stock_baseline_builds_every_language(tmp_path: Path) -> None:
    project = tmp_path / "stock"
    export_stock_project(DATA, project)
    site = project / "site"
    result = subprocess.run(stock_build_command(project, site), cwd=project,
                            capture_output=True, text=True, check=False, timeout=900,
                            env={**os.environ, "NO_MKDOCS_2_WARNING": "1"})
    assert result.returncode == 0, result.stderr[-3000:]
    site_config = load_dataset(DATA).site
    for language in site_config.languages:
        home = site / ("" if language.code == site_config.default_language else language.code) / "index.html"
        assert home.is_file(), f"the stock build made no home page for {language.code}"
        # sr-Latn borrows Material's Serbian partial in the stock project, "lang" included
        lang = language.transliterated_from or language.code
        assert f'<html lang="{lang}"' in home.read_text(encoding="utf-8")[:500], language.code
