"""The benchmark's one-string edit (scripts/benchmark/serve_rebuild.py, ``edit_heading``): any measure's heading of
the real data can be edited, whatever its YAML style, and nothing else in the file changes; what cannot be edited on
its line is refused with a message naming the measure, the file left as it was."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
import yaml

from scripts.benchmark.serve_rebuild import _heading_in, edit_heading
from scripts.data import load_dataset
from tests.conftest import ROOT, real_dataset

GUIDELINES = ROOT / "guidelines_data" / "guidelines.yaml"


def _replaced(data: object, measure: str, heading: str) -> object:
    if isinstance(data, dict):
        if data.get("id") == measure and "heading" in data:
            return {**data, "heading": heading}
        return {key: _replaced(value, measure, heading) for key, value in data.items()}
    if isinstance(data, list):
        return [_replaced(item, measure, heading) for item in data]
    return data


def test_every_heading_of_the_real_data_is_edited_and_nothing_else(tmp_path: Path) -> None:
    original = yaml.safe_load(GUIDELINES.read_text(encoding="utf-8"))
    measures = [measure.id for measure in real_dataset().guidelines.measures]
    assert len(measures) >= 24
    assert any(line.strip().startswith("heading: '") for line in GUIDELINES.read_text(encoding="utf-8").splitlines())
    copy = tmp_path / "guidelines.yaml"
    for measure in measures:
        shutil.copy(GUIDELINES, copy)
        before = _heading_in(original, measure)
        edit_heading(copy, measure, "EDITED")
        edit_heading(copy, measure, "AGAIN")  # a heading edited before is edited again
        assert yaml.safe_load(copy.read_text(encoding="utf-8")) == \
            _replaced(original, measure, f"{before} EDITED AGAIN"), measure


def test_a_quoted_heading_edited_leaves_data_the_build_reads(tmp_path: Path) -> None:
    data = tmp_path / "data"
    shutil.copytree(ROOT / "guidelines_data", data)
    quoted = "le-international"  # 'International requests: ...' in the real data: a colon, so it is quoted
    assert f"- id: {quoted}" in GUIDELINES.read_text(encoding="utf-8")
    edit_heading(data / "guidelines.yaml", quoted, "Quetzalword")
    measure = next(m for m in load_dataset(data).guidelines.measures if m.id == quoted)
    assert measure.heading.endswith(": the 24/7 network and formal mutual legal assistance Quetzalword")


@pytest.mark.parametrize(("entry", "problem"), [
    ("  - id: other\n    heading: Other\n", "was not found"),
    ("  - id: m1\n    heading: >-\n      Folded\n      heading\n", "is not a string on one line"),
    ("  - id: m1\n    heading: A plain heading\n      that goes on\n    order: 1\n", "could not be edited on its line"),
])
def test_a_heading_that_cannot_be_edited_on_its_line_is_refused(tmp_path: Path, entry: str, problem: str) -> None:
    guidelines = tmp_path / "guidelines.yaml"
    text = "measures:\n" + entry
    guidelines.write_text(text, encoding="utf-8")
    with pytest.raises(RuntimeError, match=rf"'m1'.*{problem}"):
        edit_heading(guidelines, "m1", "EDITED")
    assert guidelines.read_text(encoding="utf-8") == text
