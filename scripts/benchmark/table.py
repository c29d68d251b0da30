"""The benchmark's one table, from its JSON (the targets follow it: :mod:`scripts.benchmark.targets`)."""

from __future__ import annotations

import math
from typing import Any


def _fmt(value: Any, unit: str = "") -> str:
    if value is None:
        return "-"
    if isinstance(value, str):  # already worded: a stopped build's "> 1800 (stopped)", a bound's "< 0.12"
        return value
    if isinstance(value, float):
        return f"{value:,.2f}{unit}"
    return f"{value:,}{unit}"


def _seconds(side: dict[str, Any]) -> Any:
    if side.get("median_seconds") is None and side.get("timed_out_after_seconds"):
        return f"> {side['timed_out_after_seconds']:.0f} (stopped)"
    return side.get("median_seconds")


def _peak_or_reached(side: dict[str, Any]) -> Any:
    """The median peak, or what a stopped build had reached (its peak, had it finished, is at least that)."""
    if side.get("median_peak_pss_mib") is None and side.get("timed_out_peak_pss_mib"):
        return f">= {side['timed_out_peak_pss_mib']:,.0f} (stopped)"
    return side.get("median_peak_pss_mib")


def _below(bound: float | None, sign: str = "<") -> str | None:
    """An upper bound, rounded up (rounded to the nearest, 0.5625 was printed as at most 0.56)."""
    return f"{sign} {math.ceil(bound * 100) / 100:.2f}" if bound else None


def _ratio(a: float | None, b: float | None) -> float | None:
    """Not rounded here: the table prints two decimals (rounding twice turned 0.4354 into 0.43)."""
    return a / b if a and b else None


def _kib(n: int | None) -> float | None:
    return None if n is None else round(n / 1024, 1)


def _median_peak(side: dict[str, Any]) -> float | None:
    """The median of the runs' peak PSS (None in a record from before it was kept: it has the highest only)."""
    return side.get("median_peak_pss_mib")


