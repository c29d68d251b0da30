"""Country pages: the matrix of countries by paragraph status, one page per country, and the block on
each paragraph page that says how the countries stand."""

from __future__ import annotations

from collections.abc import Iterator

from scripts.data.models.countries import DEFAULT_STATUS, GUIDELINE_STATUSES, PROCEDURAL_POWERS, UNKNOWN, Country
from scripts.data.models.guidelines import Paragraph
from scripts.pages.base import NavEntry, Page
from scripts.pages.context import RenderContext
from scripts.pages.guidelines import paragraph_path
from scripts.pages.paragraph_blocks import PARAGRAPH_BLOCKS

INDEX = "countries/index.md"
FRONT = "index.md"

#: A symbol for each status, shown with its word: the matrix never relies on colour alone.
STATUS_SYMBOLS = {"not-assessed": "–", "planned": "○", "in-progress": "◐", "in-place": "●"}


def country_path(country_id: str) -> str:
    return f"countries/{country_id}.md"


def status_anchor(paragraph: int) -> str:
    return f"status-{paragraph}"


def edition_country(ctx: RenderContext) -> Country | None:
    """The country whose edition is being built, or None for the full site."""
    edition = getattr(ctx, "edition", None)
    if edition is None:
        return None
    return next((c for c in ctx.dataset.countries if c.id == edition.country), None)


def ordered_countries(ctx: RenderContext) -> list[Country]:
    """Countries in the order pages list them: an edition's own country first, then by name."""
    countries = sorted(ctx.dataset.countries, key=lambda c: ctx.translate(c.name).casefold())
    own = edition_country(ctx)
    if own is not None:
        countries = [own] + [c for c in countries if c.id != own.id]
    return countries


def designated(countries: list[Country]) -> list[Country]:
    """The countries among ``countries`` whose name needs its footnote (Kosovo*), each once."""
    return list({c.id: c for c in countries if c.designation is not None}.values())


def generate(ctx: RenderContext) -> Iterator[Page]:
    if "countries" not in ctx.dataset or not ctx.dataset.countries:
        return
    countries = ordered_countries(ctx)
    guidelines = ctx.dataset.guidelines
    counts = {c.id: {s: sum(1 for p in guidelines.paragraphs if c.status_value(p.number) == s)
                     for s in GUIDELINE_STATUSES} for c in countries}
    yield Page(INDEX, ctx.render("countries_index.md.j2", INDEX, countries=countries, guidelines=guidelines,
                                 counts=counts,
                                 statuses=GUIDELINE_STATUSES, symbols=STATUS_SYMBOLS,
                                 country_path=country_path, paragraph_path=paragraph_path,
                                 status_anchor=status_anchor))
    headings = {p.number: p.heading for p in guidelines.paragraphs}
    own = edition_country(ctx)
    if own is not None:  # an edition: its country's page is the front page
        yield Page(FRONT, render_country(ctx, own, FRONT, headings))
    for order, country in enumerate(countries):
        here = country_path(country.id)
        yield Page(here, render_country(ctx, country, here, headings),
                   NavEntry(INDEX, ctx.translate(country.name), order))


def render_country(ctx: RenderContext, country: Country, here: str, headings: dict[int, str]) -> str:
    assessed = sorted({n for entry in country.guideline_status for n in entry.paragraphs})
    return ctx.render("country.md.j2", here, country=country, powers=PROCEDURAL_POWERS, unknown=UNKNOWN,
                      headings=headings, assessed=assessed, symbols=STATUS_SYMBOLS,
                      paragraph_path=paragraph_path, status_anchor=status_anchor, index=INDEX,
                      site_languages={lang.code for lang in ctx.dataset.site.languages})


def paragraph_block(ctx: RenderContext, paragraph: Paragraph) -> str:
    """How the countries stand on one paragraph: countries grouped by status, assessed ones first."""
    if "countries" not in ctx.dataset or not ctx.dataset.countries:
        return ""
    here = paragraph_path(paragraph.number)
    groups = {status: [] for status in reversed(GUIDELINE_STATUSES)}
    for country in ordered_countries(ctx):
        groups[country.status_value(paragraph.number)].append(country)
    return ctx.render("country_paragraph_block.md.j2", here, paragraph=paragraph,
                      groups=[(s, cs) for s, cs in groups.items() if cs], default=DEFAULT_STATUS,
                      symbols=STATUS_SYMBOLS, country_path=country_path, status_anchor=status_anchor, index=INDEX,
                      designated=designated(ctx.dataset.countries))


PARAGRAPH_BLOCKS.append(paragraph_block)
