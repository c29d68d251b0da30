"""What a reader sees of one catalog entry: reviewed, unreviewed, outdated or missing.

Shared by the catalog statistics (:mod:`scripts.i18n.catalog`) and the translator
(:mod:`scripts.i18n.translator`), so that neither imports the other.
"""

from __future__ import annotations

import re
from enum import Enum

import polib

from scripts.data.markup import markup_problems
from scripts.i18n.checks import kept

#: the translator comment of a translation written with machine assistance and not yet reviewed
UNREVIEWED = "machine-assisted, not reviewed"

REVIEWED = re.compile(r"^\s*reviewed\s*:", re.IGNORECASE | re.MULTILINE)


class Status(str, Enum):
    REVIEWED = "reviewed"
    UNREVIEWED = "unreviewed"
    OUTDATED = "outdated"
    MISSING = "missing"

    @property
    def in_english(self) -> bool:
        """True when the reader sees the English source instead of a translation."""
        return self in (Status.OUTDATED, Status.MISSING)


def translated(entry: polib.POEntry) -> bool:
    """The entry has a translation: its ``msgstr``, or every form of a plural entry's ``msgstr[n]``."""
    if entry.msgid_plural:
        return bool(entry.msgstr_plural) and all(str(v).strip() for v in entry.msgstr_plural.values())
    return bool(entry.msgstr.strip())


def entry_status(entry: polib.POEntry | None) -> Status:
    """The status of one catalog entry (``None``: the string is not in the catalog)."""
    if entry is None or entry.obsolete or not translated(entry):
        return Status.MISSING
    forms = [str(form) for form in entry.msgstr_plural.values()] if entry.msgid_plural else [entry.msgstr]
    if any(markup_problems(form) for form in forms):  # markup in a translation is never shown (i18n check
        return Status.MISSING                          # reports it)
    if "fuzzy" in entry.flags:
        return Status.OUTDATED
    # Nor is a translation that changes a placeholder, a link target, a URL or a number of its English: the page
    # would show "{numero}" where a form fills in "{n}", send the reader elsewhere or state another figure. (After
    # the fuzzy check: an outdated translation is not shown either, and its English may have changed just these.)
    source = entry.msgid_plural or entry.msgid
    if any(kept(source, form) for form in forms):
        return Status.MISSING
    if REVIEWED.search(entry.tcomment or "") and UNREVIEWED not in (entry.tcomment or ""):
        return Status.REVIEWED
    return Status.UNREVIEWED
