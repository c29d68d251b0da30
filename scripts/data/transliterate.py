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


def to_latin(text: str) -> str:
    """``text`` with every Serbian Cyrillic letter written in Serbian Latin."""
    if not CYRILLIC.search(text):
        return text

    def letter(match: re.Match[str]) -> str:
        char = match.group(0)
        if char in LOWER:
            return LOWER[char]
        if char in DIGRAPH_CAPITALS:
            after = text[match.end():match.end() + 1]
            before = text[match.start() - 1:match.start()] if match.start() else ""
            if after.isupper() or (not after.isalpha() and before.isupper()):
                return DIGRAPH_CAPITALS[char]
        return UPPER[char]

    return CYRILLIC.sub(letter, text)
