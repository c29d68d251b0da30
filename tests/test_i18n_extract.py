"""Extraction of translatable strings into the POT template."""

from __future__ import annotations

from pathlib import Path

import polib

from scripts.data import load_dataset
from scripts.i18n.catalog import build_template
from tests.conftest import TEST_DATA, real_dataset, run_cli


def test_template_holds_each_text_once_with_its_places() -> None:
    dataset = load_dataset(TEST_DATA / "minimal")
    pot = build_template(dataset)
    ids = [e.msgid for e in pot]
    assert len(ids) == len(set(ids))
    assert "Requests are written." in ids  # a paragraph summary (Text)
    assert "Expedited preservation of stored computer data" in ids  # an article title (Line)
    assert dataset.ui.labels["guidelines.previous"] in ids  # a UI label
    assert "subscriber-information" not in ids and "https://example.org/guidelines" not in ids  # ids, URLs
    assert "Latn" not in ids  # a script code
    entry = pot.find("Written requests")
    (file, line), = entry.occurrences
    assert file.endswith("guidelines.yaml")
    source_line = (TEST_DATA / "minimal" / "guidelines.yaml").read_text().splitlines()[int(line) - 1]
    assert "heading: Written requests" in source_line


def test_extract_command_writes_a_valid_catalog(minimal_data: Path) -> None:
    result = run_cli("i18n", "--data", str(minimal_data), "extract")
    assert result.returncode == 0, result.stderr
    pot = polib.pofile(str(minimal_data / "locales" / "content.pot"))
    assert pot.find("Purpose") is not None
    assert pot.find("en") is None


def test_committed_template_is_current() -> None:
    """Translators work from the committed POT: it must hold exactly what the data says today."""
    from tests.conftest import DATA

    fresh = build_template(real_dataset())
    committed = polib.pofile(str(DATA / "locales" / "content.pot"))
    assert [(e.msgid, e.occurrences) for e in committed] == [(e.msgid, e.occurrences) for e in fresh], \
        "run `python -m scripts i18n extract` (and `i18n update`) and commit the catalogs"


def test_the_distinct_strings_of_a_dataset_are_listed_once_per_dataset(monkeypatch, tmp_path: Path) -> None:  # noqa: ANN001
    """Every language's translation status page counts them: the build lists them once, before its workers fork;
    a dataset loaded again (after an edit) gets its own list, and only the records of edited files are walked
    again (the others are the same objects)."""
    import shutil

    from scripts.i18n import strings

    data = tmp_path / "minimal"
    shutil.copytree(TEST_DATA / "minimal", data)
    dataset = load_dataset(data)
    expected = tuple(sorted({s.text for s in strings.source_strings(dataset)}))
    assert "Written requests" in expected
    walked = []
    walk = strings._walk
    monkeypatch.setattr(strings, "_walk", lambda value, *args: (walked.append(value) if args[1] == () else None)
                        or walk(value, *args))
    monkeypatch.setattr(strings, "_RECORD_TEXTS", {})
    assert strings.source_texts(dataset) == expected
    records = len(walked)
    assert records >= 4  # one walk per record
    assert strings.source_texts(dataset) == expected
    assert len(walked) == records
    guidelines = data / "guidelines.yaml"
    guidelines.write_text(guidelines.read_text(encoding="utf-8").replace("heading: Written requests",
                                                                          "heading: Requests in writing"),
                          encoding="utf-8")
    edited = load_dataset(data)
    texts = strings.source_texts(edited)
    assert walked[records:] == [edited.guidelines]  # the edited file's record alone was walked again
    assert "Requests in writing" in texts and "Written requests" not in texts
    assert texts == tuple(sorted({s.text for s in strings.source_strings(edited)}))


def test_the_distinct_strings_of_the_real_data_are_those_of_every_source_string() -> None:
    """Count labels (one and other) by their singular, as the catalog's msgid."""
    from scripts.i18n import strings

    dataset = real_dataset()
    assert strings.source_texts(dataset) == tuple(sorted({s.text for s in strings.source_strings(dataset)}))
