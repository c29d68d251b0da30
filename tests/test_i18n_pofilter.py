"""translate-toolkit's pofilter on every catalog (issue 15): the checks that fit this project's text, with the
exceptions documented in guidelines_data/locales/pofilter-exceptions.yaml (checks under ``strict`` must pass;
checks under ``counted`` may find at most the recorded number, each with its reason)."""

from __future__ import annotations

import contextlib
import io
import re
import sys
from collections import Counter
from pathlib import Path

import pytest
import yaml
from translate.filters import pofilter as pofilter_command

from tests.conftest import DATA, real_dataset

LANGUAGES = real_dataset().site.catalog_languages()
EXCEPTIONS = yaml.safe_load((DATA / "locales" / "pofilter-exceptions.yaml").read_text(encoding="utf-8"))
FINDING = re.compile(r"^# \(pofilter\) (?P<check>[a-z]+): ", re.M)


def pofilter(catalog: Path, out: Path, checks: list[str]) -> Counter:
    """``pofilter --progress=none -t CHECK... CATALOG OUT`` in this process: the findings, counted by check."""
    args = ["pofilter", "--progress=none"]
    for check in checks:
        args += ["-t", check]
    stderr = io.StringIO()
    with pytest.MonkeyPatch.context() as patch, contextlib.redirect_stderr(stderr):
        patch.setattr(sys, "argv", [*args, str(catalog), str(out)])
        try:
            pofilter_command.main()
            code = 0
        except SystemExit as exit_:
            code = exit_.code
    assert not code, stderr.getvalue()
    return Counter(m["check"] for m in FINDING.finditer(out.read_text(encoding="utf-8"))) if out.exists() \
        else Counter()


def test_every_language_has_documented_limits() -> None:
    for check, spec in EXCEPTIONS["counted"].items():
        assert spec["reason"].strip(), check
        assert set(spec["limits"]) == set(LANGUAGES), (check, sorted(spec["limits"]), LANGUAGES)


@pytest.mark.parametrize("code", LANGUAGES)
def test_catalog_passes_pofilter(code: str, tmp_path: Path) -> None:
    checks = list(EXCEPTIONS["strict"]) + list(EXCEPTIONS["counted"])
    found = pofilter(DATA / "locales" / f"{code}.po", tmp_path / "findings.po", checks)
    strict = {check: found[check] for check in EXCEPTIONS["strict"] if found[check]}
    assert strict == {}, f"{code}.po: pofilter findings (see `pofilter -t CHECK {code}.po out.po`): {strict}"
    over = {check: (found[check], spec["limits"][code]) for check, spec in EXCEPTIONS["counted"].items()
            if found[check] > spec["limits"][code]}
    assert over == {}, f"{code}.po: more findings than pofilter-exceptions.yaml documents (found, allowed): {over}"


def test_the_check_finds_a_broken_placeholder(tmp_path: Path) -> None:
    import polib

    po = polib.pofile(str(DATA / "locales" / "fr.po"))
    entry = next(e for e in po if e.msgstr and "{count}" in e.msgid and "{count}" in e.msgstr)
    entry.msgstr = entry.msgstr.replace("{count}", "{compte}")
    po.save(str(tmp_path / "fr.po"))
    found = pofilter(tmp_path / "fr.po", tmp_path / "findings.po", ["pythonbraceformat"])
    assert found["pythonbraceformat"] >= 1
