"""Dates in the reader's language, with Babel (CLDR): ``2 April 2008`` in English, ``2 avril 2008`` in French,
``2. april 2008.`` in Serbian Latin. A date as precise as its source allows stays that precise: a year stays
a year, a month and year is written as such (``April 2008``), never padded to a made-up day."""

from __future__ import annotations

import datetime
import re
from functools import lru_cache

from babel import Locale, UnknownLocaleError
from babel.dates import format_date, format_skeleton

PARTIAL = re.compile(r"^(?P<year>\d{4})(?:-(?P<month>\d{2})(?:-(?P<day>\d{2}))?)?$")


@lru_cache(maxsize=None)
def babel_locale(language: str) -> Locale:
    """Babel's locale for a site language code (``sr-Latn`` -> ``sr_Latn``); English when CLDR lacks it."""
    try:
        # the project writes British English (CONTRIBUTING), so its dates are British too: 2 April 2008
        return Locale.parse("en-GB" if language == "en" else language, sep="-")
    except (UnknownLocaleError, ValueError):
        return Locale.parse("en")


def format_day(value: object, language: str) -> str:
    """``value`` (a ``date``, or ``YYYY``, ``YYYY-MM``, ``YYYY-MM-DD`` text) written for ``language``;
    anything else (``unknown``, free text) is returned unchanged."""
    locale = babel_locale(language)
    if isinstance(value, datetime.datetime):
        value = value.date()
    if isinstance(value, datetime.date):
        return format_date(value, format="long", locale=locale)
    match = PARTIAL.match(str(value)) if value is not None else None
    if not match:
        return "" if value is None else str(value)
    year, month, day = int(match["year"]), match["month"], match["day"]
    if day:
        return format_date(datetime.date(year, int(month), int(day)), format="long", locale=locale)
    if month:
        return format_skeleton("yMMMM", datetime.date(year, int(month), 1), locale=locale)
    return str(year)
