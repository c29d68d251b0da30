"""The built site in every language: its own search index (UTF-8, no escapes, only its pages), <html lang>,
hreflang alternates, a sitemap per language, the Translation status page; and in Chromium, search in each
language and switching language from a paragraph page."""

from __future__ import annotations

import json
import re
from pathlib import Path
from urllib.parse import urljoin

import pytest
from playwright.sync_api import expect

from tests.conftest import DATA, real_dataset

SITE = real_dataset().site
DEFAULT = SITE.default_language
CODES = [lang.code for lang in SITE.languages]
SCRIPTS = {"Cyrl": re.compile(r"[\u0400-\u04FF]"), "Geor": re.compile(r"[\u10A0-\u10FF]")}
PARAGRAPH = "le-strategic-cooperation"  # a measure page


def root(code: str) -> str:
    return "" if code == DEFAULT else f"{code}/"


def index_of(built_site: Path, code: str) -> dict:
    return json.loads((built_site / root(code) / "search" / "search_index.json").read_text(encoding="utf-8"))


@pytest.mark.parametrize("code", CODES)
def test_each_language_has_its_own_utf8_search_index(built_site: Path, code: str) -> None:
    raw = (built_site / root(code) / "search" / "search_index.json").read_text(encoding="utf-8")
    assert "\\u0" not in raw and "\\u1" not in raw, "the index is written with \\u escapes"
    index = json.loads(raw)
    locations = [doc["location"] for doc in index["docs"]]
    assert any(loc.startswith(f"guidelines/{PARAGRAPH}/") for loc in locations)
    others = tuple(f"{c}/" for c in CODES if c != code)
    assert not [loc for loc in locations if loc.startswith(others)], "another language's pages are in the index"
    script = SITE.language(code).script
    for name, letters in SCRIPTS.items():
        if name != script:
            assert not letters.search(raw), f"{code}'s index holds {name} text of another language"
    if script in SCRIPTS:
        assert SCRIPTS[script].search(raw)


@pytest.mark.parametrize("code", CODES)
def test_pages_declare_their_language_and_alternates(built_site: Path, code: str) -> None:
    page = built_site / root(code) / "guidelines" / str(PARAGRAPH) / "index.html"
    html = page.read_text(encoding="utf-8")
    assert f'<html lang="{code}"' in html
    links = dict(re.findall(r'<link rel="alternate " hreflang="([^"]+)" href="([^"]+)">', html))
    assert set(links) == {*CODES, "x-default"}
    for lang, href in links.items():
        target = (page.parent / href).resolve() / "index.html"
        expected = built_site / root(DEFAULT if lang == "x-default" else lang) / "guidelines" / str(PARAGRAPH)
        assert target == (expected / "index.html").resolve(), (lang, href)
        assert target.is_file()
    menu = re.findall(r'<a href="([^"]+)" hreflang="([^"]+)" lang="[^"]+" class="md-select__link"', html)
    assert [lang for _, lang in menu] == CODES


@pytest.mark.parametrize("code", CODES)
def test_each_language_has_a_sitemap_with_alternates(built_site: Path, code: str) -> None:
    sitemap = (built_site / root(code) / "sitemap.xml").read_text(encoding="utf-8")
    block = re.search(rf"<url>\s*<loc>[^<]*/{root(code)}guidelines/{PARAGRAPH}/</loc>(.*?)</url>", sitemap, re.S)
    assert block, f"no entry for paragraph {PARAGRAPH} in {code}'s sitemap"
    hreflangs = re.findall(r'hreflang="([^"]+)" href="([^"]+)"', block.group(1))
    assert {lang for lang, _ in hreflangs} == {*CODES, "x-default"}
    assert all(href.endswith(f"{root(lang if lang != 'x-default' else DEFAULT)}guidelines/{PARAGRAPH}/")
               for lang, href in hreflangs)


@pytest.mark.parametrize("code", [c for c in CODES if c != DEFAULT])
def test_each_language_has_a_translation_status_page(built_site: Path, code: str) -> None:
    html = (built_site / code / "translation-status" / "index.html").read_text(encoding="utf-8")
    numbers = re.findall(r"<td[^>]*>(\d+)</td>", html)
    assert len(numbers) >= 12  # five counts and the total, each with its percentage


# --- in Chromium ----------------------------------------------------------------------------------------------

def _words(text: str) -> set[str]:
    return {w.lower() for w in re.findall(r"\w+", text) if len(w) >= 5 and not any(ch.isdigit() for ch in w)}


def _fold(text: str) -> str:
    import unicodedata

    return "".join(c for c in unicodedata.normalize("NFD", text) if not unicodedata.combining(c))


