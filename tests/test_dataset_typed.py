"""The dataset has one typed attribute per collection (issue 11): nothing asks whether a collection exists by
its name (``"countries" in dataset``, ``getattr(dataset, "editions", [])``), an optional collection the data
folder lacks is simply empty, and a broken data folder still reports every problem at once."""

from __future__ import annotations

import ast
import shutil
from pathlib import Path
from typing import get_args, get_type_hints

import pytest

from scripts.data.collections import COLLECTIONS, CollectionName
from scripts.data.dataset import Dataset, load_dataset
from scripts.data.problems import DataError
from tests.conftest import ROOT, TEST_DATA

BROKEN = TEST_DATA / "broken"


def test_every_collection_is_a_typed_attribute() -> None:
    hints = get_type_hints(Dataset)
    for coll in COLLECTIONS:
        assert coll.name in hints, f"Dataset has no annotation for the {coll.name!r} collection"
        if coll.many:
            expected = list[coll.model]
        elif coll.required:
            expected = coll.model
        else:
            expected = coll.model | None
        assert hints[coll.name] == expected, f"{coll.name}: {hints[coll.name]} (expected {expected})"
    assert set(get_args(CollectionName)) == {coll.name for coll in COLLECTIONS}


def test_collections_cannot_be_tested_by_name() -> None:
    dataset = Dataset(Path("."))
    with pytest.raises(TypeError):
        "countries" in dataset  # noqa: B015
    with pytest.raises(AttributeError):
        dataset.no_such_collection  # noqa: B018
    assert "__getattr__" not in vars(Dataset) and "__contains__" not in vars(Dataset)


def test_optional_collections_are_empty_when_absent(minimal_data: Path) -> None:
    dataset = load_dataset(minimal_data)  # the minimal data has no optional collection at all
    for coll in COLLECTIONS:
        value = getattr(dataset, coll.name)
        if coll.required:
            assert isinstance(value, coll.model)
        elif coll.many:
            assert value == [] and dataset.documents(coll.name) == []
        else:
            assert value is None
        assert len(dataset.records(coll.name)) == (1 if coll.required else 0)


def test_a_broken_folder_still_reports_every_problem(minimal_data: Path) -> None:
    shutil.copyfile(BROKEN / "missing-key.guidelines.yaml", minimal_data / "guidelines.yaml")
    shutil.copyfile(BROKEN / "duplicate-id.glossary.yaml", minimal_data / "glossary.yaml")
    (minimal_data / "countries").mkdir()
    (minimal_data / "countries" / "atlantis.yaml").write_text("id: atlantis\n", encoding="utf-8")
    with pytest.raises(DataError) as raised:
        load_dataset(minimal_data)
    files = {Path(problem.file).name for problem in raised.value.problems}
    assert {"guidelines.yaml", "glossary.yaml", "atlantis.yaml"} <= files, raised.value.report()


def test_a_missing_required_file_gives_no_dangling_references(minimal_data: Path) -> None:
    (minimal_data / "convention.yaml").unlink()
    with pytest.raises(DataError) as raised:
        load_dataset(minimal_data)
    report = raised.value.report()
    assert "no file found for the 'convention' data" in report
    assert "does not exist in convention.yaml" not in report, report


# --- no string tests of the dataset come back -----------------------------------------------------------

def _holds_dataset(node: ast.AST) -> bool:
    """``dataset``, ``ctx.dataset``, ``self._dataset``...: a name or attribute ending in "dataset"."""
    name = node.id if isinstance(node, ast.Name) else node.attr if isinstance(node, ast.Attribute) else ""
    return name.lower().endswith("dataset")


def string_tests(source: str) -> list[int]:
    """The lines of ``"x" in <dataset>``, ``"x" not in <dataset>``, ``getattr(<dataset>, ...)`` and
    ``hasattr(<dataset>, ...)`` (also ``"countries" in data`` for any collection name)."""
    names = {coll.name for coll in COLLECTIONS}
    lines = []
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Compare):
            for op, right in zip(node.ops, node.comparators, strict=True):
                if not isinstance(op, (ast.In, ast.NotIn)):
                    continue
                collection_name = isinstance(node.left, ast.Constant) and node.left.value in names
                if _holds_dataset(right) or (collection_name and isinstance(right, (ast.Name, ast.Attribute))
                                             and getattr(right, "id", getattr(right, "attr", "")) in ("data", "ds")):
                    lines.append(node.lineno)
        elif (isinstance(node, ast.Call) and isinstance(node.func, ast.Name)
              and node.func.id in ("getattr", "hasattr", "setattr") and node.args and _holds_dataset(node.args[0])):
            lines.append(node.lineno)
    return lines


def test_the_scan_finds_string_tests() -> None:
    source = ('a = "countries" in dataset\nb = "x" not in ctx.dataset\nc = getattr(dataset, "editions", [])\n'
              'd = hasattr(self.dataset, "site")\ne = "templates" in data\nf = dataset.countries\n'
              'g = "x" in words\n')
    assert string_tests(source) == [1, 2, 3, 4, 5]


def test_no_code_tests_dataset_collections_by_name() -> None:
    found = []
    for path in sorted((ROOT / "scripts").rglob("*.py")) + sorted((ROOT / "tests").rglob("*.py")):
        if path == Path(__file__).resolve():
            continue
        source = path.read_text(encoding="utf-8")
        text = source.splitlines()
        # the loader's own proxy (_Watched) forwards attributes to the dataset it watches, by name
        lines = [line for line in string_tests(source) if "getattr(self._dataset, name)" not in text[line - 1]]
        found += [f"{path.relative_to(ROOT)}:{line}" for line in lines]
    assert not found, "read the dataset's typed attributes instead of testing collections by name: " + ", ".join(found)
