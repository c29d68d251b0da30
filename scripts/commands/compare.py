"""``compare-sites``: do two built sites show the same pages (:mod:`scripts.compare.pages`)?"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path


def _count(text: str) -> int:
    value = int(text)
    if value < 0:
        raise argparse.ArgumentTypeError(f"expected 0 or more, got {value}")
    return value


def register(sub) -> None:  # noqa: ANN001 - argparse's private type
    p = sub.add_parser("compare-sites", help="compare the pages of two built sites as a browser parses them")
    p.add_argument("old", type=Path, help="a built site (for example a copy of site/ made before a change)")
    p.add_argument("new", type=Path, help="the site to compare with it")
    p.add_argument("--under", default="", metavar="PREFIX",
                   help="only the files whose path starts with PREFIX (fr/, guidelines/)")
    p.add_argument("--lines", type=_count, default=40, metavar="N",
                   help="lines of difference shown for each file (default: 40; 0: only the files' names)")
    p.set_defaults(run=run)


def run(args) -> int:  # noqa: ANN001
    # imported here: every other command leaves html5lib unread (about 10 ms at each start)
    from scripts.compare.pages import PageError, compare_sites

    missing = [str(folder) for folder in (args.old, args.new) if not folder.is_dir()]
    if missing:
        print(f"compare-sites: not a folder: {', '.join(missing)}", file=sys.stderr)
        return 2
    try:
        result = compare_sites(args.old, args.new, args.under)
    except PageError as error:
        print(f"compare-sites: {error}", file=sys.stderr)
        return 2
    if not (result.same or result.differing or result.only_old or result.only_new):
        where = f" under {args.under!r}" if args.under else ""
        print(f"compare-sites: no file{where} in either folder: nothing was compared", file=sys.stderr)
        return 2
    for path, diff in result.differing.items():
        print(f"differs: {path}")
        for line in diff[: args.lines]:
            print(f"    {line}")
        if len(diff) > args.lines > 0:
            print(f"    ... {len(diff) - args.lines} more lines")
    for path in result.only_old:
        print(f"only in {args.old}: {path}")
    for path in result.only_new:
        print(f"only in {args.new}: {path}")
    print(f"{len(result.same)} the same, {len(result.differing)} differ, {len(result.only_old)} only in "
          f"{args.old}, {len(result.only_new)} only in {args.new} (HTML pages and JSON files compared; other "
          "files checked only for being on both sides)")
    return 0 if result.equal else 1
