"""Pages of the training: an overview, one page per module, one per quiz, "my progress", the coverage
report, and the GIFT and Moodle XML exports of every quiz (files for download, made at build time)."""

from __future__ import annotations

import json
from collections.abc import Iterator

from scripts.pages.base import NavEntry, Page
from scripts.pages.context import RenderContext
from scripts.data.models.guidelines import Measure
from scripts.pages.routes import TRAINING as OVERVIEW
from scripts.pages.routes import TRAINING_COVERAGE as COVERAGE
from scripts.pages.routes import TRAINING_PROGRESS as PROGRESS
from scripts.pages.routes import measure_path, module_path, paragraph_anchor, quiz_path
from scripts.data.training_coverage import coverage
from scripts.training.export import (FORMATS, export_key, export_name, export_one, export_path, export_quiz,
                                    quiz_labels)
from scripts.training.localize import localize_module, localize_quiz
from scripts.data.models.training import Quiz
from scripts.training.shuffle import answer_order, display_order


#: labels the quiz script needs, by the name it uses -> the ui.yaml key
JS_LABELS = {
    name: f"training.js.{name}" for name in (
        "choose_first", "correct", "incorrect", "score_running", "score_done", "passed", "not_passed",
        "retried", "moved", "status_not_started", "status_in_progress", "status_passed", "status_not_passed",
        "module_opened", "module_not_opened", "cleared", "trainer_on", "trainer_off",
        "practice", "partial", "scored_right", "scored_wrong", "scored_partial", "score_first", "pass_mark",
        "exam_running", "exam_unanswered", "question_of", "review_item", "mastered", "practise_more",
        "not_examined_yet",
    )
}


def _has_training(ctx: RenderContext) -> bool:
    return bool(ctx.dataset.training_module)


def js_labels(ctx: RenderContext) -> str:
    """The labels block for the quiz scripts (quiz-*.js), as JSON safe to put inside a <script> element."""
    text = json.dumps({name: ctx.label(key) for name, key in JS_LABELS.items()}, ensure_ascii=False)
    return text.replace("</", "<\\/")


def script_json(value: object) -> str:
    """JSON safe to put inside a <script type="application/json"> element."""
    return json.dumps(value, ensure_ascii=False).replace("</", "<\\/")


def quiz_data(quiz: Quiz) -> str:
    """What quiz-questions.js needs besides the page: each question's id and the measures it examines."""
    return script_json({"quiz": quiz.id, "module": quiz.module, "pass": quiz.pass_percent,
                        "questions": [{"id": q.id, "measures": list(q.measures)} for q in quiz.questions]})


def export_labels_for(ctx: RenderContext) -> dict[str, str]:
    """The labels the GIFT and Moodle XML writers use, with the measure headings and section titles that the
    questions refer to, in the page's language."""
    data = ctx.dataset
    labels = {key: ctx.translate(text) for key, text in data.ui.labels.items()
              if key.startswith(("training.", "guidelines.")) and isinstance(text, str)}  # not the count labels
    labels.update({f"measure.{m.id}": ctx.translate(m.heading) for m in data.guidelines.measures})
    labels.update({f"section.{s.id}": ctx.translate(s.title) for s in data.guidelines.sections})
    return labels


def _exports(ctx: RenderContext, quiz: Quiz, labels: dict[str, str]) -> dict[str, bytes]:
    """The GIFT and Moodle XML files of a translated ``quiz``: kept between builds when the build keeps documents
    (``ctx.documents``), each under :func:`~scripts.training.export.export_key`, and written again only when that
    changes (an edit elsewhere in the data generates the pages again, not the exports)."""
    if ctx.documents is None:
        return export_quiz(quiz, labels, ctx.language)
    labels = quiz_labels(quiz, labels)  # what the key holds is all the writers are given
    key = export_key(quiz, labels, ctx.language)
    return {fmt: ctx.documents.fetch(export_name(quiz.id, ctx.language, fmt), key, ".export",
                                     lambda fmt=fmt: export_one(quiz, labels, ctx.language, fmt))
            for fmt in FORMATS}


