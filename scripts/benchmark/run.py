"""The benchmark: our build against the stock stack on the same content, and how both grow with the data.

In one run, alternately (ours, stock, ours, stock, ...), to spread the machine's noise over both:

- (a) our full build of every language (``python -m scripts build``: one process per language, in parallel);
- (b) the same generated Markdown built by stock MkDocs + Material + mkdocs-static-i18n (``scripts.benchmark.stock``).

For each: wall time, peak memory of the whole process tree, and the ratio a/b (of the medians over the runs, for
memory the median of each run's peak). Then what one reader downloads:
the search index of their language (raw and gzip) against the stock site's shared index, and the weight of a
paragraph page; the time a single-language ``serve`` takes to show one YAML edit; and both builds again on a
synthetic data set ten times larger, to show how build time grows with the number of pages. Also our rebuild with
nothing changed and with one YAML string changed (:mod:`scripts.benchmark.warm`), and the first view of a measure
page in English and Georgian. The builds compared with stock are cold (``GUIDELINES_NO_CACHE=1``: no generated page
is reused). Issue 16's targets are judged from the results by :mod:`scripts.benchmark.targets`.
"""

from __future__ import annotations

import compileall
import datetime as dt
import functools
import json
import os
import platform
import shutil
import statistics
import sys
import tempfile
from pathlib import Path
from typing import Any

import psutil

from scripts.benchmark.measure import Run, benchmark_environment, measure, sizes
from scripts.benchmark.payload import page_weight, search_index
from scripts.benchmark.serve_rebuild import measure_rebuild
from scripts.benchmark.stock import export_stock_project, stock_build_command
from scripts.benchmark.synthetic import make_larger_dataset
from scripts.benchmark.targets import PAGE_WEIGHT_LANGUAGES, as_records, evaluate
from scripts.benchmark.warm import measure_warm
from scripts.build import ROOT
from scripts.data import DataError, load_dataset

say = functools.partial(print, flush=True)
RESULTS = ROOT / "benchmark-results" / "benchmark.json"
RECORD = ROOT / "scripts" / "benchmark" / "last-run.json"
PARAGRAPH = "guidelines/le-strategic-cooperation"  # a measure page (the unit of reading)


def machine() -> dict[str, Any]:
    model = ""
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                model = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    return {"cpu": model or platform.processor(), "cores": os.cpu_count(),
            "memory_gib": round(psutil.virtual_memory().total / 2**30, 1), "system": platform.platform(),
            "python": platform.python_version(), "load_average_at_start": [round(x, 2) for x in os.getloadavg()]}


def _html_pages(site: Path) -> int:
    return sum(1 for _ in site.rglob("*.html"))


def _largest_html(site: Path) -> int:
    return max((p.stat().st_size for p in site.rglob("*.html")), default=0)


def _summary(runs: list[Run]) -> dict[str, Any]:
    ok = [r for r in runs if r.returncode == 0 and not r.timed_out]
    times = [r.seconds for r in ok]
    timed_out = [r for r in runs if r.timed_out]
    return {"runs": len(runs), "failed": len(runs) - len(ok) - len(timed_out), "timed_out": len(timed_out),
            "timed_out_after_seconds": round(min(r.seconds for r in timed_out), 1) if timed_out else None,
            # what the stopped builds had reached: had each finished, its peak would be at least that, so the median
            # of their peaks would be at least the median of these
            "timed_out_peak_pss_mib": _mib(statistics.median(r.peak_pss_bytes for r in timed_out)) if timed_out
            else None,
            "seconds": [round(t, 2) for t in times],
            "median_seconds": round(statistics.median(times), 2) if times else None,
            "min_seconds": round(min(times), 2) if times else None,
            "median_cpu_seconds": round(statistics.median(r.cpu_seconds for r in ok), 2) if ok else None,
            # each run's peak; the target is judged on their median, like every other figure (issue 16: "the
            # median of at least three alternating runs"), and the highest is kept beside it
            "peak_pss_mib_each": [_mib(r.peak_pss_bytes) for r in ok],
            "median_peak_pss_mib": _mib(statistics.median(r.peak_pss_bytes for r in ok)) if ok else None,
            "peak_pss_mib": _mib(max(r.peak_pss_bytes for r in ok)) if ok else None,
            "peak_rss_mib": _mib(max(r.peak_rss_bytes for r in ok)) if ok else None}


