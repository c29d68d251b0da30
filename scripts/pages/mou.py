"""The memorandum-of-understanding outline builder: a page that holds every practice clause and every
measure, and lets a working group pick which go into its printable outline (behaviour in
overrides/assets/javascripts/mou.js; nothing leaves the browser)."""

from __future__ import annotations

from collections.abc import Iterator

from scripts.pages.base import NavEntry, Page
from scripts.pages.context import RenderContext
from scripts.pages.countries import edition_country
from scripts.pages.practices import INDEX, MOU, ordered_practices
from scripts.pages.routes import measure_path, practice_path


def generate(ctx: RenderContext) -> Iterator[Page]:
    if not ctx.dataset.practices:
        return
    guidelines = ctx.dataset.guidelines
    sections = [(section, guidelines.measures_in(section.id)) for section in guidelines.sections
                if guidelines.measures_in(section.id)]
    content = ctx.render("mou_outline.md.j2", MOU, practices=ordered_practices(ctx), sections=sections,
                         country=edition_country(ctx), practice_path=practice_path, measure_path=measure_path)
    yield Page(MOU, content, NavEntry(INDEX, ctx.translate(ctx.dataset.ui.labels["mou.title"]), -1))
