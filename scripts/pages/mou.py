"""The memorandum-of-understanding outline builder: a page that holds every practice clause and every
paragraph, and lets a working group pick which go into its printable outline (behaviour in
overrides/assets/javascripts/mou.js; nothing leaves the browser)."""

from __future__ import annotations

from collections.abc import Iterator

from scripts.pages.base import NavEntry, Page
from scripts.pages.context import RenderContext
from scripts.pages.countries import edition_country
from scripts.pages.guidelines import paragraph_path
from scripts.pages.practices import INDEX, MOU, ordered_practices, practice_path


def generate(ctx: RenderContext) -> Iterator[Page]:
    if "practices" not in ctx.dataset or not ctx.dataset.practices:
        return
    guidelines = ctx.dataset.guidelines
    sections = [(section, [p for p in guidelines.paragraphs if section.first <= p.number <= section.last])
                for section in guidelines.sections]
    content = ctx.render("mou_outline.md.j2", MOU, practices=ordered_practices(ctx), sections=sections,
                         country=edition_country(ctx), practice_path=practice_path, paragraph_path=paragraph_path)
    yield Page(MOU, content, NavEntry(INDEX, ctx.translate(ctx.dataset.ui.labels["mou.title"]), -1))
