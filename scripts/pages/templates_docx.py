"""Blank .docx copies of the templates, for officers who work in a word processor (python-docx).

One document per template and language: a heading, the legal basis, then each section as a table of
labels with an empty cell to write in; choices are listed with tick boxes. Every text comes from the
template YAML or ``ui.yaml`` through the same translator as the pages, and a country edition's prefill
is written into its cells.

python-docx makes one blank document a language (A4, the language, the Normal style), and its parts are kept
compressed; each form writes only its own body (:class:`_Body`) and core properties, in the elements and order
python-docx's ``add_paragraph``, ``add_run``, ``add_table`` and ``add_row`` give (``tests/test_docx_writer.py``
compares every part of every form with what those calls write). Through python-docx's API a form took about
35 ms, most of it in looking up where each element goes and in compressing 800 KB of styles again for each
file; written this way, about 5 ms. The files inside a .docx carry a fixed time, so the same form gives the same
bytes.

When the build keeps documents between builds (``ctx.documents``), each one is stored under
:func:`document_key`, a digest of everything it prints, and written again only when that changes.
"""

from __future__ import annotations

import copy
import hashlib
import io
import json
import zipfile
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from importlib import metadata
from pathlib import Path
from typing import Any

from docx import Document
from docx.document import Document as DocumentObject
from docx.opc.coreprops import CoreProperties
from docx.opc.oxml import serialize_part_xml
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Pt
from lxml.etree import SubElement

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

#: the parts of the document that differ from one form to the next; every other part is the blank document's
DOCUMENT_PART, CORE_PART = "word/document.xml", "docProps/core.xml"
#: the time written for every file inside a .docx: a fixed one, so that the same form gives the same bytes
_ZIP_TIME = (1980, 1, 1, 0, 0, 0)


def _zip_entry(name: str) -> zipfile.ZipInfo:
    """A compressed entry as python-docx writes one (read and write for the owner), at :data:`_ZIP_TIME`."""
    info = zipfile.ZipInfo(name, date_time=_ZIP_TIME)
    info.compress_type = zipfile.ZIP_DEFLATED
    info.external_attr = 0o600 << 16
    return info


@dataclass(frozen=True)
class _Blank:
    """An empty A4 document whose text is in one language, in the forms' Normal style, made once per language
    with python-docx and kept as what every form of that language starts from."""

    language: str
    #: the .docx of the blank document without :data:`DOCUMENT_PART` and :data:`CORE_PART`, compressed once
    package: bytes
    #: its ``w:document``: a body that holds only the section's properties (A4 and its margins)
    document: Any
    #: its core properties (``cp:coreProperties``), which python-docx's default template fills in
    core: Any
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
    saved = io.BytesIO()
    document.save(saved)
    package = io.BytesIO()
    with zipfile.ZipFile(saved) as source, zipfile.ZipFile(package, "w") as target:
        for info in source.infolist():
            if info.filename not in (DOCUMENT_PART, CORE_PART):
                target.writestr(_zip_entry(info.filename), source.read(info))
    styles = document.styles
    return _Blank(language, package.getvalue(), copy.deepcopy(document.element),
                  copy.deepcopy(document.core_properties._element),  # noqa: SLF001 - the part's XML, to copy
                  *(styles[name].style_id for name in ("Title", "Heading 2", "Table Grid")))


#: the blank document of the language being built (see :func:`_blank`)
_blank_document: _Blank | None = None


def _blank(language: str) -> _Blank:
    """The blank document of ``language``. python-docx reads its whole default template for each new document and
    compresses every part of it again for each file, its styles (800 KB of XML) among them; here that is done
    once a language, and a form writes only its own two parts."""
    global _blank_document  # noqa: PLW0603 - one per process, for the language a build worker is on
    if _blank_document is None or _blank_document.language != language:
        # a build worker takes one language after another: only the current one's is kept
        _blank_document = _make_blank(language)
    return _blank_document


