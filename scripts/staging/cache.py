"""Loading the data once per process while it is unchanged, and keeping generated pages and parsed catalogs
between builds.

mkdocs-static-i18n runs the whole build (and so our ``on_config``) again for every language, and the parallel
build forks workers from a process that has loaded the data already: both reuse the loaded dataset as long
as no file below the data folder changed (``mkdocs serve`` reloads after an edit)."""

from __future__ import annotations

import contextlib
import hashlib
import os
import pickle
import secrets
import shutil
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import polib

from scripts.data import load_dataset
from scripts.data.dataset import Dataset, loaded_files, seed_loaded_files
from scripts.data.yamlsource import MAX_FILE_BYTES
from scripts.files import discard, file_digest, files_below, process_running, replace_whole
from scripts.i18n.checks import MAX_CATALOG_BYTES, load_catalog
from scripts.i18n.translator import ReadCatalog, read_with_statuses
from scripts.pages.template_cache import TEMPLATES
from scripts.environment import running_environment
from scripts.staging.inputs import CODE, changed_since, files_digest

_cache: dict[Path, tuple[tuple, Dataset]] = {}


def signature(data_dir: Path) -> tuple:
    """The name of every file below the data folder (catalogs included: a stray file there is refused when the
    data is loaded), and the digest of each YAML file's bytes. Bytes, not sizes and modification times: an edit
    that keeps both (a copy that keeps times, a restored backup) is still an edit. (A file is read again only when
    its change time, which no copy keeps, says it was written: :func:`~scripts.files.file_digest`.)"""
    entries: list[tuple] = []
    for relative, path in files_below(data_dir):
        if not relative.endswith((".yaml", ".yml")):
            entries.append((relative,))
            continue
        try:  # what load_dataset refuses (a link, a file too large, one it cannot read) is not read here
            if path.is_symlink() or path.stat().st_size > MAX_FILE_BYTES:
                stat = path.lstat()
                entries.append((relative, "not read", stat.st_size, stat.st_mtime_ns))
            else:
                entries.append((relative, file_digest(path)))
        except OSError as error:
            entries.append((relative, "unreadable", error.errno))
    return tuple(entries)


def load_dataset_cached(data_dir: Path, cache_dir: Path | None = None) -> Dataset:
    """The data of ``data_dir``, loaded once per process while no file of it changed (:func:`signature`).

    ``cache_dir``: what a load made of each file (the document and its validated record, under the digest of the
    file's bytes: :func:`scripts.data.dataset.loaded_files`) is kept there (``records/``) for the next process, in
    a file of the data folder and of what this process runs (:func:`running_key`: the models and checks are code),
    and given to this process's first load: a build after an edit parses and validates only the files that
    changed (the checks between files always run). None: nothing is kept between processes."""
    data_dir = Path(data_dir).resolve()
    key = signature(data_dir)
    cached = _cache.get(data_dir)
    if cached is not None and cached[0] == key:
        return cached[1]
    records = _records_file(Path(cache_dir), data_dir) if cache_dir is not None else None
    given = _read_records(records, data_dir) if records is not None else None
    dataset = load_dataset(data_dir)
    if records is not None:
        made = loaded_files(data_dir)
        if given is None or {path: entry[0] for path, entry in made.items()} != given:
            discard(records.parent.glob(records.name.split("--")[0] + "--*.pickle"))  # of other code
            try:
                replace_whole(records, lambda handle: pickle.dump(made, handle, protocol=pickle.HIGHEST_PROTOCOL))
            except Exception:  # noqa: BLE001 - only a cache: the next build parses every file
                discard([records])
    _cache[data_dir] = (key, dataset)
    return dataset


def _records_file(cache_dir: Path, data_dir: Path) -> Path:
    folder = hashlib.sha256(str(data_dir).encode()).hexdigest()[:24]
    return cache_dir / "records" / f"{folder}--{running_key()[:32]}.pickle"


