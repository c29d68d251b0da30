"""Loading the data once per process while it is unchanged.

mkdocs-static-i18n runs the whole build (and so our ``on_config``) again for every language, and the parallel
build forks workers from a process that has loaded the data already: both reuse the loaded dataset as long
as no file below the data folder changed (``mkdocs serve`` reloads after an edit)."""

from __future__ import annotations

import os
from pathlib import Path

from scripts.data import load_dataset
from scripts.data.dataset import Dataset

_cache: dict[Path, tuple[tuple, Dataset]] = {}


def signature(data_dir: Path) -> tuple:
    """Names, sizes and modification times of the data files (not the catalogs, read on their own)."""
    entries = []
    for root, dirs, files in os.walk(data_dir):
        dirs[:] = sorted(d for d in dirs if d != "locales")
        for name in sorted(files):
            if name.endswith((".yaml", ".yml")):
                stat = os.stat(os.path.join(root, name))
                entries.append((root, name, stat.st_size, stat.st_mtime_ns))
    return tuple(entries)


def load_dataset_cached(data_dir: Path) -> Dataset:
    data_dir = Path(data_dir).resolve()
    key = signature(data_dir)
    cached = _cache.get(data_dir)
    if cached is not None and cached[0] == key:
        return cached[1]
    dataset = load_dataset(data_dir)
    _cache[data_dir] = (key, dataset)
    return dataset