@pytest.fixture(scope="module")
def unique_words(built_site: Path) -> dict[str, tuple[str, str]]:
    """For each language, a word from one of its page titles that no other language's index contains, and
    the location of that page (for Albanian, a word with ë or ç)."""
    raws = {code: (built_site / root(code) / "search" / "search_index.json").read_text(encoding="utf-8").lower()
            for code in CODES}
    folded = {code: _fold(raw) for code, raw in raws.items()}  # once: folding an index takes a while
    chosen = {}
    for code in CODES:
        candidates = []
        for doc in index_of(built_site, code)["docs"]:
            if "#" in doc["location"]:
                continue
            for word in sorted(_words(doc["title"])):
                if code == "sq" and not re.search("[ëç]", word):
                    continue
                # searches fold diacritics (issue 15): the word must be unique in folded form too
                if any(word in raws[other] or _fold(word) in folded[other] for other in CODES if other != code):
                    continue
                candidates.append((raws[code].count(word), word, doc["location"]))
        assert candidates, f"no word found only in {code}"
        _, word, location = min(candidates)  # the rarest: its page is the one to find
        chosen[code] = (word, location)
    return chosen


def search(page, query: str) -> str:  # noqa: ANN001
    """Type ``query`` into Material's search once its index is ready; returns the text that says "no results"
    in the page's language (Material's own translation, from its ``__config``)."""
    translations = json.loads(page.locator("#__config").text_content())["translations"]
    page.keyboard.press("/")
    box = page.locator("input.md-search__input")
    expect(box).to_be_focused()
    meta = page.locator(".md-search-result__meta")
    # Until the worker has built the index, Material shows "Initializing search" and ignores what is typed.
    expect(meta).to_have_text(translations["search.result.placeholder"], timeout=60_000)
    box.fill(query)
    # Material searches on keyup; Playwright enters Cyrillic or Georgian text without key events (a keyboard
    # layout would send them), so a key that changes nothing sends the keyup.
    box.press("End")
    expect(meta).not_to_have_text(translations["search.result.placeholder"], timeout=30_000)
    return translations["search.result.none"]


@pytest.mark.browser
@pytest.mark.parametrize("code", CODES)
def test_search_finds_a_word_only_this_language_has(site_url: str, recorded_page, unique_words, code: str) -> None:  # noqa: ANN001
    word, location = unique_words[code]
    page = recorded_page.page
    page.goto(urljoin(site_url, root(code)))
    search(page, word)
    results = page.locator(".md-search-result__item a.md-search-result__link")
    expect(results.first).to_be_visible(timeout=30_000)
    hrefs = [urljoin(page.url, h) for h in results.evaluate_all("els => els.map(e => e.getAttribute('href'))")]
    assert urljoin(site_url, root(code) + location) in [h.split("#")[0].split("?")[0] for h in hrefs], (word, hrefs)
    index_requests = [u for u in recorded_page.requests if "search_index" in u]
    assert index_requests and all(u.startswith(urljoin(site_url, root(code) + "search/")) for u in index_requests)

    if code != "fr":  # the same query on the French site finds nothing
        page.goto(urljoin(site_url, "fr/"))
        none = search(page, word)
        expect(page.locator(".md-search-result__meta")).to_have_text(none)
        expect(page.locator(".md-search-result__item")).to_have_count(0)
    assert recorded_page.foreign_requests() == []
    assert recorded_page.console_errors == []


@pytest.mark.browser
@pytest.mark.parametrize("code", CODES)
def test_switching_language_on_a_paragraph_page_stays_on_that_paragraph(site_url: str, recorded_page,  # noqa: ANN001
                                                                      code: str) -> None:
    target = CODES[(CODES.index(code) + 1) % len(CODES)]
    page = recorded_page.page
    page.goto(urljoin(site_url, f"{root(code)}guidelines/{PARAGRAPH}/"))
    expect(page.locator("html")).to_have_attribute("lang", code)
    page.locator(".md-select:has(.md-select__link) > button").focus()
    page.locator(f'.md-select__link[hreflang="{target}"]').click()
    expect(page).to_have_url(urljoin(site_url, f"{root(target)}guidelines/{PARAGRAPH}/"))
    expect(page.locator("html")).to_have_attribute("lang", target)
    from scripts.i18n.translator import load_translator

    dataset = real_dataset()
    language = dataset.site.language(target)
    heading = load_translator(DATA, target, dataset.site.default_language, language.transliterated_from)(
        dataset.guidelines.measure(PARAGRAPH).heading)
    expect(page.locator("h1")).to_have_text(re.compile("^" + re.escape(heading)))  # the same measure, translated
    assert recorded_page.foreign_requests() == []
    assert recorded_page.console_errors == []
