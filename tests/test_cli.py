"""The command line as a process: its exit status and its output, whole."""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap

import pytest

from tests.conftest import ROOT

pytestmark = pytest.mark.slow  # a process of its own

#: ``python -m scripts build`` with the build replaced by one that writes without a newline (block-buffered in a
#: pipe), logs into a buffer, and fails with status 3
_FAKE_BUILD = textwrap.dedent("""
    import logging, logging.handlers, sys
    from scripts.commands import build
    LOG = sys.argv[1]
    def run(args):
        print("written, not flushed", end="")
        sys.stderr.write("a warning, not flushed")
        # held in memory until the handler is flushed or closed (logging.shutdown does)
        logging.getLogger("fake").addHandler(logging.handlers.MemoryHandler(100, target=logging.FileHandler(LOG)))
        logging.getLogger("fake").warning("logged")
        return 3
    build.run = run
    sys.argv[1:] = ["build"]
    import runpy
    runpy.run_module("scripts", run_name="__main__")
""")


def test_a_build_that_exits_at_once_still_gives_its_status_and_all_its_output(tmp_path) -> None:
    log = tmp_path / "log.txt"
    env = {k: v for k, v in os.environ.items() if k != "PYTHONUNBUFFERED"}  # buffered, as a build usually is
    result = subprocess.run([sys.executable, "-c", _FAKE_BUILD, str(log)], cwd=ROOT, capture_output=True,
                            text=True, timeout=120, check=False, env=env)
    assert result.returncode == 3, result.stderr
    assert result.stdout == "written, not flushed"
    assert result.stderr == "a warning, not flushed"
    assert log.read_text(encoding="utf-8") == "logged\n"


def test_other_commands_exit_as_python_does(tmp_path) -> None:
    """``validate`` is not a build: Python's own exit runs, ``atexit`` handlers included."""
    script = textwrap.dedent("""
        import atexit, sys
        atexit.register(lambda: print("atexit ran"))
        sys.argv[1:] = ["validate", "--help"]
        import runpy
        runpy.run_module("scripts", run_name="__main__")
    """)
    result = subprocess.run([sys.executable, "-c", script], cwd=ROOT, capture_output=True, text=True, timeout=120,
                            check=False)
    assert result.returncode == 0, result.stderr
    assert result.stdout.rstrip().endswith("atexit ran")
