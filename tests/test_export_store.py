"""The GIFT and Moodle XML exports of the quizzes, kept between builds (:class:`scripts.staging.cache.DocumentStore`)
under :func:`scripts.training.export.export_key`: a stored export is used only while it would be written the same,
and an edit elsewhere in the data does not write the exports again."""

from __future__ import annotations

import ast
import copy
from pathlib import Path

import pytest

from scripts.i18n.translator import load_translator
from scripts.pages import training
from scripts.pages.context import RenderContext
from scripts.staging.cache import DocumentStore
from scripts.training import export
from scripts.training.export import WRITERS, export_key, export_quiz, quiz_labels
from scripts.training.localize import localize_quiz
from tests.conftest import DATA, ROOT, real_dataset

DATASET = real_dataset()


class CountingStore(DocumentStore):
    def __init__(self, folder: Path) -> None:
        super().__init__(folder)
        self.made: list[str] = []

    def fetch(self, name, key, suffix, make):  # noqa: ANN001, ANN201
        def counted() -> bytes:
            self.made.append(name)
            return make()
        return super().fetch(name, key, suffix, counted)


def exports(ctx: RenderContext) -> dict[str, bytes]:
    return {page.path: page.content for page in training.generate(ctx) if page.path.startswith("training/export/")}


def context(language: str, documents: object = None, dataset: object = DATASET) -> RenderContext:
    translator = load_translator(DATA, language, DATASET.site.default_language)
    return RenderContext(dataset, language, translator, documents=documents)


@pytest.mark.parametrize("language", ["en", "fr"])
def test_stored_exports_are_the_exports_and_are_read_back(tmp_path: Path, language: str) -> None:
    fresh = exports(context(language))
    assert len(fresh) == 2 * len(list(DATASET.training_quiz))
    first = CountingStore(tmp_path)
    assert exports(context(language, first)) == fresh
    assert len(first.made) == len(fresh)
    again = CountingStore(tmp_path)
    assert exports(context(language, again)) == fresh
    assert again.made == [], "an unchanged quiz was written again"


def test_an_edited_quiz_writes_its_own_exports_again_and_only_them(tmp_path: Path) -> None:
    exports(context("en", DocumentStore(tmp_path)))
    quiz = next(iter(DATASET.training_quiz))
    edited_question = quiz.questions[0].model_copy(update={"prompt": quiz.questions[0].prompt + " (edited)"})
    edited_quiz = quiz.model_copy(update={"questions": [edited_question, *quiz.questions[1:]]})
    dataset = copy.copy(DATASET)
    object.__setattr__(dataset, "training_quiz", [edited_quiz if q.id == quiz.id else q for q in DATASET.training_quiz])
    store = CountingStore(tmp_path)
    written = exports(context("en", store, dataset))
    assert sorted(store.made) == sorted(export.export_name(quiz.id, "en", fmt) for fmt in export.FORMATS)
    assert b"(edited)" in written[export.export_path(quiz.id, "en", "gift")]


def test_the_key_changes_with_each_input(monkeypatch: pytest.MonkeyPatch) -> None:
    ctx = context("fr")
    labels = training.export_labels_for(ctx)
    quiz = localize_quiz(next(iter(DATASET.training_quiz)), ctx.translate)
    key = export_key(quiz, labels, "fr")
    assert export_key(quiz, dict(labels), "fr") == key
    question = quiz.questions[0].model_copy(update={"prompt": quiz.questions[0].prompt + "!"})
    assert export_key(quiz.model_copy(update={"questions": [question, *quiz.questions[1:]]}), labels, "fr") != key
    first = sorted(labels)[0]
    assert export_key(quiz, {**labels, first: labels[first] + "!"}, "fr") != key
    assert export_key(quiz, labels, "en") != key
    monkeypatch.setattr(export, "CODE", "other code")
    assert export_key(quiz, labels, "fr") != key


def test_the_key_reads_every_module_the_writers_import() -> None:
    """The key digests the writers' code (:data:`WRITERS`): every module of ``scripts`` they import is one of
    them, or a new helper's change would leave stale exports."""
    written = {path.resolve() for path in WRITERS}
    for path in [p for p in WRITERS if p.parent.name == "training"]:
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            # scripts.files digests the key itself (code_digest); it writes nothing of an export
            if isinstance(node, ast.ImportFrom) and (node.module or "").startswith("scripts.") \
                    and node.module != "scripts.files":
                module = ROOT / (node.module.replace(".", "/") + ".py")
                assert module.resolve() in written, f"{path.name} imports {node.module}, which the key does not read"


def test_the_writers_read_only_what_the_key_holds() -> None:
    """Two exports with the same key are the same files: the writers read the quiz, the labels and the language,
    nothing else that could differ between builds (written twice, from copies, they are equal)."""
    ctx = context("ka")
    labels = training.export_labels_for(ctx)
    for quiz in DATASET.training_quiz:
        local = localize_quiz(quiz, ctx.translate)
        again = local.model_validate(local.model_dump(mode="json"))
        assert export_key(again, dict(labels), "ka") == export_key(local, labels, "ka")
        assert export_quiz(again, dict(labels), "ka") == export_quiz(local, labels, "ka")
        # given only the labels of the measures and sections the quiz refers to, the writers write the same
        assert export_quiz(local, quiz_labels(local, labels), "ka") == export_quiz(local, labels, "ka")


def test_an_edited_heading_writes_again_only_the_exports_of_the_quizzes_that_refer_to_its_measure() -> None:
    ctx = context("en")
    labels = training.export_labels_for(ctx)
    quizzes = [localize_quiz(quiz, ctx.translate) for quiz in DATASET.training_quiz]
    referred = {m for quiz in quizzes for question in quiz.questions for m in question.measures}
    unreferred = [m.id for m in DATASET.guidelines.measures if m.id not in referred]
    measure = sorted(referred)[0]
    edited = {**labels, f"measure.{measure}": labels[f"measure.{measure}"] + " (edited)"}
    def key(quiz, given):  # noqa: ANN001, ANN202
        return export_key(quiz, quiz_labels(quiz, given), "en")

    changed = [quiz.id for quiz in quizzes if key(quiz, edited) != key(quiz, labels)]
    assert changed == [quiz.id for quiz in quizzes if any(measure in q.measures for q in quiz.questions)]
    assert 0 < len(changed) < len(quizzes)
    if unreferred:
        other = {**labels, f"measure.{unreferred[0]}": "edited"}
        assert all(export_key(q, quiz_labels(q, other), "en") == export_key(q, quiz_labels(q, labels), "en")
                   for q in quizzes)
