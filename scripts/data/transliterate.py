"""Serbian Cyrillic -> Latin, deterministically: the Latin-script site (``sr-Latn``) is made from the Cyrillic
catalog and pages at build time, so there is no second catalog to keep in step.

The mapping is the standard one-to-one correspondence of the two Serbian alphabets (Вук Караџић's Cyrillic
and Gaj's Latin): every Cyrillic letter has exactly one Latin letter or digraph (љ lj, њ nj, џ dž). Only
Cyrillic letters change; everything else (Markdown, link targets, URLs, placeholders, digits) is left as it
is. A digraph's capital is ``Lj``/``Nj``/``Dž`` before a lower-case letter or at the end of a word, and
``LJ``/``NJ``/``DŽ`` inside a word written in capitals (``ЉУБЉАНА`` -> ``LJUBLJANA``).
"""

from __future__ import annotations

import re

LOWER = {
    "а": "a", "б": "b", "в": "v", "г": "g", "д": "d", "ђ": "đ", "е": "e", "ж": "ž", "з": "z", "и": "i",
    "ј": "j", "к": "k", "л": "l", "љ": "lj", "м": "m", "н": "n", "њ": "nj", "о": "o", "п": "p", "р": "r",
    "с": "s", "т": "t", "ћ": "ć", "у": "u", "ф": "f", "х": "h", "ц": "c", "ч": "č", "џ": "dž", "ш": "š",
}
UPPER = {key.upper(): value[0].upper() + value[1:] for key, value in LOWER.items()}
DIGRAPH_CAPITALS = {"Љ": "LJ", "Њ": "NJ", "Џ": "DŽ"}
CYRILLIC = re.compile("[" + "".join(LOWER) + "".join(UPPER) + "]")

#: The (from, to) scripts this module can transliterate (site.yaml's ``transliterated_from`` is checked against it)
SUPPORTED = {("Cyrl", "Latn")}


#: every Cyrillic letter but the three capitals written as two Latin letters, for ``str.translate``
_ONE_WAY = str.maketrans({**LOWER, **{key: value for key, value in UPPER.items() if key not in DIGRAPH_CAPITALS}})
#: the capitals whose Latin depends on the letters around them
_DIGRAPH_CAPITAL = re.compile("[" + "".join(DIGRAPH_CAPITALS) + "]")


def to_latin(text: str) -> str:
    """``text`` with every Serbian Cyrillic letter written in Serbian Latin."""
    if not CYRILLIC.search(text):
        return text

    def capital(match: re.Match[str]) -> str:
        char = match.group(0)
        after = text[match.end():match.end() + 1]  # the letters around it as written in Cyrillic
        before = text[match.start() - 1:match.start()] if match.start() else ""
        if after.isupper() or (not after.isalpha() and before.isupper()):
            return DIGRAPH_CAPITALS[char]
        return UPPER[char]

    # the capitals first, from their neighbours in the Cyrillic text; then every other letter, one for one (what
    # the capitals became is Latin, which the table leaves alone). A Python function called for every letter took
    # four times as long (the Serbian catalog's translations: 62 against 15 ms)
    return _DIGRAPH_CAPITAL.sub(capital, text).translate(_ONE_WAY)
