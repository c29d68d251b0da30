"""The guidelines themselves: their sections, their 24 measures and what is known of the 59 paragraphs.

The measure is the unit of reading. What the official text says paragraph by paragraph is known only for a
few numbers; every other paragraph record says ``unknown`` and no page makes its content up. A paragraph's
measure, summary and source are recorded only when a source establishes them (see CONTRIBUTING.md, "Closing
the gap").
"""

from __future__ import annotations

import datetime
from typing import Annotated, Literal

from pydantic import Field

from scripts.data.models.base import ArticleNumber, Id, Line, ParagraphNumber, Record, Text, Url

Addressee = Literal["law-enforcement", "service-providers", "policy-makers"]
UNKNOWN = "unknown"
Unknown = Literal["unknown"]


class Source(Record):
    """The official publication."""

    publisher: Line
    title: Line
    url: Url


class SourceEntry(Record):
    """One source that the measures and paragraphs cite by id."""

    id: Id
    title: Line
    url: Url | None = None


class Section(Record):
    """A run of consecutive paragraphs, e.g. the measures for law enforcement (17-40)."""

    id: Id
    title: Line
    first: ParagraphNumber
    last: ParagraphNumber
    summary: Text
    #: where the section's paragraph range is established
    sources: list[Id] = Field(min_length=1)


class Statement(Record):
    """Something a source states about a measure, said in our own words, with the sources that state it."""

    statement: Text
    sources: list[Id] = Field(min_length=1)


class Guidance(Record):
    """Our practical explanation of a measure. Worded as guidance, never as the guidelines' text."""

    asks: Text
    why: Text
    practice: Text
    pitfalls: Text

    def parts(self) -> list[tuple[str, str]]:
        return [("asks", self.asks), ("why", self.why), ("practice", self.practice), ("pitfalls", self.pitfalls)]

    def word_count(self) -> int:
        return sum(len(text.split()) for _, text in self.parts())


class Measure(Record):
    """One of the 24 measures, in its section and in the order the sources list them."""

    id: Id
    section: Id
    order: Annotated[int, Field(ge=1, le=99)]
    heading: Line
    addressees: list[Addressee] = Field(min_length=1)
    #: what the sources state about this measure
    established: list[Statement] = Field(min_length=1)
    guidance: Guidance
    articles: list[ArticleNumber] = Field(default_factory=list)
    terms: list[Id] = Field(default_factory=list)


class ParagraphContent(Record):
    """What a source establishes about one paragraph's content."""

    summary: Text
    #: true when the source only lets us say how the paragraph opens
    partial: bool = False
    sources: list[Id] = Field(min_length=1)
    #: true once a maintainer has checked the summary against the official text
    verified: bool = False


class Paragraph(Record):
    """One paragraph number: its section always, its measure and content only when established."""

    number: ParagraphNumber
    section: Id
    #: the measure the paragraph belongs to; ``unknown`` until a source establishes it (none for the introduction)
    measure: Id | None = None
    #: sources that establish ``measure``
    measure_sources: list[Id] = Field(default_factory=list)
    content: ParagraphContent | Unknown = UNKNOWN

    @property
    def known_measure(self) -> str | None:
        return self.measure if self.measure and self.measure != UNKNOWN else None

    @property
    def established(self) -> bool:
        """True when the paragraph's content is known from a source (a reference to it may be made)."""
        return self.content != UNKNOWN

    @property
    def verified(self) -> bool:
        return self.established and self.content.verified  # type: ignore[union-attr]


class Guidelines(Record):
    """``guidelines.yaml``: the whole document."""

    title: Line
    adopted: datetime.date
    adopted_at: Line
    source: Source
    sources: list[SourceEntry] = Field(min_length=1)
    sections: list[Section] = Field(min_length=1)
    measures: list[Measure] = Field(min_length=1)
    paragraphs: list[Paragraph] = Field(min_length=1)

    def paragraph(self, number: int) -> Paragraph | None:
        return next((p for p in self.paragraphs if p.number == number), None)

    def section(self, section_id: str) -> Section | None:
        return next((s for s in self.sections if s.id == section_id), None)

    def measure(self, measure_id: str) -> Measure | None:
        return next((m for m in self.measures if m.id == measure_id), None)

    def measures_in(self, section_id: str) -> list[Measure]:
        return sorted((m for m in self.measures if m.section == section_id), key=lambda m: m.order)

    def ordered_measures(self) -> list[Measure]:
        """Every measure, section by section, in its order."""
        return [m for s in self.sections for m in self.measures_in(s.id)]

    def source_entry(self, source_id: str) -> SourceEntry | None:
        return next((s for s in self.sources if s.id == source_id), None)

    def established_numbers(self) -> set[int]:
        return {p.number for p in self.paragraphs if p.established}

    def paragraphs_of(self, measure_id: str) -> list[Paragraph]:
        return [p for p in self.paragraphs if p.known_measure == measure_id]


class GuidelineReferences(Record):
    """What a lesson, question, practice or template field points to in the guidelines.

    Measures are the usual reference. A section (``introduction``) serves content that no measure carries, and a
    paragraph number may be named only when its content is established (the data checks refuse any other)."""

    measures: list[Id] = Field(default_factory=list)
    sections: list[Id] = Field(default_factory=list)
    paragraphs: list[ParagraphNumber] = Field(default_factory=list)

    def has_references(self) -> bool:
        return bool(self.measures or self.sections or self.paragraphs)
