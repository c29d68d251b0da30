"""Training modules and their quizzes: one YAML file per module, one per quiz.

The shapes here are what an author writes. Rules that span several keys (a single-choice question has
exactly one correct option, an ordering question has steps and no options, ...) are checked in
``scripts.data.checks_training`` so that each message can point at the exact key that is wrong.
"""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import ConfigDict, Field

from scripts.data.models.base import ArticleNumber, Id, Line, Record, Text, Url
from scripts.data.models.guidelines import GuidelineReferences

Audience = Literal["law-enforcement", "service-providers", "prosecutors", "mixed"]
QuestionKind = Literal["single", "multiple", "true-false", "ordering", "matching"]

Minutes = Annotated[int, Field(ge=1, le=480)]


class Lesson(GuidelineReferences):
    """One lesson of a module: teaching text in our own words, the measures it teaches, and how long it takes."""

    id: Id
    title: Line
    minutes: Minutes
    body: Text


class ExerciseStep(Record):
    """One step of a worked exercise: what to do, and a model answer (folded for learners, printed for trainers)."""

    task: Text
    model_answer: Text


class Exercise(GuidelineReferences):
    """A worked scenario: the scenario, then steps, each with its model answer; and how long it takes."""

    title: Line
    scenario: Text
    minutes: Minutes
    steps: list[ExerciseStep] = Field(min_length=1)


class Source(Record):
    """Where a fact in a module comes from: a title, and a web address when there is a stable one."""

    title: Line
    url: Url | None = None


class Module(GuidelineReferences):
    """``training/modules/<id>.yaml``."""

    id: Id
    order: Annotated[int, Field(ge=1, le=99)]
    title: Line
    summary: Text
    audience: list[Audience] = Field(min_length=1)
    prerequisites: list[Id] = Field(default_factory=list)
    objectives: list[Text] = Field(min_length=1)
    articles: list[ArticleNumber] = Field(default_factory=list)
    terms: list[Id] = Field(default_factory=list)
    lessons: list[Lesson] = Field(min_length=1)
    exercises: list[Exercise] = Field(min_length=1)
    key_points: list[Text] = Field(min_length=1)
    instructor_notes: Text
    sources: list[Source] = Field(default_factory=list)

    @property
    def duration_minutes(self) -> int:
        """The module's length: its lessons and its exercises (Carpentries-style timing, in minutes)."""
        return sum(lesson.minutes for lesson in self.lessons) + sum(exercise.minutes for exercise in self.exercises)

    def taught_measures(self) -> set[str]:
        """The measures the lessons teach (the exercise practises them, it does not teach them)."""
        return {m for lesson in self.lessons for m in lesson.measures}


class Option(Record):
    """One answer option of a single- or multiple-choice question."""

    text: Line
    correct: bool = False
    feedback: Text


class Step(Record):
    """One step of an ordering question; steps are written in their correct order."""

    text: Line
    feedback: Text


class Pair(Record):
    """One pair of a matching question: an item, the answer it matches, and why."""

    item: Line
    answer: Line
    feedback: Text


class Question(GuidelineReferences):
    """One question. Which keys it needs depends on ``kind``:

    - ``single`` and ``multiple``: ``options`` (each with ``feedback``; mark the right ones ``correct: true``)
    - ``true-false``: ``answer`` (true or false), ``feedback_true`` and ``feedback_false`` (shown when the
      learner answers true, or false)
    - ``ordering``: ``steps``, written in the correct order; the page shows them shuffled
    - ``matching``: ``pairs`` (each an ``item``, the ``answer`` it matches and ``feedback``); the page offers
      every answer for every item, and each right pair earns its share of the mark

    ``multiple`` and ``matching`` give partial credit. Any question may have a ``hint``, shown only on request.
    """

    # Editors reading the JSON Schema also learn which keys each kind needs.
    model_config = ConfigDict(**Record.model_config, json_schema_extra={"allOf": [
        {"if": {"properties": {"kind": {"const": kind}}, "required": ["kind"]}, "then": {"required": sorted(keys)}}
        for kind, keys in (("single", {"options"}), ("multiple", {"options"}),
                           ("true-false", {"answer", "feedback_true", "feedback_false"}), ("ordering", {"steps"}),
                           ("matching", {"pairs"}))
    ]})

    id: Id
    kind: QuestionKind
    prompt: Text
    options: list[Option] | None = None
    answer: bool | None = None
    feedback_true: Text | None = None
    feedback_false: Text | None = None
    steps: list[Step] | None = None
    pairs: list[Pair] | None = None
    hint: Text | None = None
    explanation: Text

    def correct_indexes(self) -> list[int]:
        return [i for i, option in enumerate(self.options or []) if option.correct]


class Quiz(Record):
    """``training/quizzes/<id>.yaml``: a quiz that belongs to one module."""

    id: Id
    module: Id
    title: Line
    description: Text
    pass_percent: Annotated[int, Field(ge=1, le=100)] = 70
    questions: list[Question] = Field(min_length=1)

    def examined_measures(self) -> set[str]:
        return {m for question in self.questions for m in question.measures}
