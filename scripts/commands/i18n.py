"""``i18n``: the translation catalogs.

- ``extract`` writes guidelines_data/locales/content.pot from the English data;
- ``update`` merges it into every ``<lang>.po`` (changed English -> fuzzy, i.e. outdated);
- ``status`` counts complete, reviewed, unreviewed, outdated and missing strings per language;
- ``check`` verifies that every catalog compiles and keeps links, URLs, placeholders and numbers;
- ``add-language`` declares a new site language and creates its catalog.
"""

from __future__ import annotations

import math
import sys
from pathlib import Path

from scripts.build import DEFAULT_CONFIG
from scripts.commands.loading import load_or_report
from scripts.data.dataset import DEFAULT_DATA_DIR
from scripts.i18n.add_language import LanguageError, NewLanguage, add_language
from scripts.i18n.catalog import build_template, catalog_path, catalog_stats, update_catalogs, write_template
from scripts.i18n.checks import CatalogError, check_catalog
from scripts.i18n.terminology import check_terminology, terminology_path


def register(sub) -> None:  # noqa: ANN001
    p = sub.add_parser("i18n", help="translation catalogs: extract, update, status, check, add-language")
    p.add_argument("--data", type=Path, default=DEFAULT_DATA_DIR, help="data folder (default: guidelines_data)")
    actions = p.add_subparsers(dest="action", required=True, metavar="ACTION")
    extract = actions.add_parser("extract", help="write locales/content.pot from the English data")
    extract.set_defaults(run=run_extract)
    update = actions.add_parser("update", help="extract, then merge the template into every <lang>.po")
    update.add_argument("languages", nargs="*", metavar="LANG", help="only these languages (default: all)")
    update.add_argument("--minor", action="store_true",
                        help="the English changes since the last update are minor edits (typo, punctuation): "
                             "translations of strings at least 90%% similar to their old English stay current")
    update.set_defaults(run=run_update)
    status = actions.add_parser("status", help="translation counts per language")
    status.add_argument("languages", nargs="*", metavar="LANG")
    status.set_defaults(run=run_status)
    check = actions.add_parser("check", help="every catalog compiles and keeps links, placeholders, numbers")
    check.add_argument("languages", nargs="*", metavar="LANG")
    check.set_defaults(run=run_check)
    add = actions.add_parser("add-language", help="declare a new site language and create its catalog")
    add.add_argument("code", help="ISO 639-1 code, e.g. de")
    add.add_argument("--name", required=True, help="the language's name in itself, e.g. Deutsch")
    add.add_argument("--english-name", required=True, help="its English name, e.g. German")
    add.add_argument("--script", required=True, help="ISO 15924 script code, e.g. Latn, Cyrl, Geor")
    add.add_argument("--plural-forms", default="nplurals=2; plural=(n != 1);",
                     help="the catalog's Plural-Forms header (default: %(default)s)")
    add.add_argument("--direction", default="ltr", choices=["ltr", "rtl"])
    add.add_argument("--config-file", type=Path, default=DEFAULT_CONFIG, help="mkdocs.yml to add it to")
    add.set_defaults(run=run_add_language)


def _languages(dataset, wanted: list[str]) -> list[str] | None:  # noqa: ANN001
    codes = dataset.site.catalog_languages()
    unknown = [code for code in wanted if code not in codes]
    if unknown:
        print(f"unknown language(s): {', '.join(unknown)} (translated languages: {', '.join(codes)})",
              file=sys.stderr)
        return None
    return wanted or codes


def run_extract(args) -> int:  # noqa: ANN001
    dataset = load_or_report(args.data)
    if dataset is None:
        return 1
    path, count = write_template(dataset)
    print(f"wrote {path} ({count} strings)")
    return 0


def run_update(args) -> int:  # noqa: ANN001
    try:
        return _run_update(args)
    except CatalogError as error:
        print(error, file=sys.stderr)
        return 1


