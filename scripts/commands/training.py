"""``training``: check the quizzes and modules, show the coverage report, export quizzes for an LMS.

- ``training check``: every data check (the training checks among them); prints every problem as
  ``file:line:column: key.path: message`` and exits non-zero, or prints a one-line summary.
- ``training coverage``: which measures each module teaches and how many questions examine each;
  exits non-zero when a measure is not covered.
- ``training export --out DIR``: every quiz as Moodle GIFT and Moodle XML, in each language asked for.
- ``training workshop --modules A B --date YYYY-MM-DD --out DIR``: a workshop kit from chosen modules: a timed
  agenda, a participant pack and a trainer pack, per language, as pages that print well.
"""

from __future__ import annotations

import argparse
import datetime
import re
import sys
from pathlib import Path

from scripts.commands.loading import load_or_report
from scripts.commands.settings import current_settings, paper_cache
from scripts.data import DataError
from scripts.data.checks_training import moodle_limits
from scripts.data.dataset import DEFAULT_DATA_DIR
from scripts.data.training_coverage import Coverage, coverage
from scripts.i18n.checks import CatalogError
from scripts.i18n.translator import load_translator
from scripts.paper.render import PaperCache, write_pdf
from scripts.training.export import export_name, export_quiz
from scripts.training.localize import localize_quiz
from scripts.training.workshop_kit import build_kit


def register(sub) -> None:  # noqa: ANN001 - argparse's private type
    p = sub.add_parser("training", help="check, report on and export the training modules and quizzes")
    p.add_argument("--data", type=Path, default=DEFAULT_DATA_DIR, help="data folder (default: guidelines_data)")
    actions = p.add_subparsers(dest="action", required=True, metavar="ACTION")
    actions.add_parser("check", help="check modules and quizzes (answer keys, duplicates, references, coverage)")
    actions.add_parser("coverage", help="print which measures each module teaches and each quiz examines")
    export = actions.add_parser("export", help="write every quiz as Moodle GIFT and Moodle XML")
    export.add_argument("--out", type=Path, required=True, help="folder to write the files into")
    export.add_argument("--lang", action="append", default=None,
                        help="language code (repeatable; default: every language of site.yaml)")
    kit = actions.add_parser("workshop", help="build a workshop kit (agenda, participant pack, trainer pack) "
                                              "from chosen modules and a date")
    kit.add_argument("--modules", nargs="+", required=True, metavar="MODULE", help="module ids, in workshop order")
    kit.add_argument("--date", type=_date, required=True, help="first day of the workshop, YYYY-MM-DD")
    kit.add_argument("--start", type=_time, default="09:00", help="start of each day, HH:MM (default 09:00)")
    kit.add_argument("--out", type=Path, required=True, help="folder to write the pages into")
    kit.add_argument("--lang", action="append", default=None,
                     help="language code (repeatable; default: every language of site.yaml)")
    kit.add_argument("--pdf", action="store_true",
                     help="also print each page to PDF (WeasyPrint, A4): agenda, participant and trainer pack")
    p.set_defaults(run=run)


def _date(text: str) -> datetime.date:
    try:
        return datetime.date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a date; expected YYYY-MM-DD, e.g. 2027-03-15") from None


def _time(text: str) -> str:
    if not re.fullmatch(r"([01]\d|2[0-3]):[0-5]\d", text):
        raise argparse.ArgumentTypeError(f"{text!r} is not a time; expected HH:MM, e.g. 09:00")
    return text


def run(args) -> int:  # noqa: ANN001
    dataset = load_or_report(args.data)
    if dataset is None:
        return 1
    modules = list(dataset.training_module)
    quizzes = list(dataset.training_quiz)
    if args.action == "check":
        problems, unreadable = _translated_limits(dataset, quizzes)
        if problems:
            print(DataError(problems).report(), file=sys.stderr)
        if problems or unreadable:
            return 1
        questions = sum(len(q.questions) for q in quizzes)
        print(f"The training data is valid: {len(modules)} modules, {len(quizzes)} quizzes, {questions} questions.")
        return 0
    if args.action == "coverage":
        report = coverage(modules, quizzes, [m.id for m in dataset.guidelines.ordered_measures()])
        print(render_text(report))
        return 0 if report.complete else 1
    if args.action == "workshop":
        return _workshop(dataset, modules, args)
    return _export(dataset, quizzes, args)


def _languages(dataset, asked):  # noqa: ANN001, ANN202
    languages = asked or [lang.code for lang in dataset.site.languages]
    known = {lang.code for lang in dataset.site.languages}
    unknown = [code for code in languages if code not in known]
    if unknown:
        print(f"unknown language {', '.join(unknown)}; expected one of: {', '.join(sorted(known))}", file=sys.stderr)
        return None
    return languages


