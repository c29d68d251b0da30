"""Measuring a command: wall time and the peak memory of its whole process tree (psutil, children included)."""

from __future__ import annotations

import gzip
import os
import resource
import subprocess
import time
from dataclasses import dataclass
from pathlib import Path

import psutil

POLL_SECONDS = 0.05


def benchmark_environment(**variables: str) -> dict[str, str]:
    """The environment of a measured command: this process's, without any ``GUIDELINES_*`` variable (a
    developer's shell may set ``GUIDELINES_NO_CACHE`` or ``GUIDELINES_LANGUAGE``: the benchmark sets each one it
    wants), without MkDocs' notice about version 2, and with ``variables``."""
    env = {name: value for name, value in os.environ.items() if not name.startswith("GUIDELINES_")}
    return {**env, "NO_MKDOCS_2_WARNING": "1", **variables}


@dataclass
class Run:
    seconds: float
    #: peak of the summed resident memory of the process tree (counts pages shared by forked workers again)
    peak_rss_bytes: int
    #: peak of the summed proportional set size (each shared page divided among its sharers): the fair figure
    peak_pss_bytes: int
    returncode: int
    output: str
    #: stopped after the time limit (the figures are then lower bounds)
    timed_out: bool = False
    #: user + system CPU seconds of the whole tree (less sensitive than wall time to other load on the machine)
    cpu_seconds: float = 0.0


#: a process of the tree, as (pid, start time): a pid may be used again
Member = tuple[int, float]


def tree_memory(process: psutil.Process) -> dict[Member, tuple[int, int]]:
    """(RSS, PSS) in bytes of ``process`` and of each of its descendants (PSS where the system reports it)."""
    readings: dict[Member, tuple[int, int]] = {}
    try:
        members = [process, *process.children(recursive=True)]
    except psutil.Error:
        return readings
    for member in members:
        try:
            key = (member.pid, member.create_time())
            try:
                info = member.memory_full_info()
                readings[key] = (info.rss, getattr(info, "pss", info.rss))
            except psutil.AccessDenied:
                rss = member.memory_info().rss
                readings[key] = (rss, rss)
        except psutil.Error:
            pass
    return readings


def tree_total(readings: dict[Member, tuple[int, int]], previous: dict[Member, tuple[int, int]],
               root: Member | None) -> tuple[int, int]:
    """(RSS, PSS) of the tree: the sum over the processes that were there at the previous reading too (and the
    command's own process always).

    A process that lives less than one interval is a program the build runs for a moment (``git``), and the
    reading of it is not to be trusted: between ``fork`` and ``exec`` (Python forks with ``vfork``, which shares
    the whole memory of the process that forks) or while ``exec`` replaces it, its proportional set size reads
    as that whole worker's, once more (seen: a ``git`` child reading 75 MiB PSS, beside an RSS of 0). Counted,
    it added a worker's memory to the peak of a build whenever a reading fell in that moment."""
    kept = [value for key, value in readings.items() if key in previous or key == root]
    return sum(rss for rss, _ in kept), sum(pss for _, pss in kept)


def _stop(process: psutil.Process) -> None:
    try:
        members = [*process.children(recursive=True), process]
    except psutil.Error:
        members = [process]
    for member in members:
        try:
            member.kill()
        except psutil.Error:
            pass


def measure(command: list[str], env: dict[str, str], cwd: Path, log: Path, timeout: float | None = None) -> Run:
    """Run ``command``, sampling the memory of its process tree every 50 ms (:func:`tree_total`); output goes to
    ``log``. After ``timeout`` seconds the process tree is killed and the run is marked as timed out."""
    log.parent.mkdir(parents=True, exist_ok=True)
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    with log.open("w", encoding="utf-8") as out:
        started = time.perf_counter()
        child = subprocess.Popen(command, env=env, cwd=cwd, stdout=out, stderr=subprocess.STDOUT)
        process = psutil.Process(child.pid)
        try:
            root: Member | None = (process.pid, process.create_time())
        except psutil.Error:
            root = None
        peak_rss = peak_pss = 0
        timed_out = False
        previous: dict[Member, tuple[int, int]] = {}
        while child.poll() is None:
            if timeout is not None and time.perf_counter() - started > timeout:
                timed_out = True
                _stop(process)
                child.wait()
                break
            readings = tree_memory(process)
            rss, pss = tree_total(readings, previous, root)
            previous = readings
            peak_rss, peak_pss = max(peak_rss, rss), max(peak_pss, pss)
            time.sleep(POLL_SECONDS)
        seconds = time.perf_counter() - started
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return Run(seconds, peak_rss, peak_pss, child.returncode, log.read_text(encoding="utf-8", errors="replace"),
               timed_out, cpu)


def sizes(path: Path) -> dict[str, int]:
    """Bytes of a file as stored and as sent gzip-compressed (level 6, what web servers commonly use)."""
    data = path.read_bytes()
    return {"raw": len(data), "gzip": len(gzip.compress(data, compresslevel=6, mtime=0))}
