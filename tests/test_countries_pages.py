"""The pages made from countries, practices and the workshop: the matrix, a page per country, the block on
each measure page, a page per practice, the MoU outline builder and the workshop agenda and handout."""

from __future__ import annotations

import re
from pathlib import Path
from types import SimpleNamespace

import pytest

from scripts.pages import generate_pages
from scripts.pages.context import identity
from scripts.pages.names import fill_markdown, mark, names_of
from tests.conftest import DATA, real_dataset, real_pages


@pytest.fixture(scope="module")
def dataset():
    return real_dataset()


@pytest.fixture(scope="module")
def pages(dataset) -> dict[str, str]:
    return {page.path: page.content for page in real_pages()}


def parts_of(dataset) -> list:
    """The parts of the guidelines that have measures: each has its matrix page."""
    return [s for s in dataset.guidelines.sections if dataset.guidelines.measures_in(s.id)]


def test_matrix_has_one_accessible_table_per_part(pages, dataset) -> None:
    parts = parts_of(dataset)
    assert len(parts) == 3
    columns = 0
    for section in parts:
        # a page of its own for each part, with one table, labelled by the page's title (the part's title)
        matrix = pages[f"countries/matrix-{section.id}.md"]
        assert matrix.count('<table class="status-matrix"') == 1
        assert f"# How the countries stand, measure by measure: {section.title} {{#matrix-{section.id}}}" in matrix
        assert f'aria-labelledby="matrix-{section.id}"' in matrix
        # a header for every measure of the part and every country, with scope
        columns += len(re.findall(r'<th scope="col" markdown="span">\[\d+', matrix))
        assert matrix.count('<th scope="row"') == len(dataset.countries) == 13
        # a legend that names every status, and status cells carrying a word, not only a colour or symbol (their
        # marks filled as a renderer is given them)
        shown = fill_markdown(matrix, names_of(dataset.guidelines.measures, identity, dataset.ui.labels))
        for word in ("Unknown", "Not in place", "Partly in place", "In place"):
            assert f'<span class="status-mark__label">{word}</span>' in shown
        cells = re.findall(r'<td markdown="span">(.*?)</td>', shown)
        assert len(cells) == 13 * len(dataset.guidelines.measures_in(section.id))
        for cell in cells:
            word = re.search(r' title="([^"]+)"', cell).group(1)
            assert f'<span class="visually-hidden">{word}</span>' in cell, cell
        assert 'class="visually-hidden">Partly in place</span>' in shown
        assert 'aria-describedby="status-legend"' in matrix and "{: #status-legend }" in matrix
        # the measure key under the table, Kosovo's footnote, and the way back to the countries page
        assert "{: .status-matrix-key }" in matrix and "{: .designation-footnote }" in matrix
        assert matrix.rstrip().endswith("[Country adaptations](index.md#matrix)")
    assert columns == 24  # 13 countries x 24 measures in all, in three tables
    # the countries page: the summary (how complete each assessment is), the legend, and a link to each part's
    # matrix under the heading the other pages link to, but no matrix
    index = pages["countries/index.md"]
    assert "measures assessed, with sources" in index
    assert "{: #status-legend }" in index and "{#matrix-summary}" in index
    assert '<table class="status-matrix"' not in index
    block = index[index.index("{#matrix}"):index.index("{: #status-legend }")]
    assert re.findall(r"^- \[(.+?)\]\((matrix-[a-z-]+\.md)\)$", block, re.MULTILINE) == [
        (s.title, f"matrix-{s.id}.md") for s in parts]


def test_matrix_pages_stand_before_the_countries_in_the_navigation(dataset) -> None:
    navs = [(p.path, p.nav) for p in real_pages() if p.path.startswith("countries/") and p.nav]
    assert all(nav.parent == "countries/index.md" for _, nav in navs)
    ordered = [path for path, _ in sorted(navs, key=lambda item: item[1].order)]
    parts = parts_of(dataset)
    assert ordered[:len(parts)] == [f"countries/matrix-{s.id}.md" for s in parts]
    assert len(ordered) == len(parts) + len(dataset.countries)
    for path, nav in navs:
        assert nav.groups == (("How the countries stand, measure by measure",) if "/matrix-" in path else ())


