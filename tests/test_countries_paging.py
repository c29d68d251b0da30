"""No page grows with countries times measures (issue 16): past its limit, a measure page counts the countries at
each status, and a country's statuses move to status pages of whole parts. The real data stays under both limits;
the data set three times larger (the benchmark's synthetic set) goes over both."""

from __future__ import annotations

import os
import posixpath
import re
import subprocess
import sys
from pathlib import Path
from types import SimpleNamespace

import pytest
from playwright.sync_api import expect

from scripts.benchmark.synthetic import make_larger_dataset
from scripts.data import load_dataset
from scripts.i18n.translator import load_translator
from scripts.pages import generate_pages
from scripts.pages.context import identity
from scripts.pages.countries import COUNTRY_PAGE_STATUSES, MEASURE_PAGE_COUNTRIES, StatusPages
from scripts.pages.names import CLOSE, fill_markdown, names_of
from scripts.pages.routes import country_path, country_status_path, matrix_path, measure_path, status_anchor
from tests.conftest import DATA, ROOT, real_dataset, real_pages, run_cli_process, serve
from tests.test_accessibility import axe_problems

STATUS_PAGE = re.compile(r"^countries/[^/]+/measures-\d+\.md$")
#: a Markdown link with its target: [text](target)
LINK = re.compile(r"\]\(([^)\s]+)\)")


@pytest.fixture(scope="module")
def larger(tmp_path_factory: pytest.TempPathFactory):  # noqa: ANN201 - (Dataset, {path: Page})
    folder = tmp_path_factory.mktemp("data") / "x3"
    make_larger_dataset(DATA, folder, factor=3)
    dataset = load_dataset(folder)
    return dataset, {page.path: page for page in generate_pages(dataset, "en")}


def anchors(markdown: str) -> set[str]:
    return set(re.findall(r"\{#([a-z0-9-]+)\}", markdown))


def resolve(here: str, target: str) -> tuple[str, str]:
    """A relative link of the page ``here`` as (page path, anchor)."""
    path, _, anchor = target.partition("#")
    return (posixpath.normpath(posixpath.join(posixpath.dirname(here), path)) if path else here), anchor


def test_the_real_data_stays_under_both_limits_and_its_pages_are_whole() -> None:
    dataset = real_dataset()
    assert len(dataset.countries) <= MEASURE_PAGE_COUNTRIES
    assert len(dataset.guidelines.measures) <= COUNTRY_PAGE_STATUSES
    assert not StatusPages(dataset.guidelines).paged
    pages = {page.path: page for page in real_pages()}
    assert not [path for path in pages if STATUS_PAGE.match(path)]
    assert all(page.in_nav for page in pages.values())
    # each measure page gives every country with its note, each country page every status
    measure = pages[measure_path("le-strategic-cooperation")].content
    assert measure.count("| [") >= len(dataset.countries) and "| Countries and areas |" not in measure
    for country in dataset.countries:
        content = pages[country_path(country.id)].content
        assessed = {status_anchor(e.measure) for e in country.measures if e.assessed}
        assert assessed <= anchors(content)


def test_the_larger_data_goes_over_both_limits(larger) -> None:
    dataset, _ = larger
    assert len(dataset.countries) > MEASURE_PAGE_COUNTRIES
    assert len(dataset.guidelines.measures) > COUNTRY_PAGE_STATUSES


def test_status_pages_hold_whole_parts_in_order_up_to_the_limit(larger) -> None:
    dataset, _ = larger
    guidelines = dataset.guidelines
    status_pages = StatusPages(guidelines)
    assert status_pages.paged and len(status_pages.chunks) > 1
    parts = [s for s in guidelines.sections if guidelines.measures_in(s.id)]
    assert [s.id for chunk in status_pages.chunks for s in chunk] == [s.id for s in parts]  # each once, in order
    for chunk in status_pages.chunks:
        size = sum(len(guidelines.measures_in(s.id)) for s in chunk)
        assert size <= COUNTRY_PAGE_STATUSES or len(chunk) == 1
    for number, chunk in enumerate(status_pages.chunks, start=1):
        for section in chunk:
            for measure in guidelines.measures_in(section.id):
                assert status_pages.of("xx", measure.id) == country_status_path("xx", number)


