"""Today's channels (``instruments.yaml``): the instruments through which law enforcement obtains data from
service providers today, the provisions that carry the 2008 measures forward, their deadlines, and each
country's position under the Second Additional Protocol (CETS No. 224).

Every deadline and every status names its sources (ids of ``sources:``); a value that no source confirms is
written ``unknown``, and the pages say so. The validators below refuse a known value without a source.
"""

from __future__ import annotations

from typing import Annotated, Literal, Self

from pydantic import Field, model_validator

from scripts.data.models.base import ArticleNumber, Id, Line, Name, Record, Text, Url
from scripts.data.models.countries import DateOrUnknown, PartialDate

UNKNOWN = "unknown"

InstrumentKind = Literal["treaty", "eu-regulation", "eu-directive", "model-form"]
#: the kinds of data a provision reaches (the Regulation's four categories; registration data for Art. 6)
DataCategory = Literal[
    "subscriber", "identification", "traffic", "content", "registration", "any-stored", "none",
]
ProtocolStatusValue = Literal["not-signed", "signed", "ratified", "in-force", "unknown"]
EuLaw = Literal["yes", "no", "unknown"]
#: a period as a source states it, or ``unknown``: ``10 days``, ``8 hours``, ``60 days``
Period = Annotated[str, Field(pattern=r"^(unknown|\d+ (hours|days))$")]


class Source(Record):
    """A document a fact comes from."""

    id: Id
    title: Line
    url: Url | None = None
    #: what the source is and how far it can be trusted (primary text, official database, secondary)
    note: Line | None = None


class Dated(Record):
    """A date a source confirms, or ``unknown``."""

    date: DateOrUnknown
    sources: list[Id] = Field(default_factory=list)
    note: Text | None = None

    @model_validator(mode="after")
    def _known_needs_source(self) -> Self:
        if self.date != UNKNOWN and not self.sources:
            raise ValueError("a date that is not 'unknown' needs at least one entry under 'sources'")
        return self


class Provision(Record):
    """One article (or annex) of an instrument."""

    id: Id
    #: the citation as the instrument numbers it, e.g. ``Art. 7`` or ``Annex I``
    ref: Name
    title: Line
    allows: Text
    issuer: Line
    recipient: Line
    data: list[DataCategory] = Field(min_length=1)
    safeguards: Text
    #: the Budapest Convention article this is (only for provisions of the Convention)
    convention_article: ArticleNumber | None = None
    #: what a request or order under this provision must state (our summary of its fields)
    required_fields: list[Line] = Field(default_factory=list)
    #: the templates of this site that follow this provision
    templates: list[Id] = Field(default_factory=list)
    sources: list[Id] = Field(min_length=1)


class Instrument(Record):
    id: Id
    title: Line
    short: Line
    kind: InstrumentKind
    #: the official number or citation, e.g. ``CETS No. 224``
    citation: Name
    summary: Text
    dated: Dated
    #: entry into force (treaties) or date of application (EU acts)
    applies_from: Dated
    provisions: list[Provision] = Field(min_length=1)
    sources: list[Id] = Field(min_length=1)


class Deadline(Record):
    """A time limit, with the provision that sets it."""

    id: Id
    provision: Id
    what: Line
    period: Period
    sources: list[Id] = Field(default_factory=list)
    note: Text | None = None

    @model_validator(mode="after")
    def _known_needs_source(self) -> Self:
        if self.period != UNKNOWN and not self.sources:
            raise ValueError("a deadline that is not 'unknown' needs at least one entry under 'sources'")
        return self


class CrosswalkEntry(Record):
    """Which of today's provisions carry one of the 24 measures forward."""

    measure: Id
    provisions: list[Id] = Field(default_factory=list)
    note: Text


class ProtocolStatus(Record):
    """A country's position under CETS No. 224 and whether EU law applies to it, each with sources."""

    country: Id
    status: ProtocolStatusValue
    signed: DateOrUnknown | None = None  # None: no signature shown by the source
    ratified: DateOrUnknown | None = None
    as_of: PartialDate | None = None
    sources: list[Id] = Field(default_factory=list)
    eu_law: EuLaw
    eu_sources: list[Id] = Field(default_factory=list)
    note: Text | None = None

    @model_validator(mode="after")
    def _sourced(self) -> Self:
        if self.status != UNKNOWN:
            if not self.sources:
                raise ValueError("a status that is not 'unknown' needs at least one entry under 'sources'")
            if not self.as_of:
                raise ValueError("a status that is not 'unknown' needs an 'as_of' date")
        if self.status in ("signed", "ratified", "in-force") and not self.signed:
            raise ValueError(f"status {self.status!r} needs the date under 'signed' (or 'unknown')")
        if self.status in ("ratified", "in-force") and not self.ratified:
            raise ValueError(f"status {self.status!r} needs the date under 'ratified' (or 'unknown')")
        if self.status == "not-signed" and (self.signed or self.ratified):
            raise ValueError("status 'not-signed' cannot have a signature or ratification date")
        if self.eu_law != UNKNOWN and not self.eu_sources:
            raise ValueError("'eu_law' other than 'unknown' needs at least one entry under 'eu_sources'")
        return self


class Instruments(Record):
    """``instruments.yaml``."""

    sources: list[Source] = Field(min_length=1)
    instruments: list[Instrument] = Field(min_length=1)
    deadlines: list[Deadline] = Field(default_factory=list)
    crosswalk: list[CrosswalkEntry] = Field(default_factory=list)
    protocol_status: list[ProtocolStatus] = Field(default_factory=list)

    def provisions(self) -> list[tuple[Instrument, Provision]]:
        return [(i, p) for i in self.instruments for p in i.provisions]

    def provision(self, provision_id: str) -> tuple[Instrument, Provision] | None:
        return next(((i, p) for i, p in self.provisions() if p.id == provision_id), None)

    def source(self, source_id: str) -> Source | None:
        return next((s for s in self.sources if s.id == source_id), None)
