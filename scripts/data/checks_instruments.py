"""Cross-reference checks of today's channels (``instruments.yaml``).

Ids are unique; every source, provision, measure, template, Convention article and country named exists; the
crosswalk gives each of the 24 measures exactly one entry, in the guidelines' order; every country in
``countries/`` has a status under CETS No. 224, and no status names a country that is not there.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from scripts.data.crossrefs import article_numbers, measure_ids, references, unique

if TYPE_CHECKING:
    from scripts.data.records import Dataset
    from scripts.data.problems import Problem


def check_instruments(dataset: Dataset) -> Iterator[Problem]:
    data, doc = dataset.instruments, dataset.document("instruments")
    assert data is not None  # the check runs only when instruments.yaml loaded
    sources = {s.id for s in data.sources}
    yield from unique(doc, data.sources, lambda s: s.id, ("sources",), "id", "source id")
    yield from unique(doc, data.instruments, lambda i: i.id, ("instruments",), "id", "instrument id")
    yield from unique(doc, data.deadlines, lambda d: d.id, ("deadlines",), "id", "deadline id")
    measures = measure_ids(dataset)
    templates = {t.id for t in dataset.templates}
    articles = article_numbers(dataset)

    def cite(values: list[str], path: tuple) -> Iterator[Problem]:
        yield from references(doc, values, path, sources, "source", "the 'sources' of instruments.yaml")

    provision_ids: dict[str, tuple] = {}
    for i_index, instrument in enumerate(data.instruments):
        base = ("instruments", i_index)
        yield from cite(instrument.sources, base + ("sources",))
        yield from cite(instrument.dated.sources, base + ("dated", "sources"))
        yield from cite(instrument.applies_from.sources, base + ("applies_from", "sources"))
        for p_index, provision in enumerate(instrument.provisions):
            path = base + ("provisions", p_index)
            if provision.id in provision_ids:
                line = doc.position(provision_ids[provision.id] + ("id",))[0]
                yield doc.problem(path + ("id",), f"duplicate provision id {provision.id!r} (already used on line "
                                                  f"{line}); each must be unique")
            provision_ids.setdefault(provision.id, path)
            yield from cite(provision.sources, path + ("sources",))
            yield from references(doc, provision.templates, path + ("templates",), templates, "template",
                                  "templates/")
            if provision.convention_article is not None and articles and provision.convention_article not in articles:
                yield doc.problem(path + ("convention_article",),
                                  f"article {provision.convention_article} does not exist in convention.yaml")

    for d_index, deadline in enumerate(data.deadlines):
        path = ("deadlines", d_index)
        yield from cite(deadline.sources, path + ("sources",))
        if deadline.provision not in provision_ids:
            yield doc.problem(path + ("provision",), f"provision {deadline.provision!r} does not exist in "
                                                     "the instruments' provisions")

    expected = [m.id for m in dataset.guidelines.ordered_measures()]
    given = [entry.measure for entry in data.crosswalk]
    for c_index, entry in enumerate(data.crosswalk):
        path = ("crosswalk", c_index)
        if entry.measure not in measures:
            yield doc.problem(path + ("measure",), f"measure {entry.measure!r} does not exist in guidelines.yaml")
        yield from references(doc, entry.provisions, path + ("provisions",), set(provision_ids), "provision",
                              "the instruments' provisions")
    yield from unique(doc, data.crosswalk, lambda e: e.measure, ("crosswalk",), "measure", "crosswalk measure")
    missing = [m for m in expected if m not in given]
    if missing:
        yield doc.problem(("crosswalk",), "the crosswalk needs one entry for each measure; missing: "
                                          + ", ".join(missing))
    elif given != expected and len(given) == len(expected):
        yield doc.problem(("crosswalk",), "expected the crosswalk in the guidelines' order: " + ", ".join(expected))

    countries = {c.id for c in dataset.countries}
    yield from unique(doc, data.protocol_status, lambda s: s.country, ("protocol_status",), "country",
                      "country")
    for s_index, status in enumerate(data.protocol_status):
        path = ("protocol_status", s_index)
        if countries and status.country not in countries:
            yield doc.problem(path + ("country",), f"country {status.country!r} does not exist in countries/")
        yield from cite(status.sources, path + ("sources",))
        yield from cite(status.eu_sources, path + ("eu_sources",))
    covered = {s.country for s in data.protocol_status}
    lacking = sorted(countries - covered)
    if lacking:
        yield doc.problem(("protocol_status",), "every country needs a status under CETS No. 224 (write "
                                                "'unknown' where no source shows it); missing: " + ", ".join(lacking))
