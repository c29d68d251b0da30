"""Printing any kind of page (issue 14): the navigation is dropped, the page title is at the top of page 1, web
links show their address, and tables and form previews are kept whole across page breaks."""

from __future__ import annotations

import io

import pytest
from pypdf import PdfReader

PAGES = {
    "home": "",
    "measure": "guidelines/le-preservation-production/",
    "overview": "guidelines/",
    "form": "forms/emergency-disclosure-request/",
    "handout": "workshop/durres-2011-handout/",
    "glossary": "glossary/",
    "countries": "countries/",
    "matrix": "countries/matrix-service-providers/",
    "georgian measure": "ka/guidelines/sp-emergency/",
}


@pytest.mark.browser
@pytest.mark.parametrize("kind", sorted(PAGES))
def test_printed_page_starts_with_its_title_without_navigation(kind: str, site_url: str, recorded_page) -> None:
    page = recorded_page.page
    page.goto(site_url + PAGES[kind])
    title = " ".join(page.locator("article h1").first.inner_text().replace("¶", "").split())
    page.emulate_media(media="print")
    for furniture in (".md-header", ".md-sidebar--primary", ".md-footer", ".md-tabs"):
        for element in page.locator(furniture).all():
            assert not element.is_visible(), (kind, furniture)
    if kind != "form":  # a form prints its filled-in document (forms.css), not the page
        top = page.locator("article h1").first.bounding_box()["y"]
        assert top < 80, (kind, top)
        pdf = PdfReader(io.BytesIO(page.pdf(format="A4")))
        first = " ".join(pdf.pages[0].extract_text().split())
        assert first.startswith(title[:40]), (kind, first[:120], title)
    external = page.locator('article a[href^="http"]')
    if external.count():
        after = page.evaluate("a => getComputedStyle(a, '::after').content", external.first.element_handle())
        assert external.first.get_attribute("href") in after, (kind, after)
    for table in page.locator("article table").all()[:3]:
        assert table.evaluate("t => getComputedStyle(t).breakInside") == "avoid", kind
    assert recorded_page.foreign_requests() == []