def _mib(n: float) -> float:
    return round(n / 2**20, 1)


def _ratio(a: float | None, b: float | None) -> float | None:
    return round(a / b, 3) if a and b else None


class Bench:
    def __init__(self, work: Path, rounds: int, stock_timeout: float | None = None,
                 log=functools.partial(print, flush=True)) -> None:  # noqa: ANN001, B008
        self.work = work
        self.stock_timeout = stock_timeout
        self.rounds = rounds
        self.log = log
        self.env = benchmark_environment()
        # The comparison with stock MkDocs is of the site alone: stock makes no PDFs. The books and printed pages
        # are measured on their own (:meth:`books`). Cold: no generated page is reused from build/cache/ (stock has
        # no such cache); the warm rebuilds are measured on their own (:mod:`scripts.benchmark.warm`).
        self.site_env = dict(self.env, GUIDELINES_NO_PAPER="1", GUIDELINES_NO_CACHE="1")

    def ours(self, data: Path, label: str, n: int) -> Run:
        site = self.work / f"ours-{label}" / "site"
        shutil.rmtree(site, ignore_errors=True)
        command = [sys.executable, "-m", "scripts", "build", "--quiet", "--data", str(data), "--site-dir", str(site)]
        run = measure(command, self.site_env, ROOT, self.work / "logs" / f"ours-{label}-{n}.log")
        self.log(f"  ours  {label} run {n}: {run.seconds:7.1f} s ({run.cpu_seconds:.1f} s CPU), "
                 f"{run.peak_pss_bytes / 2**20:6.0f} MiB PSS, "
                 f"{run.peak_rss_bytes / 2**20:6.0f} MiB RSS"
                 + ("" if run.returncode == 0 else f"  FAILED (exit {run.returncode})"))
        return run

    def stock(self, project: Path, label: str, n: int) -> Run:
        site = project / "site"
        shutil.rmtree(site, ignore_errors=True)
        command = stock_build_command(project, site)
        run = measure(command, self.env, project, self.work / "logs" / f"stock-{label}-{n}.log",
                      timeout=self.stock_timeout)
        status = "" if run.returncode == 0 else f"  FAILED (exit {run.returncode})"
        if run.timed_out:
            status = f"  STOPPED after {self.stock_timeout:.0f} s (time limit)"
        self.log(f"  stock {label} run {n}: {run.seconds:7.1f} s ({run.cpu_seconds:.1f} s CPU), "
                 f"{run.peak_pss_bytes / 2**20:6.0f} MiB PSS, "
                 f"{run.peak_rss_bytes / 2**20:6.0f} MiB RSS{status}")
        return run

    def books(self, data: Path) -> dict[str, Any]:
        """Our full build with the books and printed pages (PDFs): cold as the site builds compared with stock are
        (``GUIDELINES_NO_CACHE=1``: no PDF, generated page or conversion is read from a cache, whatever a
        developer's ``build/cache/`` holds), then again with nothing changed, twice: the first rebuilds every
        language (a build without caches writes no record of what it built, ``build/cache/built/``) and is not
        reported; the second is timed, every language kept with its PDFs. ``unchanged`` notes the first one's exit
        status (``settled_returncode``): when it failed, the second was not a rebuild with nothing changed."""
        site = self.work / "ours-books" / "site"
        env = dict(self.env, GUIDELINES_PAPER_CACHE=str(self.work / "paper-cache"))
        command = [sys.executable, "-m", "scripts", "build", "--quiet", "--data", str(data), "--site-dir", str(site)]

        def timed(name: str, **variables: str) -> dict[str, Any]:
            run = measure(command, dict(env, **variables), ROOT, self.work / "logs" / f"ours-books-{name}.log")
            self.log(f"  ours  with books ({name}): {run.seconds:7.1f} s ({run.cpu_seconds:.1f} s CPU)"
                     + ("" if run.returncode == 0 else f"  FAILED (exit {run.returncode})"))
            return {"seconds": round(run.seconds, 2), "cpu_seconds": round(run.cpu_seconds, 2),
                    "returncode": run.returncode}

        cold = timed("cold", GUIDELINES_NO_CACHE="1")
        settled = timed("settled")
        unchanged = dict(timed("unchanged"), settled_returncode=settled["returncode"])
        return {"cold": cold, "unchanged": unchanged,
                "pdfs": sum(1 for _ in site.rglob("*.pdf")) if site.exists() else 0}

    def compare(self, data: Path, label: str, rounds: int) -> dict[str, Any]:
        project = self.work / f"stock-{label}"
        self.log(f"[{label}] exporting the generated Markdown for the stock project")
        export_stock_project(data, project)
        ours_runs, stock_runs = [], []
        for n in range(1, rounds + 1):
            ours_runs.append(self.ours(data, label, n))
            stock_runs.append(self.stock(project, label, n))
        ours_site, stock_site = self.work / f"ours-{label}" / "site", project / "site"
        result = {"ours": _summary(ours_runs), "stock": _summary(stock_runs)}
        result["ratio_time"] = _ratio(result["ours"]["median_seconds"], result["stock"]["median_seconds"])
        # the fastest run of each: the least disturbed by other work on the machine (as timeit reports)
        result["ratio_time_best"] = _ratio(result["ours"]["min_seconds"], result["stock"]["min_seconds"])
        if result["stock"]["timed_out"] and result["ours"]["median_seconds"]:
            result["ratio_time_at_most"] = _ratio(result["ours"]["median_seconds"],
                                                  result["stock"]["timed_out_after_seconds"])
        result["ratio_memory"] = _ratio(result["ours"]["median_peak_pss_mib"], result["stock"]["median_peak_pss_mib"])
        if result["stock"]["timed_out"] and result["ratio_memory"] is None:
            result["ratio_memory_at_most"] = _ratio(result["ours"]["median_peak_pss_mib"],
                                                    result["stock"]["timed_out_peak_pss_mib"])
        result["ratio_memory_highest"] = _ratio(result["ours"]["peak_pss_mib"], result["stock"]["peak_pss_mib"])
        result["ours"]["html_pages"] = _html_pages(ours_site) if ours_site.exists() else 0
        result["stock"]["html_pages"] = _html_pages(stock_site) if stock_site.exists() else 0
        result["ours"]["largest_html_bytes"] = _largest_html(ours_site) if ours_site.exists() else 0
        result["stock"]["largest_html_bytes"] = _largest_html(stock_site) if stock_site.exists() else 0
        result["stock"]["markdown_pages"] = sum(1 for _ in (project / "docs").rglob("*.md"))
        for name, site in (("ours", ours_site), ("stock", stock_site)):
            if (site / PARAGRAPH / "index.html").is_file():
                result[name]["paragraph_page"] = page_weight(site, PARAGRAPH)
        return result


