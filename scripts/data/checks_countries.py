"""Cross-reference checks for countries, good practices, workshops and editions.

A country gives each of the measures one status, in order; a practice names measures, articles, modules and countries
that exist; a workshop, paragraph ranges, measures, practices and modules that exist, in time order; an edition, a
country that exists and only languages the site is published in.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from typing import TYPE_CHECKING, Any

from scripts.data.crossrefs import article_numbers, measure_ids, paragraph_numbers, references, unique
from scripts.data.models.editions import EDITION_REQUIRED_LANGUAGE

if TYPE_CHECKING:
    from scripts.data.records import Dataset
    from scripts.data.problems import Problem
    from scripts.data.yamlsource import YamlDocument


def _ids(records: Iterable[Any]) -> set[str]:
    return {record.id for record in records}


def _file_ids(records: Sequence[Any], documents: Sequence[YamlDocument]) -> Iterator[Problem]:
    """Each record's id must be its file name, so that a reference can be found by looking at the folder."""
    for record, document in zip(records, documents, strict=True):
        if document.path.stem != record.id:
            yield document.problem(("id",), f"expected the id to be the file name {document.path.stem!r}, "
                                            f"got {record.id!r}")


def check_countries(dataset: Dataset) -> Iterator[Problem]:
    articles = article_numbers(dataset)
    expected = [m.id for m in dataset.guidelines.ordered_measures()]
    yield from _file_ids(dataset.countries, dataset.documents("countries"))
    for index, country in enumerate(dataset.countries):
        doc = dataset.document("countries", index)
        yield from unique(doc, country.languages, lambda lang: (lang.code, lang.script), ("languages",), "code",
                          "language and script")
        if expected:
            yield from _measure_statuses(doc, [entry.measure for entry in country.measures], expected)
        for power in ("preservation", "production", "interception", "search_and_seizure"):
            provision = country.power(power)
            yield from references(doc, provision.articles, ("procedural_powers", power, "articles"), articles,
                                  "article", "convention.yaml")
        for inst_index, institution in enumerate(country.institutions):
            yield from references(doc, institution.articles, ("institutions", inst_index, "articles"), articles,
                                  "article", "convention.yaml")


def _measure_statuses(doc, given: list[str], expected: list[str]) -> Iterator[Problem]:
    """A country lists every measure once, in the guidelines' order (``unknown`` where nothing is known)."""
    known = set(expected)
    seen: set[str] = set()
    for index, measure in enumerate(given):
        path = ("measures", index, "measure")
        if measure not in known:
            yield doc.problem(path, f"measure {measure!r} does not exist in guidelines.yaml")
        elif measure in seen:
            yield doc.problem(path, f"measure {measure!r} already has a status; give each measure one status")
        seen.add(measure)
    missing = [m for m in expected if m not in seen]
    if missing:
        yield doc.problem(("measures",), f"expected a status for each of the {len(expected)} measures (write "
                                         f"'status: unknown' where nothing is known); missing: {', '.join(missing)}")
    elif [m for m in given if m in known] != expected:
        yield doc.problem(("measures",), "expected the measures in the guidelines' order: "
                                         + ", ".join(expected))


def check_practices(dataset: Dataset) -> Iterator[Problem]:
    measures = measure_ids(dataset)
    articles = article_numbers(dataset)
    modules = _ids(dataset.training_module)
    countries = _ids(dataset.countries)
    yield from _file_ids(dataset.practices, dataset.documents("practices"))
    for index, practice in enumerate(dataset.practices):
        doc = dataset.document("practices", index)
        yield from references(doc, practice.measures, ("measures",), measures, "measure", "guidelines.yaml")
        yield from references(doc, practice.articles, ("articles",), articles, "article", "convention.yaml")
        if modules:
            yield from references(doc, practice.modules, ("modules",), modules, "training module",
                                  "training/modules/")
        for example_index, example in enumerate(practice.examples):
            yield from references(doc, example.countries, ("examples", example_index, "countries"), countries,
                                  "country", "countries/")


def check_workshops(dataset: Dataset) -> Iterator[Problem]:
    paragraphs = paragraph_numbers(dataset)
    modules = _ids(dataset.training_module)
    practices = _ids(dataset.practices)
    countries = _ids(dataset.countries)
    yield from _file_ids(dataset.workshops, dataset.documents("workshops"))
    for index, workshop in enumerate(dataset.workshops):
        doc = dataset.document("workshops", index)
        if workshop.end < workshop.start:
            yield doc.problem(("end",), f"expected a date on or after 'start' ({workshop.start}), got {workshop.end}")
        yield from references(doc, workshop.areas, ("areas",), countries, "country", "countries/")
        items = [item for day in workshop.days for item in day.items]
        yield from unique(doc, items, lambda item: item.id, ("days",), "id", "agenda item id")
        for day_index, day in enumerate(workshop.days):
            day_path = ("days", day_index)
            if not workshop.start <= day.date <= workshop.end:
                yield doc.problem(day_path + ("date",), f"expected a date from {workshop.start} to {workshop.end}, "
                                                        f"got {day.date}")
            previous = None
            for item_index, item in enumerate(day.items):
                path = day_path + ("items", item_index)
                if previous is not None and item.start < previous:
                    yield doc.problem(path + ("start",), f"expected the agenda in time order: {item.start} comes "
                                                         f"after {previous}")
                previous = item.start
                for range_index, span in enumerate(item.ranges):
                    for key in ("first", "last"):
                        number = getattr(span, key)
                        if number not in paragraphs:
                            yield doc.problem(path + ("ranges", range_index, key),
                                              f"paragraph {number} does not exist in guidelines.yaml")
                yield from references(doc, item.related_measures, path + ("related_measures",),
                                      measure_ids(dataset), "measure", "guidelines.yaml")
                yield from references(doc, item.practices, path + ("practices",), practices, "practice",
                                      "practices/")
                if modules:
                    yield from references(doc, item.modules, path + ("modules",), modules, "training module",
                                          "training/modules/")


def check_editions(dataset: Dataset) -> Iterator[Problem]:
    site_languages = [lang.code for lang in dataset.site.languages]
    countries = {c.id: c for c in dataset.countries}
    yield from _file_ids(dataset.editions, dataset.documents("editions"))
    for index, edition in enumerate(dataset.editions):
        doc = dataset.document("editions", index)
        country = countries.get(edition.country)
        if country is None:
            yield doc.problem(("country",), f"country {edition.country!r} does not exist in countries/"
                                            f" (known: {', '.join(sorted(countries)) or 'none'})")
        seen: set[str] = set()
        for lang_index, code in enumerate(edition.languages):
            path = ("languages", lang_index)
            if code in seen:
                yield doc.problem(path, f"language {code!r} is listed twice")
                continue
            seen.add(code)
            if code not in site_languages:
                yield doc.problem(path, f"language {code!r} is not a language of the site: expected one of "
                                        f"{', '.join(site_languages)} (add it to site.yaml first)")
            elif country is not None and code != EDITION_REQUIRED_LANGUAGE and code not in country.language_codes:
                yield doc.problem(path, f"language {code!r} is not a language of {country.name}: expected "
                                        f"{EDITION_REQUIRED_LANGUAGE!r} or one of {', '.join(country.language_codes)}")
        if EDITION_REQUIRED_LANGUAGE not in edition.languages:
            yield doc.problem(("languages",), f"expected {EDITION_REQUIRED_LANGUAGE!r} among the languages: every "
                                              f"edition carries the source language")
