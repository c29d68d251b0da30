"""Issue 10: the guidelines as they are known. Measures are the unit of reading; paragraph numbers carry only what a
source establishes; nothing anywhere holds a made-up heading or summary for a paragraph."""

from __future__ import annotations

import re
from pathlib import Path

import polib
import pytest
from playwright.sync_api import expect

from scripts.data import load_dataset
from scripts.pages import generate_pages
from tests.conftest import DATA, real_dataset, real_pages, run_cli

#: what filler looks like: a heading that only "continues" another, or a summary that says nothing but which measure
#: a number is under
FILLER_HEADING = re.compile(r"[,(]?\s*\b(continued|concluded)\)?\.?\s*$", re.I)
FILLER_SUMMARY = re.compile(r"second paragraph under|paragraph under the measure|belongs to the measure|"
                            r"(this|the) paragraph (belongs|relates) to", re.I)


def is_filler(text: str) -> bool:
    """A heading-like string (one short line) ending in continued/concluded, or a who-belongs-where summary."""
    one_line = "\n" not in text.strip() and len(text) <= 120
    return bool((one_line and FILLER_HEADING.search(text)) or FILLER_SUMMARY.search(text))


@pytest.fixture(scope="module")
def dataset():
    return real_dataset()


def test_the_24_measures_in_their_sections_and_order(dataset) -> None:  # noqa: ANN001
    guidelines = dataset.guidelines
    assert [(s.id, s.first, s.last) for s in guidelines.sections] == [
        ("introduction", 1, 9), ("common-measures", 10, 16), ("law-enforcement", 17, 40),
        ("service-providers", 41, 59)]
    assert [len(guidelines.measures_in(s.id)) for s in guidelines.sections] == [0, 5, 9, 10]
    headings = [m.heading for m in guidelines.ordered_measures()]
    assert headings[0] == "Develop a culture of cooperation"
    assert headings[13] == "International requests: the 24/7 network and formal mutual legal assistance"
    assert headings[-1] == "Coordination among service providers"


def test_every_measure_is_explained_and_sourced(dataset) -> None:  # noqa: ANN001
    sources = {s.id: s for s in dataset.guidelines.sources}
    for measure in dataset.guidelines.measures:
        assert measure.guidance.word_count() >= 150, measure.id
        assert measure.established and all(st.sources for st in measure.established), measure.id
        assert all(source in sources for st in measure.established for source in st.sources)
        # what a source states is told apart from our guidance: no guidance part claims to quote the guidelines
        for _, text in measure.guidance.parts():
            assert not re.search(r"\bthe guidelines (say|state|provide)\b", text, re.I), measure.id


def test_paragraphs_hold_only_what_is_established(dataset) -> None:  # noqa: ANN001
    paragraphs = dataset.guidelines.paragraphs
    assert [p.number for p in paragraphs] == list(range(1, 60))
    assert dataset.guidelines.established_numbers() == {1, 2}
    one, two = paragraphs[0], paragraphs[1]
    for word in ("information society", "personal data", "privacy", "cybersecurity", "cybercrime"):
        assert word in one.content.summary.replace("\n", " ")
    assert "World Summits on the Information Society (Geneva 2003, Tunis 2005)" in two.content.summary.replace("\n", " ")
    assert two.content.partial and not two.content.verified
    for paragraph in paragraphs[2:]:
        assert paragraph.content == "unknown"
        assert paragraph.measure in (None, "unknown")  # no source says which measure a number carries


def test_no_filler_in_the_data_the_pages_or_the_catalogs(dataset) -> None:  # noqa: ANN001
    guidelines = dataset.guidelines
    texts = [m.heading for m in guidelines.measures] + [s.title for s in guidelines.sections]
    texts += [p.content.summary for p in guidelines.paragraphs if p.established]
    assert not [t for t in texts if is_filler(t)]
    for page in real_pages():
        if page.path.startswith("guidelines/") and isinstance(page.content, str):
            headings = [line.lstrip("#").strip() for line in page.content.splitlines() if line.startswith("#")]
            assert not [h for h in headings if is_filler(h)], page.path
            assert not FILLER_SUMMARY.search(page.content), page.path
    for catalog in sorted((DATA / "locales").glob("*.po*")):
        for entry in polib.pofile(str(catalog)):
            # the Durrès agenda's own session title ("... (continued)") is a historical fact, quoted as published
            if all(name.startswith("guidelines_data/workshops/") for name, _ in entry.occurrences):
                continue
            assert not is_filler(entry.msgid), (catalog.name, entry.msgid)


