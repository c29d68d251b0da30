"""Build every edition at once, in parallel, with a progress bar.

    python -m scripts editions --jobs 4

Each edition is an independent MkDocs build in its own process; results are reported as they finish.
"""

from __future__ import annotations

import os
import subprocess
import sys
import time
from concurrent.futures import ThreadPoolExecutor, as_completed
from pathlib import Path
from typing import TextIO

from scripts.data import load_dataset
from scripts.build import ROOT
from scripts.editions.build import DEFAULT_OUT, EditionResult
from scripts.settings import Settings


class ProgressBar:
    """``[#####-----] 5/13  albania ok`` on one line of a terminal, or one plain line per step elsewhere."""

    def __init__(self, total: int, stream: TextIO = sys.stderr, width: int = 30):
        self.total, self.done, self.stream, self.width = total, 0, stream, width
        self.started = time.monotonic()
        self.tty = hasattr(stream, "isatty") and stream.isatty()

    def render(self, note: str = "") -> str:
        filled = int(self.width * self.done / self.total) if self.total else self.width
        elapsed = time.monotonic() - self.started
        return (f"[{'#' * filled}{'-' * (self.width - filled)}] {self.done}/{self.total} editions "
                f"{elapsed:5.1f}s {note}").rstrip()

    def step(self, note: str) -> None:
        self.done += 1
        line = self.render(note)
        if self.tty:
            self.stream.write("\r\033[K" + line + ("\n" if self.done == self.total else ""))
        else:
            self.stream.write(line + "\n")
        self.stream.flush()

    def start(self) -> None:
        line = self.render("starting")
        self.stream.write(("\r" + line) if self.tty else line + "\n")
        self.stream.flush()


def _build_in_process(edition_id: str, out_dir: Path, data_dir: Path, make_zip: bool) -> EditionResult:
    """One edition built by ``python -m scripts edition`` in a process of its own, its output kept for the
    report (several MkDocs builds in one process would share global state and interleave their output)."""
    command = [sys.executable, "-m", "scripts", "edition", edition_id, "--out", str(out_dir), "--data",
               str(data_dir), "--quiet"] + ([] if make_zip else ["--no-zip"])
    done = subprocess.run(command, cwd=ROOT, capture_output=True, text=True, check=False)
    zip_file = out_dir.resolve() / f"{edition_id}.zip"
    return EditionResult(edition_id, done.returncode, out_dir.resolve() / edition_id,
                         zip_file if make_zip and zip_file.is_file() else None, done.stdout + done.stderr)


def build_all(settings: Settings, out_dir: Path = DEFAULT_OUT, only: list[str] | None = None,
              make_zip: bool = True, stream: TextIO = sys.stderr) -> list[EditionResult]:
    """Every edition (or those in ``only``), ``settings.jobs`` at a time. Each child process is given the data
    folder; it inherits this process's environment, which its own command layer reads as this one did."""
    data_dir = settings.data_dir
    jobs = settings.jobs
    dataset = load_dataset(data_dir)
    ids = [e.id for e in dataset.editions]
    if only:
        ids = [i for i in ids if i in only]
    jobs = max(1, jobs or min(len(ids) or 1, os.cpu_count() or 2))
    bar = ProgressBar(len(ids), stream)
    bar.start()
    results: list[EditionResult] = []
    with ThreadPoolExecutor(max_workers=jobs) as pool:
        futures = {pool.submit(_build_in_process, i, Path(out_dir), data_dir, make_zip): i for i in ids}
        for future in as_completed(futures):
            result = future.result()
            results.append(result)
            bar.step(f"{result.edition} {'ok' if result.status == 0 else 'FAILED'}")
    return sorted(results, key=lambda r: r.edition)
