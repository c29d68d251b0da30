"""Pages of the training: an overview, one page per module, one per quiz, "my progress", the coverage
report, and the GIFT and Moodle XML exports of every quiz (files for download, made at build time)."""

from __future__ import annotations

import json
from collections.abc import Iterator

from scripts.pages.base import NavEntry, Page
from scripts.pages.context import RenderContext
from scripts.pages.guidelines import paragraph_path
from scripts.pages.paragraph_blocks import PARAGRAPH_BLOCKS
from scripts.training.coverage import COVERED_RANGE, coverage
from scripts.training.export import export_path, export_quiz
from scripts.training.localize import localize_module, localize_quiz
from scripts.training.shuffle import display_order

OVERVIEW = "training/index.md"
PROGRESS = "training/progress.md"
COVERAGE = "training/coverage.md"

#: labels the quiz script needs, by the name it uses -> the ui.yaml key
JS_LABELS = {
    name: f"training.js.{name}" for name in (
        "choose_first", "correct", "incorrect", "score_running", "score_done", "passed", "not_passed",
        "retried", "moved", "status_not_started", "status_in_progress", "status_passed", "status_not_passed",
        "module_opened", "module_not_opened", "cleared", "trainer_on", "trainer_off",
    )
}


def module_path(module_id: str) -> str:
    return f"training/modules/{module_id}.md"


def quiz_path(quiz_id: str) -> str:
    return f"training/quizzes/{quiz_id}.md"


def _has_training(ctx: RenderContext) -> bool:
    return "training_module" in ctx.dataset and bool(ctx.dataset.training_module)


def js_labels(ctx: RenderContext) -> str:
    """The labels block for quiz.js, as JSON safe to put inside a <script> element."""
    text = json.dumps({name: ctx.label(key) for name, key in JS_LABELS.items()}, ensure_ascii=False)
    return text.replace("</", "<\\/")


def generate(ctx: RenderContext) -> Iterator[Page]:
    if not _has_training(ctx):
        return
    data = ctx.dataset
    modules = sorted(data.training_module, key=lambda m: m.order)
    quizzes = list(data.training_quiz) if "training_quiz" in data else []
    by_module = {m.id: [q for q in quizzes if q.module == m.id] for m in modules}
    titles = {m.id: ctx.translate(m.title) for m in modules}
    report = coverage(modules, quizzes, [p.number for p in data.guidelines.paragraphs])
    labels = js_labels(ctx)
    export_labels = {key: ctx.translate(text) for key, text in data.ui.labels.items() if key.startswith("training.")}
    common = dict(module_path=module_path, quiz_path=quiz_path, paragraph_path=paragraph_path,
                  js_labels=labels, titles=titles, glossary={t.id: t for t in data.glossary.terms})

    yield Page(OVERVIEW, ctx.render("training_overview.md.j2", OVERVIEW, modules=modules, by_module=by_module,
                                    progress_path=PROGRESS, coverage_path=COVERAGE, **common))
    for position, module in enumerate(modules):
        here = module_path(module.id)
        local = localize_module(module, ctx.translate)
        content = ctx.render("training_module.md.j2", here, module=local, quizzes=by_module[module.id],
                             **common)
        yield Page(here, content, NavEntry(OVERVIEW, f"{module.order}. {titles[module.id]}", position + 1))
        for quiz_index, quiz in enumerate(by_module[module.id]):
            quiz_here = quiz_path(quiz.id)
            local_quiz = localize_quiz(quiz, ctx.translate)
            downloads = {fmt: export_path(quiz.id, ctx.language, fmt) for fmt in ("gift", "moodle-xml")}
            content = ctx.render("training_quiz.md.j2", quiz_here, quiz=local_quiz, module=local,
                                 display_order=display_order, downloads=downloads, **common)
            yield Page(quiz_here, content, NavEntry(OVERVIEW, ctx.translate(quiz.title),
                                                    position + 1 + (quiz_index + 1) / 100))
            for fmt, content in export_quiz(local_quiz, export_labels, ctx.language).items():
                yield Page(export_path(quiz.id, ctx.language, fmt), content)
    yield Page(PROGRESS, ctx.render("training_progress.md.j2", PROGRESS, modules=modules, by_module=by_module,
                                    **common), NavEntry(OVERVIEW, ctx.label("training.progress.title"), 90))
    yield Page(COVERAGE, ctx.render("training_coverage.md.j2", COVERAGE, report=report, modules=modules,
                                    covered=COVERED_RANGE, **common),
               NavEntry(OVERVIEW, ctx.label("training.coverage.title"), 91))


def paragraph_block(ctx: RenderContext, paragraph) -> str:  # noqa: ANN001 - a guidelines Paragraph
    """On each paragraph page: the modules that teach it and how many quiz questions examine it."""
    if not _has_training(ctx):
        return ""
    here = paragraph_path(paragraph.number)
    modules = [m for m in sorted(ctx.dataset.training_module, key=lambda m: m.order)
               if paragraph.number in m.taught_paragraphs()]
    quizzes = list(ctx.dataset.training_quiz) if "training_quiz" in ctx.dataset else []
    questions = [(quiz, q) for quiz in quizzes for q in quiz.questions if paragraph.number in q.paragraphs]
    if not modules and not questions:
        return ""
    return ctx.render("training_paragraph_block.md.j2", here, modules=modules, questions=questions,
                      module_path=module_path, quiz_path=quiz_path)


PARAGRAPH_BLOCKS.append(paragraph_block)
