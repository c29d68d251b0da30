"""Good-practice pages: an overview and one page per practice (what it is, paragraphs, checklist,
country examples), plus the block on each paragraph page naming the practices that serve it."""

from __future__ import annotations

from collections.abc import Iterator

from scripts.data.models.guidelines import Paragraph
from scripts.data.models.practices import Practice
from scripts.pages.base import NavEntry, Page
from scripts.pages.context import RenderContext
from scripts.pages.countries import country_path, designated, edition_country
from scripts.pages.guidelines import paragraph_path
from scripts.pages.paragraph_blocks import PARAGRAPH_BLOCKS
from scripts.pages.reference import CONVENTION, article_anchor

INDEX = "practices/index.md"
MOU = "practices/mou-outline.md"


def practice_path(practice_id: str) -> str:
    return f"practices/{practice_id}.md"


def module_path(module_id: str) -> str | None:
    """The training module's page, when the training pages are part of the site."""
    try:
        from scripts.pages import training  # the training helper's generator, when present
        from scripts.pages.generator import GENERATORS
    except ImportError:
        return None
    path_of = getattr(training, "module_path", None)
    if not callable(path_of) or getattr(training, "generate", None) not in GENERATORS:
        return None  # the module pages are not built: name the module without a link
    return path_of(module_id)


def ordered_practices(ctx: RenderContext) -> list[Practice]:
    return sorted(ctx.dataset.practices, key=lambda p: (p.order, p.id))


def examples_in_order(ctx: RenderContext, practice: Practice) -> list:
    """An edition's own country's examples first, then the others as written."""
    own = edition_country(ctx)
    if own is None:
        return list(practice.examples)
    return sorted(practice.examples, key=lambda e: own.id not in e.countries)


def generate(ctx: RenderContext) -> Iterator[Page]:
    if "practices" not in ctx.dataset or not ctx.dataset.practices:
        return
    practices = ordered_practices(ctx)
    paragraphs = {p.number: p for p in ctx.dataset.guidelines.paragraphs}
    articles = {a.number: a for a in ctx.dataset.convention.articles}
    countries = {c.id: c for c in ctx.dataset.countries} if "countries" in ctx.dataset else {}
    modules = {m.id: m for m in ctx.dataset.training_module} if "training_module" in ctx.dataset else {}
    yield Page(INDEX, ctx.render("practices_index.md.j2", INDEX, practices=practices, practice_path=practice_path,
                                 paragraph_path=paragraph_path, mou=MOU))
    for practice in practices:
        here = practice_path(practice.id)
        content = ctx.render(
            "practice.md.j2", here, practice=practice, paragraphs=paragraphs, articles=articles,
            countries=countries, modules=modules, module_path=module_path,
            examples=examples_in_order(ctx, practice), paragraph_path=paragraph_path,
            designated=designated([countries[c] for e in practice.examples for c in e.countries if c in countries]),
            country_path=country_path, convention=CONVENTION, article_anchor=article_anchor, mou=MOU,
        )
        yield Page(here, content, NavEntry(INDEX, ctx.translate(practice.title), practice.order))


def paragraph_block(ctx: RenderContext, paragraph: Paragraph) -> str:
    """The good practices that serve a paragraph."""
    if "practices" not in ctx.dataset:
        return ""
    serving = [p for p in ordered_practices(ctx) if paragraph.number in p.paragraphs]
    if not serving:
        return ""
    return ctx.render("practice_paragraph_block.md.j2", paragraph_path(paragraph.number), practices=serving,
                      practice_path=practice_path)


PARAGRAPH_BLOCKS.append(paragraph_block)
