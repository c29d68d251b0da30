"""codespell on the English sources: hand-written pages, the YAML data, README and CONTRIBUTING.

Translations (docs/*.<lang>.md, guidelines_data/locales/) are not English and are not checked. Words codespell
takes for misspellings but which are right here go in the project word list, ``codespell-words.txt`` (one word a
line, lower case); words inside URLs are never checked. British spelling is the project's (Council of Europe
usage), so codespell's en-GB_to_en-US dictionary is not used. The settings live in pyproject.toml
``[tool.codespell]``, so that a plain ``codespell`` run by hand does the same.
"""

from __future__ import annotations

import contextlib
import io
import os
import re
import subprocess
from pathlib import Path

import codespell_lib

from tests.conftest import DATA, ROOT


def english_sources() -> list[Path]:
    docs = [p for p in sorted((ROOT / "docs").glob("*.md")) if not re.search(r"\.[a-z]{2}(_[A-Z]{2})?\.md$", p.name)]
    data = [p for p in sorted(DATA.rglob("*.yaml")) if "locales" not in p.relative_to(DATA).parts]
    return [*docs, *data, ROOT / "README.md", ROOT / "CONTRIBUTING.md"]


def codespell(*paths: Path) -> subprocess.CompletedProcess:
    """``codespell --toml pyproject.toml PATHS`` from the project's folder, in this process."""
    args = ["--toml", str(ROOT / "pyproject.toml"), *map(str, paths)]
    stdout, stderr = io.StringIO(), io.StringIO()
    cwd = os.getcwd()
    try:
        os.chdir(ROOT)
        with contextlib.redirect_stdout(stdout), contextlib.redirect_stderr(stderr):
            code = codespell_lib.main(*args)
    finally:
        os.chdir(cwd)
    return subprocess.CompletedProcess(["codespell", *args], code, stdout.getvalue(), stderr.getvalue())


def test_english_sources_have_no_misspelling() -> None:
    sources = english_sources()
    assert ROOT / "docs" / "index.md" in sources and DATA / "guidelines.yaml" in sources
    assert not any(p.name.endswith(".fr.md") for p in sources)
    result = codespell(*sources)
    assert result.returncode == 0, f"codespell found misspellings (fix them, or add a real word to " \
                                   f"codespell-words.txt):\n{result.stdout}{result.stderr}"


def test_codespell_finds_a_misspelling(tmp_path: Path) -> None:
    sample = tmp_path / "sample.md"
    sample.write_text("The request was recieved by the provider (see https://example.org/Commun/recieved).\n",
                      encoding="utf-8")
    result = codespell(sample)
    assert result.returncode != 0
    assert result.stdout.count("recieved") == 1, result.stdout  # the word in the URL is not reported
