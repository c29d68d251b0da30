"""The pages made from countries, practices and the workshop: the matrix, a page per country, the block on
each paragraph page, a page per practice, the MoU outline builder and the workshop agenda and handout."""

from __future__ import annotations

import re
from types import SimpleNamespace

import pytest

from scripts.data import load_dataset
from scripts.pages import generate_pages
from tests.conftest import DATA


@pytest.fixture(scope="module")
def dataset():
    return load_dataset(DATA)


@pytest.fixture(scope="module")
def pages(dataset) -> dict[str, str]:
    return {page.path: page.content for page in generate_pages(dataset, "en")}


def test_matrix_has_one_accessible_table_per_part(pages, dataset) -> None:
    matrix = pages["countries/index.md"]
    assert matrix.count('<table class="status-matrix"') == len(dataset.guidelines.sections)
    for section in dataset.guidelines.sections:
        assert f'aria-labelledby="matrix-{section.id}"' in matrix
    # a header for every paragraph and every country, with scope
    assert len(re.findall(r'<th scope="col" markdown="span">\[\d+', matrix)) == 59
    assert matrix.count('<th scope="row"') == len(dataset.countries) * len(dataset.guidelines.sections)
    # a legend that names every status, and status cells carrying a word, not only a colour or symbol
    for word in ("Not assessed", "Planned", "In progress", "In place"):
        assert word in matrix
    assert 'class="visually-hidden">In progress</span>' in matrix
    assert 'aria-describedby="status-legend"' in matrix and "{: #status-legend }" in matrix


def test_matrix_cells_follow_the_data(pages) -> None:
    matrix = pages["countries/index.md"]
    rows = {m.group(1): m.group(0) for m in re.finditer(r'<tr markdown="1">\n<th scope="row" markdown="span">'
                                                        r'\[([^\]]+)\].*?</tr>', matrix, re.S)}
    # Ukraine's working group (July 2009): paragraph 13 in progress, linked to its note; 14 not assessed
    common = matrix[matrix.index("matrix-common-measures"):matrix.index("matrix-law-enforcement")]
    ukraine = re.search(r'\[Ukraine\].*?</tr>', common, re.S).group(0)
    cells = re.findall(r"<td markdown=\"span\">(.*?)</td>", ukraine)
    assert len(cells) == 7  # paragraphs 10-16
    assert "status-mark--in-progress" in cells[3] and "ukraine.md#status-13" in cells[3]
    assert "status-mark--not-assessed" in cells[4] and "](" not in cells[4]
    assert rows


def test_country_page_says_unknown_and_cites_sources(pages) -> None:
    serbia = pages["countries/serbia.md"]
    assert "**Signed**: *Unknown*" in serbia
    assert "Domestic provision: *Unknown*" in serbia
    albania = pages["countries/albania.md"]
    assert "Criminal Procedure Code, Article 191/a" in albania
    assert "**Signed**: 2001-11-23" in albania
    assert "cjad.nottingham.ac.uk" in albania  # the source of the production provision
    kosovo = pages["countries/kosovo.md"]
    assert kosovo.startswith("---")
    assert "Security Council Resolution 1244" in kosovo
    assert "**Signed**: Not applicable" in kosovo
    ukraine = pages["countries/ukraine.md"]
    assert "{#status-13}" in ukraine and "In progress" in ukraine and "2009-07" in ukraine


def test_every_paragraph_page_says_how_the_countries_stand(pages, dataset) -> None:
    for paragraph in dataset.guidelines.paragraphs:
        page = pages[f"guidelines/{paragraph.number}.md"]
        assert "## How the countries stand" in page
    thirteen = pages["guidelines/13.md"]
    block = thirteen[thirteen.index("## How the countries stand"):]
    in_progress = next(line for line in block.splitlines() if "status-mark--in-progress" in line)
    for name in ("France", "Ukraine"):
        assert name in in_progress
    assert "Albania" not in in_progress
    assert "status-mark--not-assessed" in block and "Albania" in block


def test_a_page_per_practice_with_paragraphs_checklist_and_sourced_examples(pages, dataset) -> None:
    assert {p.id for p in dataset.practices} >= {
        "memorandum-of-understanding", "criminal-compliance-programme", "single-point-of-contact", "contact-24-7",
        "standard-formats", "joint-training", "coordination-among-providers", "incident-reporting"}
    for practice in dataset.practices:
        page = pages[f"practices/{practice.id}.md"]
        for number in practice.paragraphs:
            assert f"](../guidelines/{number}.md)" in page
        assert page.count("\n1. ") == len(practice.checklist)
        assert "mou-outline.md?practices=" + practice.id in page
        if not practice.examples:
            assert "No country example with a source is recorded yet." in page
    mou = pages["practices/memorandum-of-understanding.md"]
    assert "[France](../countries/france.md) (2009)" in mou


def test_mou_builder_holds_every_clause_and_paragraph_hidden(pages, dataset) -> None:
    page = pages["practices/mou-outline.md"]
    for practice in dataset.practices:
        assert f'data-mou-clause="{practice.id}" hidden' in page
        assert f'data-mou-practice="{practice.id}" data-mou-paragraphs="{" ".join(map(str, practice.paragraphs))}"' \
            in page
    for paragraph in dataset.guidelines.paragraphs:
        assert f'data-mou-commitment="{paragraph.number}" hidden' in page
        assert f'data-mou-paragraph="{paragraph.number}"' in page
    assert "data-mou-print" in page and "data-mou-template=" in page


def test_workshop_agenda_and_handout(pages, dataset) -> None:
    agenda = pages["workshop/durres-2011.md"]
    for first, last in ((10, 16), (17, 40), (41, 59)):
        assert f"[{first}–{last}](../guidelines/{first}.md)" in agenda
    for time in ("08:45–09:00", "09:00–11:00", "11:15–12:00", "14:30–16:00"):
        assert time in agenda
    handout = pages["workshop/durres-2011-handout.md"]
    # the handout lists every paragraph of the service-provider range under session 6
    session = handout[handout.index("{#session-6b}"):handout.index("{#session-7}")]
    for number in range(41, 60):
        assert f"- [{number}. " in session
    assert "data-print-page" in handout
    assert "Why cooperation matters" in agenda  # a linked training module


def test_an_edition_puts_its_country_first_and_on_the_front_page(dataset) -> None:
    edition = SimpleNamespace(id="ukraine", country="ukraine", languages=["en"])
    pages = {p.path: p.content for p in generate_pages(dataset, "en", edition=edition)}
    assert "index.md" in pages and "\n# Ukraine\n" in pages["index.md"]
    assert "](countries/ukraine.md#status-13)" not in pages["index.md"]  # links made from the front page
    assert "](guidelines/13.md)" in pages["index.md"]
    matrix = pages["countries/index.md"]
    first_row = re.search(r'<th scope="row" markdown="span">\[([^\]]+)\]', matrix).group(1)
    assert first_row == "Ukraine"
    thirteen = pages["guidelines/13.md"]
    block = thirteen[thirteen.index("## How the countries stand"):]
    assert block.index("Ukraine") < block.index("France")
    full = {p.path: p.content for p in generate_pages(dataset, "en")}
    assert "index.md" not in full
    assert re.search(r'<th scope="row" markdown="span">\[([^\]]+)\]', full["countries/index.md"]).group(1) == "Albania"
