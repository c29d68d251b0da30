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
#: pipe), logs into a buffer, registers an ``atexit`` handler, and fails with status 3
_FAKE_BUILD = textwrap.dedent("""
    import atexit, logging, logging.handlers, sys
    from scripts.commands import build
    LOG = sys.argv[1]
    def run(args):
        print("written, not flushed", end="")
        sys.stderr.write("a warning, not flushed")
        # held in memory until the handler is flushed or closed (logging.shutdown does)
        logging.getLogger("fake").addHandler(logging.handlers.MemoryHandler(100, target=logging.FileHandler(LOG)))
        logging.getLogger("fake").warning("logged")
        atexit.register(lambda: open(LOG, "a").write("atexit ran\\n"))
        return 3
    build.run = run
    sys.argv[1:] = ["build"]
    import runpy
    runpy.run_module("scripts", run_name="__main__")
""")


def _run(script: str, *args: str) -> subprocess.CompletedProcess:
    env = {k: v for k, v in os.environ.items() if k != "PYTHONUNBUFFERED"}  # buffered, as a build usually is
    return subprocess.run([sys.executable, "-c", script, *args], cwd=ROOT, capture_output=True, text=True,
                          timeout=120, check=False, env=env)


def test_a_build_exits_at_once_and_still_gives_its_status_and_all_its_output(tmp_path) -> None:
    """At once: the interpreter is not torn down (an ``atexit`` handler does not run); still, what was written
    and logged reaches its place, and the status is the command's."""
    log = tmp_path / "log.txt"
    result = _run(_FAKE_BUILD, str(log))
    assert result.returncode == 3, result.stderr
    assert result.stdout == "written, not flushed"
    assert result.stderr == "a warning, not flushed"
    assert log.read_text(encoding="utf-8") == "logged\n"  # and no "atexit ran"


def test_other_commands_exit_as_python_does(tmp_path) -> None:
    """``validate`` is not a build: Python's own exit runs, ``atexit`` handlers included, with the command's
    status."""
    script = textwrap.dedent("""
        import atexit, sys
        from scripts.commands import validate
        def run(args):
            atexit.register(lambda: print("atexit ran"))
            print("validated", end="")
            return 4
        validate.run = run
        sys.argv[1:] = ["validate"]
        import runpy
        runpy.run_module("scripts", run_name="__main__")
    """)
    result = _run(script)
    assert result.returncode == 4, result.stderr
    assert result.stdout == "validatedatexit ran\n"
