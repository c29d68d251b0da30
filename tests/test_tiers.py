"""The test tiers themselves (issue 11): a unit-tier test starts no process, and the CLI called in-process
(:func:`tests.conftest.run_cli`) gives what ``python -m scripts`` gives."""

from __future__ import annotations

import os
import subprocess

import pytest

from tests.conftest import TEST_DATA, SubprocessInUnitTier, run_cli, run_cli_process


def test_a_unit_test_cannot_start_a_process() -> None:
    with pytest.raises(SubprocessInUnitTier, match="mark the test @pytest.mark.slow"):
        subprocess.run(["true"], check=False)
    with pytest.raises(SubprocessInUnitTier):
        os.system("true")


def test_the_cli_in_process_gives_exit_codes_and_output() -> None:
    valid = run_cli("validate", "--data", str(TEST_DATA / "minimal"))
    assert (valid.returncode, valid.stderr) == (0, "")
    assert "The data is valid: 4 measures" in valid.stdout
    usage = run_cli("no-such-command")
    assert usage.returncode == 2 and "usage: guidelines" in usage.stderr and usage.stdout == ""


def test_the_cli_in_process_restores_the_directory_and_the_environment(tmp_path) -> None:  # noqa: ANN001
    cwd, env = os.getcwd(), dict(os.environ)
    run_cli("validate", "--data", str(TEST_DATA / "minimal"), cwd=tmp_path, env={"GUIDELINES_TEST_TIER": "1"})
    assert os.getcwd() == cwd and dict(os.environ) == env


@pytest.mark.slow  # `python -m scripts` in a process of its own: the entry point and its exit codes
@pytest.mark.parametrize("args", [("validate", "--data", str(TEST_DATA / "minimal")), ("no-such-command",)],
                         ids=["valid", "usage"])
def test_python_m_scripts_gives_what_the_cli_in_process_gives(args: tuple[str, ...]) -> None:
    process, in_process = run_cli_process(*args), run_cli(*args)
    assert (process.returncode, process.stdout, process.stderr) == \
           (in_process.returncode, in_process.stdout, in_process.stderr)
