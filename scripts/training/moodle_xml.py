"""Moodle XML export of one quiz in one language.

Texts are rendered from Markdown to HTML (Moodle's ``format="html"``). Single and multiple choice
become ``multichoice`` (``<single>`` true or false), true/false becomes ``truefalse``, and an
ordering question becomes ``matching``, pairing each step with its position, which every Moodle
version imports; a matching question becomes ``matching`` too. Multiple-answer questions carry partial
credit in their fractions. Per-answer feedback goes into each answer's ``<feedback>`` (for matching, whose
sub-questions have none, into the general feedback); a question's hint becomes a ``<hint>``, which Moodle
shows on request in its interactive mode.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from functools import lru_cache
from xml.etree import ElementTree as ET

import markdown

from scripts.data.models.training import Question, Quiz
from scripts.training.gift import general_feedback
from scripts.training.shuffle import fractions


#: what XML 1.0 cannot hold at all (a document with one of them does not parse, so Moodle refuses the file)
NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff\ud800-\udfff]")


def xml_text(text: str) -> str:
    """``text`` without the characters XML cannot carry (the validator and i18n check refuse them already)."""
    return NOT_XML.sub("", text)


#: one converter for every question (making one per call cost more than converting): reset before each use
_MARKDOWN = markdown.Markdown(extensions=["tables"], output_format="html")

#: a paragraph that Python-Markdown (with ``tables``) writes as it is, inside ``<p>``: one line that begins with a
#: character Python's ``\w`` takes and ``\d`` does not (a letter; also such as ½ or Ⅻ, not a digit 0-9, which could
#: begin a list) and holds only such characters, digits, spaces (not at its end) and punctuation that begins none of
#: Markdown's syntax (no ``* _ ` [ ] < > & \ # | ~ { } = +``, no line break, no tab); a combining mark is not taken
#: (Hindi or Thai text is converted)
_PLAIN = re.compile(r"[^\W\d_](?:[^\W_]|[ ,.;:?!'\"()/%’‘“”„«»…–—-])*(?<! )\Z")


@lru_cache(maxsize=8192)
def html(text: str) -> str:
    """``text`` (Markdown) as HTML. Kept per text: a long-lived process (``serve``) exports every quiz again after
    each edit, and the texts of one language recur in the next (an untranslated one is the English text).

    Most texts are plain sentences, in paragraphs a blank line apart (:data:`_PLAIN`): their HTML is written here,
    the same as Python-Markdown writes (``tests/test_training_export.py`` compares every text of every quiz in
    every language, and random texts); the others are converted. Converting was about 40 ms of each language's
    build, and a build after a measure's heading was edited writes again the exports of every quiz that cites it."""
    source = xml_text(text).strip()
    paragraphs = source.split("\n\n")
    if all(_PLAIN.match(paragraph) for paragraph in paragraphs):
        return "\n".join(f"<p>{paragraph}</p>" for paragraph in paragraphs)
    return _MARKDOWN.reset().convert(source)


def _text(parent: ET.Element, tag: str, content: str, fmt: str | None = "html", **attrs: str) -> ET.Element:
    element = ET.SubElement(parent, tag, {**({"format": fmt} if fmt else {}), **attrs})
    ET.SubElement(element, "text").text = xml_text(content)
    return element


def _common(question: Question, quiz: Quiz, qtype: str, prompt: str, labels: Mapping[str, str]) -> ET.Element:
    element = ET.Element("question", {"type": qtype})
    _text(element, "name", f"{quiz.id}/{question.id}", fmt=None)
    _text(element, "questiontext", html(prompt))
    _text(element, "generalfeedback", html(general_feedback(question, labels)))
    ET.SubElement(element, "defaultgrade").text = "1"
    ET.SubElement(element, "penalty").text = "0.3333333"
    ET.SubElement(element, "hidden").text = "0"
    ET.SubElement(element, "idnumber").text = f"{quiz.id}/{question.id}"
    return element


def question_to_xml(question: Question, quiz: Quiz, labels: Mapping[str, str]) -> ET.Element:
    if question.kind in ("single", "multiple"):
        element = _common(question, quiz, "multichoice", question.prompt, labels)
        ET.SubElement(element, "single").text = "true" if question.kind == "single" else "false"
        ET.SubElement(element, "shuffleanswers").text = "true"
        ET.SubElement(element, "answernumbering").text = "abc"
        ET.SubElement(element, "showstandardinstruction").text = "1"
        right, wrong = fractions(question) if question.kind == "multiple" else ("100", "0")
        for option in question.options or []:
            answer = _text(element, "answer", html(option.text), fraction=right if option.correct else wrong)
            _text(answer, "feedback", html(option.feedback))
    elif question.kind == "true-false":
        element = _common(question, quiz, "truefalse", question.prompt, labels)
        for value, feedback in (("true", question.feedback_true), ("false", question.feedback_false)):
            is_right = (value == "true") == bool(question.answer)
            answer = _text(element, "answer", value, fmt="moodle_auto_format", fraction="100" if is_right else "0")
            _text(answer, "feedback", html(feedback or ""))
    elif question.kind == "ordering":
        prompt = f"{question.prompt.strip()}\n\n{labels['training.export.ordering_instruction']}"
        element = _common(question, quiz, "matching", prompt, labels)
        ET.SubElement(element, "shuffleanswers").text = "true"
        for position, step in enumerate(question.steps or [], 1):
            sub = _text(element, "subquestion", html(step.text))
            answer = ET.SubElement(sub, "answer")
            ET.SubElement(answer, "text").text = str(position)
    elif question.kind == "matching":
        element = _common(question, quiz, "matching", question.prompt, labels)
        ET.SubElement(element, "shuffleanswers").text = "true"
        for pair in question.pairs or []:
            sub = _text(element, "subquestion", html(pair.item))
            answer = ET.SubElement(sub, "answer")
            ET.SubElement(answer, "text").text = pair.answer
    else:  # pragma: no cover - the model only allows the kinds above
        raise ValueError(f"unknown question kind {question.kind!r}")
    if question.hint:
        _text(element, "hint", html(question.hint))
    return element


def quiz_to_moodle_xml(quiz: Quiz, labels: Mapping[str, str], lang: str) -> bytes:
    """The whole quiz as a Moodle XML document, its questions in a category named after the quiz."""
    root = ET.Element("quiz")
    note = xml_text(f" {quiz.title} ({lang}). {labels['training.export.generated_note']} ").replace("--", "- -")
    root.append(ET.Comment(note))
    category = ET.SubElement(root, "question", {"type": "category"})
    _text(category, "category", f"$course$/top/{quiz.title.replace('/', '-')}", fmt=None)
    _text(category, "info", html(quiz.description))
    for question in quiz.questions:
        root.append(question_to_xml(question, quiz, labels))
    ET.indent(root)
    return ET.tostring(root, encoding="utf-8", xml_declaration=True) + b"\n"
