"""A warm rebuild: ``make site`` again (``python -m scripts build``) with nothing changed, and with one YAML string
changed, against the cold build.

On a copy of the data (the real data is never touched), into one site folder: a first build fills the caches
(the generated pages in build/cache/, keyed by every file of the data folder, the code and the templates); then,
``rounds`` times, a build with nothing changed, a build after one measure heading of guidelines.yaml got a new
marker (:func:`scripts.benchmark.serve_rebuild.edit_heading`; another measure each round, so each is the first
edit of that heading) and a build after the same heading got a second marker. The two edits differ in the
translated languages: the first makes the heading's translation missing, which changes the translation notice of
every page that names the measure; the second changes only the English text shown (measure names are filled in
after conversion, :mod:`scripts.pages.names`). The target is judged on the first. Without the PDFs, like the
cold build it is compared with (the books are measured on their own). The pages cache is the project's own
(build/cache/): the last edited build leaves its entries there, so the next ``make site`` on the real data
generates the pages once.
"""

from __future__ import annotations

import shutil
import statistics
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

from scripts.benchmark.measure import Run, measure
from scripts.benchmark.serve_rebuild import MARKER, edit_heading
from scripts.build import ROOT
from scripts.data import load_dataset

#: the first heading edited (the measure page the benchmark weighs, and the one the earlier records edited)
MEASURE = "le-strategic-cooperation"


def _summary(runs: list[Run]) -> dict[str, Any]:
    ok = [r.seconds for r in runs if r.returncode == 0 and not r.timed_out]
    return {"runs": len(runs), "failed": len(runs) - len(ok), "seconds": [round(t, 2) for t in ok],
            "median_seconds": round(statistics.median(ok), 2) if ok else None,
            "median_cpu_seconds": round(statistics.median(r.cpu_seconds for r in runs if r.returncode == 0), 2)
            if ok else None}


def measure_warm(data_dir: Path, work: Path, env: dict[str, str], rounds: int,
                 log: Callable[[str], None] = print) -> dict[str, Any]:
    """``env``: the environment of the builds (caches on, no PDFs)."""
    data = work / "warm-data"
    site = work / "ours-warm" / "site"
    shutil.rmtree(data, ignore_errors=True)
    shutil.copytree(data_dir, data)
    command = [sys.executable, "-m", "scripts", "build", "--quiet", "--data", str(data), "--site-dir", str(site)]
    env = {k: v for k, v in env.items() if k != "GUIDELINES_NO_CACHE"}

    def build(name: str) -> Run:
        run = measure(command, env, ROOT, work / "logs" / f"ours-warm-{name}.log")
        log(f"  ours  rebuild ({name}): {run.seconds:7.1f} s ({run.cpu_seconds:.1f} s CPU)"
            + ("" if run.returncode == 0 else f"  FAILED (exit {run.returncode})"))
        return run

    dataset = load_dataset(data)
    measures = [MEASURE] + [m.id for m in dataset.guidelines.measures if m.id != MEASURE]
    first = build("first, fills the caches")
    unchanged, edited, again = [], [], []
    for n in range(1, rounds + 1):
        measure_id = measures[(n - 1) % len(measures)]
        unchanged.append(build(f"nothing changed, run {n}"))
        edit_heading(data / "guidelines.yaml", measure_id, f"{MARKER}-{n}")
        edited.append(build(f"one YAML string changed (a first edit of {measure_id}), run {n}"))
        edit_heading(data / "guidelines.yaml", measure_id, f"{MARKER}-{n}-again")
        again.append(build(f"the same string edited again, run {n}"))
    # the measure's own page, and a page that names it by a mark filled in after conversion (scripts.pages.names)
    pages = [site / "guidelines" / measures[(rounds - 1) % len(measures)] / "index.html",
             site / "countries" / dataset.countries[0].id / "index.html"]
    marker_shown = all(page.is_file() and f"{MARKER}-{rounds}-again" in page.read_text(encoding="utf-8")
                       for page in pages)
    return {"first": {"seconds": round(first.seconds, 2), "returncode": first.returncode},
            "unchanged": _summary(unchanged), "one_string_changed": _summary(edited),
            "same_string_again": _summary(again), "edit_shown": marker_shown}
