"""A module or quiz with every text field passed through a translator (the identity for English).

The exporters and page templates then work on one language at a time without knowing about catalogs.
"""

from __future__ import annotations

from collections.abc import Callable

from scripts.data.models.training import Exercise, ExerciseStep, Lesson, Module, Option, Pair, Question, Quiz, Step

Translate = Callable[[str], str]


def _t(translate: Translate, value: str | None) -> str | None:
    return None if value is None else translate(value)


def localize_module(module: Module, translate: Translate) -> Module:
    return module.model_copy(update={
        "title": translate(module.title),
        "summary": translate(module.summary),
        "objectives": [translate(o) for o in module.objectives],
        "lessons": [Lesson.model_construct(id=lesson.id, title=translate(lesson.title), minutes=lesson.minutes,
                                           measures=lesson.measures, sections=lesson.sections,
                                           paragraphs=lesson.paragraphs, body=translate(lesson.body))
                    for lesson in module.lessons],
        "exercises": [Exercise.model_construct(
            title=translate(exercise.title), scenario=translate(exercise.scenario), minutes=exercise.minutes,
            steps=[ExerciseStep.model_construct(task=translate(step.task), model_answer=translate(step.model_answer))
                   for step in exercise.steps],
            measures=exercise.measures, sections=exercise.sections, paragraphs=exercise.paragraphs)
            for exercise in module.exercises],
        "key_points": [translate(k) for k in module.key_points],
        "instructor_notes": translate(module.instructor_notes),
    })


def localize_question(question: Question, translate: Translate) -> Question:
    return question.model_copy(update={
        "prompt": translate(question.prompt),
        "explanation": translate(question.explanation),
        "feedback_true": _t(translate, question.feedback_true),
        "feedback_false": _t(translate, question.feedback_false),
        "options": None if question.options is None else [
            Option.model_construct(text=translate(o.text), correct=o.correct, feedback=translate(o.feedback))
            for o in question.options],
        "steps": None if question.steps is None else [
            Step.model_construct(text=translate(s.text), feedback=translate(s.feedback)) for s in question.steps],
        "pairs": None if question.pairs is None else [
            Pair.model_construct(item=translate(p.item), answer=translate(p.answer), feedback=translate(p.feedback))
            for p in question.pairs],
        "hint": _t(translate, question.hint),
    })


def localize_quiz(quiz: Quiz, translate: Translate) -> Quiz:
    return quiz.model_copy(update={
        "title": translate(quiz.title),
        "description": translate(quiz.description),
        "questions": [localize_question(q, translate) for q in quiz.questions],
    })