def generate(ctx: RenderContext) -> Iterator[Page]:
    if not _has_training(ctx):
        return
    data = ctx.dataset
    modules = sorted(data.training_module, key=lambda m: m.order)
    quizzes = list(data.training_quiz)
    by_module = {m.id: [q for q in quizzes if q.module == m.id] for m in modules}
    titles = {m.id: ctx.translate(m.title) for m in modules}
    report = coverage(modules, quizzes, [m.id for m in data.guidelines.ordered_measures()])
    labels = js_labels(ctx)
    export_labels = export_labels_for(ctx)
    common = dict(module_path=module_path, quiz_path=quiz_path, measure_path=measure_path,
                  guidelines=data.guidelines, paragraph_anchor=paragraph_anchor,
                  js_labels=labels, titles=titles, glossary={t.id: t for t in data.glossary.terms})

    yield Page(OVERVIEW, ctx.render("training_overview.md.j2", OVERVIEW, modules=modules, by_module=by_module,
                                    progress_path=PROGRESS, coverage_path=COVERAGE, **common))
    for position, module in enumerate(modules):
        here = module_path(module.id)
        local = localize_module(module, ctx.translate)
        following = modules[position + 1] if position + 1 < len(modules) else None
        content = ctx.render("training_module.md.j2", here, module=local, quizzes=by_module[module.id],
                             next_module=following, **common)
        yield Page(here, content, NavEntry(OVERVIEW, f"{module.order}. {titles[module.id]}", position + 1))
        for quiz_index, quiz in enumerate(by_module[module.id]):
            quiz_here = quiz_path(quiz.id)
            local_quiz = localize_quiz(quiz, ctx.translate)
            downloads = {fmt: export_path(quiz.id, ctx.language, fmt) for fmt in ("gift", "moodle-xml")}
            next_module = modules[position + 1] if position + 1 < len(modules) else None
            content = ctx.render("training_quiz.md.j2", quiz_here, quiz=local_quiz, module=local,
                                 display_order=display_order, answer_order=answer_order, downloads=downloads,
                                 next_module=next_module, quiz_data=quiz_data(quiz), **common)
            yield Page(quiz_here, content, NavEntry(OVERVIEW, ctx.translate(quiz.title),
                                                    position + 1 + (quiz_index + 1) / 100))
            for fmt, content in _exports(ctx, local_quiz, export_labels).items():
                yield Page(export_path(quiz.id, ctx.language, fmt), content)
    examined = {m for quiz in quizzes for m in quiz.examined_measures()}
    examined_measures = [m for m in data.guidelines.ordered_measures() if m.id in examined]
    progress_data = script_json({"quizzes": {quiz.id: [{"id": q.id, "measures": list(q.measures)}
                                                        for q in quiz.questions] for quiz in quizzes}})
    yield Page(PROGRESS, ctx.render("training_progress.md.j2", PROGRESS, modules=modules, by_module=by_module,
                                    examined_measures=examined_measures, progress_data=progress_data,
                                    **common), NavEntry(OVERVIEW, ctx.label("training.progress.title"), 90))
    yield Page(COVERAGE, ctx.render("training_coverage.md.j2", COVERAGE, report=report, modules=modules,
                                    **common),
               NavEntry(OVERVIEW, ctx.label("training.coverage.title"), 91))


def measure_block(ctx: RenderContext, measure: Measure) -> str:
    """On each measure page: the modules that teach it and the quiz questions that examine it."""
    if not _has_training(ctx):
        return ""
    modules = [m for m in sorted(ctx.dataset.training_module, key=lambda m: m.order)
               if measure.id in m.taught_measures()]
    quizzes = list(ctx.dataset.training_quiz)
    questions = [(quiz, q) for quiz in quizzes for q in quiz.questions if measure.id in q.measures]
    if not modules and not questions:
        return ""
    return ctx.render("training_measure_block.md.j2", measure_path(measure.id), modules=modules,
                      questions=questions, module_path=module_path, quiz_path=quiz_path)
