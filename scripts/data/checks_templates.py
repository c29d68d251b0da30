"""Cross-reference checks of the request and response templates (``templates/*.yaml``)."""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from scripts.data.crossrefs import article_numbers, measure_ids, references, unique

if TYPE_CHECKING:
    from scripts.data.records import Dataset
    from scripts.data.problems import Problem


def check_templates(dataset: Dataset) -> Iterator[Problem]:
    templates = dataset.templates
    documents = dataset.documents("templates")
    measures = measure_ids(dataset)
    articles = article_numbers(dataset)
    provisions = {p.id for _, p in dataset.instruments.provisions()} if dataset.instruments is not None else None
    seen: dict[str, str] = {}
    orders: dict[int, str] = {}
    for template, doc in zip(templates, documents, strict=True):
        if template.id in seen:
            yield doc.problem(("id",), f"duplicate template id {template.id!r} (already used in {seen[template.id]}); "
                                       "each must be unique")
        seen.setdefault(template.id, doc.name)
        if template.order in orders:
            yield doc.problem(("order",), f"order {template.order} is already used by {orders[template.order]}; "
                                          "give each template its own position")
        orders.setdefault(template.order, template.id)
        if doc.path.stem != template.id:
            yield doc.problem(("id",), f"expected the id to match the file name {doc.path.stem!r}, "
                                       f"got {template.id!r}")
        yield from unique(doc, template.sections, lambda s: s.id, ("sections",), "id", "section id")
        yield from references(doc, template.measures, ("measures",), measures, "measure", "guidelines.yaml")
        yield from references(doc, template.legal_basis.articles, ("legal_basis", "articles"), articles, "article",
                              "convention.yaml")
        if provisions is not None:
            yield from references(doc, template.legal_basis.provisions, ("legal_basis", "provisions"), provisions,
                                  "provision", "instruments.yaml")
        elif template.legal_basis.provisions:
            yield doc.problem(("legal_basis", "provisions"), "provisions name instruments.yaml, which is missing")
        yield from _field_references(doc, template)
        for s_index, section in enumerate(template.sections):
            base = ("sections", s_index)
            yield from references(doc, section.measures, base + ("measures",), measures, "measure",
                                  "guidelines.yaml")
            for f_index, field in enumerate(section.fields):
                path = base + ("fields", f_index)
                yield from references(doc, field.measures, path + ("measures",), measures, "measure",
                                      "guidelines.yaml")
                yield from references(doc, field.articles, path + ("articles",), articles, "article",
                                      "convention.yaml")


def _field_references(doc, template) -> Iterator[Problem]:  # noqa: ANN001
    """Field ids are unique within a template; not_before and required_with name a field of it (of the same
    type, for not_before). Each problem stands at the key that holds it."""
    places: dict[str, tuple] = {}
    fields = {}
    for s_index, section in enumerate(template.sections):
        for f_index, field in enumerate(section.fields):
            path = ("sections", s_index, "fields", f_index)
            if field.id in places:
                line = doc.position(places[field.id] + ("id",))[0]
                yield doc.problem(path + ("id",), f"duplicate field id {field.id!r} (already used on line {line}); "
                                                  "field ids must be unique within a template")
                continue
            places[field.id] = path
            fields[field.id] = field
    for field_id, field in fields.items():
        path = places[field_id]
        if field.required_with is not None and field.required_with not in fields:
            yield doc.problem(path + ("required_with",), f"expected the id of a field of this template, "
                                                         f"got {field.required_with!r}")
        if field.not_before is not None:
            other = fields.get(field.not_before)
            if other is None:
                yield doc.problem(path + ("not_before",), f"expected the id of a field of this template, "
                                                          f"got {field.not_before!r}")
            elif other.type != field.type:
                yield doc.problem(path + ("not_before",), f"field {field.id!r} ({field.type}) cannot be compared "
                                                          f"with {other.id!r} ({other.type})")
