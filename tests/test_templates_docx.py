"""The blank .docx of every template in every language: it opens with python-docx, is A4, and holds every
field label and section title of its template in its language; the form page links it."""

from __future__ import annotations

import io
from pathlib import Path

import docx
import pytest

from scripts.i18n.translator import load_translator
from scripts.pages.templates_docx import build_docx
from scripts.pages.routes import docx_path
from scripts.pages.templates_prefill import Prefill
from tests.conftest import real_dataset

ROOT = Path(__file__).resolve().parents[1]
DATASET = real_dataset()
LANGUAGES = [lang.code for lang in DATASET.site.languages]


def document_text(document: docx.document.Document) -> str:
    parts = [p.text for p in document.paragraphs]
    for table in document.tables:
        for row in table.rows:
            parts.extend(cell.text for cell in row.cells)
    return "\n".join(parts)


def generated_docx(built_site: Path, template_id: str, language: str) -> Path:
    """The .docx as the build published it (the default language at the root, others below their code)."""
    relative = docx_path(template_id, language)
    candidates = [built_site / relative, built_site / language / relative]
    found = [p for p in candidates if p.is_file()]
    if not found and language != DATASET.site.default_language and not (built_site / language).is_dir():
        pytest.skip(f"the build does not publish the {language} pages yet")
    assert found, f"no .docx for {template_id} in {language} at {candidates}"
    return found[0]


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("template", DATASET.templates, ids=lambda t: t.id)
def test_every_generated_docx_opens_and_holds_every_label(built_site: Path, template, language: str) -> None:  # noqa: ANN001
    path = generated_docx(built_site, template.id, language)
    document = docx.Document(str(path))
    text = document_text(document)
    # The build translates with the language's catalog (English where a string is not translated yet); sr-Latn
    # reads the Serbian catalog and transliterates it.
    translate = load_translator(ROOT / "guidelines_data", language, DATASET.site.default_language,
                                DATASET.site.language(language).transliterated_from)
    missing = [translate(f.label) for f in template.all_fields() if translate(f.label) not in text]
    missing += [translate(s.title) for s in template.sections if translate(s.title) not in text]
    assert missing == [], f"{path.name} lacks {missing}"
    assert translate(template.title) in text
    rows = [row for table in document.tables for row in table.rows]
    assert len(rows) == len(template.all_fields()), "one table row per field"
    assert all(row.cells[0].text.strip() for row in rows), "every row names its field"
    section = document.sections[0]
    assert abs(section.page_width.cm - 21.0) < 0.1 and abs(section.page_height.cm - 29.7) < 0.1
    assert document.core_properties.language == language


def test_docx_builder_writes_translated_labels_and_prefill() -> None:
    """With a translator, every label appears in the target language; a prefilled provision is written in."""
    template = next(t for t in DATASET.templates if t.id == "expedited-preservation-request")

    def translate(text: str) -> str:
        return f"«{text}»"

    def label(key: str) -> str:
        return translate(DATASET.ui.labels[key])

    prefill = Prefill(values={"procedural_powers.preservation": "Code, Article 1"})
    document = docx.Document(io.BytesIO(build_docx(template, "fr", translate, label, prefill)))
    text = document_text(document)
    assert [f.label for f in template.all_fields() if f"«{f.label}»" not in text] == []
    assert "Code, Article 1" in text
    assert document.core_properties.language == "fr"


def test_the_title_headings_and_tables_carry_their_word_styles() -> None:
    """A reader's word processor shows the form's title as a title, each section's title as a heading and each
    table with its grid (the writer sets the style ids itself, python-docx's lookup left out)."""
    template = next(t for t in DATASET.templates if t.id == "expedited-preservation-request")
    document = docx.Document(io.BytesIO(build_docx(template, "fr", str, str)))
    styled = {p.text: p.style.name for p in document.paragraphs if p.style.name != "Normal"}
    assert styled == {str(template.title): "Title", **{str(s.title): "Heading 2" for s in template.sections}}
    assert [table.style.name for table in document.tables] == ["Table Grid"] * len(template.sections)


def test_every_table_lays_out_its_two_columns_alike_in_every_word_processor() -> None:
    """Word lays a table out from its cells' widths, LibreOffice and Google Docs from the table's grid: both say
    6.5 cm for the field and 10.5 cm for the answer (the grid was once split in two halves)."""
    template = next(t for t in DATASET.templates if t.id == "expedited-preservation-request")
    document = docx.Document(io.BytesIO(build_docx(template, "fr", str, str)))
    for table in document.tables:
        assert [round(column.width.cm, 2) for column in table.columns] == [6.5, 10.5]
        assert {tuple(round(cell.width.cm, 2) for cell in row.cells) for row in table.rows} == {(6.5, 10.5)}


def test_form_pages_link_their_docx(built_site: Path) -> None:
    for template in DATASET.templates:
        html = (built_site / "forms" / template.id / "index.html").read_text(encoding="utf-8")
        assert Path(docx_path(template.id, DATASET.site.default_language)).name in html
