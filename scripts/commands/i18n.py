"""``i18n``: the translation catalogs (``i18n extract`` writes guidelines_data/locales/content.pot)."""

from __future__ import annotations

import sys
from pathlib import Path

from scripts.data import DataError, load_dataset
from scripts.data.dataset import DEFAULT_DATA_DIR
from scripts.i18n.catalog import write_template


def register(sub) -> None:  # noqa: ANN001
    p = sub.add_parser("i18n", help="translation catalogs: extract, update, status")
    p.add_argument("--data", type=Path, default=DEFAULT_DATA_DIR, help="data folder (default: guidelines_data)")
    actions = p.add_subparsers(dest="action", required=True, metavar="ACTION")
    extract = actions.add_parser("extract", help="write locales/content.pot from the English data")
    extract.set_defaults(run=run_extract)


def run_extract(args) -> int:  # noqa: ANN001
    try:
        dataset = load_dataset(args.data)
    except DataError as error:
        print(error.report(), file=sys.stderr)
        return 1
    path, count = write_template(dataset)
    print(f"wrote {path} ({count} strings)")
    return 0
