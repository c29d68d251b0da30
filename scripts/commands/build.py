"""``build``: validate and build the site into ``site/``, keeping the previous site if anything fails."""

from __future__ import annotations

from pathlib import Path

from scripts.build import DEFAULT_CONFIG, ROOT, build_site
from scripts.commands.settings import current_settings


def register(sub) -> None:  # noqa: ANN001
    p = sub.add_parser("build", help="build the site (strict) into site/, atomically")
    p.add_argument("--site-dir", type=Path, default=ROOT / "site")
    p.add_argument("--config-file", type=Path, default=DEFAULT_CONFIG)
    p.add_argument("--data", type=Path, default=None, help="data folder (default: guidelines_data)")
    p.add_argument("--quiet", action="store_true", help="print MkDocs' output only when a language fails")
    p.add_argument("--lang", action="append", metavar="CODE",
                   help="build only this language (and the default one, the site's root); repeatable")
    p.add_argument("--jobs", type=int, default=None, help="languages built at a time (default: one per core)")
    p.set_defaults(run=run, exit_at_once=True)  # see scripts.cli.run_and_exit


def run(args) -> int:  # noqa: ANN001
    settings = current_settings(args.data, languages=args.lang, quiet=args.quiet, jobs=args.jobs)
    return build_site(args.site_dir, settings, args.config_file)
