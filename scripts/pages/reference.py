"""Reference pages: the glossary and the Budapest Convention articles, each entry with an anchor."""

from __future__ import annotations

from collections.abc import Iterator

from scripts.pages.base import Page
from scripts.pages.context import RenderContext
from scripts.pages.routes import measure_path

GLOSSARY = "glossary.md"
CONVENTION = "convention.md"


def article_anchor(number: int) -> str:
    return f"article-{number}"


def generate(ctx: RenderContext) -> Iterator[Page]:
    data = ctx.dataset
    measures = data.guidelines.ordered_measures()
    used_in = {t.id: [m for m in measures if t.id in m.terms] for t in data.glossary.terms}
    cited_by = {a.number: [m for m in measures if a.number in m.articles] for a in data.convention.articles}
    titles = {t.id: t.term for t in data.glossary.terms}
    terms = sorted(data.glossary.terms, key=lambda t: ctx.translate(t.term).casefold())
    yield Page(GLOSSARY, ctx.render("glossary.md.j2", GLOSSARY, terms=terms, titles=titles, used_in=used_in,
                                    measure_path=measure_path, convention=CONVENTION,
                                    article_anchor=article_anchor))
    yield Page(CONVENTION, ctx.render("convention.md.j2", CONVENTION, convention=data.convention,
                                      cited_by=cited_by, measure_path=measure_path,
                                      article_anchor=article_anchor))
