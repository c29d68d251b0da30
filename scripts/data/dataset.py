"""Loading every data file into one validated :class:`Dataset`, or one error listing every problem."""

from __future__ import annotations

import difflib
import hashlib
from pathlib import Path
from typing import Any, get_args

from pydantic import BaseModel, ValidationError

from scripts.data.collections import COLLECTIONS
from scripts.data.records import Dataset
from scripts.data.problems import DataError, Problem, display_path
from scripts.data.yamlsource import MAX_FILE_BYTES, YamlDocument, read_yaml

DEFAULT_DATA_DIR = Path(__file__).resolve().parents[2] / "guidelines_data"


def load_dataset(data_dir: Path | None = None) -> Dataset:
    """Read, validate and cross-check every collection. Raises :class:`DataError` with every problem found."""
    data_dir = Path(data_dir or DEFAULT_DATA_DIR)
    dataset = Dataset(data_dir)
    if not data_dir.is_dir():
        raise DataError([Problem(display_path(data_dir), 1, 1, "", "the data folder does not exist")])
    problems, links = scan_data_folder(data_dir)
    kept = _KEPT.pop(data_dir.resolve(), {})
    keep: dict[Path, tuple] = {}
    _KEPT[data_dir.resolve()] = keep  # the newest last: the oldest folder is the first dropped
    while len(_KEPT) > KEPT_FOLDERS:
        _KEPT.pop(next(iter(_KEPT)))
    complete: set[str] = set()
    broken: set[str] = set()  # collections with a file that did not load

    for coll in COLLECTIONS:
        paths = sorted(p for p in data_dir.glob(coll.pattern) if p not in links and p.is_file())
        if not paths:
            if coll.required:
                problems.append(Problem(display_path(data_dir / coll.pattern), 1, 1, "",
                                        f"no file found for the '{coll.name}' data (expected {coll.pattern})"))
                broken.add(coll.name)  # a check reading it would report every reference into it as dangling
            continue
        if not coll.many and len(paths) > 1:
            problems.append(Problem(display_path(paths[1]), 1, 1, "",
                                    f"only one file may hold the '{coll.name}' data"))
        records, documents = [], []
        clean = not any(link.match(coll.pattern) for link in links)
        for path in paths if coll.many else paths[:1]:
            document, found, record, invalid = read_record(coll.model, path, kept, keep)
            problems.extend(found)
            if document is None:
                clean = False
                continue
            problems.extend(invalid)
            if record is not None and not found:
                records.append(record)
                documents.append(document)
            else:
                clean = False
        if coll.many:
            dataset.add(coll.name, records, documents)
        elif records:
            dataset.add(coll.name, records[0], documents)
        if clean:
            complete.add(coll.name)
        else:
            broken.add(coll.name)

    # Cross-reference checks read other collections. Each runs on what loaded; a check that looked at a
    # collection with a broken file (or a required collection with no file) is dropped, since a reference into
    # it would look dangling.
    for coll in COLLECTIONS:
        if coll.name in complete:
            for check in coll.checks:
                problems.extend(_checked(check, dataset, broken))
    if problems:
        raise DataError(problems)
    return dataset


#: how many data folders' files :func:`read_record` keeps (the ones loaded last)
KEPT_FOLDERS = 4
#: data folder -> {file: (key, what :func:`read_record` returned)} of its last load
_KEPT: dict[Path, dict[Path, tuple]] = {}


def loaded_files(data_dir: Path) -> dict[Path, tuple]:
    """What the last load of ``data_dir`` in this process made of each of its files, each under the digest of the
    bytes it was made from (:func:`read_record`); for a cache that keeps them between processes."""
    return dict(_KEPT.get(Path(data_dir).resolve(), {}))


def seed_loaded_files(data_dir: Path, files: dict[Path, tuple]) -> bool:
    """Give the next load of ``data_dir`` in this process what an earlier process's load made of its files
    (:func:`loaded_files`, by a process running the same code): a file whose bytes are still the ones an entry was
    made from is not parsed or validated again. Only when this process has loaded nothing of the folder yet;
    returns whether the files were taken."""
    folder = Path(data_dir).resolve()
    if folder in _KEPT:
        return False
    _KEPT[folder] = dict(files)
    while len(_KEPT) > KEPT_FOLDERS:
        _KEPT.pop(next(iter(_KEPT)))
    return True


