"""The glossary of terms the guidelines and the site use."""

from __future__ import annotations

from pydantic import Field

from scripts.data.models.base import ArticleNumber, Id, Line, Record, Text


class Term(Record):
    id: Id
    term: Line
    definition: Text
    articles: list[ArticleNumber] = Field(default_factory=list)
    see_also: list[Id] = Field(default_factory=list)


class Glossary(Record):
    """``glossary.yaml``."""

    terms: list[Term] = Field(min_length=1)

    def term(self, term_id: str) -> Term | None:
        return next((t for t in self.terms if t.id == term_id), None)
