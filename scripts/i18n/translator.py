"""Reading a language's catalog back: ``translate(english) -> text``, with an honest record of what was shown.

A :class:`Translator` answers every English data string with its translation from ``locales/<lang>.po``
(read with polib). What it cannot answer well it answers in English, and it remembers why:

- ``missing``: no translation yet (no entry, or an empty ``msgstr``), or one that breaks the markup rules or
  changes a placeholder, link target, URL or number of the English (:func:`scripts.i18n.status.entry_status`;
  ``i18n check`` reports both);
- ``outdated``: the English source changed since the translation was made (gettext ``fuzzy``); like gettext
  itself we never show a fuzzy translation, since it may say something the English no longer says;
- ``unreviewed``: translated, but with machine assistance and not yet reviewed by a native speaker (every
  translation is, until a reviewer writes ``reviewed: <who>, <date>`` as its translator comment);
- ``reviewed``: translated and reviewed.

Page generation calls the translator while it renders; :meth:`Translator.take` hands over what happened since
the last call, so that each page can say what it shows (see :mod:`scripts.pages.translation_notice`).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Callable

import polib

from scripts.data.transliterate import to_latin
from scripts.i18n.catalog import catalog_path
from scripts.i18n.checks import load_catalog
from scripts.i18n.status import Status, entry_status

@dataclass(frozen=True)
class Use:
    """One string a page asked for: its English source, what was shown, and why."""

    english: str
    shown: str
    status: Status


class Translator:
    """``translate(english) -> text`` for one language; the source language translates to itself."""

    def __init__(self, language: str, catalog: polib.POFile | None = None, source: bool = False,
                 transform: Callable[[str], str] | None = None, statuses: dict[str, Status] | None = None) -> None:
        """``statuses``: the status of each entry of ``catalog``, worked out already (:func:`read_with_statuses`);
        else each is worked out when first asked for."""
        self.language = language
        self.source = source
        self.catalog = catalog
        #: applied to every translation shown (sr-Latn: Serbian Cyrillic -> Latin, scripts/data/transliterate.py)
        self.transform = transform
        self._entries: dict[str, polib.POEntry] = {}
        if catalog is not None:
            for entry in catalog:
                if not entry.obsolete:
                    self._entries[entry.msgid] = entry
        self._answers: dict[str, Use] = {}
        # each string's, worked out once (scripts.i18n.status)
        self._statuses: dict[str, Status] = dict(statuses) if statuses else {}
        self._uses: dict[str, Use] = {}  # since the last take(), each string once, in order of first use

    def __call__(self, english: str) -> str:
        if self.source or not isinstance(english, str):
            return english
        use = self._answers.get(english)
        if use is None:
            if not english.strip():
                return english
            status = self._status(english)
            shown = english if status.in_english else self._entries[english].msgstr
            if self.transform is not None and not status.in_english:
                shown = self.transform(shown)
            use = self._answers[english] = Use(english, shown, status)
        self._uses[english] = use
        return use.shown

    def ngettext(self, singular: str, plural: str, count: int) -> str:
        """gettext's ``ngettext``: the form of a count sentence that fits ``count`` in this language (chosen by
        the catalog's ``Plural-Forms`` formula), or the English form when the translation is missing or
        outdated. ``{count}`` is left for the caller to fill."""
        english = singular if count == 1 else plural
        if self.source:
            return english
        entry = self._entries.get(singular)
        status = entry_status(entry)
        if status.in_english or entry.msgid_plural != plural:
            status = Status.MISSING if status is not Status.OUTDATED else status
            shown = english
        else:
            shown = entry.msgstr_plural.get(self._plural_index(count), "") or english
            if self.transform is not None:
                shown = self.transform(shown)
        use = Use(singular, shown, status)
        self._uses.setdefault(singular, use)
        return shown

    def _plural_index(self, count: int) -> int:
        if not hasattr(self, "_plural_formula"):
            import gettext
            import re

            header = self.catalog.metadata.get("Plural-Forms", "") if self.catalog is not None else ""
            match = re.search(r"plural\s*=\s*([^;]+)", header)
            self._plural_formula = gettext.c2py(match.group(1).strip()) if match else (lambda n: int(n != 1))
        return int(self._plural_formula(count))

    def status(self, english: str) -> Status:
        """The status of ``english`` in this catalog (``reviewed`` for the source language); worked out once per
        string (the translation status page asks for every string of the data, most of them shown already)."""
        return Status.REVIEWED if self.source else self._status(english)

    def _status(self, english: str) -> Status:
        status = self._statuses.get(english)
        if status is None:
            status = self._statuses[english] = entry_status(self._entries.get(english))
        return status

    def take(self) -> list[Use]:
        """What was translated since the last call, each string once (and forget it)."""
        uses, self._uses = self._uses, {}
        return list(uses.values())


@dataclass(frozen=True)
class ReadCatalog:
    """A catalog as read, with the status of each of its entries worked out (:func:`entry_statuses`): what a
    build keeps between builds (:func:`scripts.staging.cache.catalog_loader`)."""

    po: polib.POFile
    statuses: dict[str, Status]


def entry_statuses(catalog: polib.POFile) -> dict[str, Status]:
    """The status of each entry of ``catalog`` by its ``msgid``, as the translator works it out."""
    return {entry.msgid: entry_status(entry) for entry in catalog if not entry.obsolete}


def read_with_statuses(path: Path, raw: bytes | None = None) -> ReadCatalog:
    """The catalog at ``path`` (:func:`~scripts.i18n.checks.load_catalog`) and its entries' statuses."""
    po = load_catalog(path, raw)
    return ReadCatalog(po, entry_statuses(po))


def load_translator(data_dir: Path, language: str, default_language: str,
                    transliterated_from: str | None = None,
                    load: Callable[[Path], polib.POFile | ReadCatalog] = load_catalog) -> Translator:
    """The translator for ``language`` from ``<data_dir>/locales/<language>.po``; a language without a
    catalog yet translates nothing (everything falls back to English, and the pages say so). A language
    ``transliterated_from`` another reads that language's catalog and transliterates what it shows. ``load``
    reads a catalog (a build keeps parsed ones: :func:`scripts.staging.cache.catalog_loader`)."""
    if language == default_language:
        return Translator(language, source=True)
    transform = None
    if transliterated_from:
        transform = to_latin
    path = catalog_path(data_dir, transliterated_from or language)
    catalog = load(path) if path.is_file() else None
    if isinstance(catalog, ReadCatalog):
        return Translator(language, catalog.po, transform=transform, statuses=catalog.statuses)
    return Translator(language, catalog, transform=transform)
