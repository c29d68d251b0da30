"""Every quiz, in one language, as files for a learning platform: Moodle GIFT and Moodle XML.

The site build calls :func:`export_quiz` once per quiz and language and publishes the files next to
the quiz pages; ``python -m scripts training export`` writes the same files to a folder.
"""

from __future__ import annotations

from collections.abc import Mapping

from scripts.data.models.training import Quiz
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
    return {fmt: write(quiz, labels, lang) for fmt, (_, write) in FORMATS.items()}
