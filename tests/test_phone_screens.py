"""The site on a phone (390×844, issue 15): every kind of page fits the screen's width; the wide tables (the
workshop agenda, the countries summary and a matrix page) scroll inside their own box with their first column in
place; long Georgian words in a form's preview stay whole. Each page's screenshot is written to
build/screenshots/phone/ to be looked at (CONTRIBUTING.md, "Checks of the built site")."""

from __future__ import annotations

from pathlib import Path
from urllib.parse import urljoin

import pytest

from tests.conftest import ROOT, real_dataset

DATASET = real_dataset()
MEASURE = DATASET.guidelines.measures[0].id
QUIZ = DATASET.training_quiz[0].id
WORKSHOP = DATASET.workshops[0].id
#: the widest matrix: the part of the guidelines with the most measures
WIDEST = max(DATASET.guidelines.sections, key=lambda s: len(DATASET.guidelines.measures_in(s.id))).id
SHOTS = ROOT / "build" / "screenshots" / "phone"
PAGES = {
    "home": "",
    "measure": f"guidelines/{MEASURE}/",
    "form-ka": "ka/forms/expedited-preservation-request/",
    "quiz": f"training/quizzes/{QUIZ}/",
    "countries": "countries/",
    "matrix": f"countries/matrix-{WIDEST}/",
    "agenda": f"workshop/{WORKSHOP}/",
}
OVERFLOW = """() => [...document.querySelectorAll('.md-main *')]
  .filter(e => !e.closest('.md-typeset__scrollwrap, .status-matrix-region'))
  .filter(e => e.getBoundingClientRect().right > window.innerWidth + 1)
  .map(e => e.tagName + '.' + e.className)"""


@pytest.fixture
def phone(browser):  # noqa: ANN001, ANN201
    context = browser.new_context(viewport={"width": 390, "height": 844}, is_mobile=True, has_touch=True,
                                  service_workers="block")
    yield context.new_page()
    context.close()


@pytest.mark.browser
@pytest.mark.parametrize("name", list(PAGES))
def test_every_kind_of_page_fits_a_phone(site_url: str, phone, name: str) -> None:  # noqa: ANN001
    phone.goto(urljoin(site_url, PAGES[name]))
    phone.wait_for_load_state("networkidle")
    SHOTS.mkdir(parents=True, exist_ok=True)
    phone.screenshot(path=str(SHOTS / f"{name}.png"))
    assert phone.evaluate(OVERFLOW) == [], f"{name}: elements wider than the screen outside a scrolling box"


def sticky_first_column(page, region_selector: str, cell_selector: str, shot: Path) -> None:  # noqa: ANN001
    region = page.locator(region_selector).first
    region.scroll_into_view_if_needed()
    box = region.bounding_box()
    assert box["x"] >= 0 and box["x"] + box["width"] <= 391, box  # the box itself fits the screen
    wide = region.evaluate("e => e.scrollWidth > e.clientWidth")
    first = region.locator(cell_selector).first
    before = first.bounding_box()["x"]
    region.evaluate("e => { e.scrollLeft = e.scrollWidth }")
    page.wait_for_timeout(200)
    page.screenshot(path=str(shot))
    scrolled = region.evaluate("e => e.scrollLeft")
    after = first.bounding_box()["x"]
    # the first column stays in the box (at most it moves to the box's edge, past the table's padding) ...
    assert box["x"] - 1 <= after <= before + 1, (before, after, box)
    if wide:
        assert scrolled > 40, "the table does not scroll inside its box"
        # ... while the rest of the table moved with the scroll
        assert before - after < scrolled - 20, (before, after, scrolled)


@pytest.mark.browser
def test_the_agenda_scrolls_in_its_box_with_the_times_in_place(site_url: str, phone) -> None:  # noqa: ANN001
    phone.goto(urljoin(site_url, PAGES["agenda"]))
    SHOTS.mkdir(parents=True, exist_ok=True)
    region = ".status-matrix-region:has(table.agenda)"
    assert phone.locator(region).first.evaluate("e => e.scrollWidth > e.clientWidth")  # too wide: it scrolls
    sticky_first_column(phone, region, "tbody th[scope=row]", SHOTS / "agenda-scrolled.png")


@pytest.mark.browser
def test_the_countries_matrix_keeps_country_names_in_place(site_url: str, phone) -> None:  # noqa: ANN001
    phone.goto(urljoin(site_url, PAGES["countries"]))
    SHOTS.mkdir(parents=True, exist_ok=True)
    sticky_first_column(phone, ".countries-summary .md-typeset__scrollwrap", "td:first-child",
                        SHOTS / "matrix-summary-scrolled.png")
    phone.goto(urljoin(site_url, PAGES["matrix"]))
    assert phone.locator(".status-matrix-region").count() == 1
    sticky_first_column(phone, ".status-matrix-region", "th[scope=row]", SHOTS / "matrix-scrolled.png")
    # the column numbers never cover a country name: the header's first cell stays above them
    header = phone.locator(".status-matrix-region").locator("thead th").first
    assert header.evaluate("e => getComputedStyle(e).position") == "sticky"


@pytest.mark.browser
def test_georgian_words_stay_whole_in_the_form_preview(site_url: str, phone) -> None:  # noqa: ANN001
    phone.goto(urljoin(site_url, PAGES["form-ka"]))
    preview = phone.locator(".lea-document").first
    preview.scroll_into_view_if_needed()
    SHOTS.mkdir(parents=True, exist_ok=True)
    phone.screenshot(path=str(SHOTS / "form-ka-preview.png"))
    broken = phone.evaluate("""() => { const d = document.querySelector('.lea-document'); const broken = [];
      const walker = document.createTreeWalker(d, NodeFilter.SHOW_TEXT);
      while (walker.nextNode()) { const t = walker.currentNode; let i = 0;
        for (const w of t.textContent.split(/(\\s+)/)) {
          if (w.trim().length > 1) { const r = document.createRange(); r.setStart(t, i); r.setEnd(t, i + w.length);
            if (r.getClientRects().length > 1) broken.push(w); }
          i += w.length; } }
      return broken; }""")
    assert broken == [], f"words broken across lines in the preview: {broken[:10]}"