def _read_records(path: Path, data_dir: Path) -> dict[Path, Any] | None:
    """Give this process's next load of ``data_dir`` the files kept in ``path``; returns their keys, or None when
    none were given (no file, a damaged one, or this process has loaded the folder already)."""
    try:
        with open(path, "rb") as handle:
            files = pickle.load(handle)
    except Exception:  # noqa: BLE001 - missing or damaged: every file is parsed, and the file written again
        return None
    if not isinstance(files, dict) or not seed_loaded_files(data_dir, files):
        return None
    return {file: entry[0] for file, entry in files.items()}


# --------------------------------------------------------------------------------------------------------------
# Generated pages, kept between builds while nothing they are made from changes

_CODE = CODE  # the scripts package: generators, templates, translator (the tests point it at a copy)


def _python_digest(folder: Path) -> str:
    digest = hashlib.sha256()
    files_digest(digest, folder, (".py",))
    return digest.hexdigest()


#: The ``.py`` files of the ``scripts`` package as this process imported them (read when this module is imported,
#: with the rest of the package). A long-lived process (``serve``) keeps running this code after an edit on disk.
_RUNNING_CODE = _python_digest(_CODE)


def running_code() -> str:
    """The digest of the ``.py`` files of the ``scripts`` package this process runs (as it imported them)."""
    return _RUNNING_CODE


def running_code_on_disk() -> bool:
    """Whether the ``.py`` files on disk are still the ones this process runs: pages it generates are stored
    only then, since the key reads the code on disk (:func:`sources_digest`)."""
    return _python_digest(_CODE) == _RUNNING_CODE


def running_key() -> str:
    """A digest of what this process runs: Python's version, every installed library and the code of the
    ``scripts`` package as it was imported (:func:`running_code`)."""
    return hashlib.sha256(f"{running_environment()}\0{running_code()}".encode()).hexdigest()


def template_folder(cache_dir: Path) -> Path:
    """Where this process keeps compiled templates between builds: below ``cache_dir``, in a folder of what it
    runs (:func:`running_key`: Jinja2 writes the code, Python runs it, our code gives the filters)."""
    return Path(cache_dir) / "templates" / running_key()[:32]


#: how many folders of compiled templates are kept (of the code last used): a ``serve`` still running old code and
#: a build of the new code, or two environments, do not remove each other's
TEMPLATE_FOLDERS = 4


def keep_compiled_templates(cache_dir: Path | None) -> None:
    """Compiled templates of this process are kept in, and read from, :func:`template_folder`; of the folders
    of other code, the ones used last are kept too (:data:`TEMPLATE_FOLDERS` in all), the older ones removed.
    None: in memory only, compiled afresh (a cold build)."""
    if cache_dir is None:
        TEMPLATES.keep_in(None)
        return
    folder = template_folder(cache_dir)
    with contextlib.suppress(OSError):  # a folder that cannot be made or removed only costs compiling or space
        folder.mkdir(parents=True, exist_ok=True)
        os.utime(folder)  # used now
        others = sorted((path for path in folder.parent.iterdir() if path != folder),
                        key=lambda path: path.stat().st_mtime, reverse=True)
        for other in others[TEMPLATE_FOLDERS - 1:]:
            shutil.rmtree(other, ignore_errors=True)
    TEMPLATES.keep_in(folder)


#: when this process last took each :func:`sources_digest` (:func:`time.time_ns`), for :func:`sources_unchanged`
_TAKEN: dict[str, int] = {}


def _sources(data_dir: Path) -> str:
    digest = hashlib.sha256(running_environment().encode())
    files_digest(digest, Path(data_dir))
    files_digest(digest, _CODE, (".py", ".j2"))
    return digest.hexdigest()


