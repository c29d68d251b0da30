"""``validate``: check every data file and cross-reference; print every problem at once."""

from __future__ import annotations

from pathlib import Path

from scripts.commands.loading import load_or_report
from scripts.data.dataset import DEFAULT_DATA_DIR


def register(sub) -> None:  # noqa: ANN001 - argparse's private type
    p = sub.add_parser("validate", help="check the YAML data: schemas, duplicates and cross-references")
    p.add_argument("--data", type=Path, default=DEFAULT_DATA_DIR, help="data folder (default: guidelines_data)")
    p.set_defaults(run=run)


def run(args) -> int:  # noqa: ANN001
    dataset = load_or_report(args.data)
    if dataset is None:
        return 1
    print(f"The data is valid: {len(dataset.guidelines.measures)} measures, "
          f"{len(dataset.guidelines.paragraphs)} paragraph numbers, "
          f"{len(dataset.glossary.terms)} glossary terms, {len(dataset.convention.articles)} Convention articles, "
          f"{len(dataset.site.languages)} languages.")
    return 0
