"""Where generated pages live: every path and anchor that more than one page module needs, in one place.

Paths are of the Markdown source (``guidelines/common-culture.md``); ``RenderContext.link`` turns them into
links relative to the page being written.
"""

from __future__ import annotations

GUIDELINES = "guidelines/index.md"
INTRODUCTION = "guidelines/introduction.md"
PARAGRAPH_NUMBERS = "guidelines/paragraphs.md"
COUNTRIES = "countries/index.md"
PRACTICES = "practices/index.md"
TRAINING = "training/index.md"
CHANNELS = "channels/index.md"
CHANNEL_GUIDE = "channels/which-channel.md"
FORMS = "forms/index.md"
TRAINING_PROGRESS = "training/progress.md"
TRAINING_COVERAGE = "training/coverage.md"
MOU = "practices/mou-outline.md"
WORKSHOPS = "workshop/index.md"


def measure_path(measure_id: str) -> str:
    return f"guidelines/{measure_id}.md"


def paragraph_anchor(number: int) -> str:
    """The anchor of a paragraph number on the paragraph-numbers page (and on the introduction page)."""
    return f"paragraph-{number}"


def country_path(country_id: str) -> str:
    return f"countries/{country_id}.md"


def country_status_path(country_id: str, page: int) -> str:
    """One of a country's status pages (:class:`scripts.pages.countries.StatusPages`), numbered from 1."""
    return f"countries/{country_id}/measures-{page}.md"


def matrix_path(section_id: str) -> str:
    """The status matrix of one part of the guidelines: a row per country, a column per measure of the part."""
    return f"countries/matrix-{section_id}.md"


def status_anchor(measure_id: str) -> str:
    """The anchor of a measure's status on a country page."""
    return f"status-{measure_id}"


def practice_path(practice_id: str) -> str:
    return f"practices/{practice_id}.md"


def module_path(module_id: str) -> str:
    return f"training/modules/{module_id}.md"


def quiz_path(quiz_id: str) -> str:
    return f"training/quizzes/{quiz_id}.md"


BOOK = "book/index.md"


def book_file(language: str, edition_id: str | None = None) -> str:
    """The PDF book of a language (written after the language's pages are built, see :mod:`scripts.paper`)."""
    edition = f"-{edition_id}" if edition_id else ""
    return f"book/lea-isp-guidelines{edition}-{language}.pdf"


def pdf_beside(path: str, language: str) -> str:
    """The PDF made from the page ``path`` (a blank form, a handout) in ``language``: ``forms/x-fr.pdf``."""
    stem = path[:-3] if path.endswith(".md") else path
    return f"{stem}-{language}.pdf"


def template_path(template_id: str) -> str:
    """A request or response template's page (its form)."""
    return f"forms/{template_id}.md"


def docx_filename(template_id: str, language: str) -> str:
    return f"{template_id}-{language}.docx"


def docx_path(template_id: str, language: str) -> str:
    """Where the blank .docx of a template in a language is published."""
    return f"forms/docx/{docx_filename(template_id, language)}"


def agenda_path(workshop_id: str) -> str:
    """A workshop's agenda page."""
    return f"workshop/{workshop_id}.md"


def handout_path(workshop_id: str) -> str:
    return f"workshop/{workshop_id}-handout.md"
