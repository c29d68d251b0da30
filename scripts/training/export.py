"""Every quiz, in one language, as files for a learning platform: Moodle GIFT and Moodle XML.

The site build writes the files of each quiz and language (:func:`export_one`), or reads them back from the
documents it keeps under :func:`export_key`, and publishes them next to the quiz pages; ``python -m scripts
training export`` writes the same files to a folder (:func:`export_quiz`).
"""

from __future__ import annotations

import hashlib
import json
import sys
from collections.abc import Mapping
from importlib import metadata
from pathlib import Path

from scripts.data.models.training import Quiz
from scripts.files import code_digest
from scripts.training.gift import quiz_to_gift
from scripts.training.moodle_xml import quiz_to_moodle_xml

FORMATS = {
    "gift": ("gift.txt", lambda quiz, labels, lang: quiz_to_gift(quiz, labels, lang).encode("utf-8")),
    "moodle-xml": ("moodle.xml", quiz_to_moodle_xml),
}


def export_name(quiz_id: str, lang: str, fmt: str) -> str:
    return f"{quiz_id}.{lang}.{FORMATS[fmt][0]}"


def export_path(quiz_id: str, lang: str, fmt: str) -> str:
    """Where the site publishes an export, relative to the docs root (language-neutral folder)."""
    return f"training/export/{export_name(quiz_id, lang, fmt)}"


def export_quiz(quiz: Quiz, labels: Mapping[str, str], lang: str) -> dict[str, bytes]:
    """``{format: file content}`` for one (already translated) quiz; ``labels`` in the same language."""
    return {fmt: export_one(quiz, labels, lang, fmt) for fmt in FORMATS}


def export_one(quiz: Quiz, labels: Mapping[str, str], lang: str, fmt: str) -> bytes:
    """The file of one format (a key of :data:`FORMATS`) for one (already translated) quiz."""
    return FORMATS[fmt][1](quiz, labels, lang)


#: what writes the exports: these modules, the quiz model they read, and (:data:`CODE`) Python (its ``random``
#: orders the answers, its XML writer escapes) and Python-Markdown (Moodle XML's texts are HTML)
WRITERS = (*(Path(__file__).with_name(name) for name in ("export.py", "gift.py", "moodle_xml.py", "shuffle.py")),
           Path(__file__).resolve().parents[1] / "data" / "models" / "training.py")


#: the digest of the writers as this process imported them (read with them: a file saved while a build runs is
#: not the code that writes its exports)
CODE = code_digest(WRITERS, sys.version, f"markdown={metadata.version('markdown')}")


def quiz_labels(quiz: Quiz, labels: Mapping[str, str]) -> dict[str, str]:
    """The labels of ``labels`` the writers can read for ``quiz``: the headings of the measures and the titles of
    the sections its questions refer to, and every other label (an edited heading changes only the exports of
    the quizzes that refer to its measure)."""
    measures = {f"measure.{m}" for question in quiz.questions for m in question.measures}
    sections = {f"section.{s}" for question in quiz.questions for s in question.sections}
    return {key: text for key, text in labels.items()
            if not key.startswith(("measure.", "section.")) or key in measures or key in sections}


def export_key(quiz: Quiz, labels: Mapping[str, str], lang: str) -> str:
    """A digest of everything the exports of ``quiz`` read: the quiz as translated, the labels, the language and
    the code that writes them (:data:`WRITERS`). Equal keys, equal files: a build that keeps documents
    (:class:`scripts.staging.cache.DocumentStore`) writes a quiz's exports again only when its key changes."""
    parts = [CODE, lang, quiz.model_dump(mode="json"), sorted(labels.items())]
    return hashlib.sha256(json.dumps(parts, ensure_ascii=False, sort_keys=True).encode()).hexdigest()