def _workshop(dataset, modules, args) -> int:  # noqa: ANN001

    known = {m.id for m in modules}
    unknown = [m for m in args.modules if m not in known]
    if unknown:
        print(f"unknown module {', '.join(unknown)}; expected some of: {', '.join(sorted(known))}", file=sys.stderr)
        return 2
    if len(set(args.modules)) != len(args.modules):
        print("a module is listed twice; list each module once", file=sys.stderr)
        return 2
    languages = _languages(dataset, args.lang)
    if languages is None:
        return 2
    args.out.mkdir(parents=True, exist_ok=True)
    written = set()
    for lang in languages:
        try:
            files = build_kit(dataset, args.modules, args.date, lang, _translator(dataset, lang, args.data),
                              start=args.start)
        except ValueError as error:
            print(error, file=sys.stderr)
            return 2
        for name, content in files.items():
            (args.out / name).write_bytes(content)
            written.add(name)
        if args.pdf:
            written.update(_kit_pdfs(args.out, [name for name in files if name.endswith(".html")],
                                     paper_cache(current_settings(args.data))))
    print(f"wrote {len(written)} files to {args.out}")
    return 0


def _kit_pdfs(folder: Path, pages: list[str], cache: PaperCache) -> list[str]:
    """Each kit page printed to PDF beside it, with the kit's own print rules (kit.css); nothing is fetched from
    anywhere but the folder (scripts/paper/render.py)."""
    made = []
    for name in pages:
        page = folder / name
        target = page.with_suffix(".pdf")
        # kit.css goes into the cache key too (the page only links it): a changed stylesheet makes a new PDF
        write_pdf(page.read_text(encoding="utf-8"), target, f"kit-{page.stem}",
                  base_url=folder.resolve().as_uri() + "/", css=[(folder / "kit.css").read_text(encoding="utf-8")],
                  cache=cache)
        made.append(target.name)
    return made


def _export(dataset, quizzes, args) -> int:  # noqa: ANN001

    languages = args.lang or [lang.code for lang in dataset.site.languages]
    known = {lang.code for lang in dataset.site.languages}
    unknown = [code for code in languages if code not in known]
    if unknown:
        print(f"unknown language {', '.join(unknown)}; expected one of: {', '.join(sorted(known))}", file=sys.stderr)
        return 2
    args.out.mkdir(parents=True, exist_ok=True)
    written = 0
    for lang in languages:
        try:
            translate = _translator(dataset, lang, args.data)
        except CatalogError as error:
            print(error, file=sys.stderr)
            return 1
        labels = {key: translate(text) for key, text in dataset.ui.labels.items()
                  if key.startswith(("training.", "guidelines.")) and isinstance(text, str)}
        labels.update({f"measure.{m.id}": translate(m.heading) for m in dataset.guidelines.measures})
        labels.update({f"section.{s.id}": translate(s.title) for s in dataset.guidelines.sections})
        for quiz in quizzes:
            for fmt, content in export_quiz(localize_quiz(quiz, translate), labels, lang).items():
                (args.out / export_name(quiz.id, lang, fmt)).write_bytes(content)
                written += 1
    print(f"wrote {written} files to {args.out}")
    return 0


def _translated_limits(dataset, quizzes) -> tuple[list, bool]:  # noqa: ANN001
    """Moodle's length limits on what each language's export writes (the English is checked with the data)."""
    problems, unreadable = [], False
    documents = dataset.documents("training_quiz")
    for language in dataset.site.languages:
        if language.code == dataset.site.default_language:
            continue
        try:
            translate = _translator(dataset, language.code, dataset.data_dir)
        except CatalogError as error:
            print(error, file=sys.stderr)
            unreadable = True
            continue
        for quiz, doc in zip(quizzes, documents):
            problems += moodle_limits(doc, quiz, translate(quiz.title), language.code)
    return problems, unreadable


def _translator(dataset, lang: str, data: Path):  # noqa: ANN001, ANN202
    """The same translator the site build uses for ``lang`` (the identity for the source language)."""
    return load_translator(data, lang, dataset.site.default_language)


def render_text(report: Coverage) -> str:
    """A plain table for the terminal: measure, modules that teach it, number of questions."""
    width = max((len(m) for m in report.measures), default=7)
    lines = [f"{'measure':<{width}}  {'taught by':<60} questions"]
    for measure in report.measures:
        taught = ", ".join(report.taught.get(measure, [])) or "-"
        examined = len(report.examined.get(measure, []))
        flag = "" if report.taught.get(measure) and examined else "  <- missing"
        lines.append(f"{measure:<{width}}  {taught:<60} {examined:>9}{flag}")
    untaught, unexamined = report.untaught(), report.unexamined()
    lines.append("")
    lines.append(f"{len(report.measures)} measures: {len(untaught)} not taught, {len(unexamined)} not examined")
    return "\n".join(lines)
