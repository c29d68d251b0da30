"""The validator on the minimal valid data and on a corpus of broken files (tests/data/broken/).

Each corpus file is named ``CASE.TARGET.yaml``: it replaces ``TARGET.yaml`` of the minimal data set.
Every line that must be reported carries a trailing ``# ERROR`` comment, so the expected line
numbers come from the file itself.
"""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest

from tests.conftest import TEST_DATA, run_cli

BROKEN = TEST_DATA / "broken"

#: case -> (key path, fragments of the message) for each problem, in line order
EXPECTED: dict[str, list[tuple[str, str]]] = {
    "syntax-error": [("", "YAML syntax error")],
    "wrong-type": [("paragraphs[3].number", "expected a whole number, got 'four'")],
    "missing-key": [("measures[2].heading", "required key 'heading' is missing")],
    "misspelt-key": [("measures[2].headng", "unknown key 'headng' (did you mean 'heading'?)")],
    "duplicate-key": [("measures[2].heading", "duplicate key 'heading' (first given on line")],
    "duplicate-id": [("terms[2].id", "duplicate term id 'traffic-data' (already used on line")],
    "dangling-reference": [("measures[0].terms[1]", "term 'no-such-term' does not exist in glossary.yaml")],
    "empty-file": [("", "the file is empty")],
    "unknown-addressee": [("measures[0].addressees[0]",
                           "expected one of 'law-enforcement', 'service-providers' or 'policy-makers', got 'police'")],
    "missing-paragraph": [("paragraphs", "paragraph 4 is missing")],
    "several-problems": [("measures[1].guidance.aks", "unknown key 'aks'"),
                         ("measures[3].articles[1]", "expected a number at most 48, got 99"),
                         ("paragraphs[3].number", "expected a whole number")],
    "top-level-list": [("", "expected a mapping of keys to values at the top of the file, got a list")],
    "invalid-utf8": [("", "not valid UTF-8 (byte 0xe9)")],
    # issue 10: a paragraph's measure must lie in its section, and every source id must exist
    "measure-outside-section": [("paragraphs[4].measure",
                                 "measure 'le-written' belongs to section 'law-enforcement', but paragraph 5 lies in "
                                 "'service-providers'")],
    "unknown-source": [("paragraphs[1].measure_sources[0]", "source 'no-such-source' does not exist")],
    # issue 17: hostile text (raw HTML, handlers, foreign schemes, attribute lists, images) and inputs that
    # used to end in a traceback, a wrong line or a MemoryError
    "hostile-markup": [(f"terms[{n}].definition", what) for n, what in enumerate([
        "raw HTML (<script", "raw HTML (<img src=x onerror", "raw HTML (<iframe", "a link to 'javascript:'",
        "a Markdown attribute list", "an image (![...])", "a link to 'data:'", "raw HTML (<svg/onload",
        "a link to 'javascript:'", "a link to 'javascript:'"])],
    "title-breakout": [("title", "raw HTML (</title")],
    "huge-number": [("paragraphs[0].number", "expected a number of at most 18 digits")],
    "month-13": [("adopted", "expected a real date, got '2008-13-02'")],
    "february-30": [("adopted", "expected a real date, got '2008-02-30'")],
    "deep-nesting": [("", "nested too deeply (more than 64 levels)")],
    "alias-bomb": [("", "aliases (*name) expand this value beyond the limit")],
    "unclosed-quote": [("", "YAML syntax error: while scanning a quoted scalar")],
    "missing-colon": [("", "YAML syntax error: while scanning a simple key could not find expected ':'")],
}


def error_lines(path: Path) -> list[int]:
    return [n for n, line in enumerate(path.read_bytes().split(b"\n"), 1) if line.rstrip().endswith(b"# ERROR")]


def test_minimal_data_is_valid() -> None:
    result = run_cli("validate", "--data", str(TEST_DATA / "minimal"))
    assert result.returncode == 0, result.stderr
    assert "The data is valid: 4 measures, 5 paragraph numbers" in result.stdout


def test_every_corpus_file_has_an_expectation() -> None:
    cases = {p.name.split(".")[0] for p in BROKEN.glob("*.yaml")}
    assert cases == set(EXPECTED)


@pytest.mark.parametrize("case", sorted(EXPECTED))
def test_broken_file_gives_precise_messages(case: str, minimal_data: Path) -> None:
    (corpus,) = BROKEN.glob(f"{case}.*.yaml")
    target = corpus.name.split(".")[1] + ".yaml"
    shutil.copyfile(corpus, minimal_data / target)

    result = run_cli("validate", "--data", str(minimal_data), cwd=minimal_data)

    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    problems = [line for line in result.stderr.splitlines() if re.match(r"^\S+:\d+:\d+: ", line)]
    expected = EXPECTED[case]
    lines = error_lines(minimal_data / target)
    assert len(problems) == len(expected) == len(lines), result.stderr
    for problem, line, (key_path, fragment) in zip(problems, lines, expected):
        where = f"{target}:{line}:"
        assert problem.startswith(where), f"expected the problem at {where}, got: {problem}"
        if key_path:
            assert f": {key_path}: " in problem, problem
        assert fragment in problem, problem
    assert f"{len(expected)} problem" in result.stderr


def test_problems_in_several_files_are_reported_together(minimal_data: Path) -> None:
    shutil.copyfile(BROKEN / "wrong-type.guidelines.yaml", minimal_data / "guidelines.yaml")
    shutil.copyfile(BROKEN / "invalid-utf8.glossary.yaml", minimal_data / "glossary.yaml")
    result = run_cli("validate", "--data", str(minimal_data), cwd=minimal_data)
    assert result.returncode == 1
    assert "guidelines.yaml:" in result.stderr and "glossary.yaml:" in result.stderr
    assert "2 problems found" in result.stderr


def test_very_large_file_is_refused_quickly(minimal_data: Path) -> None:
    big = minimal_data / "glossary.yaml"
    entry = "  - id: term-{n}\n    term: Term {n}\n    definition: A definition long enough to take some room.\n"
    with big.open("w", encoding="utf-8") as out:
        out.write("terms:\n")
        n = 0
        while out.tell() < 9 * 1024 * 1024:
            out.write(entry.format(n=n))
            n += 1
    result = run_cli("validate", "--data", str(minimal_data), cwd=minimal_data)
    assert result.returncode == 1
    assert re.search(r"glossary\.yaml:1:1: the file is 9\.\d MiB; data files may be at most 8 MiB", result.stderr)


def test_missing_data_file_is_named(minimal_data: Path) -> None:
    (minimal_data / "convention.yaml").unlink()
    result = run_cli("validate", "--data", str(minimal_data), cwd=minimal_data)
    assert result.returncode == 1
    assert "convention.yaml:1:1: no file found for the 'convention' data" in result.stderr


def test_real_data_is_valid() -> None:
    result = run_cli("validate")
    assert result.returncode == 0, result.stderr
