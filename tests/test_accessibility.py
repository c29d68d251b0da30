"""Accessibility in Debian's Chromium: axe-core on every kind of page in every language, and keyboard-only walks.

axe-core is the copy shipped inside the axe-playwright-python package (injected into the page; nothing is
fetched). A *kind* of page is found from the built site, not listed by hand, so that new kinds are checked as
soon as they are built: pages of the default language are grouped by their top-level section and by the set of
element classes and form controls in their article (pages made from one template share it); the first page of
each group stands for the group, and the same page is checked in every other language.
"""

from __future__ import annotations

import re
from collections import defaultdict
from pathlib import Path

import pytest
import yaml
from lxml import html as lxml_html
from playwright.sync_api import Page, expect

from tests.conftest import DATA

pytestmark = pytest.mark.browser

#: impacts that fail the test (axe-core's scale: minor, moderate, serious, critical)
FAILING_IMPACTS = {"serious", "critical"}
CONTROLS = {"form", "input", "select", "textarea", "table", "details", "button", "dl"}


def _site_languages() -> tuple[str, list[str]]:
    site = yaml.safe_load((DATA / "site.yaml").read_text(encoding="utf-8"))
    return site["default_language"], [lang["code"] for lang in site["languages"]]


DEFAULT_LANGUAGE, LANGUAGES = _site_languages()


def language_root(built_site: Path, language: str) -> Path:
    return built_site if language == DEFAULT_LANGUAGE else built_site / language


def _fingerprint(file: Path) -> frozenset[str]:
    root = lxml_html.parse(str(file)).getroot()
    marks: set[str] = set()
    for article in root.iter("article"):
        for element in article.iter():
            if not isinstance(element.tag, str):
                continue
            if element.tag in CONTROLS:
                marks.add(element.tag)
            marks.update("." + c for c in (element.get("class") or "").split())
    return frozenset(marks)


def page_kinds(built_site: Path) -> dict[str, list[str]]:
    """Representative page path (relative, 'x/y/' or '404.html') -> every page of the default language of its kind."""
    others = {code for code in LANGUAGES if code != DEFAULT_LANGUAGE}
    groups: dict[tuple[str, frozenset[str]], list[str]] = defaultdict(list)
    for file in sorted(built_site.rglob("*.html")):
        relative = file.relative_to(built_site).as_posix()
        top = relative.split("/")[0]
        if top in others:
            continue
        path = relative.removesuffix("index.html")
        section = top if "/" in relative else path
        groups[(section, _fingerprint(file))].append(path)
    return {pages[0]: pages for pages in groups.values()}


def axe_problems(page: Page, axe, url: str) -> list[str]:  # noqa: ANN001
    page.goto(url)
    page.wait_for_load_state("load")
    result = axe.run(page)
    problems = []
    for violation in result.response["violations"]:
        if violation["impact"] in FAILING_IMPACTS:
            targets = [" ".join(map(str, node["target"])) for node in violation["nodes"][:3]]
            problems.append(f"{url}: {violation['impact']} {violation['id']} ({violation['help']}) "
                            f"on {len(violation['nodes'])} element(s), e.g. {targets}")
    return problems


@pytest.fixture(scope="module")
def axe():  # noqa: ANN201
    from axe_playwright_python.sync_playwright import Axe

    return Axe()


def test_kinds_of_pages_are_found(built_site: Path) -> None:
    kinds = page_kinds(built_site)
    paths = {p for pages in kinds.values() for p in pages}
    for expected in ("", "guidelines/", "guidelines/le-strategic-cooperation/", "glossary/", "convention/"):
        assert expected in paths, f"{expected!r} is not among the built pages"
    # home, overview, measure, glossary and convention are each a kind of their own
    representatives = {kind for kind, pages in kinds.items()
                       for p in ("", "guidelines/", "guidelines/le-strategic-cooperation/", "glossary/", "convention/")
                       if p in pages}
    assert len(representatives) == 5, kinds


@pytest.mark.parametrize("language", LANGUAGES)
def test_axe_finds_no_serious_violation_on_any_kind_of_page(built_site: Path, site_url: str, browser,  # noqa: ANN001
                                                            axe, language: str) -> None:  # noqa: ANN001
    root = language_root(built_site, language)
    assert (root / "index.html").is_file(), f"site.yaml declares {language!r} but the site has no {root}/index.html"
    prefix = "" if language == DEFAULT_LANGUAGE else f"{language}/"
    context = browser.new_context(service_workers="block")
    context.route(re.compile(r"^(?!http://127\.0\.0\.1[:/]).*"), lambda route: route.abort())
    page = context.new_page()
    problems: list[str] = []
    checked = 0
    try:
        for path in page_kinds(built_site):
            if not (root / (path or "index.html")).exists() and not (root / path / "index.html").exists():
                continue
            problems += axe_problems(page, axe, f"{site_url}{prefix}{path}")
            checked += 1
    finally:
        context.close()
    assert checked >= 5, f"only {checked} pages checked in {language!r}"
    assert problems == [], "axe-core found serious or critical violations:\n" + "\n".join(problems)


