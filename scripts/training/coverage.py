"""Which paragraphs each module teaches and each quiz examines, and which are left out."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

from scripts.data.models.training import Module, Quiz

#: the paragraphs that must each be taught by a lesson and examined by a question (the measures, 10-59)
COVERED_RANGE = range(10, 60)


@dataclass
class Coverage:
    paragraphs: list[int]
    taught: dict[int, list[str]] = field(default_factory=dict)  # paragraph -> module ids
    examined: dict[int, list[str]] = field(default_factory=dict)  # paragraph -> "quiz-id/question-id"

    def untaught(self) -> list[int]:
        return [n for n in self.paragraphs if n in COVERED_RANGE and not self.taught.get(n)]

    def unexamined(self) -> list[int]:
        return [n for n in self.paragraphs if n in COVERED_RANGE and not self.examined.get(n)]

    @property
    def complete(self) -> bool:
        return not self.untaught() and not self.unexamined()


def coverage(modules: Iterable[Module], quizzes: Iterable[Quiz], paragraphs: Iterable[int]) -> Coverage:
    numbers = sorted(set(paragraphs))
    report = Coverage(numbers, {n: [] for n in numbers}, {n: [] for n in numbers})
    for module in sorted(modules, key=lambda m: m.order):
        for number in sorted(module.taught_paragraphs()):
            report.taught.setdefault(number, []).append(module.id)
    for quiz in quizzes:
        for question in quiz.questions:
            for number in question.paragraphs:
                report.examined.setdefault(number, []).append(f"{quiz.id}/{question.id}")
    return report


def render_text(report: Coverage) -> str:
    """A plain table for the terminal: paragraph, modules that teach it, number of questions."""
    lines = [f"{'para':>4}  {'taught by':<60} questions"]
    for number in report.paragraphs:
        taught = ", ".join(report.taught.get(number, [])) or "-"
        examined = len(report.examined.get(number, []))
        flag = "" if number not in COVERED_RANGE or (report.taught.get(number) and examined) else "  <- missing"
        lines.append(f"{number:>4}  {taught:<60} {examined:>9}{flag}")
    untaught, unexamined = report.untaught(), report.unexamined()
    lines.append("")
    lines.append(f"paragraphs {COVERED_RANGE.start}-{COVERED_RANGE.stop - 1}: "
                 f"{len(untaught)} not taught, {len(unexamined)} not examined")
    return "\n".join(lines)
