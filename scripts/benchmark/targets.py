"""Issue 16's targets, judged from one run's results (the dict recorded in last-run.json).

:func:`evaluate` is pure: it reads the results and returns one :class:`Target` per limit, ``met`` True or False,
or None when the run did not measure it (``reason`` says why: a part that was skipped, a failed build, a figure
the benchmark does not take). :func:`report` is the text the benchmark prints after its table. Ratios are
``ours / stock`` of the same run; medians are of the alternating rounds.
"""

from __future__ import annotations

import math
from dataclasses import asdict, dataclass
from typing import Any

#: target 6: a first view's transfer, gzip (kB: 1000 bytes, the stricter reading)
FIRST_VIEW_LIMIT_BYTES = 120_000
#: target 3: no page above this at 10x data
PAGE_LIMIT_BYTES = 2**20
#: the issue asks for the median of at least this many alternating rounds
MIN_ROUNDS = 3
PAGE_WEIGHT_LANGUAGES = ("en", "ka")


@dataclass(frozen=True)
class Target:
    number: int
    name: str
    measured: float | bool | None
    limit: float | bool | None
    #: None: not measured (``reason``), or reported without a limit (target 7)
    met: bool | None
    #: why it is not measured; with a verdict, what qualifies it (fewer runs than asked, another machine)
    reason: str = ""
    unit: str = ""

    @property
    def status(self) -> str:
        if self.met is not None:
            verdict = "met" if self.met else "NOT met"
            return f"{verdict} ({self.reason})" if self.reason else verdict
        if self.limit is None and self.measured is not None:
            return f"reported ({self.reason})" if self.reason else "reported"
        return f"not measured ({self.reason or 'no figure in this run'})"


def _get(results: dict[str, Any], *path: str) -> Any:
    value: Any = results
    for key in path:
        if not isinstance(value, dict) or key not in value:
            return None
        value = value[key]
    return value


def _ratio(a: Any, b: Any) -> float | None:
    return a / b if isinstance(a, (int, float)) and isinstance(b, (int, float)) and a and b else None


def _at_most(number: int, name: str, measured: float | None, limit: float, missing: str,
             unit: str = "") -> Target:
    if measured is None:
        return Target(number, name, None, limit, None, missing, unit)
    return Target(number, name, measured, limit, measured <= limit, "", unit)


