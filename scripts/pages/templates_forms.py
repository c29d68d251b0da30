"""Pages of the standard request and response templates: an overview, and one form page per template
with its live preview (the browser side is overrides/assets/javascripts/form-*.js: validators, state
and drafts, the finished document)."""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any

from scripts.data.models.guidelines import Measure
from scripts.data.models.templates import Template
from scripts.pages.base import NavEntry, Page
from scripts.pages.context import RenderContext
from scripts.pages.routes import CHANNELS, docx_filename, docx_path, measure_path, template_path
from scripts.pages.routes import FORMS as OVERVIEW
from scripts.pages.reference import CONVENTION, article_anchor
from scripts.pages.templates_prefill import Prefill, prefill_for

#: HTML attributes of the <input> for each one-line field type (the form has ``novalidate``: the form
#: scripts check every value itself and shows its own messages next to the field).
INPUT_ATTRIBUTES = {
    "text": 'type="text"',
    "date": 'type="date"',
    "datetime": 'type="text" spellcheck="false" autocapitalize="off"',
    "ip-port": 'type="text" spellcheck="false" autocapitalize="off" inputmode="url"',
    "email": 'type="email" spellcheck="false"',
    "phone": 'type="tel"',
    "number": 'type="text" inputmode="numeric"',
}

#: Messages the form scripts (form-*.js) show, from ``ui.yaml`` (``forms.js.<key>``: the keys keep the name of the
#: script they were first written for).
JS_LABELS = (
    "required", "ip", "port", "port_missing", "datetime", "datetime_zone", "date", "email", "phone", "number",
    "number_range", "order", "required_with", "errors_summary", "valid", "copied", "copy_failed", "draft_on",
    "draft_off", "draft_restored", "draft_cleared", "not_filled", "yes", "signature",
    "draft_mark", "invalid_first", "confirm_clear", "leave_warning", "ip_private", "ip_cgnat", "ip_documentation",
    "ip_reserved", "identifier_row", "docx_made", "docx_failed", "study_copy",
)


def document_kind(template: Template) -> str:
    """The ``ui.yaml`` label that heads the finished document: a request, a response or a record."""
    if template.recipient == "internal-file":
        return "forms.doc_kind.record"
    return "forms.doc_kind.request" if template.issuer == "law-enforcement" else "forms.doc_kind.response"


def instrument_citations(dataset: Any, template: Template, skip_convention: bool = False) -> list[str]:
    """``CETS No. 224, Art. 7`` for each provision of today's instruments the template rests on
    (without the Convention's own articles when ``skip_convention``: the line already names them)."""
    if dataset is None or dataset.instruments is None:
        return []
    out = []
    for provision_id in template.legal_basis.provisions:
        found = dataset.instruments.provision(provision_id)
        if found and not (skip_convention and found[1].convention_article is not None):
            out.append(f"{found[0].citation}, {found[1].ref}")
    return out


def legal_basis_text(dataset: Any, template: Template, label: Any) -> str:
    """The legal basis line of the finished document, without the national provision."""
    parts = []
    if template.legal_basis.articles:
        articles = ", ".join(str(n) for n in template.legal_basis.articles)
        parts.append(label("forms.legal_basis_line").replace("{articles}", articles))
    citations = instrument_citations(dataset, template, skip_convention=bool(parts))
    if citations and parts:
        parts += citations  # one "Legal basis:" is enough; Convention articles are not named twice
    elif citations:
        parts.append(label("forms.legal_basis_instruments").replace("{citations}", "; ".join(citations)))
    return "; ".join(parts)


def legal_basis_line(ctx: RenderContext, template: Template, prefill: Prefill) -> str:
    line = legal_basis_text(ctx.dataset, template, ctx.label)
    domestic = prefill.values.get(template.legal_basis.domestic or "")
    if domestic:
        line += "; " + ctx.label("forms.domestic") + ": " + domestic
    return line


