"""``compare-sites``: do two built sites show the same pages (:mod:`scripts.compare.pages`)?"""

from __future__ import annotations

from pathlib import Path

from scripts.compare.pages import compare_sites


def register(sub) -> None:  # noqa: ANN001 - argparse's private type
    p = sub.add_parser("compare-sites", help="compare the HTML pages of two built sites as a browser reads them")
    p.add_argument("old", type=Path, help="a built site (for example a copy of site/ made before a change)")
    p.add_argument("new", type=Path, help="the site to compare with it")
    p.add_argument("--under", default="", metavar="PREFIX",
                   help="only the pages whose path starts with PREFIX (fr/, guidelines/)")
    p.add_argument("--lines", type=int, default=40, metavar="N",
                   help="lines of difference shown for each page (default: 40; 0: only the pages' names)")
    p.set_defaults(run=run)


def run(args) -> int:  # noqa: ANN001
    missing = [str(folder) for folder in (args.old, args.new) if not folder.is_dir()]
    if missing:
        print(f"compare-sites: not a folder: {', '.join(missing)}")
        return 2
    result = compare_sites(args.old, args.new, args.under)
    for page, diff in result.differing.items():
        print(f"differs: {page}")
        for line in diff[: max(args.lines, 0)]:
            print(f"    {line}")
        if len(diff) > args.lines > 0:
            print(f"    ... {len(diff) - args.lines} more lines")
    for page in result.only_old:
        print(f"only in {args.old}: {page}")
    for page in result.only_new:
        print(f"only in {args.new}: {page}")
    print(f"{len(result.same)} page(s) the same, {len(result.differing)} differ, {len(result.only_old)} only in "
          f"{args.old}, {len(result.only_new)} only in {args.new}")
    return 0 if result.equal else 1
