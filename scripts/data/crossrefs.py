"""Checks that cross records and files: unique ids, no gaps, every reference resolves.

Each check takes the loaded :class:`~scripts.data.dataset.Dataset` and yields problems positioned in
the file and key path they concern. Schemas check one value at a time; these check the whole.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Sequence
from typing import TYPE_CHECKING, Any

from scripts.data.transliterate import SUPPORTED

if TYPE_CHECKING:
    from scripts.data.records import Dataset
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


def measure_ids(dataset: Dataset) -> set[str]:
    return {m.id for m in dataset.guidelines.measures}


def guideline_references(dataset: Dataset, document: YamlDocument, refs: Any, path: tuple,
                         required: bool = True) -> Iterator[Problem]:
    """The measures, sections and paragraph numbers a record points to must exist, and a paragraph number
    may be named only when its content is established (see ``guidelines.yaml``)."""
    guidelines = dataset.guidelines
    yield from references(document, refs.measures, path + ("measures",), measure_ids(dataset), "measure",
                          "guidelines.yaml")
    yield from references(document, refs.sections, path + ("sections",), {s.id for s in guidelines.sections},
                          "section", "guidelines.yaml")
    established = guidelines.established_numbers()
    for index, number in enumerate(refs.paragraphs):
        if number not in established:
            known = ", ".join(str(n) for n in sorted(established)) or "none"
            yield document.problem(path + ("paragraphs", index),
                                   f"paragraph {number} is not established (its content is unknown), so nothing "
                                   f"may cite it; point to its measure instead (established paragraphs: {known})")
    if required and not refs.has_references():
        yield document.problem(path, "expected at least one of 'measures', 'sections' or 'paragraphs'")


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

    for index, lang in enumerate(site.languages):
        if not lang.transliterated_from:
            continue
        source = site.language(lang.transliterated_from)
        path = ("languages", index, "transliterated_from")
        if source is None or source.transliterated_from or source.code in (lang.code, site.default_language):
            yield doc.problem(path, f"expected the code of another translated language with a catalog, "
                                    f"got {lang.transliterated_from!r}")
        elif (source.script, lang.script) not in SUPPORTED:
            yield doc.problem(path, f"expected a language whose script can be transliterated to {lang.script} "
                                    f"({', '.join(f'{a}->{b}' for a, b in sorted(SUPPORTED))}), got "
                                    f"{source.code} in {source.script}")


def check_convention(dataset: Dataset) -> Iterator[Problem]:
    doc = dataset.document("convention")
    yield from unique(doc, dataset.convention.articles, lambda a: a.number, ("articles",), "number", "article")


def check_glossary(dataset: Dataset) -> Iterator[Problem]:
    doc, terms = dataset.document("glossary"), dataset.glossary.terms
    yield from unique(doc, terms, lambda t: t.id, ("terms",), "id", "term id")
    yield from unique(doc, terms, lambda t: t.term.casefold(), ("terms",), "term", "term")
    ids, articles = term_ids(dataset), article_numbers(dataset)
    for index, term in enumerate(terms):
        yield from references(doc, term.see_also, ("terms", index, "see_also"), ids, "term", "glossary.yaml")
        yield from references(doc, term.articles, ("terms", index, "articles"), articles, "article",
                              "convention.yaml")


def check_guidelines(dataset: Dataset) -> Iterator[Problem]:
    guidelines, doc = dataset.guidelines, dataset.document("guidelines")
    sections, paragraphs, measures = guidelines.sections, guidelines.paragraphs, guidelines.measures
    yield from unique(doc, guidelines.sources, lambda s: s.id, ("sources",), "id", "source id")
    yield from unique(doc, sections, lambda s: s.id, ("sections",), "id", "section id")
    yield from unique(doc, measures, lambda m: m.id, ("measures",), "id", "measure id")
    yield from unique(doc, measures, lambda m: (m.section, m.order), ("measures",), "order",
                      "order within the section")
    yield from unique(doc, paragraphs, lambda p: p.number, ("paragraphs",), "number", "paragraph number")
    source_ids = {s.id for s in guidelines.sources}

    def sources(values: list[str], path: tuple) -> Iterator[Problem]:
        yield from references(doc, values, path, source_ids, "source", "the 'sources' of guidelines.yaml")

    expected_first = 1
    for index, section in enumerate(sections):
        if section.first != expected_first:
            yield doc.problem(("sections", index, "first"),
                              f"expected {expected_first}: sections must follow each other without gap or overlap")
        if section.last < section.first:
            yield doc.problem(("sections", index, "last"), f"expected a number of at least {section.first}")
        expected_first = max(section.last, section.first) + 1
        yield from sources(section.sources, ("sections", index, "sources"))

    by_id = {s.id for s in sections}
    known_terms = term_ids(dataset)
    known_articles = article_numbers(dataset)
    for index, measure in enumerate(measures):
        path = ("measures", index)
        if measure.section not in by_id:
            yield doc.problem(path + ("section",), f"expected one of the section ids {sorted(by_id)}, "
                                                   f"got {measure.section!r}")
        for st_index, statement in enumerate(measure.established):
            yield from sources(statement.sources, path + ("established", st_index, "sources"))
        yield from references(doc, measure.terms, path + ("terms",), known_terms, "term", "glossary.yaml")
        yield from references(doc, measure.articles, path + ("articles",), known_articles, "article",
                              "convention.yaml")
    for section in sections:
        orders = sorted(m.order for m in measures if m.section == section.id)
        if orders and orders != list(range(1, len(orders) + 1)):
            index = next(i for i, m in enumerate(measures) if m.section == section.id)
            yield doc.problem(("measures", index, "order"), f"expected the measures of section '{section.id}' to "
                                                           f"be numbered 1 to {len(orders)}, got {orders}")

    numbers = [p.number for p in paragraphs]
    last = sections[-1].last
    for missing in sorted(set(range(1, last + 1)) - set(numbers)):
        yield doc.problem(("paragraphs",), f"paragraph {missing} is missing: expected every number from 1 to {last}")
    section_of = {s.id: s for s in sections}
    measure_of = {m.id: m for m in measures}
    previous = 0
    for index, paragraph in enumerate(paragraphs):
        path = ("paragraphs", index)
        if paragraph.number > last:
            yield doc.problem(path + ("number",), f"expected a number from 1 to {last} (the last section ends there)")
        elif paragraph.number < previous:
            yield doc.problem(path + ("number",), f"expected paragraphs in order: {paragraph.number} comes after "
                                                  f"{previous}")
        previous = max(previous, paragraph.number)
        section = section_of.get(paragraph.section)
        if section is None:
            yield doc.problem(path + ("section",), f"expected one of the section ids {sorted(by_id)}, "
                                                   f"got {paragraph.section!r}")
            continue
        if not section.first <= paragraph.number <= section.last:
            yield doc.problem(path + ("section",), f"paragraph {paragraph.number} lies outside section "
                                                   f"'{section.id}' ({section.first}-{section.last})")
        has_measures = any(m.section == section.id for m in measures)
        if paragraph.measure is None and has_measures:
            yield doc.problem(path, f"expected 'measure': the measure of section '{section.id}' this paragraph "
                                    f"belongs to, or 'unknown' until a source establishes it")
        elif paragraph.measure is not None and not has_measures:
            yield doc.problem(path + ("measure",), f"section '{section.id}' has no measures; leave 'measure' out")
        elif paragraph.known_measure:
            measure = measure_of.get(paragraph.known_measure)
            if measure is None:
                yield doc.problem(path + ("measure",), f"measure {paragraph.measure!r} does not exist in "
                                                       f"guidelines.yaml (or write 'unknown')")
            elif measure.section != section.id:
                yield doc.problem(path + ("measure",), f"measure {measure.id!r} belongs to section "
                                                       f"'{measure.section}', but paragraph {paragraph.number} lies "
                                                       f"in '{section.id}' ({section.first}-{section.last})")
            if not paragraph.measure_sources:
                yield doc.problem(path, "expected 'measure_sources': the source that establishes the measure")
        yield from sources(paragraph.measure_sources, path + ("measure_sources",))
        if paragraph.established:
            yield from sources(paragraph.content.sources, path + ("content", "sources"))