def form_data(ctx: RenderContext, template: Template, prefill: Prefill) -> dict[str, Any]:
    """Everything the form scripts (form-*.js) need, in the page's language."""
    t = ctx.translate
    sections = [
        {
            "id": s.id,
            "title": t(s.title),
            "fields": [
                {
                    "id": f.id,
                    "label": t(f.label),
                    "type": f.type,
                    "required": f.required,
                    "not_before": f.not_before,
                    "required_with": f.required_with,
                    "min": f.min,
                    "max": f.max,
                    "port_required": f.port_required,
                    "options": [{"id": o.id, "label": t(o.label)} for o in f.options],
                }
                for f in s.fields
            ],
        }
        for s in template.sections
    ]
    return {
        "template": {
            "id": template.id,
            "title": t(template.title),
            "kind_label": ctx.label(document_kind(template)),
            "legal_basis_line": legal_basis_line(ctx, template, prefill),
            "notes": [t(n) for n in template.document_notes],
            "study_copy": template.study_copy,
            "sections": sections,
        },
        "labels": {**{key: ctx.label(f"forms.js.{key}") for key in JS_LABELS},
                   "col_ip": ctx.label("forms.identifiers_ip"), "col_port": ctx.label("forms.identifiers_port"),
                   "col_time": ctx.label("forms.identifiers_time")},
    }


def script_json(value: object) -> str:
    """JSON that is safe inside ``<script type="application/json">`` (no ``</script>``, no comment openers)."""
    text = json.dumps(value, ensure_ascii=False, separators=(",", ":"))
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")


def field_values(template: Template, prefill: Prefill) -> dict[str, str]:
    """The values country data puts into the template's fields."""
    return {f.id: prefill.values[f.prefill] for f in template.all_fields()
            if f.prefill and prefill.values.get(f.prefill)}


def render_form(ctx: RenderContext, template: Template, prefill: Prefill) -> str:
    here = template_path(template.id)
    domestic_key = template.legal_basis.domestic
    if domestic_key and prefill.values.get(domestic_key):
        domestic_text = prefill.values[domestic_key]
    elif domestic_key and prefill.country is not None:
        domestic_text = ctx.label("forms.domestic_unknown")
    else:
        domestic_text = ctx.label("forms.domestic_generic")
    domestic_label = ctx.label("forms.domestic")
    country_name = getattr(prefill.country, "name", None)
    if country_name:
        domestic_label = f"{domestic_label} ({ctx.translate(country_name)})"
    return ctx.render(
        "template_form.md.j2", here,
        tpl=template, measure_path=measure_path, measures={m.id: m for m in ctx.dataset.guidelines.measures},
        convention_path=CONVENTION,
        article_anchor=article_anchor, citations=instrument_citations(ctx.dataset, template),
        channels_path=CHANNELS, domestic_text=domestic_text, domestic_label=domestic_label,
        docx_path=docx_path(template.id, ctx.language), docx_filename=docx_filename(template.id, ctx.language),
        input_attributes=INPUT_ATTRIBUTES, prefill=field_values(template, prefill),
        suggestions=prefill.suggestions, form_json=script_json(form_data(ctx, template, prefill)),
    )


def dataset_templates(ctx: RenderContext) -> list[Template]:
    """The templates, or none when the data set has no ``templates/`` folder."""
    return sorted(ctx.dataset.templates, key=lambda t: t.order)


def measure_block(ctx: RenderContext, measure: Measure) -> str:
    """On each measure page: the templates that serve it."""
    serving = [t for t in dataset_templates(ctx) if measure.id in t.measures]
    if not serving:
        return ""
    return ctx.render("templates_measure_block.md.j2", measure_path(measure.id), templates=serving,
                      template_path=template_path)



def generate(ctx: RenderContext) -> Iterator[Page]:
    templates = dataset_templates(ctx)
    if not templates:
        return
    prefill = prefill_for(ctx)
    yield Page(OVERVIEW, ctx.render("templates_overview.md.j2", OVERVIEW, templates=templates,
                                    template_path=template_path, docx_path=docx_path, language=ctx.language))
    for template in templates:
        yield Page(template_path(template.id), render_form(ctx, template, prefill),
                   NavEntry(OVERVIEW, ctx.translate(template.title), template.order))