def test_matrix_cells_follow_the_data(pages, dataset) -> None:
    matrix = pages["countries/matrix-common-measures.md"]
    france = next(c for c in dataset.countries if c.id == "france")
    row = re.search(r'\[France\].*?</tr>', matrix, re.S).group(0)
    cells = re.findall(r"<td markdown=\"span\">(.*?)</td>", row)
    measures = dataset.guidelines.measures_in("common-measures")
    assert len(cells) == len(measures) == 5
    for cell, measure in zip(cells, measures):
        status = france.status_value(measure.id)
        assert cell.count(mark("statusicon", status)) == 1 and "status-mark" not in cell
        # an assessed cell links to its note and sources; an unknown one links nowhere
        assert (f"france.md#status-{measure.id}" in cell) == (status != "unknown"), cell


def test_country_page_says_unknown_and_cites_sources(pages, dataset) -> None:
    serbia = pages["countries/serbia.md"]
    assert "**Signed**: *Unknown*" in serbia
    assert "Domestic provision: *Unknown*" in serbia
    albania = pages["countries/albania.md"]
    assert "Criminal Procedure Code, Article 191/a" in albania
    assert "**Signed**: 23 November 2001" in albania  # British English, with Babel
    assert "cjad.nottingham.ac.uk" in albania  # the source of the production provision
    kosovo = pages["countries/kosovo.md"]
    assert kosovo.startswith("---")
    assert "Security Council Resolution 1244" in kosovo
    assert "**Signed**: Not applicable" in kosovo
    for country in dataset.countries:
        page = pages[f"countries/{country.id}.md"]
        assert f"{country.assessed_count()} of 24 measures assessed, with sources" in page
        for entry in country.measures:
            assert (f"{{#status-{entry.measure}}}" in page) == (entry.status != "unknown")
            if entry.status != "unknown":
                assert entry.sources[0].title in page


def test_every_measure_page_says_how_every_country_stands(pages, dataset) -> None:
    for measure in dataset.guidelines.measures:
        page = pages[f"guidelines/{measure.id}.md"]
        block = page[page.index("## How the countries stand"):]
        rows = [line for line in block.splitlines() if line.startswith("| [")]
        assert len(rows) == len(dataset.countries)
        for country, row in zip(sorted(dataset.countries, key=lambda c: c.name.casefold()), rows):
            status = country.status_value(measure.id)
            assert f"[{country.name}]" in row and mark("status", status) in row
            entry = country.status_of(measure.id)
            if entry.note:
                assert entry.note.split()[0] in row
        # the way to the matrix of the measure's part
        assert f"[All countries and measures](../countries/matrix-{measure.section}.md)" in block


def test_a_page_per_practice_with_measures_checklist_and_sourced_examples(pages, dataset) -> None:
    assert {p.id for p in dataset.practices} >= {
        "memorandum-of-understanding", "criminal-compliance-programme", "single-point-of-contact", "contact-24-7",
        "standard-formats", "joint-training", "coordination-among-providers", "incident-reporting"}
    for practice in dataset.practices:
        page = pages[f"practices/{practice.id}.md"]
        for measure in practice.measures:
            assert f"](../guidelines/{measure}.md)" in page
        assert page.count("\n1. ") == len(practice.checklist)
        assert "mou-outline.md?practices=" + practice.id in page
        if not practice.examples:
            assert "No country example with a source is recorded yet." in page
    mou = pages["practices/memorandum-of-understanding.md"]
    assert "[France](../countries/france.md) (2009)" in mou


def test_mou_builder_holds_every_clause_and_measure_hidden(pages, dataset) -> None:
    page = pages["practices/mou-outline.md"]
    for practice in dataset.practices:
        assert f'data-mou-clause="{practice.id}" hidden' in page
        assert f'data-mou-practice="{practice.id}" data-mou-measures="{" ".join(practice.measures)}"' in page
    for measure in dataset.guidelines.measures:
        assert f'data-mou-commitment="{measure.id}" hidden' in page
        assert f'data-mou-measure="{measure.id}"' in page
    assert "data-mou-print" in page and "data-mou-template=" in page


