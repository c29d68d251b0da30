"""Pages of the guidelines: an overview by section and measure, one page per measure (with previous/next),
the introduction, and the table of the 59 paragraph numbers with what is known of each."""

from __future__ import annotations

from collections.abc import Callable, Iterator

from scripts.data.models.guidelines import Measure
from scripts.pages import countries, practices, templates_forms, training
from scripts.pages.base import NavEntry, Page
from scripts.pages.context import RenderContext
from scripts.pages.routes import (GUIDELINES, INTRODUCTION, PARAGRAPH_NUMBERS, measure_path, paragraph_anchor)

#: What other parts of the site add to each measure page, in this order: ``(ctx, measure) -> Markdown``.
MEASURE_BLOCKS: tuple[Callable[[RenderContext, Measure], str], ...] = (
    practices.measure_block,
    templates_forms.measure_block,
    training.measure_block,
    countries.measure_block,
)


def generate(ctx: RenderContext) -> Iterator[Page]:
    data = ctx.dataset
    guidelines = data.guidelines
    terms = {t.id: t for t in data.glossary.terms}
    articles = {a.number: a for a in data.convention.articles}
    sections = {s.id: s for s in guidelines.sections}
    measures = guidelines.ordered_measures()
    sources = {s.id: s for s in guidelines.sources}
    common = dict(guidelines=guidelines, sources=sources, measure_path=measure_path,
                  paragraph_anchor=paragraph_anchor, overview=GUIDELINES, introduction=INTRODUCTION,
                  numbers_page=PARAGRAPH_NUMBERS)

    yield Page(GUIDELINES, ctx.render("guidelines_overview.md.j2", GUIDELINES, **common))
    intro = guidelines.sections[0]
    yield Page(INTRODUCTION, ctx.render("guidelines_introduction.md.j2", INTRODUCTION, section=intro,
                                        paragraphs=[p for p in guidelines.paragraphs if p.section == intro.id],
                                        **common),
               NavEntry(GUIDELINES, ctx.translate(intro.title), 0))
    yield Page(PARAGRAPH_NUMBERS, ctx.render("guidelines_paragraphs.md.j2", PARAGRAPH_NUMBERS, sections=sections,
                                             **common),
               NavEntry(GUIDELINES, ctx.label("guidelines.numbers.title"), 999))
    for index, measure in enumerate(measures):
        here = measure_path(measure.id)
        section = sections[measure.section]
        in_section = guidelines.measures_in(section.id)
        blocks = [block(ctx, measure) for block in MEASURE_BLOCKS]
        content = ctx.render(
            "measure.md.j2", here, measure=measure, section=section, in_section=len(in_section),
            previous=measures[index - 1] if index > 0 else None,
            next=measures[index + 1] if index + 1 < len(measures) else None,
            terms=[terms[t] for t in measure.terms], articles=[articles[a] for a in measure.articles],
            paragraphs=guidelines.paragraphs_of(measure.id),
            blocks=[b for b in blocks if b.strip()], **common,
        )
        group = f"{ctx.translate(section.title)} ({section.first}-{section.last})"
        yield Page(here, content, NavEntry(GUIDELINES, ctx.translate(measure.heading), index + 1, (group,)))
