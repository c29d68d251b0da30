"""Every page of one language, each with an honest notice about its translation, plus the language's
"Translation status" page.

Page generation itself does not know about catalogs: it calls ``translate``. Here the translator records what
each page asked for while it was being rendered (generators are lazy, so a page's strings are translated just
before it is yielded), and the page gets its notice (see :mod:`scripts.pages.translation_notice`): kept with the
page (``Page.notice``), and a mark below the page's title where it goes (:data:`scripts.pages.names.NOTICE`).
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Any

from scripts.data.dataset import Dataset
from scripts.i18n.translator import Translator
from scripts.pages import translation_status
from scripts.pages.base import Page
from scripts.pages.context import RenderContext
from scripts.pages.generator import generate_pages
from scripts.pages.names import NOTICE, fill_text, mark, names_of
from scripts.pages.translation_notice import PageReport, below_title, excerpt, notice, wrapped


@dataclass
class LocalizedPages:
    language: str
    pages: list[Page]
    reports: list[PageReport]
    context: RenderContext


def generate_localized(dataset: Dataset, translator: Translator, edition: Any = None,
                       handwritten_in_english: tuple[str, ...] = (), documents: Any = None,
                       measure_names: dict[str, str] | None = None) -> LocalizedPages:
    """The pages of ``translator.language``, with notices, and its translation status page. ``measure_names``:
    what the pages' marks stand for (:func:`scripts.pages.names.names_of`), when known already."""
    language = translator.language
    reports: list[PageReport] = []
    ctx = RenderContext(dataset, language, translator, edition)
    measures = dataset.guidelines.measures
    names = measure_names if measure_names is not None else names_of(measures, translator, dataset.ui.labels)
    # (a heading two measures share gives one excerpt: either mark stands for it)
    headings = {measure.heading: measure.id for measure in measures}

    def quote(english: str) -> str:
        """A passage shown in English, as a notice lists it: a measure's heading by its mark."""
        return mark("excerpt", headings[english]) if english in headings else excerpt(english)

    def observe(page: Page) -> Page:
        uses = translator.take()
        if translator.source or not page.path.endswith(".md") or not isinstance(page.content, str):
            return page
        report = PageReport(page.path)
        report.add(uses, fill_text(page.content, names))  # what the page says
        reports.append(report)
        block = notice(report, ctx.label, page.path, ctx.count_label, quote)
        if not block:
            return page
        return replace(page, content=below_title(page.content, NOTICE + "\n"), notice=wrapped(block))

    translator.take()
    pages = generate_pages(dataset, language, translator, edition=edition, observe=observe, documents=documents)
    status = translation_status.generate(ctx, translator, reports, handwritten_in_english)
    translator.take()
    if all(p.path != status.path for p in pages):
        pages.append(status)
    return LocalizedPages(language, pages, reports, ctx)
