"""``schemas``: write the JSON Schemas of the data files from the models (or check that they are current)."""

from __future__ import annotations

import sys

from scripts.data.dataset import DEFAULT_DATA_DIR
from scripts.data.schemas import stale_schemas, write_schemas

SCHEMA_DIR = DEFAULT_DATA_DIR / "schemas"


def register(sub) -> None:  # noqa: ANN001
    p = sub.add_parser("schemas", help="regenerate guidelines_data/schemas/*.schema.json from the models")
    p.add_argument("--check", action="store_true", help="only report stale schemas (exit 1 if any)")
    p.set_defaults(run=run)


def run(args) -> int:  # noqa: ANN001
    if args.check:
        stale = stale_schemas(SCHEMA_DIR)
        for path in stale:
            print(f"{path}: stale; run 'python -m scripts schemas'", file=sys.stderr)
        return 1 if stale else 0
    for path in write_schemas(SCHEMA_DIR):
        print(f"wrote {path}")
    return 0