def sources_digest(data_dir: Path) -> str:
    """A digest of everything page generation reads, other than what a build passes it: every file of the data
    folder (catalogs included), the ``.py`` and ``.j2`` files of the ``scripts`` package, Python's version and
    the installed libraries (:func:`~scripts.environment.running_environment`: Babel writes the dates, Jinja2
    and python-docx the pages and forms). Take it before reading any of them: see :func:`cached_pages`. The time
    it was taken is noted (in this process, and in the workers it forks) for :func:`sources_unchanged`."""
    taken = time.time_ns()
    sources = _sources(data_dir)
    _TAKEN[sources] = taken
    return sources


def sources_unchanged(data_dir: Path, sources: str) -> bool:
    """Whether nothing generated pages are made from changed since :func:`sources_digest` gave ``sources``, and
    the code on disk is still the code this process runs (:func:`running_code_on_disk`): pages generated
    meanwhile may then be kept under the key ``sources`` made (:func:`cached_pages`, :func:`settle_pending`).

    The same digest is not enough: an edit saved and undone while the pages were generated gives it again, with
    pages made from the edit. So no file or folder may have been written since the digest was taken
    (:func:`~scripts.staging.inputs.changed_since`); when this process does not know when (it did not take it),
    nothing is kept."""
    taken = _TAKEN.get(sources)
    return (taken is not None and _sources(data_dir) == sources and running_code_on_disk()
            and not changed_since(taken, [Path(data_dir)])
            and not changed_since(taken, [_CODE], suffixes=(".py", ".j2"), with_folders=False))


def pages_key(data_dir: Path, *parts: object, sources: str | None = None) -> str:
    """The key of generated pages: :func:`sources_digest` (``sources``, when taken already) and ``parts``
    (language, edition, the hand-written pages a language lacks)."""
    sources = sources_digest(data_dir) if sources is None else sources
    return hashlib.sha256(repr(parts).encode() + b"\0" + sources.encode()).hexdigest()


#: the key part of a stored entry's file name (32 hexadecimal digits): only the entries of one name, not those of a
#: name that begins with it (an edition ``bosnia`` and one ``bosnia-and-herzegovina``)
KEY_GLOB = "[0-9a-f]" * 32


def cached_pages(folder: Path, name: str, key: str, generate: Callable[[], Any], use_cache: bool = True,
                 still_valid: Callable[[], bool] = lambda: True, pending: str = "") -> Any:
    """``generate()``'s result for ``key``, from ``folder`` when an earlier build stored it, else generated and
    stored (replacing what was stored under ``name`` before). Without ``use_cache``, only ``generate()``.

    The result is stored only if ``still_valid()`` holds once it is generated: an edit saved while the pages were
    generated (after ``key`` was taken) must not leave pages of the old inputs under the key of the new ones.
    With ``pending``, the caller makes that check itself, once for all it generates: the result is written with
    that suffix, and :func:`settle_pending` puts it in place or removes it."""
    if not use_cache:
        return generate()
    path = folder / f"{name}-{key[:32]}.pickle"
    if path.is_file():
        try:
            with open(path, "rb") as handle:
                return pickle.load(handle)
        except Exception:  # noqa: BLE001 - a damaged cache entry is regenerated, never trusted
            path.unlink(missing_ok=True)
    result = generate()
    if pending:
        replace_whole(path.with_name(path.name + pending),
                      lambda handle: pickle.dump(result, handle, protocol=pickle.HIGHEST_PROTOCOL))
        return result
    if not still_valid():
        return result
    discard(folder.glob(f"{name}-{KEY_GLOB}.pickle"))
    replace_whole(path, lambda handle: pickle.dump(result, handle, protocol=pickle.HIGHEST_PROTOCOL))  # or none
    return result


def pending_suffix() -> str:
    """A suffix no other build uses (:func:`cached_pages`' ``pending``): the process id, which another build may
    have had (in a container every build may be process 1), and a random part, which it has not."""
    return f".pending-{os.getpid()}-{secrets.token_hex(6)}"


