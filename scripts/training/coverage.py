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


def render_text(report: Coverage) -> str:
    """A plain table for the terminal: measure, modules that teach it, number of questions."""
    width = max((len(m) for m in report.measures), default=7)
    lines = [f"{'measure':<{width}}  {'taught by':<60} questions"]
    for measure in report.measures:
        taught = ", ".join(report.taught.get(measure, [])) or "-"
        examined = len(report.examined.get(measure, []))
        flag = "" if report.taught.get(measure) and examined else "  <- missing"
        lines.append(f"{measure:<{width}}  {taught:<60} {examined:>9}{flag}")
    untaught, unexamined = report.untaught(), report.unexamined()
    lines.append("")
    lines.append(f"{len(report.measures)} measures: {len(untaught)} not taught, {len(unexamined)} not examined")
    return "\n".join(lines)