def _run_update(args) -> int:  # noqa: ANN001
    dataset = load_or_report(args.data)
    if dataset is None:
        return 1
    languages = _languages(dataset, args.languages)
    if languages is None:
        return 2
    path, count = write_template(dataset)
    print(f"wrote {path} ({count} strings)")
    for report in update_catalogs(dataset.data_dir, languages, minor=args.minor):
        print(f"{catalog_path(dataset.data_dir, report.language)}: {report.kept} kept, {report.outdated} "
              f"marked outdated (fuzzy), {report.minor} kept as minor edits, {report.added} new, "
              f"{report.obsolete} obsolete")
    missing = [code for code in languages if not catalog_path(dataset.data_dir, code).is_file()]
    for code in missing:
        print(f"{catalog_path(dataset.data_dir, code)}: no catalog yet (add-language creates one)")
    return 0


def run_status(args) -> int:  # noqa: ANN001
    try:
        return _run_status(args)
    except CatalogError as error:
        print(error, file=sys.stderr)
        return 1


def _run_status(args) -> int:  # noqa: ANN001
    dataset = load_or_report(args.data)
    if dataset is None:
        return 1
    languages = _languages(dataset, args.languages)
    if languages is None:
        return 2

    pot = build_template(dataset)  # the strings of the data as it is now, even before `extract`
    docs = Path(args.data).resolve().parent / "docs"
    pages = sorted(p for p in docs.rglob("*.md") if p.name.count(".") == 1) if docs.is_dir() else []
    header = f"{'lang':<6}{'complete':>10}{'reviewed':>10}{'unreviewed':>12}{'outdated':>10}{'missing':>9}" \
             f"{'total':>7}{'pages':>8}"
    print(header)
    for code in languages:
        stats = catalog_stats(dataset.data_dir, code, pot)
        translated_pages = sum(1 for p in pages if p.with_name(f"{p.stem}.{code}.md").is_file())
        # never rounded up: 2 strings missing out of 2,081 is 99.9%, not 100%
        complete = math.floor(stats.complete * 1000) / 10
        print(f"{code:<6}{complete:>9.1f}% {stats.reviewed:>9} {stats.unreviewed:>11} {stats.outdated:>9} "
              f"{stats.missing:>8} {stats.total:>6} {translated_pages:>4}/{len(pages)}")
    for lang in dataset.site.languages:
        if lang.transliterated_from and (not args.languages or lang.transliterated_from in languages):
            print(f"{lang.code}: transliterated from {lang.transliterated_from} when the site is built; "
                  f"its counts are {lang.transliterated_from}'s")
    return 0


def run_check(args) -> int:  # noqa: ANN001
    dataset = load_or_report(args.data)
    if dataset is None:
        # The data's problems are printed; the catalogs are checked all the same, every problem in one run.
        data_dir = Path(args.data)
        languages = args.languages or sorted(p.stem for p in (data_dir / "locales").glob("*.po"))
    else:
        data_dir = dataset.data_dir
        languages = _languages(dataset, args.languages)
        if languages is None:
            return 2
    problems = []
    checked = 0
    for code in languages:
        path = catalog_path(data_dir, code)
        if path.is_file():
            checked += 1
            problems += check_catalog(path)
            problems += check_terminology(path, terminology_path(data_dir, code))
    for problem in problems:
        print(problem, file=sys.stderr)
    print(f"checked {checked} catalog(s): {len(problems)} problem(s)")
    return 1 if problems or dataset is None else 0


def run_add_language(args) -> int:  # noqa: ANN001
    language = NewLanguage(args.code, args.name, args.english_name, args.script, args.plural_forms, args.direction)
    try:
        written = add_language(Path(args.data), Path(args.config_file), language)
    except LanguageError as error:
        print(error, file=sys.stderr)
        return 1
    for path in written:
        print(f"wrote {path}")
    if load_or_report(args.data) is None:
        return 1
    print(f"Now fill {catalog_path(Path(args.data), args.code)} (Poedit, Weblate or any PO editor) and, "
          f"for hand-written pages, docs/<page>.{args.code}.md.")
    return 0
