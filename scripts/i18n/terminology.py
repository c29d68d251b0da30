"""Per-language terminology: ``guidelines_data/locales/terminology/<lang>.yaml`` lists the key legal terms and
the form(s) each must take in that language; :func:`check_terminology` reports the translations that do not.

File format (every key checked; a bad file is reported with its line, like the data)::

    terms:
      - english: preservation      # whole words, any case, in the msgid
        use: [conserv]             # one of these must appear in the msgstr (any case; a stem covers inflections)
        avoid: [préservation]      # none of these may appear (optional)

Only up-to-date translations are checked: a missing or outdated (fuzzy) one is shown in English anyway.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

import polib
import yaml

from scripts.i18n.checks import CatalogProblem


def terminology_path(data_dir: Path, language: str) -> Path:
    return data_dir / "locales" / "terminology" / f"{language}.yaml"


@dataclass(frozen=True)
class Term:
    english: str
    use: tuple[str, ...]
    avoid: tuple[str, ...]
    line: int

    def pattern(self) -> re.Pattern[str]:
        words = r"\s+".join(re.escape(w) for w in self.english.split())
        return re.compile(rf"(?<!\w){words}(?!\w)", re.IGNORECASE)


def load_terminology(path: Path) -> tuple[list[Term], list[CatalogProblem]]:
    """The terms of one terminology file, and every problem with the file itself."""
    if not path.is_file():
        return [], []
    try:
        node = yaml.compose(path.read_text(encoding="utf-8"))
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        return [], [CatalogProblem(path, (mark.line + 1) if mark else 0, "", f"not valid YAML: {error}")]
    problems: list[CatalogProblem] = []
    terms: list[Term] = []
    if not isinstance(data, dict) or not isinstance(data.get("terms"), list) or set(data) != {"terms"}:
        return [], [CatalogProblem(path, 1, "", "expected a mapping with one key, 'terms', holding a list")]
    lines = [item.start_mark.line + 1 for key, value in node.value if key.value == "terms" for item in value.value]
    for index, (item, line) in enumerate(zip(data["terms"], lines)):
        where = f"terms[{index}]"
        if not isinstance(item, dict) or not set(item) <= {"english", "use", "avoid"}:
            problems.append(CatalogProblem(path, line, "", f"{where}: expected the keys english, use, avoid"))
            continue
        english, use, avoid = item.get("english"), item.get("use"), item.get("avoid", [])
        if not isinstance(english, str) or not english.strip():
            problems.append(CatalogProblem(path, line, "", f"{where}.english: expected the English term"))
            continue
        if not isinstance(use, list) or not use or not all(isinstance(u, str) and u.strip() for u in use):
            problems.append(CatalogProblem(path, line, "", f"{where}.use: expected a list of forms"))
            continue
        if not isinstance(avoid, list) or not all(isinstance(a, str) and a.strip() for a in avoid):
            problems.append(CatalogProblem(path, line, "", f"{where}.avoid: expected a list of forms"))
            continue
        terms.append(Term(english.strip(), tuple(use), tuple(avoid), line))
    return terms, problems


def check_terminology(catalog: Path, terminology: Path) -> list[CatalogProblem]:
    """Every up-to-date translation of ``catalog`` that breaks a term of ``terminology``, as
    ``<catalog>:<line>: msgid ...: terminology: ...``."""
    terms, problems = load_terminology(terminology)
    if not terms:
        return problems
    po = polib.pofile(str(catalog))
    for entry in po:
        if entry.obsolete or not entry.msgstr.strip() or "fuzzy" in entry.flags:
            continue
        text = entry.msgstr.casefold()
        for term in terms:
            if not term.pattern().search(entry.msgid):
                continue
            where = f"{terminology.name}:{term.line}"
            if not any(form.casefold() in text for form in term.use):
                forms = " or ".join(repr(f) for f in term.use)
                problems.append(CatalogProblem(catalog, entry.linenum or 0, entry.msgid,
                                               f"terminology: {term.english!r} is translated with {forms} "
                                               f"({where}), not found in the translation"))
            for form in term.avoid:
                if form.casefold() in text:
                    problems.append(CatalogProblem(catalog, entry.linenum or 0, entry.msgid,
                                                   f"terminology: {form!r} is to be avoided for "
                                                   f"{term.english!r} ({where})"))
    return problems
