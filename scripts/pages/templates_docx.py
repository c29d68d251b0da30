"""Blank .docx copies of the templates, for officers who work in a word processor (python-docx).

One document per template and language: a heading, the legal basis, then each section as a table of
labels with an empty cell to write in; choices are listed with tick boxes. Every text comes from the
template YAML or ``ui.yaml`` through the same translator as the pages, and a country edition's prefill
is written into its cells.

Writing a document is most of the time of generating a language's pages. When the build keeps documents between
builds (``ctx.documents``), each one is stored under :func:`document_key`, a digest of everything it prints, and
written again only when that changes.
"""

from __future__ import annotations

import copy
import gc
import hashlib
import io
import json
from collections.abc import Callable, Iterator
from importlib import metadata
from pathlib import Path
from typing import Any

from docx import Document
from docx.document import Document as DocumentObject
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Pt, RGBColor

from scripts.data.models.templates import Template, TemplateField
from scripts.files import code_digest
from scripts.pages.base import Page
from scripts.pages.context import RenderContext
from scripts.pages.routes import docx_path
from scripts.pages.templates_forms import dataset_templates, document_kind, legal_basis_text
from scripts.pages.templates_prefill import Prefill, prefill_for

#: ``label(key) -> text`` for a ui.yaml label, in the document's language
Label = Callable[[str], str]
Translate = Callable[[str], str]

BOX = "\u2610"  # ballot box


def _set_language(document: Document, language: str) -> None:
    """Mark the text's language so that spell checking and screen readers use the right one."""
    rpr = document.styles["Normal"].element.get_or_add_rPr()
    lang = rpr.find(qn("w:lang"))
    if lang is None:
        lang = OxmlElement("w:lang")
        rpr.append(lang)
    lang.set(qn("w:val"), language)


def _a4(document: Document) -> None:
    for section in document.sections:
        section.page_width, section.page_height = Cm(21.0), Cm(29.7)
        section.top_margin = section.bottom_margin = Cm(2.0)
        section.left_margin = section.right_margin = Cm(2.0)


#: the widths of a form's two columns: the field's name and help, and the answer (17 cm between A4's margins)
COLUMN_WIDTHS = (Cm(6.5), Cm(10.5))


def _styled(paragraph, style_id: str) -> None:  # noqa: ANN001 - python-docx paragraph
    """``paragraph.style = style`` for a style that is not the document's default, without the lookup."""
    paragraph._p.style = style_id  # noqa: SLF001


def _help_line(cell, text: str) -> None:  # noqa: ANN001 - python-docx cell
    run = cell.add_paragraph().add_run(text)
    run.italic = True
    run.font.size = Pt(8)
    run.font.color.rgb = RGBColor(0x55, 0x55, 0x55)


def _answer(cell, field: TemplateField, translate: Translate, value: str) -> None:  # noqa: ANN001
    """The empty (or prefilled) answer cell: tick boxes for choices, otherwise room to write."""
    if field.type in ("choice", "multichoice"):
        first = True
        for option in field.options:
            paragraph = cell.paragraphs[0] if first else cell.add_paragraph()
            paragraph.add_run(f"{BOX} {translate(option.label)}")
            first = False
    elif field.type == "checkbox":
        cell.paragraphs[0].add_run(BOX)
    elif value:
        cell.paragraphs[0].add_run(value)
    elif field.type in ("textarea", "identifiers"):
        cell.add_paragraph()
        cell.add_paragraph()


#: the language being built and its blank document (see :func:`_blank`); the document is never written to
_blank_document: tuple[str, DocumentObject] | None = None


def _blank(language: str) -> DocumentObject:
    """A new empty A4 document whose text is in ``language``, in the forms' Normal style: a copy of one made once
    per language. python-docx reads its whole default template for each new document; copying the objects of one
    already read takes half the time and gives the same file."""
    global _blank_document  # noqa: PLW0603 - one per process, for the language a build worker is on
    if _blank_document is not None and _blank_document[0] == language:
        return copy.deepcopy(_blank_document[1])
    # a build worker takes one language after another: only the current one's is kept
    blank = Document()
    _a4(blank)
    _set_language(blank, language)
    normal = blank.styles["Normal"]
    normal.font.name = "Times New Roman"
    normal.font.size = Pt(10.5)
    _blank_document = (language, blank)
    return copy.deepcopy(blank)


