"""The book page of a language: where its PDF book is offered for download, and what the book's content is.

The PDF itself is made after the language's pages are built, from those pages (:mod:`scripts.paper.book`); the
section "What this content is" of this page is also the book's first chapter, so its text exists once."""

from __future__ import annotations

from collections.abc import Iterator

from scripts.pages.base import NavEntry, Page
from scripts.pages.context import RenderContext
from scripts.pages.paper import book_pdf
from scripts.pages.routes import BOOK, GUIDELINES
from scripts.pages.translation_notice import STATUS_PAGE

#: The id of the block that becomes the book's chapter "What this content is".
ABOUT_ID = "about-the-content"


def edition_label(ctx: RenderContext) -> str:
    """"Complete edition", or "Edition for <country>" in a country edition."""
    edition = ctx.edition
    if edition is None:
        return ctx.label("book.edition_full")
    countries = {c.id: c for c in ctx.dataset.countries}
    country = countries.get(edition.country)
    name = ctx.translate(country.name) if country else edition.country
    return ctx.label("book.edition_country").replace("{country}", name)


def generate(ctx: RenderContext) -> Iterator[Page]:
    guidelines = ctx.dataset.guidelines
    paragraphs = guidelines.paragraphs
    known = [p for p in paragraphs if p.established]
    verification = (ctx.label("book.about.verification").replace("{known}", str(len(known)))
                    .replace("{total}", str(len(paragraphs)))
                    .replace("{verified}", str(sum(1 for p in known if p.verified))))

    # a language built without an entry in site.yaml (a catalog being tried out) is named by its code
    language = ctx.dataset.site.language(ctx.language)
    content = ctx.render("book.md.j2", BOOK, guidelines=guidelines, verification=verification,
                         pdf=book_pdf(ctx), pdf_name=book_pdf(ctx).rsplit("/", 1)[-1], edition=edition_label(ctx),
                         language_name=language.name if language else ctx.language, about_id=ABOUT_ID,
                         status_page=STATUS_PAGE)
    yield Page(BOOK, content, NavEntry(GUIDELINES, ctx.label("book.nav"), 1000))
