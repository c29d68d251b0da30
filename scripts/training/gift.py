"""Moodle GIFT export of one quiz in one language.

GIFT has single choice, multiple choice (with weights, so partial credit), true/false and matching, each
with feedback per answer where the format allows it and a general feedback after ``####``. It has no ordering
type: an ordering question becomes a matching question that pairs each step with its position. A matching
answer has no feedback of its own in GIFT, so the feedback of each pair goes into the general feedback. GIFT has
no hint field either: a question's hint is written on a ``// hint:`` comment line just above it (kept in the
file for whoever edits it, ignored by the import; the Moodle XML export carries it as a real hint). Texts are Markdown (``[markdown]``), with
newlines written as ``\\n`` because a blank line would end the question.
"""

from __future__ import annotations

from collections.abc import Mapping

from scripts.data.models.training import Question, Quiz
from scripts.training.shuffle import fractions

import re

SPECIAL = "\\~=#{}:"
#: characters no text may carry into an export (the validator and i18n check refuse them already)
CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\u2028\u2029]")


def escape(text: str) -> str:
    """Escape GIFT's control characters and fold newlines into ``\\n``; control characters are dropped."""
    text = CONTROL.sub("", text.strip()).replace("\r\n", "\n").replace("\r", "\n")
    out = "".join("\\" + ch if ch in SPECIAL else ch for ch in text)
    return out.replace("\n", "\\n")


def escape_match(text: str) -> str:
    """:func:`escape` for one side of a matching pair: ``->`` separates the sides and GIFT has no escape for
    it (Moodle splits at the first ``->``), so the ``>`` of an arrow in the text is written as the HTML
    entity ``&gt;``, which the question's Markdown shows as ``>``."""
    return escape(text).replace("->", "-&gt;")


def general_feedback(question: Question, labels: Mapping[str, str]) -> str:
    parts = [question.explanation.strip()]
    if question.kind == "ordering" and question.steps:
        parts.append("\n".join(f"{i}. {step.text} - {step.feedback.strip()}"
                               for i, step in enumerate(question.steps, 1)))
    if question.kind == "matching" and question.pairs:
        parts.append("\n".join(f"- {pair.item} - {pair.answer}: {pair.feedback.strip()}" for pair in question.pairs))
    refs = [labels.get(f"measure.{m}", m) for m in question.measures]
    refs += [labels.get(f"section.{s}", s) for s in question.sections]
    refs += [f"{labels.get('guidelines.paragraph', 'Paragraph')} {n}" for n in question.paragraphs]
    parts.append(f"{labels['training.refs']}: {'; '.join(refs)}")
    return "\n\n".join(parts)


def question_to_gift(question: Question, quiz: Quiz, labels: Mapping[str, str]) -> str:
    title = escape(f"{quiz.id}/{question.id}")
    prompt = question.prompt.strip()
    if question.kind == "ordering":
        prompt = f"{prompt}\n\n{labels['training.export.ordering_instruction']}"
    head = f"::{title}::[markdown]{escape(prompt)} {{"
    lines = [f"// {_comment(labels.get('training.hint_title', 'Hint'))}: {_comment(question.hint)}"] \
        if question.hint else []
    lines.append(head)
    if question.kind == "single":
        for option in question.options or []:
            sign = "=" if option.correct else "~"
            lines.append(f"\t{sign}{escape(option.text)}#{escape(option.feedback)}")
    elif question.kind == "multiple":
        right, wrong = fractions(question)
        for option in question.options or []:
            weight = right if option.correct else wrong
            lines.append(f"\t~%{weight}%{escape(option.text)}#{escape(option.feedback)}")
    elif question.kind == "true-false":
        # Moodle shows the first feedback for a wrong answer, the second for a right one.
        if question.answer:
            lines.append(f"\tTRUE#{escape(question.feedback_false or '')}#{escape(question.feedback_true or '')}")
        else:
            lines.append(f"\tFALSE#{escape(question.feedback_true or '')}#{escape(question.feedback_false or '')}")
    elif question.kind == "ordering":
        for position, step in enumerate(question.steps or [], 1):
            lines.append(f"\t={escape_match(step.text)} -> {position}")
    elif question.kind == "matching":
        for pair in question.pairs or []:
            lines.append(f"\t={escape_match(pair.item)} -> {escape_match(pair.answer)}")
    lines.append(f"\t####{escape(general_feedback(question, labels))}")
    lines.append("}")
    return "\n".join(lines)


def quiz_to_gift(quiz: Quiz, labels: Mapping[str, str], lang: str) -> str:
    """The whole quiz as one GIFT file, its questions in a category named after the quiz."""
    header = [
        f"// {_line(quiz.title)} ({lang})",
        f"// {_line(labels['training.export.generated_note'])}",
        "",
        f"$CATEGORY: $course$/top/{_category(quiz.title)}",
        "",
    ]
    body = "\n\n".join(question_to_gift(q, quiz, labels) for q in quiz.questions)
    return "\n".join(header) + "\n" + body + "\n"


def _line(text: str) -> str:
    """One line of a comment or of the category line: no control characters, no line break."""
    return re.sub(r"\s+", " ", CONTROL.sub("", text)).strip()


def _comment(text: str) -> str:
    """A comment line (GIFT has no hint field: the hint is written as a comment above its question)."""
    return _line(text)


def _category(title: str) -> str:
    # A category path uses "/" as separator; keep the title on one level.
    return _line(title.replace("/", "-"))
