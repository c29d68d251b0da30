"""The benchmark's memory reading of a process tree (:mod:`scripts.benchmark.measure`): every process the build
keeps counts, and a program run for a moment (``git``, read between ``fork`` and ``exec`` with its parent's whole
memory) does not count that memory a second time."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from scripts.benchmark.measure import measure, tree_total

MIB = 2**20


def test_a_process_is_counted_from_its_second_reading_on_and_the_command_always() -> None:
    root, worker, moment = (100, 1.0), (101, 1.5), (102, 2.0)
    first = {root: (50 * MIB, 50 * MIB), worker: (80 * MIB, 60 * MIB)}
    assert tree_total(first, {}, root) == (50 * MIB, 50 * MIB)  # the worker's first reading: not yet
    second = {**first, moment: (0, 60 * MIB)}  # a git child read as it replaces its worker's memory
    assert tree_total(second, first, root) == (130 * MIB, 110 * MIB)
    third = {root: first[root], worker: first[worker]}
    assert tree_total(third, second, root) == (130 * MIB, 110 * MIB)
    reused = {root: first[root], (101, 9.0): (80 * MIB, 60 * MIB)}  # the same pid, another process
    assert tree_total(reused, third, root) == (50 * MIB, 50 * MIB)


WORKER = """
import os, subprocess, time
pid = os.fork()
if pid == 0:
    block = bytearray(120 * 2**20)
    for i in range(0, len(block), 4096):
        block[i] = 1
    ended = time.monotonic() + 2
    while time.monotonic() < ended:  # programs run for a moment, as the build runs git
        subprocess.run(["git", "--version"], capture_output=True)
    os._exit(0)
os.waitpid(pid, 0)
"""


@pytest.mark.slow  # starts the measured processes
def test_a_worker_that_lives_is_counted_whole(tmp_path: Path) -> None:
    run = measure([sys.executable, "-c", WORKER], {}, tmp_path, tmp_path / "log.txt")
    assert run.returncode == 0, run.output
    assert 120 * MIB <= run.peak_pss_bytes < 200 * MIB