class _Body:
    """The body of one form, written as WordprocessingML elements in the order and form python-docx gives them
    (its ``add_paragraph``, ``add_run``, ``add_table`` and ``add_row``), without the look-ups python-docx makes
    for each property it sets: the schema's order of a run's properties is written out here."""

    def __init__(self, body: Any) -> None:
        self._body = body
        self._end = body[-1]  # the section's properties stay the body's last element

    def block(self, element: Any) -> Any:
        self._end.addprevious(element)
        return element

    @staticmethod
    def paragraph(text: str = "", style: str = "", before: int = 0) -> Any:
        """A ``w:p``: its paragraph properties (style, space before it in twentieths of a point), then a run of
        ``text`` when there is one (python-docx's ``add_paragraph(text)``)."""
        p = OxmlElement("w:p")
        if style or before:
            properties = SubElement(p, qn("w:pPr"))
            if style:
                SubElement(properties, qn("w:pStyle")).set(qn("w:val"), style)
            if before:
                SubElement(properties, qn("w:spacing")).set(qn("w:before"), str(before))
        if text:
            _Body.run(p, text)
        return p

    @staticmethod
    def run(paragraph: Any, text: str, bold: bool = False, italic: bool = False, color: str = "",
            half_points: int = 0) -> Any:
        """A ``w:r`` with ``text`` (python-docx turns a tab or line break into its element), last in
        ``paragraph``; its properties in the schema's order (b, i, color, sz)."""
        r = OxmlElement("w:r")
        r.text = text
        if bold or italic or color or half_points:
            properties = OxmlElement("w:rPr")
            if bold:
                SubElement(properties, qn("w:b"))
            if italic:
                SubElement(properties, qn("w:i"))
            if color:
                SubElement(properties, qn("w:color")).set(qn("w:val"), color)
            if half_points:
                SubElement(properties, qn("w:sz")).set(qn("w:val"), str(half_points))
            r.insert(0, properties)
        paragraph.append(r)
        return r

    @staticmethod
    def table(style: str) -> Any:
        """A centred two-column table in ``style``, its grid in :data:`COLUMN_WIDTHS`."""
        tbl = OxmlElement("w:tbl")
        properties = SubElement(tbl, qn("w:tblPr"))
        SubElement(properties, qn("w:tblStyle")).set(qn("w:val"), style)
        width = SubElement(properties, qn("w:tblW"))
        width.set(qn("w:type"), "auto")
        width.set(qn("w:w"), "0")
        SubElement(properties, qn("w:jc")).set(qn("w:val"), "center")
        look = SubElement(properties, qn("w:tblLook"))
        for name, value in (("firstColumn", "1"), ("firstRow", "1"), ("lastColumn", "0"), ("lastRow", "0"),
                            ("noHBand", "0"), ("noVBand", "1"), ("val", "04A0")):
            look.set(qn(f"w:{name}"), value)
        grid = SubElement(tbl, qn("w:tblGrid"))
        for column in COLUMN_WIDTHS:
            SubElement(grid, qn("w:gridCol")).set(qn("w:w"), str(column.twips))
        return tbl

    @staticmethod
    def row(table: Any) -> list[Any]:
        """A new last row of ``table``: its two cells, each with the grid's width and one empty paragraph."""
        tr = SubElement(table, qn("w:tr"))
        cells = []
        for column in COLUMN_WIDTHS:
            tc = SubElement(tr, qn("w:tc"))
            width = SubElement(SubElement(tc, qn("w:tcPr")), qn("w:tcW"))
            width.set(qn("w:type"), "dxa")
            width.set(qn("w:w"), str(column.twips))
            SubElement(tc, qn("w:p"))
            cells.append(tc)
        return cells


def _help_line(cell: Any, text: str) -> None:
    paragraph = SubElement(cell, qn("w:p"))
    _Body.run(paragraph, text, italic=True, color="555555", half_points=16)


