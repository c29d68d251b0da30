"""The catalogs: ``guidelines_data/locales/content.pot`` (the English source) and ``<lang>.po`` per language.

Conventions every catalog follows:

- ``msgid`` is the English string exactly as the data holds it (Markdown included); no ``msgctxt``.
- ``#:`` references give the data file and line of each use.
- A translation written with machine assistance carries the translator comment
  :data:`scripts.i18n.status.UNREVIEWED`; a native speaker who has reviewed it replaces that comment with
  ``reviewed: <who>, <YYYY-MM-DD>``.
- When the English changes, ``update`` marks the old translation ``fuzzy`` (outdated).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import polib
from rapidfuzz import fuzz

from scripts.data.dataset import Dataset
from scripts.i18n.checks import load_catalog
from scripts.i18n.status import Status, entry_status
from scripts.i18n.strings import source_strings

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
            if string.plural is not None:
                entry.msgid_plural = string.plural
                entry.msgstr_plural = {0: "", 1: ""}
            pot.append(entry)
        entry.occurrences.append((name, str(line)))
    return pot


def write_template(dataset: Dataset) -> tuple[Path, int]:
    path = template_path(dataset.data_dir)
    path.parent.mkdir(parents=True, exist_ok=True)
    pot = build_template(dataset)
    pot.save(str(path))
    return path, len(pot)


# --------------------------------------------------------------------------------------------------------------
# Updating the language catalogs from the template (what ``msgmerge`` does, with polib)

#: how similar (see _ratio) a new English string must be to an old one to carry its translation over as fuzzy
SIMILAR = 0.6
#: how similar it must be for ``update --minor`` to keep the translation current (a typo, punctuation)
MINOR = 0.9


def new_catalog(language: str, team: str, plural_forms: str) -> polib.POFile:
    """An empty catalog for ``language`` with the header the conventions ask for."""
    po = polib.POFile(wrapwidth=100)
    po.metadata = {
        "Project-Id-Version": "lea-isp-guidelines-site",
        "POT-Creation-Date": "",
        "PO-Revision-Date": "YEAR-MO-DA HO:MI+ZONE",
        "Last-Translator": "",
        "Language-Team": team,
        "Language": language,
        "MIME-Version": "1.0",
        "Content-Type": "text/plain; charset=UTF-8",
        "Content-Transfer-Encoding": "8bit",
        "Plural-Forms": plural_forms,
    }
    return po


@dataclass
class MergeReport:
    language: str
    added: int = 0
    outdated: int = 0
    obsolete: int = 0
    kept: int = 0
    minor: int = 0


def merge(po: polib.POFile, pot: polib.POFile, language: str, minor: bool = False) -> MergeReport:
    """Bring ``po`` in line with ``pot`` in place: same msgids in template order with the template's references;
    translations of unchanged strings kept as they are (reviewed or not); the translation of a string whose
    English changed carried over as ``fuzzy`` (outdated) with the old English as ``#| msgid``; translations
    nobody uses any more kept as obsolete entries (``#~``) so that a reverted change can recover them.

    ``minor``: the maintainer says the English changes are minor edits (typos, punctuation); a changed string at
    least :data:`MINOR` similar to its old English keeps its translation current (not fuzzy, no ``#|``), as
    Weblate's "minor change" does. A bigger change is still marked outdated."""
    report = MergeReport(language)
    old = {e.msgid: e for e in po if not e.obsolete}
    old_obsolete = {e.msgid: e for e in po if e.obsolete}
    wanted = {e.msgid for e in pot}
    # Translations whose English is gone are candidates for a changed string.
    orphans = [e for msgid, e in old.items() if msgid not in wanted and e.msgstr.strip()]
    orphans += [e for msgid, e in old_obsolete.items() if msgid not in wanted and e.msgstr.strip()]
    by_place: dict[tuple[str, str], polib.POEntry] = {}
    for orphan in orphans:
        for place in orphan.occurrences:
            by_place.setdefault(place, orphan)

    entries: list[polib.POEntry] = []
    taken: set[int] = set()
    for source in pot:
        entry = old.get(source.msgid) or old_obsolete.get(source.msgid)
        if entry is not None:
            entry = _copy(entry)
            entry.obsolete = False
            if source.msgid_plural and entry.msgid_plural != source.msgid_plural:
                # the same singular, a new plural: the translation no longer answers it
                entry.previous_msgid_plural = entry.msgid_plural
                entry.msgid_plural = source.msgid_plural
                if "fuzzy" not in entry.flags:
                    entry.flags.append("fuzzy")
            report.kept += 1
        else:
            entry = polib.POEntry(msgid=source.msgid, msgstr="")
            if source.msgid_plural:
                entry.msgid_plural = source.msgid_plural
                entry.msgstr_plural = {index: "" for index in range(plural_count(po))}
            previous = _previous(source, orphans, by_place, taken)
            if previous is not None:
                taken.add(id(previous))
                entry.msgstr = previous.msgstr
                if source.msgid_plural and previous.msgstr_plural:
                    entry.msgstr_plural = dict(previous.msgstr_plural)
                entry.tcomment = previous.tcomment
                if minor and "fuzzy" not in previous.flags and _ratio(source.msgid, previous.msgid, MINOR):
                    report.minor += 1
                else:
                    entry.flags = ["fuzzy"]
                    entry.previous_msgid = previous.msgid
                    report.outdated += 1
            else:
                report.added += 1
        entry.occurrences = list(source.occurrences)
        entries.append(entry)
    for orphan in orphans:
        if id(orphan) not in taken:
            gone = _copy(orphan)
            gone.obsolete = True
            gone.occurrences = []
            entries.append(gone)
            report.obsolete += 1
    del po[:]
    po.extend(entries)
    po.metadata.setdefault("Language", language)
    po.metadata["Language"] = po.metadata["Language"] or language
    return report


def _copy(entry: polib.POEntry) -> polib.POEntry:
    return polib.POEntry(msgid=entry.msgid, msgstr=entry.msgstr, tcomment=entry.tcomment, comment=entry.comment,
                         flags=list(entry.flags), occurrences=list(entry.occurrences),
                         previous_msgid=entry.previous_msgid, obsolete=entry.obsolete,
                         msgid_plural=entry.msgid_plural, msgstr_plural=dict(entry.msgstr_plural))


def plural_count(po: polib.POFile) -> int:
    """How many plural forms the catalog's language has (its ``Plural-Forms`` header; 2 without one)."""
    import re

    match = re.search(r"nplurals\s*=\s*(\d+)", po.metadata.get("Plural-Forms", ""))
    return int(match.group(1)) if match else 2


def _previous(source: polib.POEntry, orphans: list[polib.POEntry], by_place: dict, taken: set[int]):
    """The old entry that ``source`` most likely replaces: one used at the same place, or the most similar."""
    for place in source.occurrences:
        candidate = by_place.get(place)
        if candidate is not None and id(candidate) not in taken and _ratio(source.msgid, candidate.msgid, 0.3):
            return candidate
    best, best_ratio = None, SIMILAR
    for candidate in orphans:
        if id(candidate) in taken:
            continue
        ratio = _ratio(source.msgid, candidate.msgid, best_ratio)
        if ratio and ratio >= best_ratio:
            best, best_ratio = candidate, ratio
    return best


def _ratio(a: str, b: str, floor: float) -> float:
    """How similar ``a`` and ``b`` are (0-1: twice the longest common subsequence over both lengths, rapidfuzz's
    ``fuzz.ratio``), or 0 when below ``floor``. difflib took minutes once a data reorganisation left thousands
    of changed strings; rapidfuzz stops as soon as the floor cannot be reached."""
    return fuzz.ratio(a, b, score_cutoff=floor * 100) / 100


def update_catalogs(data_dir: Path, languages: list[str], minor: bool = False) -> list[MergeReport]:
    """Merge the template into ``<lang>.po`` for every language that has a catalog."""
    pot = polib.pofile(str(template_path(data_dir)))
    reports = []
    for language in languages:
        path = catalog_path(data_dir, language)
        if not path.is_file():
            continue
        po = load_catalog(path)
        po.wrapwidth = 100
        reports.append(merge(po, pot, language, minor=minor))
        po.save(str(path))
    return reports


# --------------------------------------------------------------------------------------------------------------
# Counting: how far each language is


@dataclass
class CatalogStats:
    language: str
    total: int = 0
    reviewed: int = 0
    unreviewed: int = 0
    outdated: int = 0
    missing: int = 0

    @property
    def translated(self) -> int:
        """Up to date translations (reviewed or not)."""
        return self.reviewed + self.unreviewed

    @property
    def complete(self) -> float:
        return self.translated / self.total if self.total else 1.0


def catalog_stats(data_dir: Path, language: str, pot: polib.POFile | None = None) -> CatalogStats:
    """Counts for ``language`` against the template: every template string is reviewed, unreviewed, outdated
    or missing (a string the catalog lacks counts as missing even before ``i18n update`` adds it)."""
    pot = pot if pot is not None else polib.pofile(str(template_path(data_dir)))
    path = catalog_path(data_dir, language)
    entries = {e.msgid: e for e in load_catalog(path) if not e.obsolete} if path.is_file() else {}
    stats = CatalogStats(language)
    for source in pot:
        stats.total += 1
        status = entry_status(entries.get(source.msgid))
        setattr(stats, status.value, getattr(stats, status.value) + 1)
    assert Status  # the four statuses are the four counters
    return stats