def evaluate(results: dict[str, Any]) -> list[Target]:
    """Every target of issue 16, in its order, from ``results``."""
    out: list[Target] = []
    real = results.get("real") or {}
    failed = bool(_get(real, "ours", "failed"))
    no_real = "the build failed" if failed else "the comparison with stock did not run"

    # 1. CPU and wall time of a full cold build, against stock
    cpu = _ratio(_get(real, "ours", "median_cpu_seconds"), _get(real, "stock", "median_cpu_seconds"))
    out.append(_at_most(1, "CPU of a full cold build, ours / stock", cpu, 0.5, no_real))
    cores = _get(results, "machine", "cores")
    wall = real.get("ratio_time")
    wall_name = "wall time of a full cold build on 2 cores, ours / stock"
    if wall is not None and cores not in (None, 2):
        out.append(Target(1, wall_name, wall, 0.3, wall <= 0.3, f"on {cores} cores, not 2"))
    else:
        out.append(_at_most(1, wall_name, wall, 0.3, no_real))

    # 2. Peak memory (PSS), against stock, on the real data and at 10x
    out.append(_at_most(2, "peak memory (PSS) of a full build, ours / stock (median of the runs' peaks)",
                        real.get("ratio_memory"), 1.5, no_real))
    large = results.get("large")
    no_large = "the 10x data set was not built: --no-large" if large is None else "a 10x build failed or stopped"
    memory_name = "peak memory (PSS) at 10x data, ours / stock"
    bound = _get(results, "large", "ratio_memory_at_most")
    if _get(results, "large", "ratio_memory") is None and bound is not None and bound <= 1.0:
        # stock was stopped: its peak had it finished is at least what it had reached, so ours / stock is at most
        # this bound, which is proof enough of a limit it is within (not of one it is above)
        stopped = _get(results, "large", "stock", "timed_out_after_seconds")
        after = f" after {stopped:.0f} s" if stopped else ""
        out.append(Target(2, memory_name, math.ceil(bound * 1000) / 1000, 1.0, True,
                          f"at most: stock was stopped{after}"))
    else:
        out.append(_at_most(2, memory_name, _get(results, "large", "ratio_memory"), 1.0, no_large))

    # 3. Growth from 1x to 10x, and page size at 10x
    out.append(_at_most(3, "time per page, 10x / 1x data (ours)",
                        _get(results, "growth", "ours", "time_per_page_factor"), 1.5, no_large))
    largest = _get(results, "large", "ours", "largest_html_bytes")
    out.append(_at_most(3, "largest HTML page at 10x data", largest / 1024 if largest else None,
                        PAGE_LIMIT_BYTES / 1024, no_large if large is None else "not recorded in this run", " KiB"))

    # 4. Warm rebuilds, against our cold build
    cold = _get(real, "ours", "median_seconds")
    warm = results.get("warm")
    no_warm = "the warm rebuild was not measured" if warm is None else "a rebuild failed"
    out.append(_at_most(4, "rebuild with nothing changed / cold build",
                        _ratio(_get(results, "warm", "unchanged", "median_seconds"), cold), 0.2, no_warm))
    out.append(_at_most(4, "rebuild with one YAML string changed / cold build",
                        _ratio(_get(results, "warm", "one_string_changed", "median_seconds"), cold), 0.35, no_warm))

    # 5. Live reload
    serve = results.get("serve") or {}
    seconds = serve.get("rebuild_seconds")
    edits = serve.get("edits", 1 if seconds is not None else 0)
    name = f"serve --lang {serve.get('language', 'en')}: YAML edit to reloaded page (median of {edits})"
    if seconds is not None and edits < 5:
        out.append(Target(5, name, seconds, 1.0, seconds <= 1.0,
                          f"{edits} edit(s); the target asks for the median of 5", " s"))
    else:
        out.append(_at_most(5, name, seconds, 1.0,
                            serve.get("error", "serve was not measured"), " s"))

    # 6. Page weight of a measure page's first view, and no search index before a search
    weights = results.get("page_weight") or {}
    for language in PAGE_WEIGHT_LANGUAGES:
        gzip = _get(weights, language, "first_view_gzip")
        out.append(_at_most(6, f"first view of a measure page ({language}), gzip",
                            gzip / 1000 if gzip else None, FIRST_VIEW_LIMIT_BYTES / 1000,
                            "the page weight was not measured", " kB"))
    deferred = [_get(weights, language, "search_deferred") for language in PAGE_WEIGHT_LANGUAGES]
    if None in deferred:
        out.append(Target(6, "no search index until a search starts (en, ka)", None, True, None,
                          "the page weight was not measured"))
    else:
        out.append(Target(6, "no search index until a search starts (en, ka; the page loads search-lazy.js)",
                          all(deferred), True, all(deferred)))

    # 7. The books: their own line, not counted against target 1
    books = _get(results, "books", "cold", "seconds")
    if _get(results, "books", "cold", "returncode"):
        books, why = None, "the build with the books failed"
    else:
        why = "not counted against target 1" if books is not None else "the books were not built"
    out.append(Target(7, "the books and PDFs, cold build with them (seconds)", books, None, None, why, " s"))
    return out


def _value(value: float | bool | None, unit: str) -> str:
    if value is None:
        return "-"
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, float):  # three decimals at most: a figure just above its limit does not look equal to it
        return f"{value:,.3f}".rstrip("0").rstrip(".") + unit
    return f"{value:,}{unit}"


def report(results: dict[str, Any], targets: list[Target] | None = None) -> str:
    """The lines printed after the table: each target with met / NOT met / not measured, the rounds and the
    load average."""
    rows = evaluate(results) if targets is None else targets
    lines = ["targets of issue 16 (ours against stock MkDocs in this run):"]
    for t in rows:
        limit = "" if t.limit is None or isinstance(t.limit, bool) else f" (limit: {_value(t.limit, t.unit)})"
        measured = "" if t.measured is None else f" {_value(t.measured, t.unit)}{limit}"
        lines.append(f"  {t.number}. {t.name}:{measured} -> {t.status}")
    rounds = _get(results, "real", "ours", "runs")
    note = "" if rounds is None or rounds >= MIN_ROUNDS else f" (fewer than the {MIN_ROUNDS} the issue asks for)"
    lines.append(f"rounds: {rounds if rounds is not None else '-'} alternating (ours, stock), medians{note}")
    load = results.get("load_average") or {}
    start = load.get("start") or _get(results, "machine", "load_average_at_start")
    end = load.get("end")
    lines.append("load average (1, 5, 15 min): at start " + (", ".join(f"{x:.2f}" for x in start) if start else "-")
                 + "; at end " + (", ".join(f"{x:.2f}" for x in end) if end else "-"))
    return "\n".join(lines)


def as_records(targets: list[Target]) -> list[dict[str, Any]]:
    """The targets for the JSON record, each with its printed status."""
    return [dict(asdict(t), status=t.status) for t in targets]
