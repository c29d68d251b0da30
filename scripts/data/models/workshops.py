"""A workshop kit: a regional workshop's agenda, session by session, linked to sections, measures and modules."""

from __future__ import annotations

import datetime
from typing import Annotated, Literal

from pydantic import Field, model_validator

from scripts.data.models.base import Id, Line, ParagraphNumber, Record, Text
from scripts.data.models.countries import SourceRef
from scripts.data.models.site import LanguageCode

#: A time of day on the 24-hour clock, ``HH:MM``.
Time = Annotated[str, Field(pattern=r"^([01]\d|2[0-3]):[0-5]\d$")]
ItemKind = Literal["registration", "session", "break", "end"]


class ParagraphRange(Record):
    """A run of paragraphs the agenda itself names for a session, e.g. 10-16."""

    first: ParagraphNumber
    last: ParagraphNumber

    @model_validator(mode="after")
    def _ordered(self) -> ParagraphRange:
        if self.last < self.first:
            raise ValueError(f"'last' ({self.last}) must not come before 'first' ({self.first})")
        return self

    @property
    def numbers(self) -> list[int]:
        return list(range(self.first, self.last + 1))


class AgendaItem(Record):
    id: Id
    kind: ItemKind
    number: int | None = None  # the session number in the agenda
    start: Time
    end: Time | None = None
    title: Line
    activities: list[Text] = Field(default_factory=list)
    ranges: list[ParagraphRange] = Field(default_factory=list)  # as the agenda states them
    related_measures: list[Id] = Field(default_factory=list)  # our pointers for the handout
    practices: list[Id] = Field(default_factory=list)
    modules: list[Id] = Field(default_factory=list)

    @model_validator(mode="after")
    def _times(self) -> AgendaItem:
        if self.end is not None and self.end <= self.start:
            raise ValueError(f"'end' ({self.end}) must come after 'start' ({self.start})")
        return self

    @property
    def paragraphs(self) -> list[int]:
        """Every paragraph number of the agenda's ranges (the ranges are the agenda's own, so established)."""
        return list(dict.fromkeys(n for r in self.ranges for n in r.numbers))


class AgendaDay(Record):
    date: datetime.date
    items: list[AgendaItem] = Field(min_length=1)


class Workshop(Record):
    """``workshops/<id>.yaml``."""

    id: Id
    title: Line
    short_title: Line | None = None  # for the navigation, e.g. "Durrës, June 2011"
    project: Line
    venue: Line
    start: datetime.date
    end: datetime.date
    agenda_version: Line
    working_languages: list[LanguageCode] = Field(default_factory=list)
    summary: Text
    objectives: list[Line] = Field(default_factory=list)
    participants: Text | None = None
    notes: Text | None = None
    areas: list[Id] = Field(default_factory=list)
    sources: list[SourceRef] = Field(min_length=1)
    days: list[AgendaDay] = Field(min_length=1)
