"""``edition ID`` builds one country edition; ``editions`` builds all of them in parallel."""

from __future__ import annotations

import sys
from pathlib import Path

from scripts.data import DataError
from scripts.editions.build import DEFAULT_OUT, build_edition, report
from scripts.commands.settings import current_settings
from scripts.editions.parallel import build_all


def register(sub) -> None:  # noqa: ANN001
    one = sub.add_parser("edition", help="build one country edition (a folder for file:// and a zip)")
    one.add_argument("edition", help="the edition id, e.g. albania (guidelines_data/editions/<id>.yaml)")
    one.add_argument("--out", type=Path, default=DEFAULT_OUT, help="output folder (default: build/editions)")
    one.add_argument("--data", type=Path, default=None, help="data folder (default: guidelines_data)")
    one.add_argument("--no-zip", action="store_true", help="do not make the zip")
    one.add_argument("--quiet", action="store_true", help="show MkDocs' output only on failure")
    one.set_defaults(run=run_one)

    every = sub.add_parser("editions", help="build every country edition in parallel, with a progress bar")
    every.add_argument("--out", type=Path, default=DEFAULT_OUT, help="output folder (default: build/editions)")
    every.add_argument("--data", type=Path, default=None, help="data folder (default: guidelines_data)")
    every.add_argument("--jobs", type=int, default=None, help="builds at once (default: one per CPU)")
    every.add_argument("--only", nargs="*", default=None, metavar="ID", help="build only these editions")
    every.add_argument("--no-zip", action="store_true", help="do not make the zips")
    every.set_defaults(run=run_all)


def run_one(args) -> int:  # noqa: ANN001
    settings = current_settings(args.data, quiet=args.quiet)
    result = build_edition(args.edition, settings, args.out, make_zip=not args.no_zip)
    report(result)
    return result.status


def run_all(args) -> int:  # noqa: ANN001
    try:
        results = build_all(current_settings(args.data, jobs=args.jobs), args.out, args.only, make_zip=not args.no_zip)
    except DataError as error:
        print(error.report(), file=sys.stderr)
        return 1
    failed = [r for r in results if r.status != 0]
    for result in failed:
        report(result)
    print(f"{len(results) - len(failed)} of {len(results)} editions built in {Path(args.out).resolve()}")
    return 1 if failed else 0
