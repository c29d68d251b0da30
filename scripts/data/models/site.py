"""``site.yaml``: the site's identity and the languages it is published in, and ``ui.yaml``: its interface labels."""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import Field

from scripts.data.models.base import Line, Name, Record

LanguageCode = Annotated[str, Field(pattern=r"^[a-z]{2,3}(-[A-Za-z0-9]{2,8})?$")]


class Language(Record):
    code: LanguageCode
    name: Name  # the language's name in itself, e.g. "Français" (never translated)
    english_name: Line
    script: Annotated[str, Field(pattern=r"^[A-Z][a-z]{3}$")]  # ISO 15924, e.g. Latn, Cyrl, Geor
    direction: Literal["ltr", "rtl"] = "ltr"


class Site(Record):
    title: Line
    description: Line
    default_language: LanguageCode
    languages: list[Language] = Field(min_length=1)

    def language(self, code: str) -> Language | None:
        return next((lang for lang in self.languages if lang.code == code), None)


class UiLabels(Record):
    """Every fixed piece of interface text the pages show, keyed by a stable id, in English."""

    labels: dict[Annotated[str, Field(pattern=r"^[a-z0-9_.-]+$")], Line]
