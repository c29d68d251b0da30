"""Pages of the guidelines: an overview by part, and one page per paragraph with previous/next."""

from __future__ import annotations

from collections.abc import Iterator

from scripts.pages.base import NavEntry, Page
from scripts.pages.context import RenderContext
from scripts.pages.paragraph_blocks import PARAGRAPH_BLOCKS

OVERVIEW = "guidelines/index.md"


def paragraph_path(number: int) -> str:
    return f"guidelines/{number}.md"


def generate(ctx: RenderContext) -> Iterator[Page]:
    data = ctx.dataset
    guidelines = data.guidelines
    terms = {t.id: t for t in data.glossary.terms}
    articles = {a.number: a for a in data.convention.articles}
    paragraphs = guidelines.paragraphs
    sections = {s.id: s for s in guidelines.sections}

    yield Page(OVERVIEW, ctx.render("guidelines_overview.md.j2", OVERVIEW, guidelines=guidelines,
                                    paragraph_path=paragraph_path))
    for index, paragraph in enumerate(paragraphs):
        here = paragraph_path(paragraph.number)
        section = sections[paragraph.section]
        blocks = [block(ctx, paragraph) for block in PARAGRAPH_BLOCKS]
        content = ctx.render(
            "paragraph.md.j2", here,
            guidelines=guidelines, paragraph=paragraph, section=section,
            previous=paragraphs[index - 1] if index > 0 else None,
            next=paragraphs[index + 1] if index + 1 < len(paragraphs) else None,
            terms=[terms[t] for t in paragraph.terms], articles=[articles[a] for a in paragraph.articles],
            blocks=[b for b in blocks if b.strip()], paragraph_path=paragraph_path, total=len(paragraphs),
        )
        group = f"{ctx.translate(section.title)} ({section.first}-{section.last})"
        nav = NavEntry(OVERVIEW, f"{paragraph.number}. {ctx.translate(paragraph.heading)}", paragraph.number,
                       (group,))
        yield Page(here, content, nav)
