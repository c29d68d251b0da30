"""Deterministic presentation details shared by the quiz pages and the exports.

- the order in which an ordering question shows its steps: shuffled from the question id, so every
  build shows the same order, and never the correct one;
- the weights of a multiple-choice question's options in an LMS.
"""

from __future__ import annotations

import hashlib
import random

from scripts.data.models.training import Question

#: grades Moodle accepts for an answer, in percent
MOODLE_GRADES = [100, 90, 83.33333, 80, 75, 70, 66.66667, 60, 50, 40, 33.33333, 30, 25, 20, 16.66667,
                 14.28571, 12.5, 11.11111, 10, 5]


def display_order(question: Question) -> list[int]:
    """Indexes of ``question.steps`` in the order the learner first sees them (never the solution)."""
    count = len(question.steps or [])
    order = list(range(count))
    if count < 2:
        return order
    seed = int.from_bytes(hashlib.sha256(question.id.encode("utf-8")).digest()[:8], "big")
    random.Random(seed).shuffle(order)
    if order == sorted(order):
        order = order[1:] + order[:1]
    return order


def answer_order(question: Question) -> list[int]:
    """Indexes of ``question.pairs`` in the order a matching question offers their answers: alphabetical, so
    that the list gives nothing away and every item offers the same list."""
    pairs = question.pairs or []
    return sorted(range(len(pairs)), key=lambda i: (pairs[i].answer.casefold(), i))


def _nearest(value: float) -> str:
    grade = min(MOODLE_GRADES, key=lambda g: abs(g - value))
    return f"{grade:g}" if float(grade).is_integer() else f"{grade:.5f}"


def fractions(question: Question) -> tuple[str, str]:
    """(weight of each correct option, weight of each wrong option) in percent, as Moodle accepts them.

    Correct options share 100%; wrong options share -100%, so ticking every box scores nothing.
    """
    options = question.options or []
    right = sum(1 for o in options if o.correct) or 1
    wrong = len(options) - right
    return _nearest(100 / right), ("-" + _nearest(100 / wrong)) if wrong else "0"
