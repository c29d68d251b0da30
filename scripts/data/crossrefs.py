"""Checks that cross records and files: unique ids, no gaps, every reference resolves.

Each check takes the loaded :class:`~scripts.data.dataset.Dataset` and yields problems positioned in
the file and key path they concern. Schemas check one value at a time; these check the whole.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Sequence
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from scripts.data.dataset import Dataset
    from scripts.data.problems import Problem
    from scripts.data.yamlsource import YamlDocument


def unique(document: YamlDocument, items: Sequence[Any], key: Callable[[Any], object], list_path: tuple,
           field: str, what: str) -> Iterator[Problem]:
    """One problem for each item whose ``key`` repeats an earlier item's."""
    first: dict[object, int] = {}
    for index, item in enumerate(items):
        value = key(item)
        if value in first:
            line = document.position(list_path + (first[value], field))[0]
            yield document.problem(list_path + (index, field),
                                   f"duplicate {what} {value!r} (already used on line {line}); each must be unique")
        else:
            first[value] = index


def references(document: YamlDocument, values: Iterable[object], path: tuple, known: set, what: str,
               where: str) -> Iterator[Problem]:
    """One problem for each value of a reference list that names nothing in ``known``."""
    for index, value in enumerate(values):
        if value not in known:
            yield document.problem(path + (index,), f"{what} {value!r} does not exist in {where}")


def paragraph_numbers(dataset: Dataset) -> set[int]:
    return {p.number for p in dataset.guidelines.paragraphs}


def article_numbers(dataset: Dataset) -> set[int]:
    return {a.number for a in dataset.convention.articles}


def term_ids(dataset: Dataset) -> set[str]:
    return {t.id for t in dataset.glossary.terms}


def check_site(dataset: Dataset) -> Iterator[Problem]:
    site, doc = dataset.site, dataset.document("site")
    yield from unique(doc, site.languages, lambda lang: lang.code, ("languages",), "code", "language code")
    if site.language(site.default_language) is None:
        yield doc.problem(("default_language",), f"expected one of the codes under 'languages', "
                                                 f"got {site.default_language!r}")


def check_convention(dataset: Dataset) -> Iterator[Problem]:
    doc = dataset.document("convention")
    yield from unique(doc, dataset.convention.articles, lambda a: a.number, ("articles",), "number", "article")


def check_glossary(dataset: Dataset) -> Iterator[Problem]:
    doc, terms = dataset.document("glossary"), dataset.glossary.terms
    yield from unique(doc, terms, lambda t: t.id, ("terms",), "id", "term id")
    yield from unique(doc, terms, lambda t: t.term.casefold(), ("terms",), "term", "term")
    ids, articles = term_ids(dataset), article_numbers(dataset) if "convention" in dataset else set()
    for index, term in enumerate(terms):
        yield from references(doc, term.see_also, ("terms", index, "see_also"), ids, "term", "glossary.yaml")
        yield from references(doc, term.articles, ("terms", index, "articles"), articles, "article",
                              "convention.yaml")


def check_guidelines(dataset: Dataset) -> Iterator[Problem]:
    guidelines, doc = dataset.guidelines, dataset.document("guidelines")
    sections, paragraphs = guidelines.sections, guidelines.paragraphs
    yield from unique(doc, sections, lambda s: s.id, ("sections",), "id", "section id")
    yield from unique(doc, paragraphs, lambda p: p.number, ("paragraphs",), "number", "paragraph number")

    expected_first = 1
    for index, section in enumerate(sections):
        if section.first != expected_first:
            yield doc.problem(("sections", index, "first"),
                              f"expected {expected_first}: sections must follow each other without gap or overlap")
        if section.last < section.first:
            yield doc.problem(("sections", index, "last"), f"expected a number of at least {section.first}")
        expected_first = max(section.last, section.first) + 1

    numbers = [p.number for p in paragraphs]
    last = sections[-1].last
    for missing in sorted(set(range(1, last + 1)) - set(numbers)):
        yield doc.problem(("paragraphs",), f"paragraph {missing} is missing: expected every number from 1 to {last}")
    by_id = {s.id: s for s in sections}
    known_terms = term_ids(dataset) if "glossary" in dataset else set()
    known_articles = article_numbers(dataset) if "convention" in dataset else set()
    previous = 0
    for index, paragraph in enumerate(paragraphs):
        path = ("paragraphs", index)
        if paragraph.number > last:
            yield doc.problem(path + ("number",), f"expected a number from 1 to {last} (the last section ends there)")
        elif paragraph.number < previous:
            yield doc.problem(path + ("number",), f"expected paragraphs in order: {paragraph.number} comes after "
                                                  f"{previous}")
        previous = max(previous, paragraph.number)
        section = by_id.get(paragraph.section)
        if section is None:
            yield doc.problem(path + ("section",), f"expected one of the section ids {sorted(by_id)}, "
                                                   f"got {paragraph.section!r}")
        elif not section.first <= paragraph.number <= section.last:
            yield doc.problem(path + ("section",), f"paragraph {paragraph.number} lies outside section "
                                                   f"'{section.id}' ({section.first}-{section.last})")
        yield from references(doc, paragraph.terms, path + ("terms",), known_terms, "term", "glossary.yaml")
        yield from references(doc, paragraph.articles, path + ("articles",), known_articles, "article",
                              "convention.yaml")
