"""One settings object (issue 11): the ``GUIDELINES_*`` environment variables are read once, by the command layer
(:mod:`scripts.commands.settings`), into a :class:`scripts.settings.Settings` passed down as an argument; MkDocs'
configuration (mkdocs.yml's ``!ENV`` tags into the plugin's options) is the only other reader."""

from __future__ import annotations

import dataclasses
import re
from pathlib import Path

import pytest

from scripts.commands.settings import paper_cache, settings_from
from scripts.data.dataset import DEFAULT_DATA_DIR
from scripts.paper.render import CACHE_DIR
from scripts.settings import LANGUAGE_ENV, Settings, flag
from tests.conftest import ROOT

SCRIPTS = ROOT / "scripts"
#: the only module of scripts/ that may read a GUIDELINES_* variable: the command layer's
ALLOWED = {"scripts/commands/settings.py"}

#: NAME = "GUIDELINES_..." anywhere in scripts/: reading the constant counts as reading the variable
_CONSTANT = re.compile(r"^\s*([A-Z][A-Z0-9_]*)\s*(?::[^=]+)?=\s*[\"'](GUIDELINES_[A-Z0-9_]*)[\"']", re.MULTILINE)
#: a read of a variable or a mapping: os.environ.get(X) / os.getenv(X) / getenv(X) / env.get(X) / .pop(X) /
#: environ[X] (not assigned) / X in environ
_READ = (r"(?:\b(?:getenv|get|pop|setdefault)\(\s*(?:{names})(?!\w)"
         r"|\[\s*(?:{names})\s*\](?!\s*=[^=])"
         r"|(?<!\w)(?:{names})\s+(?:not\s+)?in\s+[\w.]*environ)")


def guidelines_names(scripts: Path = SCRIPTS) -> set[str]:
    """The constants whose value is a ``"GUIDELINES_..."`` name, in every module of ``scripts``."""
    names = set()
    for path in scripts.rglob("*.py"):
        text = path.read_text(encoding="utf-8")
        names.update(m.group(1) for m in _CONSTANT.finditer(text))
    return names


def environment_reads(scripts: Path = SCRIPTS) -> dict[str, list[str]]:
    """Every line of ``scripts`` (the benchmark aside: it only sets variables for the processes it starts) that
    reads a GUIDELINES_* variable, by file (``scripts/...``)."""
    names = sorted(guidelines_names(scripts) | guidelines_names(SCRIPTS), key=len, reverse=True)
    alternatives = "|".join([r"[\"']GUIDELINES_[A-Z0-9_]*[\"']", *map(re.escape, names)])
    pattern = re.compile(_READ.format(names=alternatives))
    found: dict[str, list[str]] = {}
    for path in sorted(scripts.rglob("*.py")):
        relative = path.relative_to(scripts.parent).as_posix()
        if relative.startswith("scripts/benchmark/"):
            continue
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            if pattern.search(line.split("#", 1)[0]):
                found.setdefault(relative, []).append(f"{number}: {line.strip()}")
    return found


def test_only_the_command_layer_reads_guidelines_variables() -> None:
    reads = environment_reads()
    assert set(reads) <= ALLOWED, {k: v for k, v in reads.items() if k not in ALLOWED}
    assert reads, "the command layer reads the variables: the check must find it, or it finds nothing at all"


@pytest.mark.parametrize("line", [
    'x = os.environ.get("GUIDELINES_NO_CACHE")',
    "x = os.getenv('GUIDELINES_DATA_DIR', 'guidelines_data')",
    "if os.environ[NO_PAPER_ENV] == '1':",
    "x = env.get(LANGUAGE_ENV) or 'en'",
    'if "GUIDELINES_NO_PAPER" in os.environ:',
])
def test_a_new_read_elsewhere_is_found(tmp_path: Path, line: str) -> None:
    module = tmp_path / "scripts" / "paper" / "new.py"
    module.parent.mkdir(parents=True)
    module.write_text(f"import os\n\n\ndef f(env):\n    {line}\n", encoding="utf-8")
    reads = environment_reads(tmp_path / "scripts")
    assert list(reads) == ["scripts/paper/new.py"], reads


