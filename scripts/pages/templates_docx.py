"""Blank .docx copies of the templates, for officers who work in a word processor (python-docx).

One document per template and language: a heading, the legal basis, then each section as a table of
labels with an empty cell to write in; choices are listed with tick boxes. Every text comes from the
template YAML or ``ui.yaml`` through the same translator as the pages, and a country edition's prefill
is written into its cells.

python-docx makes one blank document a language (A4, the language, the Normal style); each form is that blank's
package with a body and core properties of its own (:mod:`scripts.pages.docx_package`). Made with python-docx's
API from start to end, the 15 forms of a language took 0.37 to 0.60 s of CPU (timed apart: 25 to 40 ms a form, a
copy of the whole blank document and every part compressed again among it); made this way, about 0.1 s (5 ms a
form, and 0.03 s for the blank, once).

When the build keeps documents between builds (``ctx.documents``), each one is stored under
:func:`document_key`, a digest of everything it prints, and written again only when that changes.
"""

from __future__ import annotations

import hashlib
import json
import sys
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from importlib import metadata
from pathlib import Path
from typing import Any

from docx import Document
from docx.document import Document as DocumentObject
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Pt

from scripts.data.models.templates import Template, TemplateField
from scripts.files import code_digest
from scripts.pages import docx_package
from scripts.pages.base import Page
from scripts.pages.context import RenderContext
from scripts.pages.docx_package import (BlankPackage, add_block, add_paragraph, blank_package, paragraph, row,
                                        run, table)
from scripts.pages.routes import docx_path
from scripts.pages.templates_forms import dataset_templates, document_kind, legal_basis_text
from scripts.pages.templates_prefill import Prefill, prefill_for

#: ``label(key) -> text`` for a ui.yaml label, in the document's language
Label = Callable[[str], str]
Translate = Callable[[str], str]

BOX = "\u2610"  # ballot box


def _set_language(document: DocumentObject, language: str) -> None:
    """Mark the text's language so that spell checking and screen readers use the right one."""
    rpr = document.styles["Normal"].element.get_or_add_rPr()
    lang = rpr.find(qn("w:lang"))
    if lang is None:
        lang = OxmlElement("w:lang")
        rpr.append(lang)
    lang.set(qn("w:val"), language)


def _a4(document: DocumentObject) -> None:
    for section in document.sections:
        section.page_width, section.page_height = Cm(21.0), Cm(29.7)
        section.top_margin = section.bottom_margin = Cm(2.0)
        section.left_margin = section.right_margin = Cm(2.0)


#: the widths of a form's two columns: the field's name and help, and the answer (17 cm between A4's margins)
COLUMN_WIDTHS = (Cm(6.5), Cm(10.5))


@dataclass(frozen=True)
class _Blank:
    """An empty A4 document whose text is in one language, in the forms' Normal style, made once per language
    with python-docx: what every form of that language starts from."""

    language: str
    package: BlankPackage
    #: the ids of the styles the forms use: title, section heading, table with a grid
    title_style: str
    heading_style: str
    grid_style: str


def _make_blank(language: str) -> _Blank:
    document = Document()
    _a4(document)
    _set_language(document, language)
    normal = document.styles["Normal"]
    normal.font.name = "Times New Roman"
    normal.font.size = Pt(10.5)
    styles = document.styles
    return _Blank(language, blank_package(document),
                  *(styles[name].style_id for name in ("Title", "Heading 2", "Table Grid")))


#: the blank document of the language being built (see :func:`_blank`)
_blank_document: _Blank | None = None


def _blank(language: str) -> _Blank:
    """The blank document of ``language``, made when a form of another language (or none) was made last."""
    global _blank_document  # noqa: PLW0603 - one per process, for the language a build worker is on
    if _blank_document is None or _blank_document.language != language:
        # a build worker takes one language after another: only the current one's is kept
        _blank_document = _make_blank(language)
    return _blank_document


def _help_line(cell: Any, text: str) -> None:
    run(add_paragraph(cell), text, italic=True, color="555555", half_points=16)