def test_the_filler_pattern_would_catch_the_old_guesses() -> None:
    for guess in ("Criminal compliance, continued", "Coordination, concluded",
                  "Second paragraph under the measure on verification."):
        assert is_filler(guess)
    assert not is_filler("The presentation asks whether agreements have been concluded, and how.")


def test_status_command_counts_what_is_known() -> None:
    result = run_cli("guidelines", "status")
    assert result.returncode == 0, result.stderr
    assert "content established by a source: 2 (1, 2)" in result.stdout
    assert "content unknown: 57" in result.stdout
    assert re.search(r"Countries x measures: 13 x 24 = 312 cells, (\d+) assessed with sources", result.stdout)


def test_a_verified_paragraph_shows_as_verified(tmp_path: Path) -> None:
    """Closing the gap: a maintainer records a paragraph's measure and summary with a source, then marks it
    verified; the paragraph-numbers page and the status command follow."""
    import shutil

    data = tmp_path / "data"
    shutil.copytree(DATA, data)
    path = data / "guidelines.yaml"
    text = path.read_text(encoding="utf-8")
    text = text.replace("  - {number: 17, section: law-enforcement, measure: unknown, content: unknown}\n",
                        "  - number: 17\n    section: law-enforcement\n    measure: le-strategic-cooperation\n"
                        "    measure_sources: [tbilisi-2010]\n    content:\n"
                        "      summary: A test summary checked against the official text.\n"
                        "      sources: [tbilisi-2010]\n      verified: true\n")
    path.write_text(text, encoding="utf-8")
    result = run_cli("guidelines", "status", "--data", str(data))
    assert result.returncode == 0, result.stderr
    assert "content established by a source: 3 (1, 2, 17)" in result.stdout
    assert "of which verified against the official text: 1" in result.stdout
    assert "measure established (of 50 in the measure sections): 1" in result.stdout
    pages = {p.path: p.content for p in generate_pages(load_dataset(data), "en")}
    numbers = pages["guidelines/paragraphs.md"]
    row = next(line for line in numbers.splitlines() if 'id="paragraph-17"' in line)
    assert "le-strategic-cooperation.md" in row and "checked against the official text" in row
    assert "[17](paragraphs.md#paragraph-17)" in pages["guidelines/le-strategic-cooperation.md"]


@pytest.mark.browser
@pytest.mark.parametrize("language", ["ka", "sr"])
def test_a_measure_page_shows_countries_and_quiz_questions(site_url: str, recorded_page, language: str,  # noqa: ANN001
                                                           dataset) -> None:  # noqa: ANN001
    page = recorded_page.page
    page.goto(f"{site_url}{language}/guidelines/le-international/")
    expect(page.locator("html")).to_have_attribute("lang", language)
    countries = page.locator("xpath=//h2[@id='countries']/following::table[1]")  # Material wraps tables in divs
    rows = countries.locator("tbody tr")
    expect(rows).to_have_count(len(dataset.countries))
    marks = countries.locator(".status-mark")
    assert marks.count() == len(dataset.countries)
    assessed = [c for c in dataset.countries if c.status_value("le-international") != "unknown"]
    assert countries.locator("a[href*='#status-le-international']").count() == len(assessed) > 0
    questions = [q for quiz in dataset.training_quiz for q in quiz.questions if "le-international" in q.measures]
    training = page.locator("#training ~ ul").first
    expect(training.locator("li")).to_have_count(len(questions))
    assert recorded_page.foreign_requests() == []


@pytest.mark.browser
def test_the_numbers_page_links_number_1_to_what_is_known(site_url: str, recorded_page) -> None:  # noqa: ANN001
    page = recorded_page.page
    page.goto(f"{site_url}guidelines/paragraphs/")
    row = page.locator("tr", has=page.locator("#paragraph-1"))
    row.get_by_role("link").first.click()
    expect(page).to_have_url(re.compile(r"/guidelines/introduction/#paragraph-1$"))
    expect(page.locator("#paragraph-1")).to_be_visible()
    page.goto(f"{site_url}guidelines/paragraphs/")
    seventeen = page.locator("tr", has=page.locator("#paragraph-17"))
    expect(seventeen).to_contain_text("Unknown")
    assert seventeen.get_by_role("link").count() == 0
    assert recorded_page.foreign_requests() == []