def search_payloads(ours_site: Path, stock_site: Path, languages: list[str], default: str) -> dict[str, Any]:
    stock_index, _ = search_index(stock_site, default, "-")  # the stock site's one shared index
    stock_sizes = sizes(stock_index)
    per_language = {}
    for language in languages:
        index, own = search_index(ours_site, language, default)
        ours = sizes(index)
        per_language[language] = {"raw": ours["raw"], "gzip": ours["gzip"], "own_index": own,
                                  "share_of_stock_raw": round(ours["raw"] / stock_sizes["raw"], 3),
                                  "share_of_stock_gzip": round(ours["gzip"] / stock_sizes["gzip"], 3)}
    largest = max(per_language.values(), key=lambda v: v["raw"])
    return {"stock_shared_index": stock_sizes, "ours_per_language": per_language,
            "largest_share_of_stock_raw": largest["share_of_stock_raw"],
            "largest_share_of_stock_gzip": largest["share_of_stock_gzip"]}


def first_views(site: Path, default: str) -> dict[str, Any]:
    """The first view of the measure page in each language of :data:`PAGE_WEIGHT_LANGUAGES` that was built."""
    out = {}
    for language in PAGE_WEIGHT_LANGUAGES:
        page = PARAGRAPH if language == default else f"{language}/{PARAGRAPH}"
        if (site / page / "index.html").is_file():
            out[language] = page_weight(site, page)
    return out


