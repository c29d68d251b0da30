"""The .docx writer writes a form's XML itself (:mod:`scripts.pages.docx_package`) and copies every other part from
one blank document a language, since python-docx spent most of a form's time copying the whole blank document and
compressing its 877 KB of styles again for each file. What it writes must stay what python-docx writes: the
reference below makes each form with python-docx's own calls (the writer as it was before, 30537e0), and every
part of every form, in two languages, with and without a prefill, must be the same bytes."""

from __future__ import annotations

import copy
import io
import time
import zipfile

import docx
import pytest
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.shared import Pt, RGBColor

from scripts.i18n.translator import load_translator
from scripts.pages import docx_package, templates_docx
from scripts.pages.templates_docx import BOX, COLUMN_WIDTHS, build_docx
from scripts.pages.templates_forms import document_kind, legal_basis_text
from scripts.pages.templates_prefill import Prefill
from tests.conftest import DATA, real_dataset

DATASET = real_dataset()
TEMPLATES = sorted(DATASET.templates, key=lambda t: t.order)


def reference_docx(template, language, translate, label, prefill=None, dataset=None) -> bytes:  # noqa: ANN001
    """The form as python-docx's API writes it: a new document, then ``add_paragraph``, ``add_run``, ``add_table``,
    ``add_row`` and the properties python-docx sets, then ``save``."""
    prefill = prefill or Prefill()
    document = docx.Document()
    templates_docx._a4(document)
    templates_docx._set_language(document, language)
    document.styles["Normal"].font.name = "Times New Roman"
    document.styles["Normal"].font.size = Pt(10.5)
    document.core_properties.title = translate(template.title)
    document.core_properties.language = language
    document.core_properties.subject = translate(template.summary)

    def help_line(cell, text: str) -> None:  # noqa: ANN001
        run = cell.add_paragraph().add_run(text)
        run.italic = True
        run.font.size = Pt(8)
        run.font.color.rgb = RGBColor(0x55, 0x55, 0x55)

    kind = document.add_paragraph().add_run(label(document_kind(template)))
    kind.font.size = Pt(9)
    kind.bold = True
    document.add_paragraph(translate(template.title), style="Title")
    if template.study_copy:
        mark = document.add_paragraph().add_run(label("forms.study_copy"))
        mark.bold = True
        mark.font.color.rgb = RGBColor(0xA0, 0x00, 0x00)
    basis = document.add_paragraph()
    basis.add_run(legal_basis_text(dataset, template, label)).italic = True
    domestic = prefill.values.get(template.legal_basis.domestic or "")
    if domestic:
        basis.add_run("; " + label("forms.domestic") + ": " + domestic).italic = True
    document.add_paragraph(label("forms.docx_instructions"))
    document.add_paragraph(label("forms.required_note"))
    for section in template.sections:
        document.add_paragraph(translate(section.title), style="Heading 2")
        table = document.add_table(rows=0, cols=2)
        table.style = "Table Grid"
        table.alignment = WD_TABLE_ALIGNMENT.CENTER
        for column, width in zip(table.columns, COLUMN_WIDTHS):
            column.width = width
        for f in section.fields:
            left, right = table.add_row().cells
            left.paragraphs[0].add_run(translate(f.label) + (" *" if f.required else "")).bold = True
            if f.help:
                help_line(left, translate(f.help))
            if f.example:
                help_line(left, f"{label('forms.example')}: {f.example}")
            value = prefill.values.get(f.prefill or "", "")
            if f.type in ("choice", "multichoice"):
                for index, option in enumerate(f.options):
                    paragraph = right.paragraphs[0] if index == 0 else right.add_paragraph()
                    paragraph.add_run(f"{BOX} {translate(option.label)}")
            elif f.type == "checkbox":
                right.paragraphs[0].add_run(BOX)
            elif value:
                right.paragraphs[0].add_run(value)
            elif f.type in ("textarea", "identifiers"):
                right.add_paragraph()
                right.add_paragraph()
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


