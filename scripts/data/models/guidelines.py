"""The guidelines themselves: their sections and numbered paragraphs."""

from __future__ import annotations

import datetime
from typing import Literal

from pydantic import Field

from scripts.data.models.base import ArticleNumber, Id, Line, ParagraphNumber, Record, Text, Url

Addressee = Literal["law-enforcement", "service-providers", "policy-makers"]


class Source(Record):
    """The official publication that the summaries cite."""

    publisher: Line
    title: Line
    url: Url


class Section(Record):
    """A run of consecutive paragraphs, e.g. the measures for law enforcement (17-40)."""

    id: Id
    title: Line
    first: ParagraphNumber
    last: ParagraphNumber
    summary: Text


class Paragraph(Record):
    """One numbered paragraph, summarised in our own words."""

    number: ParagraphNumber
    section: Id
    heading: Line
    summary: Text
    addressees: list[Addressee] = Field(min_length=1)
    articles: list[ArticleNumber] = Field(default_factory=list)
    keywords: list[Line] = Field(default_factory=list)
    terms: list[Id] = Field(default_factory=list)
    #: true once a maintainer has checked number and summary against the official text; until then the
    #: page says that the summary is unverified
    verified: bool = False
    #: where the content of this summary was established, besides the official source
    sources: list[Url] = Field(default_factory=list)


class Guidelines(Record):
    """``guidelines.yaml``: the whole document."""

    title: Line
    adopted: datetime.date
    adopted_at: Line
    source: Source
    sections: list[Section] = Field(min_length=1)
    paragraphs: list[Paragraph] = Field(min_length=1)

    def paragraph(self, number: int) -> Paragraph | None:
        return next((p for p in self.paragraphs if p.number == number), None)

    def section(self, section_id: str) -> Section | None:
        return next((s for s in self.sections if s.id == section_id), None)
