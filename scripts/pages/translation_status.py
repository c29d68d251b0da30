"""The "Translation status" page of a language: how many strings are complete, outdated, missing and
reviewed, and which pages show passages in English.

Generated for every language (for the source language it lists the site's languages instead)."""

from __future__ import annotations

from collections.abc import Iterable

from scripts.i18n.strings import source_texts
from scripts.i18n.translator import Status, Translator
from scripts.pages.base import NavEntry, Page
from scripts.pages.context import RenderContext
from scripts.pages.translation_notice import STATUS_PAGE, PageReport

PARENT = "about.md"


def generate(ctx: RenderContext, translator: Translator, reports: Iterable[PageReport],
             handwritten_in_english: Iterable[str] = ()) -> Page:
    site = ctx.dataset.site
    # Every distinct English string of the data, whether or not a page of this build shows it.
    counts = {status: 0 for status in Status}
    strings = source_texts(ctx.dataset)
    for text in strings:
        counts[translator.status(text)] += 1
    total = len(strings)
    complete = counts[Status.REVIEWED] + counts[Status.UNREVIEWED]
    pages = [(r.path, r.count(Status.MISSING), r.count(Status.OUTDATED)) for r in reports if r.english()]
    content = ctx.render("translation_status.md.j2", STATUS_PAGE, source=translator.source, total=total,
                         complete=complete, counts=counts, Status=Status, pages=sorted(pages),
                         handwritten=sorted(handwritten_in_english),
                         language=site.language(ctx.language),
                         percent=lambda n: f"{(100 * n / total) if total else 100:.0f}")
    return Page(STATUS_PAGE, content, NavEntry(PARENT, ctx.label("i18n.status.title"), 100))
