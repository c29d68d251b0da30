"""The validator on country, practice, workshop and edition files: what it accepts and what it rejects.

The cases the issues name: a country with an unknown measure, a measure missing or listed twice, an unknown status,
a status without a source, and a language the site lacks (used in an edition).
"""

from __future__ import annotations

from pathlib import Path

import pytest

from scripts.data import DataError, load_dataset
from tests.conftest import real_dataset, run_cli

SCHEMA = "# yaml-language-server: $schema=../../../guidelines_data/schemas/{}.schema.json\n"

COUNTRY = """id: testland
name: Testland
languages:
  - code: xx
    script: Latn
budapest_convention:
  status: party
  signed: "2001-11-23"
  ratified: unknown
  sources:
    - title: A treaty chart
      url: https://example.org/chart
procedural_powers:
  preservation:
    provision: unknown
  production:
    provision: Code of Criminal Procedure, Article 1
    sources:
      - title: The code
  interception:
    provision: unknown
  search_and_seizure:
    provision: unknown
measures:
  - measure: {measure}
    status: {status}
    as_of: "2009-07"
    note: A working group drafted an agreement.
    sources:
      - title: A news item
  - {{measure: le-written, status: unknown}}
  - {{measure: le-specific, status: unknown}}
  - {{measure: sp-procedures, status: unknown}}
timeline:
  - date: "2009-07"
    event: A working group is set up.
    sources:
      - title: A news item
"""

EDITION = """id: testland
country: testland
languages: [{languages}]
"""


def write(data: Path, kind: str, name: str, text: str) -> Path:
    folder = data / kind
    folder.mkdir(exist_ok=True)
    path = folder / f"{name}.yaml"
    path.write_text(SCHEMA.format(kind) + text, encoding="utf-8")
    return path


def problems(data: Path) -> list[str]:
    with pytest.raises(DataError) as caught:
        load_dataset(data)
    return [str(p) for p in caught.value.problems]


def test_a_valid_country_and_edition_load(minimal_data: Path) -> None:
    write(minimal_data, "countries", "testland", COUNTRY.format(measure="common-culture", status="partly"))
    write(minimal_data, "editions", "testland", EDITION.format(languages="en"))
    dataset = load_dataset(minimal_data)
    (country,) = dataset.countries
    assert country.status_value("common-culture") == "partly"
    assert country.status_value("le-written") == "unknown"  # written out as unknown, never guessed
    assert country.assessed_count() == 1
    assert not country.power("preservation").known


def test_rejects_an_unknown_measure(minimal_data: Path) -> None:
    path = write(minimal_data, "countries", "testland", COUNTRY.format(measure="no-such-measure", status="partly"))
    second, first = problems(minimal_data)  # in line order: the list's own problem comes first
    assert first.startswith(f"{path.relative_to(Path.cwd()) if path.is_relative_to(Path.cwd()) else path}:")
    assert "measures[0].measure: measure 'no-such-measure' does not exist in guidelines.yaml" in first
    line = next(n for n, text in enumerate(path.read_text().splitlines(), 1) if "no-such-measure" in text)
    assert f":{line}:" in first
    assert "expected a status for each of the 4 measures" in second and "missing: common-culture" in second


def test_rejects_a_measure_given_twice_and_the_wrong_order(minimal_data: Path) -> None:
    text = COUNTRY.format(measure="common-culture", status="partly")
    write(minimal_data, "countries", "testland", text.replace("{measure: le-written, status: unknown}",
                                                              "{measure: common-culture, status: unknown}"))
    found = problems(minimal_data)
    assert any("measures[1].measure: measure 'common-culture' already has a status" in p for p in found), found
    write(minimal_data, "countries", "testland", text.replace(
        "  - {measure: le-written, status: unknown}\n  - {measure: le-specific, status: unknown}\n",
        "  - {measure: le-specific, status: unknown}\n  - {measure: le-written, status: unknown}\n"))
    (message,) = problems(minimal_data)
    assert "expected the measures in the guidelines' order" in message


def test_rejects_an_unknown_status(minimal_data: Path) -> None:
    write(minimal_data, "countries", "testland", COUNTRY.format(measure="common-culture", status="done"))
    (message,) = problems(minimal_data)
    assert "measures[0].status" in message
    for status in ("unknown", "not-in-place", "partly", "in-place"):
        assert status in message
    assert "got 'done'" in message


