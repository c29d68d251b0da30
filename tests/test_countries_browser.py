"""In Chromium: the MoU outline builder assembles the outline from what is picked, by mouse and keyboard,
sends nothing anywhere; the country, practice and workshop pages are axe-core clean."""

from __future__ import annotations

from pathlib import Path

import pytest

pytestmark = pytest.mark.browser


def _axe_script() -> Path:
    import axe_playwright_python

    return Path(axe_playwright_python.__file__).parent / "axe.min.js"


def test_mou_builder_assembles_the_outline(recorded_page, site_url: str) -> None:
    page = recorded_page.page
    page.goto(site_url + "practices/mou-outline/")
    outline = page.locator("[data-mou-outline]")
    clause = outline.locator('[data-mou-clause="contact-24-7"]')
    assert clause.is_hidden()
    assert outline.locator("[data-mou-empty]").is_visible()

    page.get_by_label("24/7 contact").check()
    assert clause.is_visible()
    assert outline.locator("[data-mou-empty]").is_hidden()
    # the practice's measures are ticked with it and appear as commitments; others stay out
    assert page.locator('input[data-mou-measure="le-international"]').is_checked()
    assert outline.locator('[data-mou-commitment="le-international"]').is_visible()
    assert outline.locator('[data-mou-commitment="common-culture"]').is_hidden()
    assert outline.locator('[data-mou-clause="joint-training"]').is_hidden()

    # keyboard: tab to a measure checkbox and tick it with the space bar
    box = page.locator('input[data-mou-measure="common-written-procedures"]')
    box.focus()
    page.keyboard.press("Space")
    assert box.is_checked()
    assert outline.locator('[data-mou-commitment="common-written-procedures"]').is_visible()

    page.get_by_label("Law enforcement party").fill("State Police")
    assert outline.locator('[data-mou-party-name="lea"]').inner_text() == "State Police"
    status = page.locator("[data-mou-status]").inner_text()
    assert status.startswith("1 practices and ") and "measures picked" in status

    page.get_by_role("button", name="Clear all choices").click()
    assert clause.is_hidden() and outline.locator('[data-mou-commitment="common-written-procedures"]').is_hidden()
    assert recorded_page.foreign_requests() == []
    assert recorded_page.console_errors == []


def test_the_outline_prints_without_the_form(recorded_page, site_url: str) -> None:
    page = recorded_page.page
    page.goto(site_url + "practices/mou-outline/?practices=contact-24-7")
    page.emulate_media(media="print")
    visible = page.evaluate("""() => {
        const shown = (el) => el && getComputedStyle(el).visibility !== 'hidden' && el.offsetParent !== null;
        return {
          outline: shown(document.querySelector('[data-mou-clause="contact-24-7"]')),
          form: shown(document.querySelector('[data-mou-form]')),
          other: shown(document.querySelector('[data-mou-clause="joint-training"]')),
        };
    }""")
    assert visible == {"outline": True, "form": False, "other": False}
    page.goto(site_url + "workshop/durres-2011-handout/")
    assert page.evaluate("() => getComputedStyle(document.querySelector('.handout-session')).visibility") == "visible"


def test_a_practice_link_preselects_it(recorded_page, site_url: str) -> None:
    page = recorded_page.page
    page.goto(site_url + "practices/joint-training/")
    page.locator('a[href*="mou-outline"][href*="practices=joint-training"]').first.click()
    page.wait_for_url("**/mou-outline/?practices=joint-training")
    assert page.locator('[data-mou-clause="joint-training"]').is_visible()
    assert page.locator('input[data-mou-practice="joint-training"]').is_checked()


@pytest.mark.parametrize("path", [
    "countries/", "countries/matrix-service-providers/", "countries/albania/", "countries/kosovo/",
    "guidelines/common-written-procedures/", "guidelines/paragraphs/", "guidelines/introduction/", "practices/",
    "practices/contact-24-7/", "practices/mou-outline/", "workshop/durres-2011/", "workshop/durres-2011-handout/",
])
def test_pages_are_axe_clean(recorded_page, site_url: str, path: str) -> None:
    page = recorded_page.page
    page.goto(site_url + path)
    page.evaluate(_axe_script().read_text(encoding="utf-8"))  # evaluate: the CSP rightly refuses an injected <script>
    result = page.evaluate("async () => await axe.run({include: [['.md-content']]}, {resultTypes: ['violations']})")
    violations = [(v["id"], v["impact"], [n["target"] for n in v["nodes"]][:3]) for v in result["violations"]]
    assert violations == [], violations
    assert recorded_page.foreign_requests() == []
