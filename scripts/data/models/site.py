"""``site.yaml``: the site's identity and the languages it is published in, and ``ui.yaml``: its interface labels."""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import AfterValidator, Field

from scripts.data.markup import check_markup
from scripts.data.models.base import Line, Name, Record, Url

LanguageCode = Annotated[str, Field(pattern=r"^[a-z]{2,3}(-[A-Za-z0-9]{2,8})?$")]


class Language(Record):
    code: LanguageCode
    name: Name  # the language's name in itself, e.g. "Français" (never translated)
    english_name: Line
    script: Annotated[str, Field(pattern=r"^[A-Z][a-z]{3}$")]  # ISO 15924, e.g. Latn, Cyrl, Geor
    direction: Literal["ltr", "rtl"] = "ltr"
    #: published by transliterating another language's catalog and pages at build time (sr-Latn from sr): no
    #: catalog of its own (scripts/data/transliterate.py)
    transliterated_from: LanguageCode | None = None
    #: corrections to Material's own interface text in this language, by Material's key (e.g. sq
    #: ``search.placeholder``: Material 9.8 ships "Vendmbajtës", "placeholder", where "Kërko" belongs)
    theme_text: dict[Annotated[str, Field(pattern=r"^[a-z0-9_.]+$")], Name] = Field(default_factory=dict)


class Contact(Record):
    """Where readers report a mistake or propose a change: an issue tracker or a contact page (the About page
    links it). ``email`` is shown as written, never as a link that a page could pre-fill."""

    url: Url | None = None
    email: Annotated[str, Field(pattern=r"^[^@\s<>\"\ue000-\uf8ff]+@[^@\s<>\"\ue000-\uf8ff]+\.[a-z]{2,}$")] \
        | None = None


class Site(Record):
    title: Line
    description: Line
    default_language: LanguageCode
    languages: list[Language] = Field(min_length=1)
    #: ``unknown`` until the project publishes an address; an edition may give its own (editions/<id>.yaml)
    contact: Contact | Literal["unknown"] = "unknown"

    def language(self, code: str) -> Language | None:
        return next((lang for lang in self.languages if lang.code == code), None)

    def catalog_languages(self) -> list[str]:
        """The languages that have a catalog of their own: not the source language, not transliterated ones."""
        return [lang.code for lang in self.languages
                if lang.code != self.default_language and not lang.transliterated_from]


class PluralLabel(Record):
    """A label that states a count, as whole sentences in English's two forms: ``{count}`` is the number.
    The catalogs hold it as one gettext entry with ``msgid_plural``, so that each language gives as many
    forms as its ``Plural-Forms`` header asks for (three in Serbian, one in Georgian and Turkish), chosen
    with ``ngettext`` (:meth:`scripts.i18n.translator.Translator.ngettext`)."""

    one: Annotated[str, Field(min_length=1, max_length=300, pattern=r"^[^\n]*\{count\}[^\n]*$"),
                   AfterValidator(check_markup)]
    other: Annotated[str, Field(min_length=1, max_length=300, pattern=r"^[^\n]*\{count\}[^\n]*$"),
                     AfterValidator(check_markup)]


class UiLabels(Record):
    """Every fixed piece of interface text the pages show, keyed by a stable id, in English."""

    labels: dict[Annotated[str, Field(pattern=r"^[a-z0-9_.-]+$")], Line | PluralLabel]
