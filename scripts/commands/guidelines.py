"""``guidelines status``: how much of the 2008 text is established, verified or unknown, and how far the countries
have been assessed per measure (with sources)."""

from __future__ import annotations

from pathlib import Path

from scripts.commands.loading import load_or_report
from scripts.data.dataset import DEFAULT_DATA_DIR


def register(sub) -> None:  # noqa: ANN001 - argparse's private type
    p = sub.add_parser("guidelines", help="what is known of the guidelines' paragraphs and of each country")
    actions = p.add_subparsers(dest="action", required=True, metavar="ACTION")
    status = actions.add_parser("status", help="count established, verified and unknown paragraphs, and the "
                                               "assessed country-measure cells")
    status.add_argument("--data", type=Path, default=DEFAULT_DATA_DIR, help="data folder (default: guidelines_data)")
    status.set_defaults(run=run_status)


def run_status(args) -> int:  # noqa: ANN001
    dataset = load_or_report(args.data)
    if dataset is None:
        return 1
    print(status_report(dataset))
    return 0


def status_report(dataset) -> str:  # noqa: ANN001 - a loaded Dataset
    guidelines = dataset.guidelines
    paragraphs = guidelines.paragraphs
    established = [p for p in paragraphs if p.established]
    verified = [p for p in established if p.verified]
    with_measure = [p for p in paragraphs if p.known_measure]
    measure_sections = {m.section for m in guidelines.measures}
    in_measure_sections = [p for p in paragraphs if p.section in measure_sections]
    lines = [
        f"Paragraph numbers: {len(paragraphs)}",
        f"  content established by a source: {len(established)} "
        f"({', '.join(str(p.number) for p in established) or 'none'})",
        f"    of which only the opening: {sum(1 for p in established if p.content.partial)}",
        f"    of which verified against the official text: {len(verified)}",
        f"  content unknown: {len(paragraphs) - len(established)}",
        f"  measure established (of {len(in_measure_sections)} in the measure sections): {len(with_measure)}",
        f"Measures: {len(guidelines.measures)} "
        f"({', '.join(f'{len(guidelines.measures_in(s.id))} {s.id}' for s in guidelines.sections if guidelines.measures_in(s.id))})",
    ]
    if dataset.countries:
        countries = sorted(dataset.countries, key=lambda c: c.id)
        cells = len(countries) * len(guidelines.measures)
        assessed = sum(c.assessed_count() for c in countries)
        lines.append(f"Countries x measures: {len(countries)} x {len(guidelines.measures)} = {cells} cells, "
                     f"{assessed} assessed with sources, {cells - assessed} unknown")
        for country in countries:
            counts = {s: sum(1 for e in country.measures if e.status == s)
                      for s in ("in-place", "partly", "not-in-place", "unknown")}
            lines.append(f"  {country.id:<24} {country.assessed_count():>2} of {len(guidelines.measures)} assessed "
                         f"(in place {counts['in-place']}, partly {counts['partly']}, "
                         f"not in place {counts['not-in-place']}, unknown {counts['unknown']})")
    return "\n".join(lines)
