"""Standard request and response templates (``templates/*.yaml``): sections of typed fields.

A template is what a law enforcement officer or a service provider fills in: a request for
preservation, subscriber information, traffic data or emergency disclosure, the provider's
response, its explanation for information not provided, and its record of how the requester's
identity was checked.

Country editions prefill some fields. A field names *what* it wants with ``prefill`` (a value, e.g.
``procedural_powers.preservation``: the national provision for preservation) or ``suggest`` (a list
of suggestions, e.g. ``institutions``); the country data supplies it. The keys are fixed here, so a
typo is a validation error rather than a silently empty field.
"""

from __future__ import annotations

from typing import Annotated, Literal, Self

from pydantic import AfterValidator, Field, model_validator

from scripts.data.markup import check_markup
from scripts.data.models.base import ArticleNumber, Id, Line, Record, Text, Url

FieldType = Literal[
    "text",  # one line
    "textarea",  # several lines
    "date",  # a calendar date, YYYY-MM-DD
    "datetime",  # a date and time with an explicit time zone or UTC offset
    "ip-port",  # an IPv4 or IPv6 address, with a source port (IPv6 in brackets when a port follows)
    "email",
    "phone",
    "number",  # a whole number, optionally bounded by min and max
    "choice",  # exactly one of the options
    "multichoice",  # any of the options
    "checkbox",  # one statement ticked or not
    "identifiers",  # repeatable rows: IP address, source port and date-time with time zone
]

#: the types whose values ``not_before`` can compare
ORDERED_TYPES = ("date", "datetime")
#: the types that take options
CHOICE_TYPES = ("choice", "multichoice")
#: the types a country edition can prefill with text
PREFILLABLE_TYPES = ("text", "textarea")

Issuer = Literal["law-enforcement", "service-provider"]
Recipient = Literal["service-provider", "law-enforcement", "internal-file"]

#: Values a country edition can put into a field: the country's provision for a procedural power.
PrefillKey = Literal[
    "procedural_powers.preservation",
    "procedural_powers.production",
    "procedural_powers.interception",
    "procedural_powers.search_and_seizure",
]
#: Lists a country edition can offer as suggestions for a field: the names of its institutions.
SuggestKey = Literal["institutions"]


class SourceRef(Record):
    """A document consulted for the template (for which fields matter), never copied."""

    title: Line
    url: Url | None = None


class Option(Record):
    id: Id
    label: Line


class TemplateField(Record):
    id: Id
    label: Line
    type: FieldType
    required: bool = False
    help: Line | None = None
    example: Annotated[str, Field(min_length=1, max_length=80, pattern=r"^[^\n]+$"), AfterValidator(check_markup)] \
        | None = None
    measures: list[Id] = Field(default_factory=list)
    articles: list[ArticleNumber] = Field(default_factory=list)
    options: list[Option] = Field(default_factory=list)
    prefill: PrefillKey | None = None
    suggest: SuggestKey | None = None
    #: another date or datetime field of the template this one must not precede (a range in order)
    not_before: Id | None = None
    #: another field of the template; when it holds a value, this one is required too
    required_with: Id | None = None
    min: int | None = None
    max: int | None = None
    port_required: bool = False

    @model_validator(mode="after")
    def _fits_type(self) -> Self:
        kind = self.type
        if kind in CHOICE_TYPES and len(self.options) < 2:
            raise ValueError(f"a {kind} field needs at least two options")
        if kind not in CHOICE_TYPES and self.options:
            raise ValueError(f"only choice and multichoice fields take options, not {kind}")
        ids = [o.id for o in self.options]
        if len(ids) != len(set(ids)):
            raise ValueError("option ids must be unique within a field")
        if (self.min is not None or self.max is not None) and kind != "number":
            raise ValueError("min and max apply to number fields only")
        if self.min is not None and self.max is not None and self.min > self.max:
            raise ValueError("min must not exceed max")
        if self.port_required and kind not in ("ip-port", "identifiers"):
            raise ValueError("port_required applies to ip-port and identifiers fields only")
        if self.prefill and kind not in PREFILLABLE_TYPES:
            raise ValueError(f"prefill applies to {' and '.join(PREFILLABLE_TYPES)} fields only")
        if self.suggest and kind != "text":
            raise ValueError("suggest applies to text fields only")
        if self.not_before and kind not in ORDERED_TYPES:
            raise ValueError("not_before applies to date and datetime fields only")
        if self.not_before == self.id or self.required_with == self.id:
            raise ValueError("a field cannot refer to itself")
        if self.required and self.required_with:
            raise ValueError("a required field needs no required_with")
        if self.example and kind in CHOICE_TYPES + ("checkbox",):
            raise ValueError(f"a {kind} field takes no example")
        return self


class TemplateSection(Record):
    id: Id
    title: Line
    measures: list[Id] = Field(default_factory=list)
    fields: list[TemplateField] = Field(min_length=1)


class LegalBasis(Record):
    """The Budapest Convention articles the template rests on, the provisions of today's instruments
    (ids in ``instruments.yaml``), and which national provision (from the country data) completes them."""

    articles: list[ArticleNumber] = Field(default_factory=list)
    provisions: list[Id] = Field(default_factory=list)
    domestic: PrefillKey | None = None
    note: Text | None = None

    @model_validator(mode="after")
    def _some_basis(self) -> Self:
        if not self.articles and not self.provisions:
            raise ValueError("expected at least one of 'articles' or 'provisions'")
        return self


class Template(Record):
    """One ``templates/<id>.yaml`` file."""

    id: Id
    title: Line
    #: position in the list of templates and in the navigation
    order: int = Field(ge=1)
    summary: Line
    issuer: Issuer
    recipient: Recipient
    description: Text
    measures: list[Id] = Field(min_length=1)
    legal_basis: LegalBasis
    sources: list[SourceRef] = Field(default_factory=list)
    #: fixed sentences printed at the foot of the finished document
    document_notes: list[Line] = Field(default_factory=list)
    #: a training replica of an official form: every page, print and download says it is a study copy
    study_copy: bool = False
    sections: list[TemplateSection] = Field(min_length=1)

    def all_fields(self) -> list[TemplateField]:
        return [f for s in self.sections for f in s.fields]

    def field(self, field_id: str) -> TemplateField | None:
        return next((f for f in self.all_fields() if f.id == field_id), None)