def parts(content: bytes) -> dict[str, bytes]:
    """The files of a .docx by name: each once, compressed, whole."""
    with zipfile.ZipFile(io.BytesIO(content)) as package:
        names = package.namelist()
        assert len(names) == len(set(names)), f"a name twice: {names}"
        assert package.testzip() is None
        assert {info.compress_type for info in package.infolist()} == {zipfile.ZIP_DEFLATED}
        return {info.filename: package.read(info) for info in package.infolist()}


def test_a_form_package_is_written_as_python_docx_writes_one() -> None:
    """The content types first, each file once, compressed, readable and writable by its owner, at a fixed time."""
    template = TEMPLATES[0]
    with zipfile.ZipFile(io.BytesIO(build_docx(template, "fr", str, str, None, DATASET))) as ours, \
            zipfile.ZipFile(io.BytesIO(reference_docx(template, "fr", str, str, None, DATASET))) as theirs:
        assert sorted(ours.namelist()) == sorted(theirs.namelist())
        assert ours.namelist()[0] == "[Content_Types].xml"
        assert len(set(ours.namelist())) == len(ours.namelist())
        for info in ours.infolist():
            assert (info.compress_type, info.external_attr >> 16, info.date_time) == \
                (zipfile.ZIP_DEFLATED, 0o600, docx_package.ZIP_TIME), info.filename


def prefill_of(template) -> Prefill:  # noqa: ANN001
    """A value for every provision and field the template can prefill, with characters XML must escape."""
    keys = [f.prefill for f in template.all_fields() if f.prefill]
    keys += [template.legal_basis.domestic] if template.legal_basis.domestic else []
    return Prefill(values={key: f"Art. {index} <{key}> & \u201cquoted\u201d\tend" for index, key in enumerate(keys)})


@pytest.mark.parametrize("language", ["fr", "ka"])
def test_every_part_of_every_form_is_what_python_docx_writes(language: str) -> None:
    translate = load_translator(DATA, language, DATASET.site.default_language)

    def label(key: str) -> str:
        return translate(DATASET.ui.labels[key])

    compared = 0
    for template in TEMPLATES:
        for prefill in (None, prefill_of(template)):
            ours = parts(build_docx(template, language, translate, label, prefill, DATASET))
            theirs = parts(reference_docx(template, language, translate, label, prefill, DATASET))
            assert sorted(ours) == sorted(theirs), template.id
            differ = [name for name in theirs if ours[name] != theirs[name]]
            assert differ == [], f"{template.id} ({language}, prefill: {prefill is not None}): {differ}"
            compared += 1
    assert compared > 0


def test_a_line_break_and_a_tab_in_a_text_become_their_elements() -> None:
    """python-docx writes a tab as ``w:tab`` and a line break as ``w:br``; the writer lets python-docx's run do it."""
    template = next(t for t in TEMPLATES if t.id == "expedited-preservation-request")
    document = docx.Document(io.BytesIO(build_docx(template, "fr", str, lambda key: f"{key}\tA\nB", None, DATASET)))
    assert document.paragraphs[-1].text == "_" * 40 + "\nforms.js.signature\tA\nB"
    xml = document.paragraphs[-1]._p.xml  # noqa: SLF001
    assert "<w:tab/>" in xml and xml.count("<w:br/>") == 2


def test_the_same_form_gives_the_same_bytes_whatever_the_time(monkeypatch: pytest.MonkeyPatch) -> None:
    """A .docx is a zip whose files carry a time; a fixed one makes a form's bytes depend on the form only."""
    template = TEMPLATES[0]
    monkeypatch.setattr(time, "time", lambda: 1_000_000_000.0)
    first = build_docx(template, "fr", str, str, None, DATASET)
    monkeypatch.setattr(time, "time", lambda: 1_700_000_000.0)
    monkeypatch.setattr(templates_docx, "_blank_document", None)  # the blank made again, at the later time
    assert build_docx(copy.deepcopy(template), "fr", str, str, None, DATASET) == first


def test_each_language_gets_its_own_blank() -> None:
    """The blank kept for one language is not used for the next: the styles carry the language."""
    template = TEMPLATES[0]

    def styles(language: str) -> bytes:
        return parts(build_docx(template, language, str, str, None, DATASET))["word/styles.xml"]

    for language in ("fr", "ka", "fr"):
        assert f'<w:lang w:val="{language}"/>'.encode() in styles(language)