def read_record(model: type[BaseModel], path: Path, kept: dict[Path, tuple],
                keep: dict[Path, tuple]) -> tuple[YamlDocument | None, list[Problem], BaseModel | None, list[Problem]]:
    """One file read and validated as a record of ``model``: (the document or None, the problems of reading it,
    the record or None, the problems of validating it).

    A file is parsed and validated once per process while its bytes are the same: what the last load of its
    folder made of it (``kept``) is used again. ``serve`` loads the data after every edit, and most files have not
    changed (their bytes are still read and hashed). Used again, not copied: records are frozen models, and a
    loaded dataset is not changed (the checks, the pages and the builds only read it, as the dataset kept per
    process already requires, :func:`scripts.staging.cache.load_dataset_cached`). What was made now goes into
    ``keep``."""
    try:
        raw = path.read_bytes() if path.stat().st_size <= MAX_FILE_BYTES else None
    except OSError:
        raw = None  # read_yaml reports it
    if raw is None:
        document, found = read_yaml(path)
        return document, found, None, []
    key = (display_path(path), model, hashlib.sha256(raw).digest())
    entry = kept.get(path)
    if entry is None or entry[0] != key:
        document, found = read_yaml(path, raw)
        record, invalid = None, []
        if document is not None:
            record = validate_record(model, document, invalid)
            # a value the reader already refused (a huge number, an impossible date) is reported once
            reported = {p.path for p in found if p.path}
            invalid = [p for p in invalid if p.path not in reported]
        entry = (key, (document, found, record, invalid))
    if entry[1][0] is not None:  # a file that could not be read at all is tried again (MemoryError, RecursionError)
        keep[path] = entry
    document, found, record, invalid = entry[1]
    return document, list(found), record, list(invalid)


class _Watched:
    """A view of the dataset for one check: which collections it reads."""

    def __init__(self, dataset: Dataset) -> None:
        self._dataset, self.touched = dataset, set()

    def __getattr__(self, name: str) -> Any:
        if not name.startswith("_") and name not in ("data_dir", "add"):
            if name in ("documents", "document", "records"):
                def look(collection: str, *args: Any) -> Any:
                    self.touched.add(collection)
                    return getattr(self._dataset, name)(collection, *args)
                return look
            self.touched.add(name)
        return getattr(self._dataset, name)


def _checked(check: Any, dataset: Dataset, broken: set[str]) -> list[Problem]:
    watched = _Watched(dataset)
    try:
        found = list(check(watched))
    except AttributeError:  # it needs a collection that did not load: its own problems are reported already
        return []
    return [] if watched.touched & broken else found


#: What the data folder may hold besides the collections' YAML files (globs below it).
OTHER_FILES = ("schemas/*.schema.json", "locales/*.po", "locales/*.pot", "locales/*.terms.md",
               # read and checked by `i18n check` (scripts/i18n/terminology.py) and the pofilter test
               "locales/terminology/*.yaml", "locales/pofilter-exceptions.yaml")


def scan_data_folder(data_dir: Path) -> tuple[list[Problem], set[Path]]:
    """Every file of the data folder must be read by something: links (and so link loops), files of unknown
    type (``.yml``, ``.json`` among the YAML) and YAML files no collection reads are reported, never skipped
    silently. Returns the problems and the links found (which nothing then reads)."""
    import os

    patterns = [c.pattern for c in COLLECTIONS] + list(OTHER_FILES)
    problems: list[Problem] = []
    links: set[Path] = set()

    def walk_error(error: OSError) -> None:
        problems.append(Problem(display_path(Path(error.filename or data_dir)), 1, 1, "",
                                f"cannot read the folder: {error.strerror or error}"))

    for root, dirs, files in os.walk(data_dir, onerror=walk_error):
        base = Path(root)
        for name in sorted(dirs + files):
            path = base / name
            if path.is_symlink():
                links.add(path)
                problems.append(Problem(display_path(path), 1, 1, "", "a link in the data folder: data files and "
                                        "folders must be real files, not symbolic links (copy the file instead)"))
        dirs[:] = sorted(d for d in dirs if not (base / d).is_symlink() and not d.startswith("."))
        for name in sorted(files):
            path = base / name
            if path in links or name.startswith(".") or name == "README.md":
                continue
            relative = path.relative_to(data_dir)
            if any(relative.match(pattern) and len(relative.parts) == len(Path(pattern).parts)
                   for pattern in patterns):
                continue
            if path.suffix.lower() in (".yml", ".yaml"):
                hint = ("rename it to .yaml" if path.suffix.lower() == ".yml"
                        else "no kind of data is read from here; expected one of: " + ", ".join(
                            c.pattern for c in COLLECTIONS))
                problems.append(Problem(display_path(path), 1, 1, "", f"this file would not be read: {hint}"))
            else:
                problems.append(Problem(display_path(path), 1, 1, "", f"unexpected file in the data folder "
                                        f"({path.suffix or 'no extension'}): data files are .yaml (catalogs .po "
                                        "in locales/); move it elsewhere"))
    return problems, links


