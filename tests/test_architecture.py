"""The layers of ``scripts/`` as a contract (issue 11): ``[tool.importlinter]`` in pyproject.toml, checked by
import-linter's ``lint-imports``. Lowest first: files -> settings -> data -> i18n | training -> pages -> paper ->
mkdocs_plugin -> build -> benchmark | editions -> commands -> cli; nothing imports upward or sideways between
siblings."""

from __future__ import annotations

import contextlib
import io
import logging
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from importlinter.cli import lint_imports as run_lint_imports

from tests.conftest import ROOT


def _scripts_modules() -> dict:
    return {name: module for name, module in sys.modules.items() if name == "scripts" or name.startswith("scripts.")}


def lint_imports(project: Path) -> subprocess.CompletedProcess[str]:
    """``lint-imports --no-cache`` on the ``scripts`` package and the contract of ``project`` (a checkout, or a copy
    of one), in this process: ``project`` comes first on the path and the ``scripts`` already imported are set
    aside meanwhile, so that the package analysed is the one in ``project``."""
    saved = _scripts_modules()
    # import-linter configures logging with every logger that exists disabled (logging.config's default): without
    # this, MkDocs' link warnings went unheard in every later test of the same process
    loggers = {name: logger.disabled for name, logger in logging.root.manager.loggerDict.items()
               if isinstance(logger, logging.Logger)}
    output = io.StringIO()
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("NO_COLOR", "1")
        patch.setenv("COLUMNS", "200")
        patch.chdir(project)
        patch.syspath_prepend(str(project))
        for name in saved:
            patch.delitem(sys.modules, name)
        try:
            with contextlib.redirect_stdout(output), contextlib.redirect_stderr(output):
                code = run_lint_imports(config_filename=str(project / "pyproject.toml"), no_cache=True)
        finally:
            for name in _scripts_modules():  # anything imported from the copy
                del sys.modules[name]
            for name, disabled in loggers.items():
                logging.getLogger(name).disabled = disabled
    assert _scripts_modules() == saved
    return subprocess.CompletedProcess(["lint-imports"], code, output.getvalue(), "")


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
