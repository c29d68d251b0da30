"""Loading the data for a command: the dataset, or its problems printed to stderr and ``None``."""

from __future__ import annotations

import sys
from pathlib import Path

from scripts.data import DataError, Dataset, load_dataset


def load_or_report(data: Path | str) -> Dataset | None:
    """The dataset in ``data``; when it is invalid, every problem is printed (file:line:col: key path) and the
    caller exits non-zero."""
    try:
        return load_dataset(data)
    except DataError as error:
        print(error.report(), file=sys.stderr)
        return None