def run_benchmark(rounds: int = 3, large: bool = True, large_rounds: int = 1, serve_language: str | None = None,
                  keep: bool = False, record: bool = False, stock_timeout: float = 1800) -> dict[str, Any]:
    data = ROOT / "guidelines_data"
    dataset = load_dataset(data)
    default = dataset.site.default_language
    languages = [lang.code for lang in dataset.site.languages]
    # ours as `make site` leaves it: the package's bytecode compiled (Python writes none where
    # PYTHONDONTWRITEBYTECODE is set; the stock project's libraries have theirs from pip)
    compileall.compile_dir(str(ROOT / "scripts"), quiet=1)
    work = Path(tempfile.mkdtemp(prefix="guidelines-benchmark-"))
    bench = Bench(work, rounds)
    started = dt.datetime.now(dt.timezone.utc)
    say(f"benchmark in {work} ({len(languages)} languages, {rounds} alternating round(s))")
    try:
        results: dict[str, Any] = {"date": started.isoformat(timespec="seconds"), "machine": machine(),
                                   "languages": languages, "rounds": rounds}
        results["load_average"] = {"start": results["machine"]["load_average_at_start"]}
        results["real"] = bench.compare(data, "1x", rounds)
        results["real"]["counts"] = {"paragraphs": len(dataset.guidelines.paragraphs),
                                     "countries": len(dataset.countries)}
        say("[books] full build with the books and printed pages (PDFs), cold, then unchanged (after a settling run)")
        results["books"] = bench.books(data)
        results["search"] = search_payloads(work / "ours-1x" / "site", work / "stock-1x" / "site", languages, default)
        results["page_weight"] = first_views(work / "ours-1x" / "site", default)
        say("[warm] rebuild with nothing changed, with one YAML string changed, and with the same string again")
        results["warm"] = measure_warm(data, work, bench.site_env, rounds, say)
        say("[serve] single-language serve, one YAML edit")
        try:
            results["serve"] = measure_rebuild(data, work, serve_language or default)
        except RuntimeError as error:
            results["serve"] = {"error": str(error)}
        if large:
            say("[10x] synthetic data set, ten times larger")
            counts = make_larger_dataset(data, work / "data-10x", factor=10)
            bench.stock_timeout = stock_timeout  # the stock build of the large set may take very long
            try:
                results["large"] = bench.compare(work / "data-10x", "10x", large_rounds)
            except DataError as error:  # the figures of the real data are kept; the targets say "not measured"
                say(f"[10x] the synthetic data set is not valid, not measured:\n{error.report()}")
            else:
                results["large"]["counts"] = counts
                results["growth"] = growth(results["real"], results["large"])
        results["load_average"]["end"] = [round(x, 2) for x in os.getloadavg()]
        results["targets"] = as_records(evaluate(results))
        results["seconds_total"] = round((dt.datetime.now(dt.timezone.utc) - started).total_seconds(), 1)
        RESULTS.parent.mkdir(parents=True, exist_ok=True)
        RESULTS.write_text(json.dumps(results, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
        if record:
            RECORD.write_text(json.dumps(results, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
        return results
    finally:
        if keep:
            say(f"kept {work}")
        else:
            shutil.rmtree(work, ignore_errors=True)


def growth(real: dict[str, Any], large: dict[str, Any]) -> dict[str, Any]:
    """How time grows against pages from the real data to the 10x data: above 1 means faster than the pages."""
    out = {}
    for name in ("ours", "stock"):
        a, b = real[name], large[name]
        seconds_10x = b.get("median_seconds") or b.get("timed_out_after_seconds")
        pages_1x = a.get("html_pages")
        # a stock build stopped at the time limit may have left part of its site: its pages are counted from its
        # Markdown
        pages_10x = b.get("html_pages") if b.get("median_seconds") else \
            round(b.get("markdown_pages", 0) * a.get("html_pages", 0) / max(a.get("markdown_pages", 1), 1))
        if a.get("median_seconds") and seconds_10x and pages_1x and pages_10x:
            pages = pages_10x / pages_1x
            time_factor = seconds_10x / a["median_seconds"]
            out[name] = {"pages_factor": round(pages, 2), "time_factor": round(time_factor, 2),
                         "time_per_page_factor": round(time_factor / pages, 2),
                         "lower_bound": not b.get("median_seconds"),
                         "ms_per_page_1x": round(1000 * a["median_seconds"] / pages_1x, 2),
                         "ms_per_page_10x": round(1000 * seconds_10x / pages_10x, 2)}
            if a.get("paragraph_page") and b.get("paragraph_page"):
                out[name]["paragraph_html_kib_1x"] = round(a["paragraph_page"]["html_raw"] / 1024, 1)
                out[name]["paragraph_html_kib_10x"] = round(b["paragraph_page"]["html_raw"] / 1024, 1)
    return out

