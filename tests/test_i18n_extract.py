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


def test_the_distinct_strings_of_a_dataset_are_listed_once_per_dataset(monkeypatch) -> None:  # noqa: ANN001
    """Every language's translation status page counts them: the build lists them once, before its workers fork;
    a dataset loaded again (after an edit) gets its own list."""
    from scripts.i18n import strings

    dataset = load_dataset(TEST_DATA / "minimal")
    expected = tuple(sorted({s.text for s in strings.source_strings(dataset)}))
    assert "Written requests" in expected
    walks = []
    walk = strings.source_strings
    monkeypatch.setattr(strings, "source_strings", lambda d: walks.append(d) or walk(d))
    assert strings.source_texts(dataset) == expected
    assert strings.source_texts(dataset) == expected
    assert walks == [dataset]
    again = load_dataset(TEST_DATA / "minimal")
    assert strings.source_texts(again) == expected and walks == [dataset, again]
