"""Country pages: the overview with its summary, the matrix of countries by measure status (a page per part of
the guidelines, so that no page grows with countries times measures), one page per country, and the block on
each measure page that says how the countries stand.

No page grows with countries times measures (issue 16). Past :data:`MEASURE_PAGE_COUNTRIES` countries, a measure
page counts the countries at each status instead of giving each one's note (the matrix of its part shows each
country, linked to its note); past :data:`COUNTRY_PAGE_STATUSES` measures, a country's statuses move to pages of
their own, whole parts of the guidelines each (:class:`StatusPages`). The real data stays under both limits, so
its pages are what they were; the benchmark's data set ten times larger goes over both."""

from __future__ import annotations

from collections.abc import Iterator

from scripts.data.models.countries import MEASURE_STATUSES, PROCEDURAL_POWERS, UNKNOWN, Country
from scripts.data.models.guidelines import Guidelines, Measure, Section
from scripts.pages.base import NavEntry, Page
from scripts.pages.context import RenderContext
from scripts.pages.routes import COUNTRIES as INDEX
from scripts.pages.routes import country_path, country_status_path, matrix_path, measure_path, status_anchor

FRONT = "index.md"


#: A measure page gives each country's status and note up to this many countries; past it, how many countries
#: stand at each status (the matrix lists them). The real data has 13.
MEASURE_PAGE_COUNTRIES = 30
#: A country page gives its statuses itself up to this many measures; past it, they are on pages of their own
#: (:class:`StatusPages`). The real data has 24.
COUNTRY_PAGE_STATUSES = 40


class StatusPages:
    """Where each country's measure statuses are: on the country page itself, or, past
    :data:`COUNTRY_PAGE_STATUSES` measures, on status pages of whole parts of the guidelines (a part is never
    split; consecutive parts share a page up to the limit). Every country has the same pages."""

    def __init__(self, guidelines: Guidelines, limit: int = COUNTRY_PAGE_STATUSES) -> None:
        parts = [s for s in guidelines.sections if guidelines.measures_in(s.id)]
        self.parts = parts
        self.paged = sum(len(guidelines.measures_in(s.id)) for s in parts) > limit
        self.chunks: list[list[Section]] = []
        if self.paged:
            size = 0
            for section in parts:
                count = len(guidelines.measures_in(section.id))
                if self.chunks and size + count <= limit:
                    self.chunks[-1].append(section)
                    size += count
                else:
                    self.chunks.append([section])
                    size = count
        self._page_of = {s.id: n for n, chunk in enumerate(self.chunks, start=1) for s in chunk}
        self._section_of = {m.id: m.section for m in guidelines.measures}

    def path(self, country_id: str, page: int) -> str:
        return country_status_path(country_id, page)

    def of(self, country_id: str, measure_id: str) -> str:
        """The page that gives ``country_id``'s status on ``measure_id`` (its anchor: ``status_anchor``)."""
        if not self.paged:
            return country_path(country_id)
        return country_status_path(country_id, self._page_of[self._section_of[measure_id]])


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
    status_pages = StatusPages(guidelines)
    parts = status_pages.parts
    counts = {c.id: {s: sum(1 for m in guidelines.measures if c.status_value(m.id) == s)
                     for s in MEASURE_STATUSES} for c in countries}
    yield Page(INDEX, ctx.render("countries_index.md.j2", INDEX, countries=countries, parts=parts,
                                 counts=counts, total=len(guidelines.measures),
                                 statuses=MEASURE_STATUSES,
                                 country_path=country_path, matrix_path=matrix_path))
    # the matrix pages, one per part, come before the countries in the navigation, grouped under the matrix's
    # title: with many countries they would otherwise be found only after scrolling past every country
    group = (ctx.label("countries.matrix_title"),)
    for order, section in enumerate(parts, start=-len(parts)):
        here = matrix_path(section.id)
        yield Page(here, ctx.render("countries_matrix.md.j2", here, section=section,
                                    measures=guidelines.measures_in(section.id), countries=countries,
                                    statuses=MEASURE_STATUSES, country_path=country_path,
                                    measure_path=measure_path, status_anchor=status_anchor, index=INDEX,
                                    status_page=status_pages.of, designated=designated(countries)),
                   NavEntry(INDEX, ctx.translate(section.title), order, group))
    own = edition_country(ctx)
    if own is not None:  # an edition: its country's page is the front page
        yield Page(FRONT, render_country(ctx, own, FRONT, status_pages))
    for order, country in enumerate(countries):
        here = country_path(country.id)
        yield Page(here, render_country(ctx, country, here, status_pages),
                   NavEntry(INDEX, ctx.translate(country.name), order))
        for number, chunk in enumerate(status_pages.chunks, start=1):
            # reached from the country page's list of them, not from the navigation
            page = status_pages.path(country.id, number)
            yield Page(page, render_country_statuses(ctx, country, page, status_pages, number, chunk),
                       in_nav=False)


def _unknown_ids(country: Country) -> list[str]:
    return [entry.measure for entry in country.measures if not entry.assessed]


def render_country(ctx: RenderContext, country: Country, here: str, status_pages: StatusPages) -> str:
    counts = [{s: sum(1 for section in chunk for m in ctx.dataset.guidelines.measures_in(section.id)
                      if country.status_value(m.id) == s) for s in MEASURE_STATUSES}
              for chunk in status_pages.chunks]
    return ctx.render("country.md.j2", here, country=country, powers=PROCEDURAL_POWERS, unknown=UNKNOWN,
                      guidelines=ctx.dataset.guidelines, unknown_ids=_unknown_ids(country),
                      measure_path=measure_path, status_anchor=status_anchor, index=INDEX,
                      status_pages=status_pages, chunk_counts=counts, statuses=MEASURE_STATUSES,
                      site_languages={lang.code for lang in ctx.dataset.site.languages})


def render_country_statuses(ctx: RenderContext, country: Country, here: str, status_pages: StatusPages,
                            number: int, chunk: list[Section]) -> str:
    """One of a country's status pages: the statuses of the measures of the parts in ``chunk``."""
    return ctx.render("country_statuses.md.j2", here, country=country, sections=chunk, number=number,
                      status_pages=status_pages, guidelines=ctx.dataset.guidelines,
                      unknown_ids=_unknown_ids(country), measure_path=measure_path,
                      status_anchor=status_anchor, country_page=country_path(country.id), index=INDEX)


def measure_block(ctx: RenderContext, measure: Measure) -> str:
    """How every country stands on one measure: each with the note that gives its status, or, past
    :data:`MEASURE_PAGE_COUNTRIES` countries, how many stand at each status (an edition still gives its own
    country's row and note above the counts)."""
    if not ctx.dataset.countries:
        return ""
    countries = ordered_countries(ctx)
    many = len(countries) > MEASURE_PAGE_COUNTRIES
    own = edition_country(ctx)
    rows = ([own] if own is not None else []) if many else countries
    counts = {s: sum(1 for c in countries if c.status_value(measure.id) == s) for s in MEASURE_STATUSES}
    return ctx.render("country_measure_block.md.j2", measure_path(measure.id), measure=measure,
                      countries=rows, many=many, counts=counts, total=len(countries),
                      statuses=MEASURE_STATUSES, country_path=country_path,
                      status_anchor=status_anchor, status_page=StatusPages(ctx.dataset.guidelines).of,
                      matrix=matrix_path(measure.section), designated=designated(rows))
