"""Which measures each module teaches and each quiz examines, and which are left out."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

from scripts.data.models.training import Module, Quiz


@dataclass
class Coverage:
    #: every measure id, in the guidelines' order
    measures: list[str]
    taught: dict[str, list[str]] = field(default_factory=dict)  # measure -> module ids
    examined: dict[str, list[str]] = field(default_factory=dict)  # measure -> "quiz-id/question-id"

    def untaught(self) -> list[str]:
        return [m for m in self.measures if not self.taught.get(m)]

    def unexamined(self) -> list[str]:
        return [m for m in self.measures if not self.examined.get(m)]

    @property
    def complete(self) -> bool:
        return not self.untaught() and not self.unexamined()


def coverage(modules: Iterable[Module], quizzes: Iterable[Quiz], measures: Iterable[str]) -> Coverage:
    ids = list(dict.fromkeys(measures))
    report = Coverage(ids, {m: [] for m in ids}, {m: [] for m in ids})
    for module in sorted(modules, key=lambda m: m.order):
        for measure in sorted(module.taught_measures()):
            report.taught.setdefault(measure, []).append(module.id)
    for quiz in quizzes:
        for question in quiz.questions:
            for measure in question.measures:
                report.examined.setdefault(measure, []).append(f"{quiz.id}/{question.id}")
    return report