def _answer(cell: Any, field: TemplateField, translate: Translate, value: str) -> None:
    """The empty (or prefilled) answer cell: tick boxes for choices, otherwise room to write."""
    first = cell[-1]  # the cell's empty paragraph
    if field.type in ("choice", "multichoice"):
        for index, option in enumerate(field.options):
            paragraph = first if index == 0 else SubElement(cell, qn("w:p"))
            _Body.run(paragraph, f"{BOX} {translate(option.label)}")
    elif field.type == "checkbox":
        _Body.run(first, BOX)
    elif value:
        _Body.run(first, value)
    elif field.type in ("textarea", "identifiers"):
        SubElement(cell, qn("w:p"))
        SubElement(cell, qn("w:p"))


def build_docx(template: Template, language: str, translate: Translate, label: Label,
               prefill: Prefill | None = None, dataset: object = None) -> bytes:
    """The blank form of ``template`` in ``language``, as the bytes of a .docx file."""
    prefill = prefill or Prefill()
    blank = _blank(language)
    root = copy.deepcopy(blank.document)
    body = _Body(root[0])
    title = translate(template.title)

    kind = body.block(_Body.paragraph())
    _Body.run(kind, label(document_kind(template)), bold=True, half_points=18)  # no upper(): wrong for Turkish
    body.block(_Body.paragraph(title, style=blank.title_style))  # add_heading(title, level=0)
    if template.study_copy:
        _Body.run(body.block(_Body.paragraph()), label("forms.study_copy"), bold=True, color="A00000")
    basis = body.block(_Body.paragraph())
    _Body.run(basis, legal_basis_text(dataset, template, label), italic=True)
    domestic = prefill.values.get(template.legal_basis.domestic or "")
    if domestic:
        _Body.run(basis, "; " + label("forms.domestic") + ": " + domestic, italic=True)
    body.block(_Body.paragraph(label("forms.docx_instructions")))
    body.block(_Body.paragraph(label("forms.required_note")))

    for section in template.sections:
        body.block(_Body.paragraph(translate(section.title), style=blank.heading_style))  # add_heading(level=2)
        # the columns' widths in the table's grid (what LibreOffice and Google Docs lay out) and in each cell
        # (what Word lays out)
        table = body.block(_Body.table(blank.grid_style))
        for f in section.fields:
            left, right = _Body.row(table)
            _Body.run(left[-1], translate(f.label) + (" *" if f.required else ""), bold=True)
            if f.help:
                _help_line(left, translate(f.help))
            if f.example:
                _help_line(left, f"{label('forms.example')}: {f.example}")
            value = prefill.values.get(f.prefill or "", "")
            _answer(right, f, translate, value)

    if template.document_notes:
        body.block(_Body.paragraph())
        for note in template.document_notes:
            body.block(_Body.paragraph(translate(note)))
    _Body.run(body.block(_Body.paragraph(before=720)), "_" * 40 + "\n" + label("forms.js.signature"))  # 36 pt

    core = copy.deepcopy(blank.core)
    properties = CoreProperties(core)
    properties.title = title
    properties.language = language
    properties.subject = translate(template.summary)

    buffer = io.BytesIO(blank.package)
    with zipfile.ZipFile(buffer, "a") as package:  # the blank's parts stay as they were compressed
        package.writestr(_zip_entry(DOCUMENT_PART), serialize_part_xml(root))
        package.writestr(_zip_entry(CORE_PART), serialize_part_xml(core))
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
            return build_docx(template, ctx.language, ctx.translate, ctx.label, prefill, ctx.dataset)

        path = docx_path(template.id, ctx.language)
        if store is None:
            content = write()
        else:
            key = document_key(template, ctx.language, ctx.translate, ctx.label, prefill, ctx.dataset)
            edition = getattr(ctx.edition, "id", None) or "site"
            content = store.fetch(f"{edition}-{Path(path).stem}", key, ".docx", write)
        yield Page(path, content)
