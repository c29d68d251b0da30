"""Measuring a command: wall time and the peak memory of its whole process tree (psutil, children included)."""

from __future__ import annotations

import gzip
import resource
import subprocess
import time
from dataclasses import dataclass
from pathlib import Path

import psutil

POLL_SECONDS = 0.05


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


def tree_memory(process: psutil.Process) -> tuple[int, int]:
    """(RSS, PSS) of ``process`` and all its descendants, in bytes (PSS where the system reports it)."""
    rss = pss = 0
    try:
        members = [process, *process.children(recursive=True)]
    except psutil.Error:
        return 0, 0
    for member in members:
        try:
            info = member.memory_full_info()
            rss += info.rss
            pss += getattr(info, "pss", info.rss)
        except psutil.AccessDenied:
            try:
                rss += member.memory_info().rss
            except psutil.Error:
                pass
        except psutil.Error:
            pass
    return rss, pss


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
    """Run ``command``, sampling the memory of its process tree every 50 ms; output goes to ``log``. After
    ``timeout`` seconds the process tree is killed and the run is marked as timed out."""
    log.parent.mkdir(parents=True, exist_ok=True)
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    with log.open("w", encoding="utf-8") as out:
        started = time.perf_counter()
        child = subprocess.Popen(command, env=env, cwd=cwd, stdout=out, stderr=subprocess.STDOUT)
        process = psutil.Process(child.pid)
        peak_rss = peak_pss = 0
        timed_out = False
        while child.poll() is None:
            if timeout is not None and time.perf_counter() - started > timeout:
                timed_out = True
                _stop(process)
                child.wait()
                break
            rss, pss = tree_memory(process)
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
