"""In Debian's Chromium: the reader's path from the home page to a measure and the glossary, all local."""

from __future__ import annotations

import re

from playwright.sync_api import expect


def test_home_to_a_measure_to_glossary_stays_on_127_0_0_1(site_url: str, recorded_page) -> None:  # noqa: ANN001
    page = recorded_page.page
    page.goto(site_url)
    expect(page).to_have_title(re.compile("LEA-ISP"))

    page.get_by_role("link", name="The guidelines").first.click()
    expect(page.locator("h1")).to_have_text(re.compile("The guidelines"))
    page.locator("article").get_by_role("link", name="Broad and strategic cooperation with service providers").click()
    expect(page).to_have_url(re.compile(r"/guidelines/le-strategic-cooperation/$"))
    expect(page.locator("h1")).to_have_text(re.compile(r"^Broad and strategic cooperation"))

    term_link = page.locator("article a[href*='glossary/#']").first
    anchor = term_link.get_attribute("href").split("#")[1]
    term_link.click()
    expect(page).to_have_url(re.compile(rf"/glossary/#{anchor}$"))
    expect(page.locator(f"[id='{anchor}']")).to_be_in_viewport()

    assert recorded_page.requests, "no request was recorded: the recorder is broken"
    assert recorded_page.foreign_requests() == []
    assert recorded_page.console_errors == []


def test_pager_works_by_keyboard(site_url: str, recorded_page) -> None:  # noqa: ANN001
    page = recorded_page.page
    page.goto(site_url + "guidelines/le-strategic-cooperation/")
    next_link = page.locator(".paragraph-pager a[rel=next]")
    next_link.focus()
    page.keyboard.press("Enter")
    expect(page).to_have_url(re.compile(r"/guidelines/le-binding-requests/$"))
