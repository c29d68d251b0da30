"""``training``: check the quizzes and modules, show the coverage report, export quizzes for an LMS.

- ``training check``: every data check (the training checks among them); prints every problem as
  ``file:line:column: key.path: message`` and exits non-zero, or prints a one-line summary.
- ``training coverage``: which measures each module teaches and how many questions examine each;
  exits non-zero when a measure is not covered.
- ``training export --out DIR``: every quiz as Moodle GIFT and Moodle XML, in each language asked for.
"""

from __future__ import annotations

import sys
from pathlib import Path

from scripts.data import DataError, load_dataset
from scripts.data.dataset import DEFAULT_DATA_DIR


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
    p.set_defaults(run=run)


def _load(data: Path):  # noqa: ANN202
    try:
        return load_dataset(data), 0
    except DataError as error:
        print(error.report(), file=sys.stderr)
        return None, 1


def run(args) -> int:  # noqa: ANN001
    dataset, status = _load(args.data)
    if dataset is None:
        return status
    modules = list(getattr(dataset, "training_module", [])) if "training_module" in dataset else []
    quizzes = list(getattr(dataset, "training_quiz", [])) if "training_quiz" in dataset else []
    if args.action == "check":
        questions = sum(len(q.questions) for q in quizzes)
        print(f"The training data is valid: {len(modules)} modules, {len(quizzes)} quizzes, {questions} questions.")
        return 0
    if args.action == "coverage":
        from scripts.training.coverage import coverage, render_text

        report = coverage(modules, quizzes, [m.id for m in dataset.guidelines.ordered_measures()])
        print(render_text(report))
        return 0 if report.complete else 1
    return _export(dataset, quizzes, args)


def _export(dataset, quizzes, args) -> int:  # noqa: ANN001
    from scripts.training.export import export_name, export_quiz
    from scripts.training.localize import localize_quiz

    languages = args.lang or [lang.code for lang in dataset.site.languages]
    known = {lang.code for lang in dataset.site.languages}
    unknown = [code for code in languages if code not in known]
    if unknown:
        print(f"unknown language {', '.join(unknown)}; expected one of: {', '.join(sorted(known))}", file=sys.stderr)
        return 2
    args.out.mkdir(parents=True, exist_ok=True)
    written = 0
    for lang in languages:
        translate = _translator(dataset, lang, args.data)
        labels = {key: translate(text) for key, text in dataset.ui.labels.items()
                  if key.startswith(("training.", "guidelines."))}
        labels.update({f"measure.{m.id}": translate(m.heading) for m in dataset.guidelines.measures})
        labels.update({f"section.{s.id}": translate(s.title) for s in dataset.guidelines.sections})
        for quiz in quizzes:
            for fmt, content in export_quiz(localize_quiz(quiz, translate), labels, lang).items():
                (args.out / export_name(quiz.id, lang, fmt)).write_bytes(content)
                written += 1
    print(f"wrote {written} files to {args.out}")
    return 0


def _translator(dataset, lang: str, data: Path):  # noqa: ANN001, ANN202
    """The same translator the site build uses for ``lang`` (the identity for the source language)."""
    from scripts.i18n.translator import load_translator

    return load_translator(data, lang, dataset.site.default_language)