def test_every_status_is_on_one_status_page_of_its_country_and_none_on_the_country_page(larger) -> None:
    dataset, pages = larger
    status_pages = StatusPages(dataset.guidelines)
    for country in dataset.countries:
        main = pages[country_path(country.id)]
        assert main.in_nav and main.nav is not None
        own = [pages[country_status_path(country.id, n)] for n in range(1, len(status_pages.chunks) + 1)]
        assert all(not page.in_nav and page.nav is None for page in own)
        assert not {a for a in anchors(main.content) if a.startswith("status-")}
        # the country page links to each of its status pages
        targets = {resolve(main.path, t)[0] for t in LINK.findall(main.content)}
        assert {page.path for page in own} <= targets
        found: list[str] = []
        for page in own:
            found += [a for a in anchors(page.content) if a.startswith("status-")]
            assert page.content.count("\n#### ") <= COUNTRY_PAGE_STATUSES
        assessed = [status_anchor(e.measure) for e in country.measures if e.assessed]
        assert sorted(found) == sorted(assessed)  # each assessed status once, on one of its pages
    assert not [path for path in pages if STATUS_PAGE.match(path)
                and path.split("/")[1] not in {c.id for c in dataset.countries}]


def test_every_link_to_a_status_leads_to_the_page_that_has_it(larger) -> None:
    dataset, pages = larger
    checked = 0
    for path, page in pages.items():
        if not isinstance(page.content, str):
            continue
        for target in LINK.findall(page.content):
            if "#status-" not in target or target.startswith(("http:", "https:")):
                continue
            where, anchor = resolve(path, target)
            assert where in pages, (path, target)
            assert anchor in anchors(pages[where].content), (path, target)
            checked += 1
    # every matrix cell with a status links to it
    matrices = [pages[matrix_path(s.id)] for s in dataset.guidelines.sections if dataset.guidelines.measures_in(s.id)]
    cells = sum(m.content.count("<td markdown=\"span\">[") for m in matrices)
    assert checked >= cells > 0


def test_a_measure_page_with_many_countries_counts_them_instead_of_listing_them(larger) -> None:
    dataset, pages = larger
    measure = dataset.guidelines.ordered_measures()[5]
    content = pages[measure_path(measure.id)].content
    # as a renderer is given it: the statuses' marks filled with their HTML, which holds their labels
    block = fill_markdown(content[content.index("{#countries}"):],
                          names_of(dataset.guidelines.measures, identity, dataset.ui.labels))
    assert "| Status | Countries and areas |" in block
    counts = {word: int(n) for word, n in re.findall(r'class="status-mark__label">([^<]+)</span></span> \| (\d+) \|',
                                                     block)}
    expected = {"In place": "in-place", "Partly in place": "partly", "Not in place": "not-in-place",
                "Unknown": "unknown"}
    assert counts == {word: sum(1 for c in dataset.countries if c.status_value(measure.id) == status)
                      for word, status in expected.items()}
    assert sum(counts.values()) == len(dataset.countries)
    # no country is listed, no note is given; the matrix of its part is linked
    assert not any(f"]({posixpath.relpath(country_path(c.id), 'guidelines')})" in block for c in dataset.countries)
    assert f"]({posixpath.relpath(matrix_path(measure.section), 'guidelines')})" in block


def test_an_edition_past_the_limit_still_gives_its_own_country_row_above_the_counts(larger) -> None:
    dataset, _ = larger
    own = next(c for c in dataset.countries if any(e.assessed and e.note for e in c.measures))
    entry = next(e for e in own.measures if e.assessed and e.note)
    edition = SimpleNamespace(id=own.id, country=own.id, languages=["en"])
    pages = {page.path: page.content for page in generate_pages(dataset, "en", edition=edition)}
    measure = dataset.guidelines.measure(entry.measure)
    here = measure_path(measure.id)
    block = pages[here][pages[here].index("{#countries}"):]
    rows = [line for line in block.splitlines() if line.startswith("| [")]
    assert len(rows) == 1 and rows[0].startswith(f"| [{own.name}]"), rows  # its own country, and no other
    assert " ".join(entry.note.split()).replace("|", "\\|") in rows[0]
    link = LINK.findall(rows[0])[1]  # the status mark leads to the status itself
    page, anchor = resolve(here, link)
    assert anchor == status_anchor(measure.id) and anchor in anchors(pages[page])
    # the counts still count every country, after the row
    assert block.index(rows[0]) < block.index("| Status | Countries and areas |")
    counts = [int(n) for n in re.findall(CLOSE + r" \| (\d+) \|", block)]  # after each status's mark
    assert sum(counts) == len(dataset.countries)


def test_the_status_pages_are_translated(larger) -> None:
    dataset, _ = larger
    translate = load_translator(DATA, "fr", dataset.site.default_language)
    fr = {page.path: page for page in generate_pages(dataset, "fr", translate)}
    country = dataset.countries[0]
    page = fr[country_status_path(country.id, 2)].content
    assert re.search(r"^# .+ : état des mesures, page 2 sur \d+$", page, re.MULTILINE), page[:400]
    assert "Les mesures sont trop nombreuses" in fr[country_path(country.id)].content


