"""All page generators, and the one call that runs them for a language."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any

from scripts.data.dataset import Dataset
from scripts.pages import channels, countries, guidelines, mou, practices, reference, templates_docx, templates_forms, workshop
from scripts.pages import book, paper, training
from scripts.pages.base import Page
from scripts.pages.context import RenderContext, Translate, identity

Generator = Callable[[RenderContext], Iterable[Page]]

#: Every page generator, in the order their pages are produced.
GENERATORS: list[Generator] = [
    guidelines.generate,
    book.generate,
    reference.generate,
    templates_forms.generate,
    templates_docx.generate,
    countries.generate,
    practices.generate,
    mou.generate,
    workshop.generate,
    training.generate,
    channels.generate,
    paper.generate,
]


def generate_pages(dataset: Dataset, language: str, translate: Translate = identity, edition: Any = None,
                   observe: Callable[[Page], Page] | None = None, documents: Any = None) -> list[Page]:
    """Every page for ``language``; ``edition`` (an ``Edition`` record) builds one country's edition.

    ``observe`` sees each page as soon as it is generated (before the next one is rendered) and may return it
    changed: :mod:`scripts.pages.localized` uses it to tell each page what its translation lacks. ``documents``:
    where finished documents are kept between builds (:attr:`RenderContext.documents`)."""
    ctx = RenderContext(dataset, language, translate, edition, documents)
    pages = [page if observe is None else observe(page) for generate in GENERATORS for page in generate(ctx)]
    seen: set[str] = set()
    for page in pages:
        if page.path in seen:
            raise ValueError(f"two generators wrote the page {page.path}")
        seen.add(page.path)
    return pages