def validate_record(model: type[BaseModel], document: YamlDocument, problems: list[Problem]) -> BaseModel | None:
    """Build one record from a document, turning every validation error into a positioned problem."""
    if not isinstance(document.data, dict):
        problems.append(document.problem((), f"expected a mapping of keys to values at the top of the file, "
                                             f"got {_kind(document.data)}"))
        return None
    try:
        return model.model_validate(document.data)
    except ValidationError as exc:
        errors = exc.errors(include_url=False)
        for error in errors:
            if not _explained_by_misspelling(error, errors):
                problems.append(document.problem(tuple(error["loc"]), describe_error(model, error)))
        return None


def _explained_by_misspelling(error: dict, errors: list[dict]) -> bool:
    """A missing key next to an unknown key that looks like it (``summry`` for ``summary``) is one
    mistake, reported once, as the misspelling."""
    if error["type"] != "missing":
        return False
    parent, name = tuple(error["loc"][:-1]), str(error["loc"][-1])
    return any(other["type"] == "extra_forbidden" and tuple(other["loc"][:-1]) == parent
               and difflib.get_close_matches(str(other["loc"][-1]), [name], n=1)
               for other in errors)


def describe_error(model: type[BaseModel], error: dict) -> str:
    """A pydantic error, said as what was expected and what was found."""
    kind, loc, ctx = error["type"], tuple(error["loc"]), error.get("ctx") or {}
    got = error.get("input")
    if kind == "missing":
        return f"required key '{loc[-1]}' is missing"
    if kind == "extra_forbidden":
        allowed = sorted(_fields_at(model, loc[:-1]))
        guess = difflib.get_close_matches(str(loc[-1]), allowed, n=1)
        hint = f" (did you mean '{guess[0]}'?)" if guess else ""
        return f"unknown key '{loc[-1]}'{hint}; expected one of: {', '.join(allowed)}"
    if kind == "literal_error":
        return f"expected one of {ctx.get('expected')}, got {_show(got)}"
    if kind in ("less_than_equal", "greater_than_equal"):
        bound = ctx.get("le", ctx.get("ge"))
        return f"expected a number {'at most' if kind == 'less_than_equal' else 'at least'} {bound}, got {_show(got)}"
    if kind in ("too_short", "string_too_short"):
        return f"expected {'at least one item' if kind == 'too_short' else 'some text'}, got {_show(got)}"
    if kind == "string_pattern_mismatch":
        return f"{_pattern_meaning(ctx.get('pattern', ''))}, got {_show(got)}"
    expected = {
        "int_type": "a whole number", "string_type": "text", "list_type": "a list",
        "dict_type": "a mapping of keys to values", "model_type": "a mapping of keys to values",
        "bool_type": "true or false", "date_type": "a date written YYYY-MM-DD",
        "float_type": "a number", "datetime_type": "a date and time",
    }.get(kind)
    if expected:
        return f"expected {expected}, got {_show(got)}"
    if kind == "value_error":
        message = str(error["msg"]).removeprefix("Value error, ")
        return message if "got" in message else f"{message}, got {_show(got)}"
    return f"{error['msg'][0].lower()}{error['msg'][1:]}, got {_show(got)}"


def _pattern_meaning(pattern: str) -> str:
    return {
        r"^[a-z0-9]+(-[a-z0-9]+)*$": "expected an id in lowercase-with-hyphens",
        r"^[^\n]*\S[^\n]*$": "expected one line of text",
        r"^https?://[^\s/$.?#].[^\s]*$": "expected a web address starting with https://",
    }.get(pattern, f"expected text matching {pattern}")


def _fields_at(model: type[BaseModel], loc: tuple) -> set[str]:
    """The keys a mapping at ``loc`` may hold, found by walking the model's annotations."""
    from typing import get_origin

    current: Any = model
    for part in loc:
        if isinstance(part, int):
            args = get_args(current)
            current = args[0] if args else current
            continue
        if isinstance(current, type) and issubclass(current, BaseModel) and part in current.model_fields:
            current = current.model_fields[part].annotation
            while get_origin(current) is not None and not (isinstance(current, type)):
                args = [a for a in get_args(current) if a is not type(None)]
                if get_origin(current) is list or len(args) != 1:
                    break
                current = args[0]
        else:
            return set()
    if get_origin(current) is list:
        current = get_args(current)[0]
    if isinstance(current, type) and issubclass(current, BaseModel):
        return set(current.model_fields)
    return set()


def _kind(value: Any) -> str:
    return {dict: "a mapping", list: "a list", str: "text", int: "a number", type(None): "nothing"}.get(
        type(value), type(value).__name__)


def _show(value: Any) -> str:
    if isinstance(value, (dict, list)):
        return _kind(value)
    text = repr(value)
    return text if len(text) <= 60 else text[:57] + "..."
