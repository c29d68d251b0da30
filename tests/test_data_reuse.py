"""A data file whose bytes did not change is not read and validated again in the same process
(scripts.data.dataset.read_record): ``serve`` loads the data after every edit."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from scripts.data import DataError, load_dataset
from scripts.data import dataset as dataset_module
from tests.conftest import DATA


@pytest.fixture
def data(tmp_path: Path) -> Path:
    copy = tmp_path / "data"
    shutil.copytree(DATA, copy, ignore=shutil.ignore_patterns("locales"))
    return copy


def _country(dataset, country_id: str):  # noqa: ANN001, ANN202
    return next(c for c in dataset.records("countries") if c.id == country_id)


def test_unchanged_files_are_used_again_and_an_edited_one_is_read(data: Path) -> None:
    first = load_dataset(data)
    guidelines = data / "guidelines.yaml"
    text = guidelines.read_text(encoding="utf-8")
    # the same length: an edit that keeps the size (and, copied back quickly, perhaps the time) is still an edit
    edited = text.replace("heading: Broad and strategic cooperation with service providers",
                          "heading: Broad and strategic cooperation with service PROVIDERS", 1)
    assert edited != text and len(edited) == len(text)
    guidelines.write_text(edited, encoding="utf-8")
    second = load_dataset(data)
    # an unchanged file: the very record of the first load
    assert _country(second, "albania") is _country(first, "albania")
    # the edited file: read again, with the new text
    measure = next(m for m in second.guidelines.measures if m.id == "le-strategic-cooperation")
    assert measure.heading.endswith("service PROVIDERS")
    old = next(m for m in first.guidelines.measures if m.id == "le-strategic-cooperation")
    assert old.heading.endswith("service providers"), "the first load's record was changed"
    guidelines.write_text(text, encoding="utf-8")  # and back: the first text again, not the second kept
    measure = next(m for m in load_dataset(data).guidelines.measures if m.id == "le-strategic-cooperation")
    assert measure.heading.endswith("service providers")


def test_a_broken_edit_is_reported_with_its_line_and_a_repair_loads_again(data: Path) -> None:
    load_dataset(data)
    albania = data / "countries" / "albania.yaml"
    good = albania.read_text(encoding="utf-8")
    lines = good.splitlines(keepends=True)
    number = next(i for i, line in enumerate(lines) if line.startswith("name:"))
    lines[number] = "name: [unclosed\n"
    albania.write_text("".join(lines), encoding="utf-8")
    with pytest.raises(DataError) as raised:
        load_dataset(data)
    assert any(p.file.endswith("albania.yaml") and p.line >= number + 1 for p in raised.value.problems), \
        [str(p) for p in raised.value.problems]
    with pytest.raises(DataError) as again:  # the same broken bytes: the same problems, not a record from before
        load_dataset(data)
    assert [str(p) for p in again.value.problems] == [str(p) for p in raised.value.problems]
    albania.write_text(good, encoding="utf-8")
    assert _country(load_dataset(data), "albania").id == "albania"


def test_a_record_is_kept_for_its_model_only(data: Path) -> None:
    """The key holds the model: the same bytes validated by another model are validated again."""
    kept, keep = {}, {}
    path = data / "site.yaml"
    site_model = next(c.model for c in dataset_module.COLLECTIONS if c.name == "site")
    other_model = next(c.model for c in dataset_module.COLLECTIONS if c.name == "glossary")
    document, found, record, invalid = dataset_module.read_record(site_model, path, kept, keep)
    assert record is not None and not invalid
    document, found, record, invalid = dataset_module.read_record(other_model, path, keep, {})
    assert record is None and invalid, "a record made by another model was used again"


def test_only_the_last_folders_are_kept(tmp_path: Path) -> None:
    folders = []
    for n in range(dataset_module.KEPT_FOLDERS + 2):
        folder = tmp_path / f"data{n}"
        shutil.copytree(DATA, folder, ignore=shutil.ignore_patterns("locales"))
        load_dataset(folder)
        folders.append(folder.resolve())
    kept = [folder for folder in folders if folder in dataset_module._KEPT]
    assert kept == folders[-dataset_module.KEPT_FOLDERS:]


def test_strings_unwrap_each_union_with_its_own_order() -> None:
    """``Union[A, B]`` equals ``Union[B, A]``: a memo by equality gave the second the first one's arguments."""
    from typing import Union

    from scripts.i18n.strings import _unwrap

    first, second = Union[list[int], dict[str, int]], Union[dict[str, int], list[int]]  # noqa: UP007
    assert first == second
    assert _unwrap(first, False)[0].__args__ == (list[int], dict[str, int])
    assert _unwrap(second, False)[0].__args__ == (dict[str, int], list[int])