#: what a build left pending and did not settle (it was killed) is removed once its process has ended, or after
#: this many seconds in any case (a process id may be used again, as in a container): never put in place
PENDING_SECONDS = 24 * 3600


def settle_pending(folder: Path, pending: str, keep: bool) -> None:
    """What :func:`cached_pages` wrote in ``folder`` under the suffix ``pending`` (:func:`pending_suffix`) takes
    its place, replacing what was stored under the same name before, when ``keep`` (the caller found that nothing
    the pages are made from changed since their keys were taken); else it is removed. What other builds left
    pending is never put in place: it is removed once their process has ended or it is a day old."""
    suffix = ".pickle" + pending
    for path in Path(folder).glob("*" + suffix):
        final = path.with_name(path.name[:-len(pending)])
        if keep:
            name = final.name.rsplit("-", 1)[0]  # "<name>-<key>.pickle"
            discard(other for other in final.parent.glob(f"{name}-{KEY_GLOB}.pickle") if other != final)
            with contextlib.suppress(OSError):  # only a cache: the next build generates the pages again
                os.replace(path, final)
        else:
            path.unlink(missing_ok=True)
    now = time.time()
    for path in Path(folder).glob("*.pickle.pending-*"):
        pid = path.name.rsplit(".pending-", 1)[1].split("-")[0]
        try:
            old = now - path.stat().st_mtime > PENDING_SECONDS
        except OSError:
            continue
        if old or (pid.isdigit() and not process_running(int(pid))):
            path.unlink(missing_ok=True)


def catalog_loader(cache_dir: Path | None) -> Callable[[Path], polib.POFile | ReadCatalog]:
    """How a build reads a catalog: parsed once, with each entry's status worked out
    (:class:`~scripts.i18n.translator.ReadCatalog`), and kept in ``cache_dir`` (``catalogs/``) under the digest of
    its bytes and of what this process runs (:func:`running_key`: polib parses, our code checks), read back while
    both are the same; None: parsed every time. A catalog that cannot be read is never kept: its problems are
    raised (:class:`~scripts.i18n.checks.CatalogError`) at every build."""
    if cache_dir is None:
        return load_catalog
    folder = Path(cache_dir) / "catalogs"

    def load(path: Path) -> polib.POFile | ReadCatalog:
        try:
            if path.stat().st_size > MAX_CATALOG_BYTES:
                return load_catalog(path)  # refused before it is read
            raw = path.read_bytes()
        except OSError:
            return load_catalog(path)  # says why it cannot be read
        key = hashlib.sha256(running_key().encode() + b"\0" + raw).hexdigest()
        # the bytes the key was made of are the bytes parsed: an edit saved meanwhile is read by the next build.
        # Each entry's status is kept with it: a build asks for nearly every one (the status page counts them).
        return cached_pages(folder, f"catalog-{path.stem}", key, lambda: read_with_statuses(path, raw))

    return load


class DocumentStore:
    """Finished documents (the .docx forms, the quiz exports) kept between builds in ``folder``, each under the
    digest of what it is made from (its generator's key: :func:`scripts.pages.templates_docx.document_key`,
    :func:`scripts.training.export.export_key`).

    When the pages of a language are generated again (any file of the data changed), a document whose key is the
    same is read back rather than written again. A document has one file per ``name``: a new key replaces it."""

    def __init__(self, folder: Path) -> None:
        self.folder = Path(folder)

    def fetch(self, name: str, key: str, suffix: str, make: Callable[[], bytes]) -> bytes:
        """The document ``name`` for ``key``: stored, or made by ``make()`` and stored."""
        path = self.folder / f"{name}--{key}{suffix}"
        try:
            return path.read_bytes()
        except OSError:
            pass
        content = make()
        discard(self.folder.glob(f"{name}--*{suffix}"))
        replace_whole(path, content)  # only a cache: if it cannot be written, the next build writes it again
        return content
