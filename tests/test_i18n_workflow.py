"""The translation workflow on a copy of the real data (issue 15): a changed English string makes exactly that
string outdated in every catalog, with the old English as ``#| msgid``; ``update --minor`` keeps a typo fix's
translations current; ``i18n check`` reports a terminology violation with the catalog's file and line; and
``i18n status`` never rounds an incomplete catalog up to 100%."""

from __future__ import annotations

import re
import shutil
from collections.abc import Iterator
from pathlib import Path

import polib
import pytest

from tests.conftest import DATA, real_dataset, run_cli

LANGUAGES = real_dataset().site.catalog_languages()


@pytest.fixture(scope="module")
def baseline(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A copy of the real data whose catalogs were brought in step with it (`i18n update`), once."""
    target = tmp_path_factory.mktemp("baseline") / "guidelines_data"
    shutil.copytree(DATA, target)
    result = run_cli("i18n", "--data", str(target), "update")
    assert result.returncode == 0, result.stderr
    return target


@pytest.fixture(scope="module")
def baseline_catalogs(baseline: Path) -> dict[str, polib.POFile]:
    """The baseline's catalogs, parsed once: read them, never change them."""
    return catalogs(baseline)


@pytest.fixture
def data(baseline: Path, tmp_path: Path) -> Path:
    target = tmp_path / "guidelines_data"
    shutil.copytree(baseline, target)
    return target


def catalogs(data: Path) -> dict[str, polib.POFile]:
    return {code: polib.pofile(str(data / "locales" / f"{code}.po")) for code in LANGUAGES}


def fuzzy(po: polib.POFile) -> set[str]:
    return {e.msgid for e in po if not e.obsolete and "fuzzy" in e.flags}


def translated_lines(data: Path, pos: dict[str, polib.POFile]) -> Iterator[str]:
    """One-line English strings of guidelines.yaml, each translated (and current) in every catalog ``pos`` of
    ``data``."""
    current = [{e.msgid for e in po if e.msgstr.strip() and "fuzzy" not in e.flags and not e.obsolete}
               for po in pos.values()]
    text = (data / "guidelines.yaml").read_text(encoding="utf-8")
    for match in re.finditer(r"^\s+(?:heading|summary|title): (?P<value>[A-Za-z][^\"'#:\n]{30,})$", text, re.M):
        value = match["value"].strip()
        if text.count(value) == 1 and all(value in c for c in current):
            yield value


def a_translated_line(data: Path, pos: dict[str, polib.POFile]) -> tuple[Path, str]:
    """A one-line English string of guidelines.yaml, translated (and current) in every catalog ``pos`` of ``data``."""
    for value in translated_lines(data, pos):
        return data / "guidelines.yaml", value
    raise AssertionError("no one-line string translated in every catalog")


@pytest.fixture(scope="module")
def edited_and_updated(baseline: Path, baseline_catalogs, tmp_path_factory: pytest.TempPathFactory):  # noqa: ANN001, ANN201
    """A copy of the baseline where one translated string had a word added and another a full stop (punctuation
    only), then ``i18n update`` without ``--minor``: (its catalogs, {old: new} for the two strings). One update for
    the two tests that read it."""
    data = tmp_path_factory.mktemp("edited") / "guidelines_data"
    shutil.copytree(baseline, data)
    known = {e.msgid for po in baseline_catalogs.values() for e in po}
    # strings used in this one place only (else the old one stays current), and that become new strings (a
    # heading with a full stop added can be another string already)
    candidates = [value for value in translated_lines(data, baseline_catalogs)
                  if all(len(po.find(value).occurrences) == 1 for po in baseline_catalogs.values())]
    word = next((old for old in candidates if old.replace(" ", " clearly ", 1) not in known), None)
    punctuation = next((old for old in candidates if old != word and old + "." not in known), None)
    assert word and punctuation, "not two one-line strings translated in every catalog"
    edits = {word: word.replace(" ", " clearly ", 1), punctuation: punctuation + "."}
    path = data / "guidelines.yaml"
    text = path.read_text(encoding="utf-8")
    for old, new in edits.items():
        text = text.replace(old, new)
    path.write_text(text, encoding="utf-8")
    result = run_cli("i18n", "--data", str(data), "update")
    assert result.returncode == 0, result.stderr
    return catalogs(data), edits


def test_editing_one_english_string_marks_exactly_that_string_outdated(edited_and_updated,  # noqa: ANN001
                                                                       baseline_catalogs) -> None:  # noqa: ANN001
    pos, edits = edited_and_updated
    for code, po in pos.items():
        # exactly the edited strings (a word added to one, a full stop to another) went outdated
        assert fuzzy(po) - fuzzy(baseline_catalogs[code]) == set(edits.values()), code
        for old, new in edits.items():
            entry = po.find(new)
            assert entry.previous_msgid == old and entry.msgstr.strip(), code
            assert po.find(old) is None or po.find(old).obsolete


def test_a_minor_edit_keeps_translations_current(data: Path, baseline_catalogs) -> None:  # noqa: ANN001
    before = {code: fuzzy(po) for code, po in baseline_catalogs.items()}
    path, old = a_translated_line(data, baseline_catalogs)
    translations = {code: po.find(old).msgstr for code, po in baseline_catalogs.items()}
    new = old[:-1] + old[-1] + "."  # a full stop added: punctuation only
    path.write_text(path.read_text(encoding="utf-8").replace(old, new), encoding="utf-8")
    result = run_cli("i18n", "--data", str(data), "update", "--minor")
    assert result.returncode == 0, result.stderr
    assert "kept as minor edits" in result.stdout
    for code, po in catalogs(data).items():
        entry = po.find(new)
        assert entry is not None and "fuzzy" not in entry.flags and entry.msgstr == translations[code], code
        assert fuzzy(po) == before[code], code


def test_without_minor_the_same_edit_is_outdated(edited_and_updated) -> None:  # noqa: ANN001
    pos, edits = edited_and_updated
    old, new = next((old, new) for old, new in edits.items() if new == old + ".")  # the full stop added
    for code, po in pos.items():
        assert "fuzzy" in po.find(new).flags, code


def test_a_terminology_violation_is_reported_with_file_and_line(tmp_path: Path) -> None:
    data = tmp_path / "guidelines_data"
    shutil.copytree(DATA, data)
    assert run_cli("i18n", "--data", str(data), "check", "fr").returncode == 0  # the shipped list holds
    po = polib.pofile(str(data / "locales" / "fr.po"))
    entry = next(e for e in po if not e.obsolete and e.msgstr and "fuzzy" not in e.flags
                 and re.search(r"\bpreservation\b", e.msgid, re.I))
    entry.msgstr = re.sub(r"(?i)conserv\w*", "préservation", entry.msgstr)
    po.save(str(data / "locales" / "fr.po"))
    result = run_cli("i18n", "--data", str(data), "check", "fr")
    assert result.returncode == 1
    reported = [line for line in result.stderr.splitlines() if "terminology" in line]
    assert reported, result.stderr
    match = re.match(r"^(?P<file>.+fr\.po):(?P<line>\d+): msgid ", reported[0])
    assert match, reported[0]
    lines = Path(match["file"]).read_text(encoding="utf-8").splitlines()
    assert lines[int(match["line"]) - 1].startswith(("msgid", "#")) or "msgid" in "\n".join(
        lines[int(match["line"]) - 1:int(match["line"]) + 2])
    assert "terminology/fr.yaml" not in reported[0] or "fr.yaml:" in reported[0]
    assert any("'préservation' is to be avoided" in line or "is translated with 'conserv'" in line
               for line in reported)


def test_a_broken_terminology_file_is_reported_with_its_line(tmp_path: Path) -> None:
    data = tmp_path / "guidelines_data"
    shutil.copytree(DATA, data)
    (data / "locales" / "terminology" / "fr.yaml").write_text(
        "terms:\n  - english: preservation\n    use: [conserv]\n  - english: service provider\n", encoding="utf-8")
    result = run_cli("i18n", "--data", str(data), "check", "fr")
    assert result.returncode == 1
    assert re.search(r"terminology/fr\.yaml:4: terms\[1\]\.use: expected a list of forms", result.stderr), \
        result.stderr


def test_status_counts_are_exact(tmp_path: Path) -> None:
    data = tmp_path / "guidelines_data"
    shutil.copytree(DATA, data)
    # one string short of complete in French: 100% would be a lie
    po = polib.pofile(str(data / "locales" / "fr.po"))
    for entry in po:
        if not entry.obsolete and not entry.msgid_plural:
            entry.msgstr = entry.msgstr or entry.msgid
            if "fuzzy" in entry.flags:
                entry.flags.remove("fuzzy")
    from scripts.i18n.catalog import build_template

    pot = build_template(real_dataset())  # data is a copy of the real data, whose YAML it leaves as it is
    have = {e.msgid for e in po if not e.obsolete}
    for source in pot:
        if source.msgid not in have:
            po.append(polib.POEntry(msgid=source.msgid, msgid_plural=source.msgid_plural,
                                    msgstr="" if source.msgid_plural else source.msgid,
                                    msgstr_plural={0: source.msgid, 1: source.msgid_plural}
                                    if source.msgid_plural else {}))
    victim = next(e for e in po if not e.obsolete and not e.msgid_plural and e.msgid in {s.msgid for s in pot})
    victim.msgstr = ""
    po.save(str(data / "locales" / "fr.po"))
    result = run_cli("i18n", "--data", str(data), "status", "fr")
    assert result.returncode == 0, result.stderr
    line = result.stdout.splitlines()[1].split()
    assert line[0] == "fr" and line[5] == "1" and line[4] == "0", result.stdout
    assert line[1] == "99.9%", result.stdout
