"""Country editions: a standalone copy of the site for one country, declared in data.

One file per edition in ``guidelines_data/editions/``. Adding an edition needs no code: name the
country and its languages (each must be a language the site is published in).
"""

from __future__ import annotations

from pydantic import Field

from scripts.data.models.base import Id, Record, Text
from scripts.data.models.site import Contact, LanguageCode

#: Every edition carries the source language too.
EDITION_REQUIRED_LANGUAGE = "en"


class Edition(Record):
    """``editions/<id>.yaml``. The first language is the edition's default language."""

    id: Id
    country: Id
    languages: list[LanguageCode] = Field(min_length=1)
    notes: Text | None = None
    #: where this edition's readers report a mistake (overrides site.yaml's ``contact``)
    contact: Contact | None = None
