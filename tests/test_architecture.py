"""The layers of ``scripts/`` as a contract (issue 11): ``[tool.importlinter]`` in pyproject.toml, checked by
import-linter's ``lint-imports``. Lowest first: settings -> data -> i18n | training -> pages -> paper ->
mkdocs_plugin -> build -> benchmark | editions -> commands -> cli; nothing imports upward or sideways between
siblings."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

from tests.conftest import ROOT

LINT_IMPORTS = Path(sys.executable).parent / "lint-imports"


def lint_imports(project: Path) -> subprocess.CompletedProcess[str]:
    """``lint-imports`` on the ``scripts`` package and the contract of ``project`` (a checkout, or a copy of one)."""
    env = {**os.environ, "PYTHONPATH": str(project), "NO_COLOR": "1", "COLUMNS": "200"}
    return subprocess.run([str(LINT_IMPORTS), "--config", str(project / "pyproject.toml"), "--no-cache"],
                          cwd=project, env=env, capture_output=True, text=True, timeout=120)


def test_the_layers_contract_is_kept() -> None:
    result = lint_imports(ROOT)
    report = result.stdout + result.stderr
    assert result.returncode == 0, report
    assert "0 broken" in report and "2 kept" in report, report


def test_an_upward_import_breaks_the_contract_and_is_named(tmp_path: Path) -> None:
    shutil.copytree(ROOT / "scripts", tmp_path / "scripts", ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copy(ROOT / "pyproject.toml", tmp_path / "pyproject.toml")
    # the data layer reaching up to the commands, the top of the flow
    module = tmp_path / "scripts" / "data" / "problems.py"
    text = module.read_text(encoding="utf-8")
    future = "from __future__ import annotations\n"
    assert future in text
    module.write_text(text.replace(future, future + "\nimport scripts.commands  # deliberately upward\n", 1),
                      encoding="utf-8")

    result = lint_imports(tmp_path)
    report = result.stdout + result.stderr
    assert result.returncode != 0, report
    assert "1 broken" in report, report
    assert "scripts.data is not allowed to import scripts.commands" in report, report
    assert "scripts.data.problems -> scripts.commands" in report, report
