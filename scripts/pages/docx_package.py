""".docx files written as python-docx writes them, without what python-docx costs for each file.

python-docx reads its whole default template for each new document, looks up where each element goes for every
property it sets, and compresses every part again when it saves, 877 KB of styles among them. Here python-docx
makes one blank document (:func:`blank_package`), whose parts are kept compressed; a file is then that blank's parts
and two of its own, appended to a copy of them (:meth:`BlankPackage.save`):

- its body (``word/document.xml``), made of the elements :func:`paragraph`, :func:`run`, :func:`table` and
  :func:`row` give: the elements, attributes and order that python-docx's ``add_paragraph``, ``add_run``,
  ``add_table`` and ``add_row`` give (``tests/test_docx_writer.py`` compares every part of every form with what
  those calls write);
- its core properties (``docProps/core.xml``), set through python-docx's own :class:`CoreProperties`.

Text goes into elements through lxml and python-docx's run (a tab and a line break become their elements), never
into markup. The files inside the package carry a fixed time, so the same document gives the same bytes.
"""

from __future__ import annotations

import copy
import io
import zipfile
from dataclasses import dataclass
from typing import Any

from docx.document import Document as DocumentObject
from docx.opc.coreprops import CoreProperties
from docx.opc.oxml import serialize_part_xml
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Length
from lxml.etree import SubElement

#: the parts each file has of its own; every other part is the blank's
DOCUMENT_PART, CORE_PART = "word/document.xml", "docProps/core.xml"
#: the time written for every file inside a package: a fixed one, so that the same document gives the same bytes
ZIP_TIME = (1980, 1, 1, 0, 0, 0)


def zip_entry(name: str) -> zipfile.ZipInfo:
    """A compressed entry as python-docx writes one (read and write for the owner), at :data:`ZIP_TIME`."""
    info = zipfile.ZipInfo(name, date_time=ZIP_TIME)
    info.compress_type = zipfile.ZIP_DEFLATED
    info.external_attr = 0o600 << 16
    return info


@dataclass(frozen=True)
class BlankPackage:
    """A blank document's package, from which each new file starts: its trees are copied for each file
    (:meth:`new_document`, :meth:`new_core`), never written to."""

    #: the blank's .docx without :data:`DOCUMENT_PART` and :data:`CORE_PART`, compressed once
    parts: bytes
    #: the blank's ``w:document``, whose body holds only the section's properties (page size and margins)
    _document: Any
    #: the blank's core properties (``cp:coreProperties``)
    _core: Any

    def new_document(self) -> Any:
        """A copy of the blank's ``w:document``, to fill with :func:`add_block`."""
        return copy.deepcopy(self._document)

    def new_core(self) -> CoreProperties:
        """A copy of the blank's core properties, to set (title, language, subject ...)."""
        return CoreProperties(copy.deepcopy(self._core))

    def save(self, document: Any, core: CoreProperties) -> bytes:
        """The .docx of ``document`` (from :meth:`new_document`) and ``core`` (from :meth:`new_core`)."""
        buffer = io.BytesIO(self.parts)
        with zipfile.ZipFile(buffer, "a") as package:  # the blank's parts stay as they were compressed
            package.writestr(zip_entry(DOCUMENT_PART), serialize_part_xml(document))
            package.writestr(zip_entry(CORE_PART), serialize_part_xml(core._element))  # noqa: SLF001 - its XML
        return buffer.getvalue()


def blank_package(document: DocumentObject) -> BlankPackage:
    """The package of ``document``, a python-docx document with an empty body, as each new file's start."""
    saved = io.BytesIO()
    document.save(saved)
    parts = io.BytesIO()
    with zipfile.ZipFile(saved) as source, zipfile.ZipFile(parts, "w") as target:
        for info in source.infolist():
            if info.filename not in (DOCUMENT_PART, CORE_PART):
                target.writestr(zip_entry(info.filename), source.read(info))
    return BlankPackage(parts.getvalue(), copy.deepcopy(document.element),
                        copy.deepcopy(document.core_properties._element))  # noqa: SLF001 - the part's XML


def add_block(document: Any, element: Any) -> Any:
    """``element`` (a paragraph or a table) as the last block of ``document``'s body, before the section's
    properties, which stay last; returns it."""
    document[0][-1].addprevious(element)
    return element


def paragraph(text: str = "", style: str = "", before: int = 0) -> Any:
    """A ``w:p`` with its properties (a style's id, the space before it in twentieths of a point) and a run of
    ``text`` when there is one: python-docx's ``add_paragraph(text, style)``."""
    p = OxmlElement("w:p")
    if style or before:
        properties = SubElement(p, qn("w:pPr"))
        if style:
            SubElement(properties, qn("w:pStyle")).set(qn("w:val"), style)
        if before:
            SubElement(properties, qn("w:spacing")).set(qn("w:before"), str(before))
    if text:
        run(p, text)
    return p


def add_paragraph(cell: Any) -> Any:
    """A new empty last paragraph of the table cell ``cell``: python-docx's ``cell.add_paragraph()``."""
    new = paragraph()
    cell.append(new)
    return new


def run(parent: Any, text: str, bold: bool = False, italic: bool = False, color: str = "",
        half_points: int = 0) -> Any:
    """A ``w:r`` of ``text``, last in the paragraph ``parent``: python-docx's ``add_run(text)`` and then its
    ``bold``, ``italic``, ``font.color.rgb`` and ``font.size``, the properties in the schema's order."""
    r = OxmlElement("w:r")
    r.text = text  # python-docx's run: a tab or a line break becomes its element
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
    parent.append(r)
    return r


def table(style: str, widths: tuple[Length, ...]) -> Any:
    """A centred table in ``style`` with no row yet, its grid's columns ``widths``: python-docx's
    ``add_table(rows=0, cols=len(widths))`` with its ``style``, ``alignment`` and each column's ``width`` set."""
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
    for column in widths:
        SubElement(grid, qn("w:gridCol")).set(qn("w:w"), str(column.twips))
    return tbl


def row(parent: Any) -> list[Any]:
    """A new last row of the table ``parent`` (from :func:`table`): its cells, each one as wide as its column of
    the grid and holding one empty paragraph (python-docx's ``add_row``)."""
    tr = SubElement(parent, qn("w:tr"))
    cells = []
    for column in parent.find(qn("w:tblGrid")):
        tc = SubElement(tr, qn("w:tc"))
        width = SubElement(SubElement(tc, qn("w:tcPr")), qn("w:tcW"))
        width.set(qn("w:type"), "dxa")
        width.set(qn("w:w"), column.get(qn("w:w")))
        tc.append(paragraph())
        cells.append(tc)
    return cells
