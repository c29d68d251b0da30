"""Good practices of cooperation (a memorandum of understanding, a 24/7 contact, ...).

One file per practice in ``guidelines_data/practices/``: what it is, the measures it serves, a
checklist, a clause for a memorandum of understanding, and country examples that carry their sources.
"""

from __future__ import annotations

from pydantic import Field

from scripts.data.models.base import ArticleNumber, Id, Line, Record, Text
from scripts.data.models.countries import PartialDate, SourceRef


class MouClause(Record):
    """The practice's section in a memorandum-of-understanding outline. ``[...]`` marks what to fill in."""

    heading: Line
    text: Text


class PracticeExample(Record):
    countries: list[Id] = Field(min_length=1)
    date: PartialDate | None = None
    text: Text
    sources: list[SourceRef] = Field(min_length=1)


class Practice(Record):
    """``practices/<id>.yaml``."""

    id: Id
    order: int
    title: Line
    summary: Text
    description: Text
    measures: list[Id] = Field(min_length=1)
    articles: list[ArticleNumber] = Field(default_factory=list)
    modules: list[Id] = Field(default_factory=list)
    checklist: list[Line] = Field(min_length=1)
    mou_clause: MouClause
    examples: list[PracticeExample] = Field(default_factory=list)
    sources: list[SourceRef] = Field(default_factory=list)
