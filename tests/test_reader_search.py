"""Search that fits the reader (issue 15), in Chromium on the built site: the index is downloaded only when a
search starts; queries ignore diacritics; Serbian in either script finds Serbian pages in both; and the
sidebar names no section twice, in any language."""

from __future__ import annotations

import json
import re
import time
import unicodedata
from collections import Counter
from pathlib import Path
from urllib.parse import urljoin

import pytest
from playwright.sync_api import expect

from tests.conftest import real_dataset
from tests.test_i18n_site import search

DATASET = real_dataset()
SITE = DATASET.site
CODES = [lang.code for lang in SITE.languages]
MEASURE = DATASET.guidelines.measures[0].id


def root(code: str) -> str:
    return "" if code == SITE.default_language else f"{code}/"


def result_links(page) -> list[str]:  # noqa: ANN001
    results = page.locator(".md-search-result__item a.md-search-result__link")
    expect(results.first).to_be_visible(timeout=30_000)
    return [urljoin(page.url, h).split("#")[0].split("?")[0]
            for h in results.evaluate_all("els => els.map(e => e.getAttribute('href'))")]


@pytest.mark.browser
@pytest.mark.parametrize("path", ["", f"guidelines/{MEASURE}/", "countries/"])
def test_no_search_index_until_the_search_box_gets_focus(site_url: str, recorded_page, path: str) -> None:  # noqa: ANN001
    page = recorded_page.page
    page.goto(urljoin(site_url, "ka/" + path))
    page.wait_for_load_state("networkidle")
    page.mouse.wheel(0, 600)
    time.sleep(1)
    assert [u for u in recorded_page.requests if "search_index" in u] == []
    with page.expect_request(re.compile(r"/ka/search/search_index\.json$")):
        page.locator("input.md-search__input").focus()
    assert recorded_page.console_errors == []


@pytest.mark.browser
@pytest.mark.parametrize("code", ["sr", "sr-Latn"])
@pytest.mark.parametrize("query", ["cuvanje", "čuvanje", "чување"])
def test_serbian_in_either_script_finds_serbian_pages(site_url: str, recorded_page, code: str, query: str) -> None:  # noqa: ANN001
    page = recorded_page.page
    page.goto(urljoin(site_url, root(code) + "guidelines/"))
    search(page, query)
    links = result_links(page)
    assert links and all(link.startswith(urljoin(site_url, root(code))) for link in links), links
    # the results show the pages' own script, with the word found highlighted in it
    marked = page.locator(".md-search-result__item mark").first.text_content().lower()
    expected = "чув" if code == "sr" else "čuv"
    assert marked.startswith(expected), marked
    assert recorded_page.foreign_requests() == []


def fold(text: str) -> str:
    return "".join(c for c in unicodedata.normalize("NFD", text.lower()) if not unicodedata.combining(c))


@pytest.mark.browser
def test_albanian_query_without_diacritics_finds_its_page(built_site: Path, site_url: str, recorded_page) -> None:  # noqa: ANN001
    index = json.loads((built_site / "sq" / "search" / "search_index.json").read_text(encoding="utf-8"))
    counts: Counter[str] = Counter()
    where: dict[str, str] = {}
    for doc in index["docs"]:
        for word in set(re.findall(r"\w{8,}", re.sub(r"<[^>]+>", " ", doc["title"] + " " + doc["text"]).lower())):
            if re.search("[ëç]", word) and word.isalpha():
                counts[word] += 1
                where.setdefault(word, doc["location"].split("#")[0])
    word = next(w for w, n in sorted(counts.items()) if 1 <= n <= 3)
    page = recorded_page.page
    page.goto(urljoin(site_url, "sq/"))
    search(page, fold(word))
    assert urljoin(site_url, "sq/" + where[word]) in result_links(page), (word, fold(word))


@pytest.mark.parametrize("code", CODES)
def test_no_section_is_listed_twice_in_the_sidebar(built_site: Path, code: str) -> None:
    folder = built_site / root(code)
    doubled = []
    for section in ("guidelines", "training", "forms", "practices", "countries", "workshop"):
        page = folder / section / "index.html"
        html = page.read_text(encoding="utf-8")
        nav = re.search(r'md-nav--primary.*?(?=md-sidebar--secondary)', html, re.S)
        assert nav, f"{page}: no primary navigation"
        labels = re.findall(r'class="md-nav__link[^"]*"[^>]*>(.*?)</(?:a|label)>', nav.group(0), re.S)
        names = [" ".join(re.sub(r"<[^>]+>", " ", label).split()) for label in labels]
        names = [n for n in names if n]
        repeated = [n for n, count in Counter(names).items() if count > 1]
        if repeated:
            doubled.append((section, repeated))
    assert doubled == [], f"{code}: sections named twice in the sidebar: {doubled}"
