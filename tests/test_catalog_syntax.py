"""The line check a catalog passes before polib reads it (scripts/i18n/checks.py): its pattern, written for speed,
takes exactly the lines the plain pattern takes, and a broken line is named."""

from __future__ import annotations

import random
import re
from pathlib import Path

from scripts.i18n import checks
from scripts.i18n.checks import read_catalog

#: the pattern as first written: one character of the quoted string at a time
PLAIN = re.compile(r'^(?:(?:msgctxt|msgid|msgid_plural|msgstr(?:\[\d+\])?)\s+)?"(?:[^"\\]|\\.)*"$')

#: pieces of PO lines and of what goes wrong in them: keywords, quotes, escapes, white space of every kind,
#: digits of other scripts, line breaks inside a line
PIECES = ["msgid", "msgstr", "msgid_plural", "msgctxt", "msgstr[0]", "msgstr[٣]", "msgstr[", "]", '"', '"', '"',
          "\\", "\\\\", '\\"', " ", "\t", "\n", "#", "x", "é", "ა", "\xa0", "\u2028", "\r"]


def test_the_pattern_takes_exactly_the_lines_the_plain_pattern_takes() -> None:
    generator = random.Random(16)
    taken = 0
    for _ in range(60_000):
        line = "".join(generator.choice(PIECES) for _ in range(generator.randint(0, 10)))
        if generator.random() < 0.5:  # shaped like a line: a keyword or none, a quoted string, any pieces in it
            line = generator.choice(("", "msgid ", "msgstr[1]\t", "msgctxt  ")) + f'"{line}"'
        expected = PLAIN.match(line) is not None
        assert (checks._PO_LINE.match(line) is not None) == expected, repr(line)
        taken += expected
    assert 5_000 < taken < 55_000  # lines of both kinds were tried


def test_a_broken_line_is_named(tmp_path: Path) -> None:
    path = tmp_path / "fr.po"
    header = 'msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=UTF-8\\n"\n\n'
    for body, line in (('msgid "a"\nmsgstr "b\n', 6), ('msgid "a \\"q\\""\nmsgstr "b" "c"\n', 6),
                       ('msgid "a"\nmsgstr "b\\"\n', 6), ('msgid "a"\n  msgstr[0]\t"b \\\\"  \n', None)):
        path.write_text(header + body, encoding="utf-8")
        po, problems = read_catalog(path)
        assert [problem.line for problem in problems] == ([] if line is None else [line]), body
        assert (po is None) == (line is not None)
