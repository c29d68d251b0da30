"""``benchmark``: our full build against the stock stack on the same content; one table, and JSON.

Writes benchmark-results/benchmark.json (git-ignored); ``--record`` also writes scripts/benchmark/last-run.json,
the committed copy whose figures README.md quotes."""

from __future__ import annotations

import json


def register(sub) -> None:  # noqa: ANN001
    p = sub.add_parser("benchmark", help="time our build against stock MkDocs + Material + mkdocs-static-i18n")
    p.add_argument("--rounds", type=int, default=3,
                   help="alternating rounds (ours, stock) on the real data, and of the warm rebuilds; the medians "
                        "are reported (default 3, the fewest issue 16 accepts)")
    p.add_argument("--no-large", action="store_true", help="skip the synthetic data set ten times larger")
    p.add_argument("--large-rounds", type=int, default=1)
    p.add_argument("--stock-timeout", type=float, default=1800,
                   help="seconds after which the stock build of the large data set is stopped (default 1800)")
    p.add_argument("--serve-lang", default=None, help="language of the serve measurement (default: the default)")
    p.add_argument("--keep", action="store_true", help="keep the temporary folder (sites, logs)")
    p.add_argument("--record", action="store_true", help="also write scripts/benchmark/last-run.json")
    p.add_argument("--json", action="store_true", help="print the JSON instead of the table")
    p.set_defaults(run=run)


def run(args) -> int:  # noqa: ANN001
    # imported here: every other command leaves the benchmark's modules unread (about 20 ms at each start)
    from scripts.benchmark.run import RESULTS, run_benchmark
    from scripts.benchmark.table import render
    from scripts.benchmark.targets import report

    results = run_benchmark(rounds=args.rounds, large=not args.no_large, large_rounds=args.large_rounds,
                            serve_language=args.serve_lang, keep=args.keep, record=args.record,
                            stock_timeout=args.stock_timeout)
    print(json.dumps(results, indent=2, ensure_ascii=False) if args.json else "\n" + render(results) + "\n\n"
          + report(results))
    print(f"\nwritten: {RESULTS}")
    failed = results["real"]["ours"]["failed"] or results.get("large", {}).get("ours", {}).get("failed", 0)
    return 1 if failed else 0
