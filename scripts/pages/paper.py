"""Which pages are also printed as PDFs (besides the book), and the placeholders of every PDF.

A PDF is made after its language's pages are built (:mod:`scripts.paper`), so that it shows exactly what the
page shows. Each PDF is declared here as an (empty) generated file so that pages can link to it with an
ordinary Markdown link, which MkDocs checks and rewrites; :func:`scripts.paper.make_paper` then writes the real
file over it (a build whose PDFs fail fails).

To print another kind of page (the workshop kit's participant and trainer packs, for instance), append a
function ``(ctx) -> list[PaperPage]`` to :data:`PAPER_SOURCES`."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass

from scripts.pages.base import Page
from scripts.pages.context import RenderContext
from scripts.pages.routes import book_file, pdf_beside
from scripts.pages.routes import handout_path, template_path
from scripts.pages.templates_forms import dataset_templates


@dataclass(frozen=True)
class PaperPage:
    """The page ``page`` (a docs path) printed as ``pdf``; ``forms``: its form fields stay fillable in the PDF."""

    page: str
    pdf: str
    forms: bool = False


def _templates(ctx: RenderContext) -> list[PaperPage]:
    # Blanks to print and fill in by hand: fillable PDF fields would make each file 15 times larger and
    # four times slower to make.
    return [PaperPage(template_path(t.id), pdf_beside(template_path(t.id), ctx.language))
            for t in dataset_templates(ctx)]


def _handouts(ctx: RenderContext) -> list[PaperPage]:
    return [PaperPage(handout_path(w.id), pdf_beside(handout_path(w.id), ctx.language))
            for w in ctx.dataset.workshops]


#: Every kind of page printed as a PDF of its own: ``(ctx) -> list[PaperPage]``.
PAPER_SOURCES: list[Callable[[RenderContext], list[PaperPage]]] = [_templates, _handouts]


def paper_pages(ctx: RenderContext) -> list[PaperPage]:
    return [paper for source in PAPER_SOURCES for paper in source(ctx)]


def book_pdf(ctx: RenderContext) -> str:
    return book_file(ctx.language, ctx.edition.id if ctx.edition is not None else None)


def generate(ctx: RenderContext) -> Iterator[Page]:
    """The placeholders of this language's PDFs (see the module's docstring)."""
    yield Page(book_pdf(ctx), b"")
    for paper in paper_pages(ctx):
        yield Page(paper.pdf, b"")