@pytest.mark.parametrize("line", [
    'os.environ.update({**env, LANGUAGE_ENV: code})',
    'env[LANGUAGE_ENV] = code',
    'env = {DATA_DIR_ENV: str(self.data_dir)}',
])
def test_setting_a_variable_for_mkdocs_is_not_a_read(tmp_path: Path, line: str) -> None:
    module = tmp_path / "scripts" / "build.py"
    module.parent.mkdir(parents=True)
    module.write_text(f"import os\n\n\ndef f(env, code):\n    {line}\n", encoding="utf-8")
    assert environment_reads(tmp_path / "scripts") == {}


def test_settings_from_an_empty_environment_are_the_defaults() -> None:
    settings = settings_from({})
    assert settings == Settings(data_dir=DEFAULT_DATA_DIR.resolve())
    assert (settings.no_cache, settings.no_paper, settings.paper_cache, settings.languages) == (False, False, None, ())
    assert paper_cache(settings).path == CACHE_DIR and paper_cache(settings).reuse


def test_settings_from_the_environment(tmp_path: Path) -> None:
    env = {"GUIDELINES_DATA_DIR": str(tmp_path / "data"), "GUIDELINES_NO_CACHE": "1", "GUIDELINES_NO_PAPER": "1",
           "GUIDELINES_PAPER_CACHE": str(tmp_path / "pdfs"), "GUIDELINES_LANGUAGE": "fr", "OTHER": "x"}
    settings = settings_from(env, languages=["fr", "sq"], quiet=True, jobs=3)
    assert settings == Settings(data_dir=tmp_path / "data", languages=("fr", "sq"), no_cache=True, no_paper=True,
                                paper_cache=tmp_path / "pdfs", quiet=True, jobs=3)
    assert paper_cache(settings).path == tmp_path / "pdfs" and not paper_cache(settings).reuse
    with pytest.raises(dataclasses.FrozenInstanceError):
        settings.no_paper = False  # type: ignore[misc]


def test_an_argument_wins_over_the_environment_and_empty_counts_as_unset(tmp_path: Path) -> None:
    env = {"GUIDELINES_DATA_DIR": str(tmp_path / "from-env"), "GUIDELINES_PAPER_CACHE": ""}
    assert settings_from(env, data_dir=tmp_path / "from-arg").data_dir == tmp_path / "from-arg"
    assert settings_from({"GUIDELINES_DATA_DIR": ""}).data_dir == DEFAULT_DATA_DIR.resolve()
    assert settings_from(env).paper_cache is None


@pytest.mark.parametrize(("value", "on"), [("1", True), ("true", True), ("yes", True), (1, True), (True, True),
                                           ("0", False), ("", False), (None, False), ("false", False),
                                           (0, False), ("2", False)])
def test_flags_are_on_for_1_as_before(value: object, on: bool) -> None:
    assert flag(value) is on
    assert settings_from({"GUIDELINES_NO_PAPER": value} if isinstance(value, str) else {}).no_paper is (
        on if isinstance(value, str) else False)


def test_every_mkdocs_run_gets_every_setting(tmp_path: Path) -> None:
    """What a build sets for MkDocs: each variable mkdocs.yml reads, so the caller's environment decides nothing."""
    settings = Settings(data_dir=tmp_path, no_paper=True)
    assert settings.mkdocs_environment("fr") == {
        "GUIDELINES_DATA_DIR": str(tmp_path), "GUIDELINES_NO_CACHE": "0", "GUIDELINES_NO_PAPER": "1",
        "GUIDELINES_PAPER_CACHE": "", LANGUAGE_ENV: "fr"}
    assert LANGUAGE_ENV not in settings.mkdocs_environment()
    config = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    for name in settings.mkdocs_environment("fr"):
        assert f"!ENV [{name}," in config, name
