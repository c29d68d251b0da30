"""Serbian Cyrillic to Latin (scripts/data/transliterate.py): the letters, the capitals written as two letters, and
the same text as the letter-by-letter rule gives."""

from __future__ import annotations

import random
import re

import pytest

from scripts.data.transliterate import CYRILLIC, DIGRAPH_CAPITALS, LOWER, UPPER, to_latin


def _letter_by_letter(text: str) -> str:
    """The rule one letter at a time, as it was first written."""
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


@pytest.mark.parametrize(("cyrillic", "latin"), [
    ("Љубљана", "Ljubljana"), ("ЉУБЉАНА", "LJUBLJANA"), ("Њујорк", "Njujork"), ("ЏЕП", "DŽEP"), ("Џеп", "Džep"),
    ("ПЕЏ", "PEDŽ"), ("Џ", "Dž"), ("Ђорђе Ћосић", "Đorđe Ćosić"), ("ЧАША Шума Жица", "ČAŠA Šuma Žica"),
    ("[веза](../stranica.md#сидро) {n} 2008", "[veza](../stranica.md#sidro) {n} 2008"),
    ("no Cyrillic at all", "no Cyrillic at all"), ("", ""),
])
def test_letters_and_capitals(cyrillic: str, latin: str) -> None:
    assert to_latin(cyrillic) == latin


def test_every_text_is_what_the_letter_by_letter_rule_gives() -> None:
    letters = list(LOWER) + list(UPPER) + ["Љ", "Њ", "Џ"] * 6
    others = [" ", "a", "A", "1", "-", "\n", "é", "É", "ß", "ǅ", "*", "ᾈ"]
    generator = random.Random(16)
    for _ in range(30_000):
        text = "".join(generator.choice(letters if generator.random() < 0.7 else others)
                       for _ in range(generator.randint(0, 12)))
        assert to_latin(text) == _letter_by_letter(text), repr(text)
