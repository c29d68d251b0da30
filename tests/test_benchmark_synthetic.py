"""The benchmark's data set ten times larger must be valid data: when a new check came (the crosswalk, CETS 224
statuses, training coverage of every measure) it was not, and the benchmark lost the whole run."""

from __future__ import annotations

from pathlib import Path

import pytest

from scripts.benchmark.synthetic import make_larger_dataset
from scripts.data import load_dataset
from tests.conftest import DATA

# loads and cross-checks ten times the data (several seconds): with the site tier
pytestmark = pytest.mark.site


def test_the_larger_data_set_is_valid_and_ten_times_larger(tmp_path: Path) -> None:
    counts = make_larger_dataset(DATA, tmp_path / "data-10x", factor=10)
    dataset = load_dataset(tmp_path / "data-10x")  # raises DataError with every problem if not valid
    real = load_dataset(DATA)
    assert len(dataset.guidelines.measures) == counts["measures"] == 10 * len(real.guidelines.measures)
    assert len(dataset.countries) == counts["countries"] == 10 * len(real.countries)
    numbers = sorted(p.number for p in dataset.guidelines.paragraphs)
    assert numbers == list(range(1, len(numbers) + 1))
    # one introduction: its paragraphs are not copied, every other one is
    introduction = [p for p in real.guidelines.paragraphs if not p.measure]
    assert len(numbers) == len(introduction) + 10 * (len(real.guidelines.paragraphs) - len(introduction))
    assert sum(1 for p in dataset.guidelines.paragraphs if not p.measure) == len(introduction)
