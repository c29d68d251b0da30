"""Everything the code imports is declared in pyproject.toml, so a fresh clone installs it."""

from __future__ import annotations

import ast
import re
import sys
import tomllib
from importlib.metadata import packages_distributions
from pathlib import Path

from tests.conftest import ROOT


def normalise(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()


def declared(*groups: str) -> set[str]:
    project = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
    specs = list(project["dependencies"])
    for group in groups:
        specs += project["optional-dependencies"][group]
    return {normalise(re.split(r"[<>=!~\[; ]", spec, maxsplit=1)[0]) for spec in specs}


def third_party_imports(folder: Path) -> dict[str, str]:
    """top-level module -> first file importing it, for modules outside the standard library and the project."""
    found: dict[str, str] = {}
    for path in sorted(folder.rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            names = []
            if isinstance(node, ast.Import):
                names = [a.name for a in node.names]
            elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
                names = [node.module]
            for name in names:
                top = name.split(".")[0]
                if top not in sys.stdlib_module_names and top not in ("scripts", "tests"):
                    found.setdefault(top, str(path.relative_to(ROOT)))
    return found


def undeclared(folder: Path, allowed: set[str]) -> list[str]:
    distributions = packages_distributions()
    missing = []
    for module, where in third_party_imports(folder).items():
        dists = {normalise(d) for d in distributions.get(module, [module])}
        if not dists & allowed:
            missing.append(f"{where}: imports {module} (distribution {sorted(dists)}) not declared in pyproject.toml")
    return missing


def test_runtime_imports_are_declared_dependencies() -> None:
    assert undeclared(ROOT / "scripts", declared()) == []


def test_test_imports_are_declared_in_the_test_extra() -> None:
    assert undeclared(ROOT / "tests", declared("test")) == []
