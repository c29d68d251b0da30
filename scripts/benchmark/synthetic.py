"""A synthetic data set N times larger than the real one, made from it (for the benchmark only).

The guidelines' sections of measures are repeated N times (the introduction once): the copies' paragraphs are
numbered on from the last one, and each measure gets a copy per section copy; every country (and its edition) is repeated N times under a new id, with a
status for every measure copy. The English text stays the same, so the
PO catalogs still translate it; nothing here is published.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import yaml


def _dump(path: Path, data: object, schema_line: str) -> None:
    text = yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=120)
    path.write_text(schema_line + text, encoding="utf-8")


def _schema_line(path: Path) -> str:
    first = path.read_text(encoding="utf-8").splitlines()[0]
    return first + "\n" if first.startswith("# yaml-language-server:") else ""


def make_larger_dataset(source: Path, target: Path, factor: int = 10) -> dict[str, int]:
    """Write into ``target`` a copy of the data folder ``source`` with ``factor`` times the paragraphs and
    countries. Returns the counts."""
    if target.exists():
        shutil.rmtree(target)
    shutil.copytree(source, target)

    guidelines_file = target / "guidelines.yaml"
    guidelines = yaml.safe_load(guidelines_file.read_text(encoding="utf-8"))
    # The guidelines have one introduction (the sections without measures): the copies repeat the sections of
    # measures only, numbered on from the last paragraph.
    with_measures = {m["section"] for m in guidelines["measures"]}
    copied = [s for s in guidelines["sections"] if s["id"] in with_measures]
    first_copied = min(s["first"] for s in copied)
    base_count = max(p["number"] for p in guidelines["paragraphs"])
    step = base_count - first_copied + 1  # paragraphs per copy
    sections, paragraphs, measures = [], [], []
    for k in range(factor):
        suffix = "" if k == 0 else f"-{k + 1}"
        offset = 0 if k == 0 else base_count + step * (k - 1) - first_copied + 1
        for section in guidelines["sections"] if k == 0 else copied:
            copy = dict(section, id=section["id"] + suffix, first=section["first"] + offset,
                        last=section["last"] + offset)
            if k:
                copy["title"] = f"{section['title']} ({k + 1})"
            sections.append(copy)
        for measure in guidelines["measures"]:
            measures.append(dict(measure, id=measure["id"] + suffix, section=measure["section"] + suffix))
        for paragraph in guidelines["paragraphs"]:
            if k and paragraph["section"] not in with_measures:
                continue
            copy = dict(paragraph, number=paragraph["number"] + offset, section=paragraph["section"] + suffix)
            if copy.get("measure") not in (None, "unknown"):
                copy["measure"] += suffix
            paragraphs.append(copy)
    guidelines["sections"], guidelines["paragraphs"], guidelines["measures"] = sections, paragraphs, measures
    # measures are listed section by section, so that a country's statuses follow the guidelines' order
    order = {s["id"]: i for i, s in enumerate(sections)}
    guidelines["measures"].sort(key=lambda m: (order[m["section"]], m["order"]))
    _dump(guidelines_file, guidelines, _schema_line(guidelines_file))

    countries = sorted((target / "countries").glob("*.yaml"))
    for file in countries:
        country = yaml.safe_load(file.read_text(encoding="utf-8"))
        by_id = {e["measure"]: e for e in country["measures"]}
        country["measures"] = [dict(by_id[m["id"].rsplit("-", 1)[0]] if m["id"] not in by_id else by_id[m["id"]],
                                    measure=m["id"]) for m in guidelines["measures"]]
        _dump(file, country, _schema_line(file))
        edition_file = target / "editions" / file.name
        edition = yaml.safe_load(edition_file.read_text(encoding="utf-8")) if edition_file.is_file() else None
        for k in range(1, factor):
            new_id = f"{country['id']}-{k + 1}"
            _dump(file.with_name(f"{new_id}.yaml"), dict(country, id=new_id, name=f"{country['name']} {k + 1}"),
                  _schema_line(file))
            if edition is not None:
                _dump(edition_file.with_name(f"{new_id}.yaml"), dict(edition, id=new_id, country=new_id),
                      _schema_line(edition_file))

    # what must cover every measure and every country: the crosswalk, the CETS 224 statuses, the training
    suffixes = [f"-{k + 1}" for k in range(1, factor)]
    instruments_file = target / "instruments.yaml"
    if instruments_file.is_file():
        instruments = yaml.safe_load(instruments_file.read_text(encoding="utf-8"))
        instruments["crosswalk"] = [dict(entry, measure=entry["measure"] + suffix)
                                    for suffix in ["", *suffixes] for entry in instruments.get("crosswalk", [])]
        instruments["protocol_status"] = [dict(entry, country=entry["country"] + suffix)
                                          for suffix in ["", *suffixes]
                                          for entry in instruments.get("protocol_status", [])]
        _dump(instruments_file, instruments, _schema_line(instruments_file))
    for folder in ("training/modules", "training/quizzes"):
        for file in sorted((target / folder).glob("*.yaml")):
            record = yaml.safe_load(file.read_text(encoding="utf-8"))
            _dump(file, _with_copies(record, suffixes), _schema_line(file))
    return {"paragraphs": len(paragraphs), "measures": len(measures), "countries": len(countries) * factor}


def _with_copies(value: object, suffixes: list[str]) -> object:
    """``value`` with every ``measures:`` list also naming each measure's copies (``x-2`` ... ``x-10``)."""
    if isinstance(value, dict):
        return {key: ([m + suffix for suffix in ["", *suffixes] for m in item]
                      if key == "measures" and isinstance(item, list) and all(isinstance(m, str) for m in item)
                      else _with_copies(item, suffixes))
                for key, item in value.items()}
    if isinstance(value, list):
        return [_with_copies(item, suffixes) for item in value]
    return value
