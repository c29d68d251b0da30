"""The catalogs: ``guidelines_data/locales/content.pot`` (the English source) and ``<lang>.po`` per language.

Conventions every catalog follows:

- ``msgid`` is the English string exactly as the data holds it (Markdown included); no ``msgctxt``.
- ``#:`` references give the data file and line of each use.
- A translation written with machine assistance carries the translator comment :data:`UNREVIEWED`; a native
  speaker who has reviewed it replaces that comment with ``reviewed: <who>, <YYYY-MM-DD>``.
- When the English changes, ``update`` marks the old translation ``fuzzy`` (outdated).
"""

from __future__ import annotations

from pathlib import Path

import polib

from scripts.data.dataset import Dataset
from scripts.i18n.strings import source_strings

UNREVIEWED = "machine-assisted, not reviewed"
DOMAIN = "content"


def locales_dir(data_dir: Path) -> Path:
    return data_dir / "locales"


def template_path(data_dir: Path) -> Path:
    return locales_dir(data_dir) / f"{DOMAIN}.pot"


def catalog_path(data_dir: Path, language: str) -> Path:
    return locales_dir(data_dir) / f"{language}.po"


def build_template(dataset: Dataset) -> polib.POFile:
    """A POT holding every translatable string once, with all the places it is used."""
    pot = polib.POFile(wrapwidth=100)
    pot.metadata = {
        "Project-Id-Version": "lea-isp-guidelines-site",
        "POT-Creation-Date": "",  # left empty so that an unchanged extraction leaves the file unchanged
        "PO-Revision-Date": "YEAR-MO-DA HO:MI+ZONE",
        "Last-Translator": "FULL NAME <EMAIL@ADDRESS>",
        "Language-Team": "LANGUAGE <LL@li.org>",
        "Language": "",
        "MIME-Version": "1.0",
        "Content-Type": "text/plain; charset=UTF-8",
        "Content-Transfer-Encoding": "8bit",
    }
    by_text: dict[str, polib.POEntry] = {}
    base = dataset.data_dir.parent
    for string in source_strings(dataset):
        name, line = string.reference
        try:
            name = str(string.document.path.resolve().relative_to(base.resolve()))
        except ValueError:
            pass
        entry = by_text.get(string.text)
        if entry is None:
            entry = by_text[string.text] = polib.POEntry(msgid=string.text, msgstr="")
            pot.append(entry)
        entry.occurrences.append((name, str(line)))
    return pot


def write_template(dataset: Dataset) -> tuple[Path, int]:
    path = template_path(dataset.data_dir)
    path.parent.mkdir(parents=True, exist_ok=True)
    pot = build_template(dataset)
    pot.save(str(path))
    return path, len(pot)