def test_rejects_a_status_without_a_source(minimal_data: Path) -> None:
    text = COUNTRY.format(measure="common-culture", status="in-place").replace(
        '    sources:\n      - title: A news item\n  - {measure: le-written', "  - {measure: le-written")
    write(minimal_data, "countries", "testland", text)
    (message,) = problems(minimal_data)
    assert "needs at least one entry under 'sources'" in message


def test_rejects_a_language_the_site_lacks(minimal_data: Path) -> None:
    write(minimal_data, "countries", "testland", COUNTRY.format(measure="common-culture", status="partly"))
    write(minimal_data, "editions", "testland", EDITION.format(languages="xx, en"))
    (message,) = problems(minimal_data)
    assert "editions/testland.yaml:4:13:" in message  # line 4: the schema line comes first
    assert "languages[0]: language 'xx' is not a language of the site: expected one of en" in message


def test_rejects_an_edition_language_the_country_does_not_speak(minimal_data: Path) -> None:
    site = minimal_data / "site.yaml"
    site.write_text(site.read_text() + "  - code: fr\n    name: Français\n    english_name: French\n"
                    "    script: Latn\n", encoding="utf-8")
    write(minimal_data, "countries", "testland", COUNTRY.format(measure="common-culture", status="partly"))
    write(minimal_data, "editions", "testland", EDITION.format(languages="fr, en"))
    (message,) = problems(minimal_data)
    assert "language 'fr' is not a language of Testland" in message


def test_rejects_an_edition_for_a_missing_country(minimal_data: Path) -> None:
    write(minimal_data, "editions", "testland", EDITION.format(languages="en").replace(
        "country: testland", "country: nowhere"))
    (message,) = problems(minimal_data)
    assert "country: country 'nowhere' does not exist in countries/" in message


def test_rejects_an_edition_without_english(minimal_data: Path) -> None:
    site = minimal_data / "site.yaml"
    site.write_text(site.read_text() + "  - code: fr\n    name: Français\n    english_name: French\n"
                    "    script: Latn\n", encoding="utf-8")
    write(minimal_data, "countries", "testland", COUNTRY.format(measure="common-culture", status="partly").replace(
        "code: xx", "code: fr"))
    write(minimal_data, "editions", "testland", EDITION.format(languages="fr"))
    (message,) = problems(minimal_data)
    assert "expected 'en' among the languages" in message


def test_the_command_line_reports_every_problem_with_its_position(minimal_data: Path) -> None:
    write(minimal_data, "countries", "testland", COUNTRY.format(measure="no-such-measure", status="finished"))
    result = run_cli("validate", "--data", str(minimal_data))
    assert result.returncode == 1
    assert "countries/testland.yaml" in result.stderr
    assert "got 'finished'" in result.stderr
    assert "problem" in result.stderr


def test_the_real_data_is_complete() -> None:
    """Every CyberCrime@IPA area and the other five countries have a file, an edition and sources."""
    dataset = real_dataset()
    ids = {c.id for c in dataset.countries}
    assert ids == {"albania", "bosnia-and-herzegovina", "croatia", "montenegro", "serbia", "north-macedonia",
                   "turkey", "kosovo", "georgia", "romania", "france", "ukraine", "india"}
    assert {c.id for c in dataset.countries if c.cybercrime_ipa} == ids - {"georgia", "romania", "france",
                                                                            "ukraine", "india"}
    assert {e.country for e in dataset.editions} == ids
    kosovo = next(c for c in dataset.countries if c.id == "kosovo")
    assert kosovo.designation is not None and "1244" in kosovo.designation.footnote
    india = next(c for c in dataset.countries if c.id == "india")
    assert india.budapest_convention.status == "not-party"
    albania = next(e for e in dataset.editions if e.id == "albania")
    assert albania.languages == ["sq", "en"]
    assert len(dataset.practices) >= 8
    for country in dataset.countries:
        assert country.budapest_convention.sources
        for event in country.timeline:
            assert event.sources


def test_every_country_is_assessed_per_measure_with_sources() -> None:
    """13 x 24 cells; every status but unknown carries a note and a source (the first landing carried 68)."""
    dataset = real_dataset()
    measures = [m.id for m in dataset.guidelines.ordered_measures()]
    assert len(dataset.countries) == 13 and len(measures) == 24
    assessed = 0
    for country in dataset.countries:
        assert [entry.measure for entry in country.measures] == measures, country.id
        for entry in country.measures:
            if entry.status != "unknown":
                assert entry.note and entry.sources, (country.id, entry.measure)
                assert all(s.title.strip() for s in entry.sources)
                assessed += 1
    assert assessed >= 60
