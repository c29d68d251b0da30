"""Country adaptations: how one country or area stands against the guidelines.

One file per country in ``guidelines_data/countries/``. Every fact carries its sources; whatever is not
known for certain is written ``unknown`` (procedural provisions, treaty dates, the status of a measure), and
the pages say so.
"""

from __future__ import annotations

import datetime
from typing import Annotated, Literal

from pydantic import AfterValidator, Field, model_validator

from scripts.data.models.base import ArticleNumber, Id, Line, Record, Text, Url
from scripts.data.models.site import LanguageCode

UNKNOWN = "unknown"



def _real_date(value: str) -> str:
    """A full date must exist in the calendar (no 30 February)."""
    if len(value) == 10:
        try:
            datetime.date.fromisoformat(value)
        except ValueError:
            raise ValueError(f"expected a date that exists in the calendar, got {value!r}") from None
    return value


#: A date as precise as the source allows: ``2009``, ``2009-07`` or ``2009-07-15``.
PartialDate = Annotated[str, Field(pattern=r"^\d{4}(-(0[1-9]|1[0-2])(-(0[1-9]|[12]\d|3[01]))?)?$"),
                        AfterValidator(_real_date)]
#: A date, or ``unknown`` when the event happened but its date is not known for certain.
DateOrUnknown = Annotated[str, Field(pattern=r"^(unknown|\d{4}(-(0[1-9]|1[0-2])(-(0[1-9]|[12]\d|3[01]))?)?)$"),
                          AfterValidator(_real_date)]
#: An ISO 15924 script code, e.g. Latn, Cyrl, Geor.
Script = Annotated[str, Field(pattern=r"^[A-Z][a-z]{3}$")]

MeasureStatusValue = Literal["unknown", "not-in-place", "partly", "in-place"]
#: The statuses in the order a reader meets them, from nothing known to done.
MEASURE_STATUSES: tuple[str, ...] = ("unknown", "not-in-place", "partly", "in-place")

ConventionStatusValue = Literal["party", "signatory", "not-party", "unknown"]
PROCEDURAL_POWERS: tuple[str, ...] = ("preservation", "production", "interception", "search_and_seizure")


class SourceRef(Record):
    """Where a fact comes from: a publication's title and, when it is on the web, its address."""

    title: Line
    url: Url | None = None


class CountryLanguage(Record):
    code: LanguageCode  # ISO 639-1; ISO 639-2/3 where no two-letter code exists (say so in notes)
    script: Script
    notes: Text | None = None


class Designation(Record):
    """How a name must be qualified wherever it appears (the footnote to Kosovo*)."""

    footnote: Text
    notes: Text | None = None
    sources: list[SourceRef] = Field(min_length=1)


class ConventionStatus(Record):
    """The country's position towards the Budapest Convention (ETS No. 185)."""

    status: ConventionStatusValue
    signed: DateOrUnknown | None = None  # None: did not happen; "unknown": happened, date not known
    ratified: DateOrUnknown | None = None
    entry_into_force: DateOrUnknown | None = None
    notes: Text | None = None
    sources: list[SourceRef] = Field(min_length=1)


class LegalInstrument(Record):
    title: Line
    notes: Text | None = None
    sources: list[SourceRef] = Field(min_length=1)


class Provision(Record):
    """The domestic provision for one procedural power, or ``unknown``."""

    provision: Line  # the provision's name, or exactly "unknown"
    notes: Text | None = None
    articles: list[ArticleNumber] = Field(default_factory=list)
    sources: list[SourceRef] = Field(default_factory=list)

    @property
    def known(self) -> bool:
        return self.provision != UNKNOWN

    @model_validator(mode="after")
    def _known_needs_source(self) -> Provision:
        if self.known and not self.sources:
            raise ValueError("a provision that is not 'unknown' needs at least one entry under 'sources'")
        return self


class ProceduralPowers(Record):
    """The four procedural powers the guidelines rely on (Budapest Convention, Articles 16-21)."""

    preservation: Provision
    production: Provision
    interception: Provision
    search_and_seizure: Provision


class Institution(Record):
    """A body by its role. Never a person."""

    role: Line
    body: Line
    articles: list[ArticleNumber] = Field(default_factory=list)
    as_of: PartialDate | None = None
    notes: Text | None = None
    sources: list[SourceRef] = Field(min_length=1)


class MeasureStatus(Record):
    """How one of the 24 measures stands in the country, as a source shows it."""

    measure: Id
    status: MeasureStatusValue
    as_of: PartialDate | None = None
    note: Text | None = None
    sources: list[SourceRef] = Field(default_factory=list)

    @model_validator(mode="after")
    def _assessed_needs_source(self) -> MeasureStatus:
        if self.status != UNKNOWN and not self.sources:
            raise ValueError(f"a status other than '{UNKNOWN}' needs at least one entry under 'sources'")
        if self.status != UNKNOWN and not self.note:
            raise ValueError(f"a status other than '{UNKNOWN}' needs a 'note' saying what the source shows")
        return self

    @property
    def assessed(self) -> bool:
        return self.status != UNKNOWN


class TimelineEvent(Record):
    date: PartialDate
    event: Text
    sources: list[SourceRef] = Field(min_length=1)


class Country(Record):
    """``countries/<id>.yaml``."""

    id: Id
    name: Line
    former_names: list[Line] = Field(default_factory=list)
    designation: Designation | None = None
    cybercrime_ipa: bool = False
    languages: list[CountryLanguage] = Field(min_length=1)
    budapest_convention: ConventionStatus
    legal_framework: list[LegalInstrument] = Field(default_factory=list)
    procedural_powers: ProceduralPowers
    institutions: list[Institution] = Field(default_factory=list)
    #: one entry for each of the 24 measures, in the guidelines' order
    measures: list[MeasureStatus] = Field(min_length=1)
    timeline: list[TimelineEvent] = Field(default_factory=list)

    @property
    def language_codes(self) -> list[str]:
        """The country's language codes, each once, in the order given."""
        return list(dict.fromkeys(lang.code for lang in self.languages))

    def status_of(self, measure: str) -> MeasureStatus | None:
        """The entry for ``measure`` (None only in data that failed its checks)."""
        return next((s for s in self.measures if s.measure == measure), None)

    def status_value(self, measure: str) -> str:
        entry = self.status_of(measure)
        return entry.status if entry else UNKNOWN

    def assessed_count(self) -> int:
        """How many measures have a status other than unknown (each of those has sources)."""
        return sum(1 for entry in self.measures if entry.assessed)

    def power(self, name: str) -> Provision:
        return getattr(self.procedural_powers, name)
