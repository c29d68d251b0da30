"""The .docx forms kept between builds (:class:`scripts.staging.cache.DocumentStore`) under
:func:`scripts.pages.templates_docx.document_key`: the key covers everything a document prints, so a stored
document is reused only while it would be written the same.

The key is computed apart from the writing, so the first tests check it against :func:`build_docx` itself: every
string the writer translates is a string of the template (whose translations are in the key) and every label it
prints is one the key reads. A new label or text in the writer that the key misses fails here.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from scripts.files import code_digest
from scripts.i18n.translator import load_translator
from scripts.pages import templates_docx
from scripts.pages.context import RenderContext
from scripts.pages.templates_docx import LABELS, build_docx, document_key
from scripts.pages.templates_forms import document_kind, legal_basis_text
from scripts.pages.templates_prefill import Prefill
from scripts.staging.cache import DocumentStore
from tests.conftest import DATA, real_dataset

DATASET = real_dataset()
TEMPLATES = sorted(DATASET.templates, key=lambda t: t.order)


def context(language: str) -> RenderContext:
    translator = load_translator(DATA, language, DATASET.site.default_language)
    return RenderContext(DATASET, language, translator)


@pytest.mark.parametrize("language", ["en", "ka"])
@pytest.mark.parametrize("template", TEMPLATES, ids=lambda t: t.id)
def test_the_key_reads_every_text_the_writer_prints(template, language: str) -> None:  # noqa: ANN001
    ctx = context(language)
    translated: set[str] = set()
    labels: set[str] = set()

    def translate(text: str) -> str:
        translated.add(text)
        return ctx.translate(text)

    def label(key: str) -> str:
        labels.add(key)
        return ctx.label(key)

    prefill = Prefill(values={"procedural_powers.preservation": "Article 1"})
    build_docx(template, language, translate, label, prefill, DATASET)
    strings = set(templates_docx._strings(template.model_dump(mode="json")))
    assert translated <= strings, f"translated but not in the key: {sorted(translated - strings)}"
    # the legal basis line is in the key as printed; every other label is read by the key itself
    basis_labels: set[str] = set()
    legal_basis_text(DATASET, template, lambda key: basis_labels.add(key) or ctx.label(key))
    missing = labels - set(LABELS) - {document_kind(template)} - basis_labels
    assert not missing, f"printed but not in the key: {sorted(missing)}"


def test_the_key_changes_with_each_input() -> None:
    ctx = context("en")
    template = TEMPLATES[0]
    base = document_key(template, "en", ctx.translate, ctx.label, Prefill(), DATASET)
    assert document_key(template, "en", ctx.translate, ctx.label, Prefill(), DATASET) == base
    first_label = template.sections[0].fields[0].label
    changed = {
        "a translation": document_key(template, "en", lambda t: "X" if t == first_label else ctx.translate(t),
                                      ctx.label, Prefill(), DATASET),
        "a label": document_key(template, "en", ctx.translate,
                                lambda k: "X" if k == "forms.required_note" else ctx.label(k), Prefill(), DATASET),
        "the language": document_key(template, "fr", ctx.translate, ctx.label, Prefill(), DATASET),
        "the prefill": document_key(template, "en", ctx.translate, ctx.label, Prefill(values={"a": "b"}), DATASET),
        "the template": document_key(template.model_copy(update={"study_copy": not template.study_copy}), "en",
                                     ctx.translate, ctx.label, Prefill(), DATASET),
        "another template": document_key(TEMPLATES[1], "en", ctx.translate, ctx.label, Prefill(), DATASET),
    }
    assert all(key != base for key in changed.values()), [name for name, key in changed.items() if key == base]


def test_the_key_changes_with_the_writer(monkeypatch: pytest.MonkeyPatch) -> None:
    ctx = context("en")
    base = document_key(TEMPLATES[0], "en", ctx.translate, ctx.label, Prefill(), DATASET)
    monkeypatch.setattr(templates_docx, "_code_digest", "another version of the writer")
    assert document_key(TEMPLATES[0], "en", ctx.translate, ctx.label, Prefill(), DATASET) != base


#: the modules of ``scripts`` the writers import that are not digested into the key, and why each one may stay out:
#: what the writer takes from it is in the key already
NOT_DIGESTED = {
    "scripts.files": "it digests the key itself (code_digest) and writes nothing of a document",
    "scripts.pages.base": "Page: the page that lists the document, not the document",
    "scripts.pages.context": "RenderContext: its translations and labels are in the key as printed",
    "scripts.pages.routes": "where the document is published, not what it holds",
    "scripts.pages.templates_forms": "the templates listed, and the kind and legal basis line: in the key as printed",
    "scripts.pages.templates_prefill": "the prefill: its values are in the key",
    # the model's: they decide what a template may hold, and what it holds is in the key (model_dump)
    "scripts.data.markup": "the markup rules a template's texts must meet",
    "scripts.data.models.base": "the shared field types and the base record",
}


def test_the_key_names_the_libraries_and_the_python_that_write() -> None:
    import sys
    from importlib import metadata

    assert set(templates_docx.WRITER_VERSIONS) == {f"python-docx={metadata.version('python-docx')}",
                                                   f"lxml={metadata.version('lxml')}", sys.version}
    assert templates_docx._code_digest == code_digest(templates_docx.WRITERS, *templates_docx.WRITER_VERSIONS)


def test_the_key_reads_every_module_the_writers_import() -> None:
    """The key digests the writers' code (:data:`templates_docx.WRITERS`). A module of ``scripts`` they import is
    one of them, or listed above with the reason it may stay out: a new helper of the writer fails here until it
    is one or the other, else its change would leave stale documents."""
    import ast

    from tests.conftest import ROOT

    written = {path.resolve() for path in templates_docx.WRITERS}
    assert all(path.is_file() for path in written)
    for path in written:
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            assert not (isinstance(node, ast.ImportFrom) and node.level), f"{path.name}: a relative import"
            if isinstance(node, ast.Import):
                names = [alias.name for alias in node.names if alias.name.startswith("scripts.")]
            elif isinstance(node, ast.ImportFrom) and (node.module or "").startswith("scripts"):
                names = [node.module] if node.module != "scripts.pages" else [f"scripts.pages.{a.name}"
                                                                              for a in node.names]
            else:
                continue
            for module in names:
                file = ROOT / (module.replace(".", "/") + ".py")
                assert file.resolve() in written or module in NOT_DIGESTED, \
                    f"{path.name} imports {module}, which the key neither reads nor accounts for"


@pytest.mark.parametrize("writer", [path.name for path in templates_docx.WRITERS])
def test_an_edit_of_each_writer_changes_the_key(writer: str, tmp_path: Path) -> None:
    """The digest the key holds is :func:`code_digest` of the writers (the test above): an edit of any one of
    them (the package writer and the model too) gives another digest, so every stored document is written
    again (``test_the_key_changes_with_the_writer``)."""
    copies = []
    for path in templates_docx.WRITERS:
        copy = tmp_path / f"{len(copies)}-{path.name}"
        copy.write_bytes(path.read_bytes())
        copies.append(copy)
    before = code_digest(copies, "python-docx=1")
    assert before == code_digest(templates_docx.WRITERS, "python-docx=1")  # the same bytes, the same digest
    edited = copies[[path.name for path in templates_docx.WRITERS].index(writer)]
    edited.write_text(edited.read_text(encoding="utf-8") + "\n# an edit\n", encoding="utf-8")
    assert code_digest(copies, "python-docx=1") != before


def test_the_store_writes_once_per_key_and_keeps_one_file_per_document(tmp_path: Path) -> None:
    store = DocumentStore(tmp_path / "documents")
    made: list[str] = []

    def make(text: str):  # noqa: ANN202
        return lambda: made.append(text) or text.encode()

    assert store.fetch("site-form-en", "k1", ".docx", make("one")) == b"one"
    assert store.fetch("site-form-en", "k1", ".docx", make("two")) == b"one"  # stored: not made again
    assert made == ["one"]
    assert store.fetch("site-form-en", "k2", ".docx", make("three")) == b"three"
    assert store.fetch("site-form-fr", "k2", ".docx", make("four")) == b"four"
    names = sorted(p.name for p in (tmp_path / "documents").iterdir())
    assert names == ["site-form-en--k2.docx", "site-form-fr--k2.docx"]


def test_a_store_that_cannot_be_written_still_gives_the_document(tmp_path: Path) -> None:
    blocked = tmp_path / "file"
    blocked.write_text("not a folder")
    assert DocumentStore(blocked / "documents").fetch("n", "k", ".docx", lambda: b"content") == b"content"


def test_generation_reuses_stored_documents_and_gives_the_same_pages(tmp_path: Path,
                                                                     monkeypatch: pytest.MonkeyPatch) -> None:
    written: list[str] = []
    real = templates_docx.build_docx

    def counting(template, *args, **kwargs):  # noqa: ANN001, ANN002, ANN003, ANN202
        written.append(template.id)
        return real(template, *args, **kwargs)

    monkeypatch.setattr(templates_docx, "build_docx", counting)
    ctx = context("ka")
    ctx.documents = DocumentStore(tmp_path / "documents")
    first = {p.path: p.content for p in templates_docx.generate(ctx)}
    assert len(written) == len(TEMPLATES)
    again = {p.path: p.content for p in templates_docx.generate(ctx)}
    assert len(written) == len(TEMPLATES)  # nothing written the second time
    assert again == first
    # another translation of one label: only what prints it is written again (every form prints this one)
    ctx.translate = lambda text, real=ctx.translate: "Ხელმოწერა" if text == DATASET.ui.labels["forms.js.signature"] \
        else real(text)
    templates_docx.generate(ctx).__next__()
    assert len(written) == len(TEMPLATES) + 1


def test_a_store_that_fails_while_writing_leaves_no_partial_file(tmp_path: Path,
                                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    from scripts import files

    def refuse(*args: object) -> None:
        raise OSError("disk full")

    monkeypatch.setattr(files.os, "replace", refuse)  # what replace_whole calls
    store = DocumentStore(tmp_path / "documents")
    assert store.fetch("site-form-en", "k1", ".docx", lambda: b"content") == b"content"
    assert list((tmp_path / "documents").iterdir()) == []