def build_docx(template: Template, language: str, translate: Translate, label: Label,
               prefill: Prefill | None = None, dataset: object = None) -> bytes:
    """The blank form of ``template`` in ``language``, as the bytes of a .docx file."""
    prefill = prefill or Prefill()
    document = _blank(language)
    # the styles' ids looked up once and set on the elements: python-docx checks a style given to a paragraph or a
    # table against the document's default one by reading every style of the document, each time (a third of
    # the time of each form). None of these three is a default style, so the files are the same.
    styles = document.styles
    title_style, heading_style, grid_style = (styles[name].style_id for name in ("Title", "Heading 2", "Table Grid"))
    title = translate(template.title)
    document.core_properties.title = title
    document.core_properties.language = language
    document.core_properties.subject = translate(template.summary)

    kind = document.add_paragraph()
    kind_run = kind.add_run(label(document_kind(template)))  # no upper(): wrong for Turkish and Georgian
    kind_run.font.size = Pt(9)
    kind_run.bold = True
    _styled(document.add_paragraph(title), title_style)  # add_heading(title, level=0)

    if template.study_copy:
        mark = document.add_paragraph().add_run(label("forms.study_copy"))
        mark.bold = True
        mark.font.color.rgb = RGBColor(0xA0, 0x00, 0x00)
    basis = document.add_paragraph()
    basis_run = basis.add_run(legal_basis_text(dataset, template, label))
    basis_run.italic = True
    domestic = prefill.values.get(template.legal_basis.domestic or "")
    if domestic:
        basis.add_run("; " + label("forms.domestic") + ": " + domestic).italic = True
    document.add_paragraph(label("forms.docx_instructions"))
    document.add_paragraph(label("forms.required_note"))

    for section in template.sections:
        _styled(document.add_paragraph(translate(section.title)), heading_style)  # add_heading(..., level=2)
        table = document.add_table(rows=0, cols=2)
        table._tbl.tblStyle_val = grid_style  # noqa: SLF001 - table.style = ..., without the lookup
        table.alignment = WD_TABLE_ALIGNMENT.CENTER
        # the columns' widths in the table's grid (what LibreOffice and Google Docs lay out), which each new row
        # gives its cells (what Word lays out)
        for column, width in zip(table.columns, COLUMN_WIDTHS):
            column.width = width
        for f in section.fields:
            row = table.add_row()
            left, right = row.cells
            name = left.paragraphs[0].add_run(translate(f.label) + (" *" if f.required else ""))
            name.bold = True
            if f.help:
                _help_line(left, translate(f.help))
            if f.example:
                _help_line(left, f"{label('forms.example')}: {f.example}")
            value = prefill.values.get(f.prefill or "", "")
            _answer(right, f, translate, value)

    if template.document_notes:
        document.add_paragraph()
        for note in template.document_notes:
            document.add_paragraph(translate(note))
    signature = document.add_paragraph()
    signature.paragraph_format.space_before = Pt(36)
    signature.add_run("_" * 40 + "\n" + label("forms.js.signature"))

    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


#: the ``ui.yaml`` labels :func:`build_docx` prints besides the document's kind (part of :func:`document_key`;
#: tests/test_docx_store.py checks that the list is whole)
LABELS = ("forms.study_copy", "forms.domestic", "forms.docx_instructions", "forms.required_note", "forms.example",
          "forms.js.signature")


#: this module and the version of python-docx (whose default template every document starts from), as this
#: process imported them (a file saved while a build runs is not the code that writes)
_code_digest = code_digest([Path(__file__)], f"python-docx={metadata.version('python-docx')}")


def _strings(value: Any) -> Iterator[str]:
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for item in value.values():
            yield from _strings(item)
    elif isinstance(value, list):
        for item in value:
            yield from _strings(item)


def document_key(template: Template, language: str, translate: Translate, label: Label,
                 prefill: Prefill | None = None, dataset: object = None) -> str:
    """A digest of everything :func:`build_docx` reads for this document: the template as validated, every string
    of it in ``language``, the labels it prints, its legal basis line, the prefill, and the code that writes it."""
    prefill = prefill or Prefill()
    dumped = template.model_dump(mode="json")
    parts = [_code_digest, language, dumped, [translate(text) for text in _strings(dumped)],
             label(document_kind(template)), [label(key) for key in LABELS],
             legal_basis_text(dataset, template, label), sorted(prefill.values.items())]
    return hashlib.sha256(json.dumps(parts, ensure_ascii=False, sort_keys=True).encode()).hexdigest()


def generate(ctx: RenderContext) -> Iterator[Page]:
    """One blank .docx per template, in the language being built (linked from each form page)."""
    prefill = prefill_for(ctx)
    store = ctx.documents
    for template in dataset_templates(ctx):
        def write(template: Template = template) -> bytes:
            content = build_docx(template, ctx.language, ctx.translate, ctx.label, prefill, ctx.dataset)
            # A python-docx document is a cycle of objects (package <-> parts) that only the cyclic collector
            # frees: left to its schedule, a language's 15 documents stayed in memory together, about 34 MiB in
            # every build worker. Collecting the young generations after each one keeps one at a time (~2 ms).
            gc.collect(1)
            return content

        path = docx_path(template.id, ctx.language)
        if store is None:
            content = write()
        else:
            key = document_key(template, ctx.language, ctx.translate, ctx.label, prefill, ctx.dataset)
            edition = getattr(ctx.edition, "id", None) or "site"
            content = store.fetch(f"{edition}-{Path(path).stem}", key, ".docx", write)
        yield Page(path, content)
