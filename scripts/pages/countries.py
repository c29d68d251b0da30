"""Country pages: the overview with its summary, the matrix of countries by measure status (a page per part of
the guidelines, so that no page grows with countries times measures), one page per country, and the block on
each measure page that says how the countries stand."""

from __future__ import annotations

from collections.abc import Iterator

from scripts.data.models.countries import MEASURE_STATUSES, PROCEDURAL_POWERS, UNKNOWN, Country
from scripts.data.models.guidelines import Measure
from scripts.pages.base import NavEntry, Page
from scripts.pages.context import RenderContext
from scripts.pages.routes import COUNTRIES as INDEX
from scripts.pages.routes import country_path, matrix_path, measure_path, status_anchor

FRONT = "index.md"

#: A symbol for each status, shown with its word: the matrix never relies on colour alone.
STATUS_SYMBOLS = {"unknown": "–", "not-in-place": "○", "partly": "◐", "in-place": "●"}


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
    if not ctx.dataset.countries:
        return
    countries = ordered_countries(ctx)
    guidelines = ctx.dataset.guidelines
    parts = [s for s in guidelines.sections if guidelines.measures_in(s.id)]
    counts = {c.id: {s: sum(1 for m in guidelines.measures if c.status_value(m.id) == s)
                     for s in MEASURE_STATUSES} for c in countries}
    yield Page(INDEX, ctx.render("countries_index.md.j2", INDEX, countries=countries, parts=parts,
                                 counts=counts, total=len(guidelines.measures),
                                 statuses=MEASURE_STATUSES, symbols=STATUS_SYMBOLS,
                                 country_path=country_path, matrix_path=matrix_path))
    # the matrix pages, one per part, come before the countries in the navigation, grouped under the matrix's
    # title: with many countries they would otherwise be found only after scrolling past every country
    group = (ctx.label("countries.matrix_title"),)
    for order, section in enumerate(parts, start=-len(parts)):
        here = matrix_path(section.id)
        yield Page(here, ctx.render("countries_matrix.md.j2", here, section=section,
                                    measures=guidelines.measures_in(section.id), countries=countries,
                                    statuses=MEASURE_STATUSES, symbols=STATUS_SYMBOLS, country_path=country_path,
                                    measure_path=measure_path, status_anchor=status_anchor, index=INDEX,
                                    designated=designated(countries)),
                   NavEntry(INDEX, ctx.translate(section.title), order, group))
    own = edition_country(ctx)
    if own is not None:  # an edition: its country's page is the front page
        yield Page(FRONT, render_country(ctx, own, FRONT))
    for order, country in enumerate(countries):
        here = country_path(country.id)
        yield Page(here, render_country(ctx, country, here),
                   NavEntry(INDEX, ctx.translate(country.name), order))


def render_country(ctx: RenderContext, country: Country, here: str) -> str:
    unknown_ids = [entry.measure for entry in country.measures if not entry.assessed]
    return ctx.render("country.md.j2", here, country=country, powers=PROCEDURAL_POWERS, unknown=UNKNOWN,
                      guidelines=ctx.dataset.guidelines, unknown_ids=unknown_ids, symbols=STATUS_SYMBOLS,
                      measure_path=measure_path, status_anchor=status_anchor, index=INDEX,
                      site_languages={lang.code for lang in ctx.dataset.site.languages})


def measure_block(ctx: RenderContext, measure: Measure) -> str:
    """How every country stands on one measure, with the note that gives its status."""
    if not ctx.dataset.countries:
        return ""
    return ctx.render("country_measure_block.md.j2", measure_path(measure.id), measure=measure,
                      countries=ordered_countries(ctx), symbols=STATUS_SYMBOLS, country_path=country_path,
                      status_anchor=status_anchor, matrix=matrix_path(measure.section),
                      designated=designated(ctx.dataset.countries))
