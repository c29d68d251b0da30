"""The workshop kit: per workshop, an agenda page and a printable handout, both linked to the
sections, measures, good practices and training modules each session works on."""

from __future__ import annotations

from collections.abc import Iterator

from scripts.data.models.workshops import Workshop
from scripts.pages.base import NavEntry, Page
from scripts.pages.context import RenderContext
from scripts.pages.countries import designated
from scripts.pages.routes import WORKSHOPS as INDEX
from scripts.pages.routes import (GUIDELINES, agenda_path, country_path, handout_path, measure_path, module_path,
                                  practice_path)


def generate(ctx: RenderContext) -> Iterator[Page]:
    if not ctx.dataset.workshops:
        return
    workshops = sorted(ctx.dataset.workshops, key=lambda w: (w.start, w.id), reverse=True)
    yield Page(INDEX, ctx.render("workshop_index.md.j2", INDEX, workshops=workshops, agenda_path=agenda_path,
                                 handout_path=handout_path))
    for order, workshop in enumerate(workshops):
        for here, template, title_key, offset in (
            (agenda_path(workshop.id), "workshop_agenda.md.j2", "workshop.agenda", 0.0),
            (handout_path(workshop.id), "workshop_handout.md.j2", "workshop.handout", 0.5),
        ):
            yield Page(here, render(ctx, workshop, here, template),
                       NavEntry(INDEX, f"{ctx.translate(workshop.short_title or workshop.title)}: "
                                       f"{ctx.label(title_key)}", order + offset))


def render(ctx: RenderContext, workshop: Workshop, here: str, template: str) -> str:
    data = ctx.dataset
    return ctx.render(
        template, here, workshop=workshop,
        guidelines=data.guidelines, measures={m.id: m for m in data.guidelines.measures},
        section_of=lambda r: next((s for s in data.guidelines.sections if s.first <= r.first and r.last <= s.last), None),
        overview=GUIDELINES,
        practices={p.id: p for p in data.practices},
        modules={m.id: m for m in data.training_module},
        countries={c.id: c for c in data.countries},
        measure_path=measure_path, practice_path=practice_path, module_path=module_path,
        country_path=country_path, agenda=agenda_path(workshop.id), handout=handout_path(workshop.id),
        designated=designated([c for c in data.countries if c.id in workshop.areas]),
    )
