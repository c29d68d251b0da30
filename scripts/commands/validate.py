"""``validate``: check every data file and cross-reference; print every problem at once."""

from __future__ import annotations

import sys
from pathlib import Path

from scripts.data import DataError, load_dataset
from scripts.data.dataset import DEFAULT_DATA_DIR


def register(sub) -> None:  # noqa: ANN001 - argparse's private type
    p = sub.add_parser("validate", help="check the YAML data: schemas, duplicates and cross-references")
    p.add_argument("--data", type=Path, default=DEFAULT_DATA_DIR, help="data folder (default: guidelines_data)")
    p.set_defaults(run=run)


def run(args) -> int:  # noqa: ANN001
    try:
        dataset = load_dataset(args.data)
    except DataError as error:
        print(error.report(), file=sys.stderr)
        return 1
    print(f"The data is valid: {len(dataset.guidelines.measures)} measures, "
          f"{len(dataset.guidelines.paragraphs)} paragraph numbers, "
          f"{len(dataset.glossary.terms)} glossary terms, {len(dataset.convention.articles)} Convention articles, "
          f"{len(dataset.site.languages)} languages.")
    return 0