def test_axe_catches_a_serious_violation(site_url: str, recorded_page, axe) -> None:  # noqa: ANN001
    """The check can fail: an image without a text alternative is a critical violation."""
    page = recorded_page.page
    page.goto(site_url)
    page.evaluate("document.querySelector('article').insertAdjacentHTML('beforeend', "
                  "'<img src=\"data:image/gif;base64,R0lGODlhAQABAAAAACw=\">')")
    ids = {v["id"] for v in axe.run(page).response["violations"] if v["impact"] in FAILING_IMPACTS}
    assert "image-alt" in ids


# ---- keyboard only ----------------------------------------------------------------------------------------

def tab_to(page: Page, selector: str, limit: int = 150, backwards: bool = False) -> None:
    """Press Tab (or Shift+Tab) until the focused element matches ``selector``."""
    for _ in range(limit):
        page.keyboard.press("Shift+Tab" if backwards else "Tab")
        if page.evaluate("s => !!document.activeElement && document.activeElement.matches(s)", selector):
            return
    raise AssertionError(f"{selector} was not reached with {limit} presses of Tab")


def focused(page: Page, script: str):  # noqa: ANN201
    return page.evaluate(f"(() => {{ const el = document.activeElement; return {script}; }})()")


def test_keyboard_skip_link_and_navigation(site_url: str, recorded_page) -> None:  # noqa: ANN001
    page = recorded_page.page
    page.goto(site_url)
    page.keyboard.press("Tab")
    assert focused(page, "el.classList.contains('md-skip')"), "the first Tab does not reach the skip link"
    page.keyboard.press("Enter")
    expect(page).to_have_url(re.compile(r"#"))

    page.goto(site_url)
    tab_to(page, ".md-nav--primary a.md-nav__link[href$='guidelines/']")
    page.keyboard.press("Enter")
    expect(page).to_have_url(re.compile(r"/guidelines/$"))
    tab_to(page, "article a[href$='le-strategic-cooperation/']")
    page.keyboard.press("Enter")
    expect(page).to_have_url(re.compile(r"/guidelines/le-strategic-cooperation/$"))
    expect(page.locator("h1")).to_have_text(re.compile(r"^Broad and strategic cooperation"))
    assert recorded_page.foreign_requests() == []


def test_keyboard_search(site_url: str, recorded_page) -> None:  # noqa: ANN001
    page = recorded_page.page
    page.goto(site_url)
    page.keyboard.press("/")  # Material's shortcut focuses the search field
    assert focused(page, "el.matches('input.md-search__input')"), "'/' does not focus the search field"
    page.keyboard.type("preservation")
    expect(page.locator(".md-search-result__item").first).to_be_visible()
    page.keyboard.press("ArrowDown")
    assert focused(page, "!!el.closest('.md-search-result__item')"), "ArrowDown does not move into the results"
    target = focused(page, "el.closest('a') && el.closest('a').href")
    page.keyboard.press("Enter")
    expect(page).to_have_url(re.compile(re.escape(target.split("#")[0])))
    assert recorded_page.foreign_requests() == []


def test_keyboard_quiz(site_url: str, built_site: Path, recorded_page) -> None:  # noqa: ANN001
    quizzes = sorted((built_site / "training" / "quizzes").glob("*/index.html"))
    assert quizzes, "no quiz page was built"
    page = recorded_page.page
    page.goto(f"{site_url}training/quizzes/{quizzes[0].parent.name}/")
    question = page.locator("form.quiz-question").first
    question_id = question.get_attribute("id")
    tab_to(page, f"[id='{question_id}'] input")
    page.keyboard.press("Space")
    assert focused(page, "el.checked"), "Space does not choose the focused answer"
    tab_to(page, f"[id='{question_id}'] button.quiz-check")
    page.keyboard.press("Enter")
    expect(question.locator(".quiz-status")).not_to_be_empty()
    assert question.locator(".is-correct, .is-wrong").count() >= 1, "no feedback after checking by keyboard"
    assert recorded_page.foreign_requests() == []
    assert recorded_page.console_errors == []


def test_keyboard_form(site_url: str, built_site: Path, recorded_page) -> None:  # noqa: ANN001
    forms = sorted((built_site / "forms").glob("*/index.html"))
    assert forms, "no form page was built"
    page = recorded_page.page
    page.goto(f"{site_url}forms/{forms[0].parent.name}/")
    tab_to(page, "form.lea-form input, form.lea-form textarea, form.lea-form select")
    assert focused(page, "!!el.labels && el.labels.length > 0"), "the first form field has no label"
    page.keyboard.type("typed by keyboard")
    tab_to(page, "form.lea-form button[type=submit]")
    page.keyboard.press("Enter")  # the form is incomplete: errors are shown and focus goes to a field
    expect(page.locator(".lea-status")).not_to_be_empty()
    assert page.locator("[aria-invalid=true]").count() > 0, "an incomplete form shows no invalid field"
    assert focused(page, "!!el.closest('form.lea-form')"), "focus is not taken to the form after a refused submit"
    assert recorded_page.foreign_requests() == []
    assert recorded_page.console_errors == []