def _answer(cell: Any, field: TemplateField, translate: Translate, value: str) -> None:
    """The empty (or prefilled) answer cell: tick boxes for choices, otherwise room to write."""
    first = cell[-1]  # the cell's empty paragraph
    if field.type in ("choice", "multichoice"):
        for index, option in enumerate(field.options):
            run(first if index == 0 else add_paragraph(cell), f"{BOX} {translate(option.label)}")
    elif field.type == "checkbox":
        run(first, BOX)
    elif value:
        run(first, value)
    elif field.type in ("textarea", "identifiers"):
        add_paragraph(cell)
        add_paragraph(cell)


def build_docx(template: Template, language: str, translate: Translate, label: Label,
               prefill: Prefill | None = None, dataset: object = None) -> bytes:
    """The blank form of ``template`` in ``language``, as the bytes of a .docx file."""
    prefill = prefill or Prefill()
    blank = _blank(language)
    document = blank.package.new_document()
    title = translate(template.title)

    # no upper() of the kind: wrong for Turkish and Georgian
    run(add_block(document, paragraph()), label(document_kind(template)), bold=True, half_points=18)
    add_block(document, paragraph(title, style=blank.title_style))  # add_heading(title, level=0)
    if template.study_copy:
        run(add_block(document, paragraph()), label("forms.study_copy"), bold=True, color="A00000")
    basis = add_block(document, paragraph())
    run(basis, legal_basis_text(dataset, template, label), italic=True)
    domestic = prefill.values.get(template.legal_basis.domestic or "")
    if domestic:
        run(basis, "; " + label("forms.domestic") + ": " + domestic, italic=True)
    add_block(document, paragraph(label("forms.docx_instructions")))
    add_block(document, paragraph(label("forms.required_note")))

    for section in template.sections:
        add_block(document, paragraph(translate(section.title), style=blank.heading_style))  # add_heading(level=2)
        # the columns' widths in the table's grid (what LibreOffice and Google Docs lay out), which each new row
        # gives its cells (what Word lays out)
        grid = add_block(document, table(blank.grid_style, COLUMN_WIDTHS))
        for f in section.fields:
            left, right = row(grid)
            run(left[-1], translate(f.label) + (" *" if f.required else ""), bold=True)
            if f.help:
                _help_line(left, translate(f.help))
            if f.example:
                _help_line(left, f"{label('forms.example')}: {f.example}")
            value = prefill.values.get(f.prefill or "", "")
            _answer(right, f, translate, value)

    if template.document_notes:
        add_block(document, paragraph())
        for note in template.document_notes:
            add_block(document, paragraph(translate(note)))
    signature = add_block(document, paragraph(before=720))  # 36 pt
    run(signature, "_" * 40 + "\n" + label("forms.js.signature"))

    core = blank.package.new_core()
    core.title = title
    core.language = language
    core.subject = translate(template.summary)
    return blank.package.save(document, core)


#: the ``ui.yaml`` labels :func:`build_docx` prints besides the document's kind (part of :func:`document_key`;
#: tests/test_docx_store.py checks that the list is whole)
LABELS = ("forms.study_copy", "forms.domestic", "forms.docx_instructions", "forms.required_note", "forms.example",
          "forms.js.signature")


#: the code that writes a form: this module, the package writer, and the template's model (what a template holds,
#: and any method of it the writer may call). Every other module of ``scripts`` imported here gives the writer only
#: what the key holds already (tests/test_docx_store.py checks the list)
WRITERS = (Path(__file__), Path(docx_package.__file__),
           Path(__file__).resolve().parents[1] / "data" / "models" / "templates.py")
#: what writes besides them: python-docx (whose default template every document starts from), lxml (which
#: serializes the parts) and Python (whose zlib compresses them)
WRITER_VERSIONS = (f"python-docx={metadata.version('python-docx')}", f"lxml={metadata.version('lxml')}", sys.version)
#: the writers and those versions, as this process imported them (a file saved while a build runs is not the code
#: that writes)
_code_digest = code_digest(WRITERS, *WRITER_VERSIONS)


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
            return build_docx(template, ctx.language, ctx.translate, ctx.label, prefill, ctx.dataset)

        path = docx_path(template.id, ctx.language)
        if store is None:
            content = write()
        else:
            key = document_key(template, ctx.language, ctx.translate, ctx.label, prefill, ctx.dataset)
            edition = getattr(ctx.edition, "id", None) or "site"
            content = store.fetch(f"{edition}-{Path(path).stem}", key, ".docx", write)
        yield Page(path, content)