def rows(r: dict[str, Any]) -> list[tuple[str, Any, Any, Any]]:
    real, search = r["real"], r["search"]
    out: list[tuple[str, Any, Any, Any]] = [
        (f"full build, {len(r['languages'])} languages: median seconds",
         real["ours"]["median_seconds"], real["stock"]["median_seconds"], real["ratio_time"]),
        ("  fastest run, seconds", real["ours"]["min_seconds"], real["stock"]["min_seconds"], real["ratio_time_best"]),
        ("  CPU seconds (user + system, median)", real["ours"].get("median_cpu_seconds"),
         real["stock"].get("median_cpu_seconds"), _ratio(real["ours"].get("median_cpu_seconds"),
                                                         real["stock"].get("median_cpu_seconds"))),
        ("  peak memory, process tree, PSS (MiB): median of the runs' peaks", _median_peak(real["ours"]),
         _median_peak(real["stock"]), real["ratio_memory"]),
        ("  peak memory, process tree, PSS (MiB): highest run", real["ours"]["peak_pss_mib"],
         real["stock"]["peak_pss_mib"], real.get("ratio_memory_highest")),
        ("  peak memory, process tree, RSS summed (MiB)", real["ours"]["peak_rss_mib"], real["stock"]["peak_rss_mib"],
         None),
        ("  HTML pages built", real["ours"]["html_pages"], real["stock"]["html_pages"], None),
    ]
    books = r.get("books")
    if books:
        cold, unchanged = books["cold"], books["unchanged"]
        cold_ok = cold.get("returncode", 0) == 0
        # the rebuild counts only after a settling run that went through (scripts.benchmark.run, Bench.books)
        unchanged_ok = cold_ok and unchanged.get("returncode", 0) == 0 and not unchanged.get("settled_returncode")
        added = round(cold["seconds"] - real["ours"]["median_seconds"], 2) \
            if cold_ok and real["ours"]["median_seconds"] else None
        out += [
            (f"with the books and PDFs ({books['pdfs']} files): seconds, cold", cold["seconds"] if cold_ok
             else "failed", None, None),
            ("  added to the site build (median above)", added, None, None),
            ("  CPU seconds, cold", cold["cpu_seconds"] if cold_ok else "failed", None, None),
            ("  rebuild, nothing changed (PDFs reused): seconds", unchanged["seconds"] if unchanged_ok else "failed",
             None, None),
        ]
    largest = max(search["ours_per_language"].items(), key=lambda kv: kv[1]["raw"])
    stock = search["stock_shared_index"]
    out += [
        (f"search index one reader loads, KiB raw (largest: {largest[0]})", _kib(largest[1]["raw"]),
         _kib(stock["raw"]), largest[1]["share_of_stock_raw"]),
        ("  same, KiB gzip", _kib(largest[1]["gzip"]), _kib(stock["gzip"]), largest[1]["share_of_stock_gzip"]),
    ]
    pa, pb = real["ours"].get("paragraph_page"), real["stock"].get("paragraph_page")
    if pa and pb:
        out += [
            ("paragraph page HTML, KiB raw", _kib(pa["html_raw"]), _kib(pb["html_raw"]),
             round(pa["html_raw"] / pb["html_raw"], 3)),
            ("  HTML, KiB gzip", _kib(pa["html_gzip"]), _kib(pb["html_gzip"]),
             round(pa["html_gzip"] / pb["html_gzip"], 3)),
            ("  with its CSS/JS/images, KiB gzip", _kib(pa["with_assets_gzip"]), _kib(pb["with_assets_gzip"]),
             round(pa["with_assets_gzip"] / pb["with_assets_gzip"], 3)),
        ]
    for language, weight in (r.get("page_weight") or {}).items():
        if "first_view_gzip" in weight:
            out.append((f"first view of a measure page ({language}), KiB gzip", _kib(weight["first_view_gzip"]),
                        None, None))
    warm = r.get("warm")
    if warm:
        cold = real["ours"]["median_seconds"]
        for name, key in (("nothing changed", "unchanged"), ("one YAML string changed", "one_string_changed"),
                          ("the same string edited again", "same_string_again")):
            if key not in warm:  # an older record
                continue
            seconds = warm[key]["median_seconds"]
            out.append((f"rebuild, {name}: median seconds (a/b: of the cold build)", seconds, None,
                        _ratio(seconds, cold)))
    serve = r.get("serve", {})
    if "rebuild_seconds" in serve:
        edits = f" (median of {serve['edits']})" if serve.get("edits") else ""
        out.append((f"serve --lang {serve['language']}: seconds from YAML edit to page{edits}",
                    round(serve["rebuild_seconds"], 2), None, None))
    else:
        out.append(("serve: YAML edit to page", serve.get("error", "not measured"), None, None))
    if "large" in r:
        large = r["large"]
        counts = large.get("counts", {})
        at_most = large.get("ratio_time_at_most")
        out += [
            (f"10x data ({counts.get('paragraphs')} paragraphs, {counts.get('countries')} countries): median seconds",
             _seconds(large["ours"]), _seconds(large["stock"]),
             large["ratio_time"] or _below(at_most)),
            ("  peak memory, PSS (MiB)", _median_peak(large["ours"]), _peak_or_reached(large["stock"]),
             large["ratio_memory"] or _below(large.get("ratio_memory_at_most"), "<=")),
            ("  HTML pages built", large["ours"]["html_pages"], large["stock"]["html_pages"], None),
            ("  failed builds", large["ours"]["failed"], large["stock"]["failed"], None),
        ]
        g = r.get("growth", {})
        if g:
            out += [
                ("growth 1x->10x: pages factor", g.get("ours", {}).get("pages_factor"),
                 g.get("stock", {}).get("pages_factor"), None),
                ("  time factor" + (" (stock: at least)" if g.get("stock", {}).get("lower_bound") else ""),
                 g.get("ours", {}).get("time_factor"), g.get("stock", {}).get("time_factor"), None),
                ("  time per page factor (1 = linear)", g.get("ours", {}).get("time_per_page_factor"),
                 g.get("stock", {}).get("time_per_page_factor"), None),
                ("  paragraph page HTML KiB at 10x", g.get("ours", {}).get("paragraph_html_kib_10x"),
                 g.get("stock", {}).get("paragraph_html_kib_10x"), None),
            ]
    return out


def render(r: dict[str, Any]) -> str:
    header = ("measure", "ours (a)", "stock (b)", "a/b")
    body = [(name, _fmt(a), _fmt(b), _fmt(ratio)) for name, a, b, ratio in rows(r)]
    widths = [max(len(row[i]) for row in [header, *body]) for i in range(4)]
    lines = [" | ".join(cell.ljust(widths[i]) if i == 0 else cell.rjust(widths[i]) for i, cell in enumerate(row))
             for row in [header, *body]]
    lines.insert(1, "-+-".join("-" * w for w in widths))
    m = r["machine"]
    lines.append("")
    lines.append(f"{r['date']}  {m['cpu']}, {m['cores']} cores, {m['memory_gib']} GiB, Python {m['python']}, "
                 f"load average at start {', '.join(f'{x:.1f}' for x in m['load_average_at_start'])}")
    lines.append("(wall times on a shared machine vary with other work; the fastest runs are the least disturbed)")
    return "\n".join(lines)
