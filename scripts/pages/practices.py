"""Good-practice pages: an overview and one page per practice (what it is, measures, checklist, country
examples), plus the block on each measure page naming the practices that serve it."""

from __future__ import annotations

from collections.abc import Iterator

from scripts.data.models.guidelines import Measure
from scripts.data.models.practices import Practice
from scripts.pages.base import NavEntry, Page
from scripts.pages.context import RenderContext
from scripts.pages.countries import designated, edition_country
from scripts.pages.reference import CONVENTION, article_anchor
from scripts.pages.routes import MOU
from scripts.pages.routes import PRACTICES as INDEX
from scripts.pages.routes import country_path, measure_path, module_path, practice_path


def ordered_practices(ctx: RenderContext) -> list[Practice]:
    return sorted(ctx.dataset.practices, key=lambda p: (p.order, p.id))


def examples_in_order(ctx: RenderContext, practice: Practice) -> list:
    """An edition's own country's examples first, then the others as written."""
    own = edition_country(ctx)
    if own is None:
        return list(practice.examples)
    return sorted(practice.examples, key=lambda e: own.id not in e.countries)


def generate(ctx: RenderContext) -> Iterator[Page]:
    if not ctx.dataset.practices:
        return
    practices = ordered_practices(ctx)
    measures = {m.id: m for m in ctx.dataset.guidelines.measures}
    articles = {a.number: a for a in ctx.dataset.convention.articles}
    countries = {c.id: c for c in ctx.dataset.countries}
    modules = {m.id: m for m in ctx.dataset.training_module}
    yield Page(INDEX, ctx.render("practices_index.md.j2", INDEX, practices=practices, practice_path=practice_path,
                                 measures=measures, measure_path=measure_path, mou=MOU))
    for practice in practices:
        here = practice_path(practice.id)
        content = ctx.render(
            "practice.md.j2", here, practice=practice, measures=measures, articles=articles,
            countries=countries, modules=modules, module_path=module_path if modules else None,
            examples=examples_in_order(ctx, practice), measure_path=measure_path,
            designated=designated([countries[c] for e in practice.examples for c in e.countries if c in countries]),
            country_path=country_path, convention=CONVENTION, article_anchor=article_anchor, mou=MOU,
        )
        yield Page(here, content, NavEntry(INDEX, ctx.translate(practice.title), practice.order))


def measure_block(ctx: RenderContext, measure: Measure) -> str:
    """The good practices that serve a measure."""
    if not ctx.dataset.practices:
        return ""
    serving = [p for p in ordered_practices(ctx) if measure.id in p.measures]
    if not serving:
        return ""
    return ctx.render("practice_measure_block.md.j2", measure_path(measure.id), practices=serving,
                      practice_path=practice_path)