# ---- between processes: a build keeps what it parsed in build/cache/records/ (scripts.staging.cache) ----------

@pytest.fixture
def records(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):  # noqa: ANN201
    """A load that keeps its records in ``tmp_path`` / "cache", and a way to stand for a new process (nothing
    of the data loaded in memory)."""
    from scripts.staging import cache

    def new_process() -> None:
        monkeypatch.setattr(dataset_module, "_KEPT", {})
        monkeypatch.setattr(cache, "_cache", {})

    def load(data: Path):  # noqa: ANN202
        return cache.load_dataset_cached(data, tmp_path / "cache")

    new_process()
    return load, new_process, tmp_path / "cache" / "records"


def _parsed(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The data files parsed from now on (by name)."""
    parsed: list[str] = []
    real = dataset_module.read_yaml

    def read_yaml(path, raw=None):  # noqa: ANN001, ANN202
        parsed.append(Path(path).name)
        return real(path, raw)

    monkeypatch.setattr(dataset_module, "read_yaml", read_yaml)
    return parsed


def test_a_new_process_parses_only_the_files_edited_since_the_last_load(data: Path, records, monkeypatch) -> None:  # noqa: ANN001
    load, new_process, _ = records
    first = load(data)
    new_process()
    parsed = _parsed(monkeypatch)
    assert load(data).site.title == first.site.title
    assert parsed == []  # every file from the kept records
    guidelines = data / "guidelines.yaml"
    text = guidelines.read_text(encoding="utf-8")
    edited = text.replace("heading: Broad and strategic cooperation with service providers",
                          "heading: Broad and strategic cooperation with service PROVIDERS", 1)  # the same size
    assert edited != text
    guidelines.write_text(edited, encoding="utf-8")
    new_process()
    measure = next(m for m in load(data).guidelines.measures if m.id == "le-strategic-cooperation")
    assert measure.heading.endswith("service PROVIDERS")
    assert parsed == ["guidelines.yaml"]
    new_process()  # and the edited file is kept in turn
    load(data)
    assert parsed == ["guidelines.yaml"]
    new_process()  # a load not given the folder reads nothing kept: every file is parsed
    from scripts.staging.cache import load_dataset_cached
    load_dataset_cached(data)
    assert "guidelines.yaml" in parsed[1:] and len(parsed) > 10


def test_kept_records_do_not_hide_a_problem_across_files(data: Path, records) -> None:  # noqa: ANN001
    """The checks between collections run at every load: a country file kept unchanged whose measure an edit of
    guidelines.yaml renamed away is reported."""
    load, new_process, _ = records
    load(data)
    guidelines = data / "guidelines.yaml"
    guidelines.write_text(guidelines.read_text(encoding="utf-8").replace(
        "id: le-strategic-cooperation", "id: le-strategic-cooperation-renamed", 1), encoding="utf-8")
    new_process()
    with pytest.raises(DataError) as raised:
        load(data)
    assert "le-strategic-cooperation" in raised.value.report()


def test_records_of_other_code_or_a_damaged_file_are_not_used(data: Path, records, monkeypatch) -> None:  # noqa: ANN001
    from scripts.staging import cache

    load, new_process, folder = records
    load(data)
    kept = list(folder.glob("*.pickle"))
    assert len(kept) == 1
    # other code (the models and checks are code): another file, and the first one is replaced
    monkeypatch.setattr(cache, "_RUNNING_CODE", "another scripts package")
    new_process()
    parsed = _parsed(monkeypatch)
    load(data)
    assert "guidelines.yaml" in parsed
    now = list(folder.glob("*.pickle"))
    assert len(now) == 1 and now != kept
    # a damaged file: every file parsed again, no error
    now[0].write_bytes(b"not a pickle")
    new_process()
    parsed.clear()
    assert load(data).guidelines.measures
    assert "guidelines.yaml" in parsed