ENV = {"GUIDELINES_NO_PAPER": "1", "GUIDELINES_NO_CACHE": "1"}


@pytest.fixture(scope="module")
def larger_site(tmp_path_factory: pytest.TempPathFactory):  # noqa: ANN201 - (data folder, Dataset, site folder)
    """The data set three times larger, and its English site built by `python -m scripts build` (strict)."""
    work = tmp_path_factory.mktemp("larger-site")
    data = work / "x3"
    make_larger_dataset(DATA, data, factor=3)
    result = run_cli_process("build", "--data", str(data), "--lang", "en", "--site-dir", str(work / "site"), env=ENV)
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-3000:]
    return data, load_dataset(data), work / "site"


@pytest.mark.slow
def test_a_build_over_both_limits_is_strict_and_leaves_status_pages_out_of_the_navigation(
        larger_site, tmp_path: Path) -> None:
    """MkDocs checks every link and anchor in strict mode, and reports pages left out of the navigation (the
    status pages are marked as reached from other pages): `python -m scripts build` (the fixture) and plain
    `mkdocs build`."""
    data, dataset, site = larger_site
    country = dataset.countries[0]
    html = (site / "countries" / country.id / "measures-1" / "index.html").read_text(encoding="utf-8")
    assert 'id="status-' in html
    # not in the navigation: no sidebar entry leads to a status page
    country_html = (site / "countries" / country.id / "index.html").read_text(encoding="utf-8")
    assert 'href="measures-1/"' in country_html
    sidebar = [tag for tag in re.findall(r"<a\b[^>]*>", country_html) if 'class="md-nav__link' in tag]
    assert any(f'href="../{dataset.countries[1].id}/"' in tag for tag in sidebar)  # the check sees the sidebar
    assert not [tag for tag in sidebar if re.search(r'href="[^"]*measures-\d+/"', tag)]
    # the plugin's way (serve and plain mkdocs build), one language
    plain = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "-d", str(tmp_path / "plain")],
                           cwd=ROOT, capture_output=True, text=True, timeout=900,
                           env={**os.environ, **ENV, "GUIDELINES_DATA_DIR": str(data), "GUIDELINES_LANGUAGE": "fr",
                                "NO_MKDOCS_2_WARNING": "1"})
    assert plain.returncode == 0, plain.stderr[-3000:]
    # one language alone is built at the site's root, as `serve --lang fr` serves it
    built = (tmp_path / "plain" / "countries" / country.id / "measures-1" / "index.html").read_text(encoding="utf-8")
    assert '<html lang="fr"' in built and "état des mesures" in built


@pytest.mark.slow
def test_in_chromium_a_reader_goes_from_the_country_page_to_a_status_and_axe_finds_nothing(
        larger_site, recorded_page) -> None:  # noqa: ANN001
    """What a reader sees over the limits: the country page's table of status pages leads to a status page with
    its statuses; the measure page's count table; and axe-core finds no serious violation on any of them."""
    from axe_playwright_python.sync_playwright import Axe

    _, dataset, site = larger_site
    country = dataset.countries[0]
    measure = dataset.guidelines.ordered_measures()[5]
    page = recorded_page.page
    for url in serve(site):
        page.goto(f"{url}countries/{country.id}/")
        table = page.locator("table", has=page.get_by_role("columnheader", name="Parts of the guidelines"))
        expect(table).to_be_visible()
        table.get_by_role("link").first.click()
        expect(page).to_have_url(f"{url}countries/{country.id}/measures-1/")
        expect(page.locator("article h1")).to_have_text(re.compile(
            rf"^{re.escape(country.name)}: status of the measures, page 1 of \d+"))
        expect(page.locator("article h4").first).to_be_visible()  # a status, with its measure's heading
        page.goto(f"{url}{measure_path(measure.id).removesuffix('.md')}/#countries")
        counts = page.locator("table", has=page.get_by_role("columnheader", name="Countries and areas"))
        expect(counts.get_by_role("row")).to_have_count(1 + 4)  # the header and a row per status
        axe = Axe()
        problems = [problem for path in (f"countries/{country.id}/", f"countries/{country.id}/measures-1/",
                                         f"{measure_path(measure.id).removesuffix('.md')}/")
                    for problem in axe_problems(page, axe, url + path)]
        assert problems == [], "\n".join(problems)
    assert recorded_page.foreign_requests() == [] and recorded_page.console_errors == []