def test_workshop_agenda_and_handout(pages, dataset) -> None:
    agenda = pages["workshop/durres-2011.md"]
    for first, last, section in ((10, 16, "common-measures"), (17, 40, "law-enforcement"),
                                 (41, 59, "service-providers")):
        assert f"[{first}–{last}](../guidelines/index.md#{section})" in agenda
    for time in ("08:45–09:00", "09:00–11:00", "11:15–12:00", "14:30–16:00"):
        assert time in agenda
    handout = pages["workshop/durres-2011-handout.md"]
    # the handout lists every measure of the service-provider range under session 6, with what it asks
    session = handout[handout.index("{#session-6b}"):handout.index("{#session-7}")]
    for measure in dataset.guidelines.measures_in("service-providers"):  # named by the mark of its name
        assert f"[{mark('name', measure.id)}](../guidelines/{measure.id}.md): {measure.guidance.asks.split()[0]}" \
            in session
    assert "data-print-page" in handout
    assert "Why cooperation matters" in agenda  # a linked training module


@pytest.mark.site  # builds of its own
def test_an_edition_puts_its_country_first_and_on_the_front_page(dataset) -> None:
    edition = SimpleNamespace(id="ukraine", country="ukraine", languages=["en"])
    pages = {p.path: p.content for p in generate_pages(dataset, "en", edition=edition)}
    assert "index.md" in pages and "\n# Ukraine\n" in pages["index.md"]
    assert "](countries/ukraine.md#status-le-international)" not in pages["index.md"]  # made from the front page
    assert "](guidelines/le-international.md)" in pages["index.md"]
    for section in parts_of(dataset):
        matrix = pages[f"countries/matrix-{section.id}.md"]
        first_row = re.search(r'<th scope="row" markdown="span">\[([^\]]+)\]', matrix).group(1)
        assert first_row == "Ukraine"
    assert pages["countries/index.md"].index("[Ukraine]") < pages["countries/index.md"].index("[Albania]")
    measure = pages["guidelines/le-international.md"]
    block = measure[measure.index("## How the countries stand"):]
    assert block.index("Ukraine") < block.index("France")
    full = {p.path: p.content for p in real_pages()}
    assert "index.md" not in full
    assert re.search(r'<th scope="row" markdown="span">\[([^\]]+)\]',
                     full["countries/matrix-law-enforcement.md"]).group(1) == "Albania"


def countries_pages(dataset) -> dict[str, int]:
    """The size in bytes of every page the countries generator writes (in English) from ``dataset``."""
    from scripts.pages import countries
    from scripts.pages.context import RenderContext

    return {p.path: len(p.content.encode("utf-8")) for p in countries.generate(RenderContext(dataset, "en"))}


@pytest.mark.site  # makes, loads and cross-checks ten times the data (several seconds), as test_benchmark_synthetic
def test_no_countries_page_grows_with_countries_times_measures(tmp_path: Path, dataset) -> None:
    from scripts.benchmark.synthetic import make_larger_dataset
    from scripts.data import load_dataset

    make_larger_dataset(DATA, tmp_path / "data-10x", factor=10)
    large = load_dataset(tmp_path / "data-10x")  # 130 countries, 240 measures in 30 parts
    small, big = countries_pages(dataset), countries_pages(large)
    assert len(large.countries) == 10 * len(dataset.countries)
    # no page of the countries (the overview, a matrix, a country) reaches 1 MiB of Markdown at ten times the data
    too_large = {path: size for path, size in big.items() if size > 2**20}
    assert too_large == {}, f"pages over 1 MiB at 10x: {too_large}"
    # the overview and each part's matrix grow with the countries or with the parts, not with both: ten times
    # the countries and ten times the measures make each at most ten times larger (and a little: the copies'
    # names and ids are longer), where a page holding countries x measures would be a hundred times larger
    parts = parts_of(large)
    assert len(parts) == 10 * len(parts_of(dataset))
    grown = {"countries/index.md": big["countries/index.md"] / small["countries/index.md"]}
    for section in parts:
        original = re.sub(r"-\d+$", "", section.id)  # the part it is a copy of
        grown[f"countries/matrix-{section.id}.md"] = (big[f"countries/matrix-{section.id}.md"]
                                                    / small[f"countries/matrix-{original}.md"])
    assert max(grown.values()) < 12, {path: round(ratio, 1) for path, ratio in grown.items() if ratio >= 12}
