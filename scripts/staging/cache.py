"""Loading the data once per process while it is unchanged, and keeping generated pages between builds.

mkdocs-static-i18n runs the whole build (and so our ``on_config``) again for every language, and the parallel
build forks workers from a process that has loaded the data already: both reuse the loaded dataset as long
as no file below the data folder changed (``mkdocs serve`` reloads after an edit)."""

from __future__ import annotations

import hashlib
import os
import pickle
from collections.abc import Callable
from importlib import metadata
from pathlib import Path
from typing import Any

from scripts.data import load_dataset
from scripts.data.dataset import Dataset
from scripts.files import discard, replace_whole

_cache: dict[Path, tuple[tuple, Dataset]] = {}


def signature(data_dir: Path) -> tuple:
    """Names, sizes and modification times of the data files (not the catalogs, read on their own)."""
    entries = []
    for root, dirs, files in os.walk(data_dir):
        dirs[:] = sorted(d for d in dirs if d != "locales")
        for name in sorted(files):
            if name.endswith((".yaml", ".yml")):
                stat = os.lstat(os.path.join(root, name))
                entries.append((root, name, stat.st_size, stat.st_mtime_ns))
    return tuple(entries)


def load_dataset_cached(data_dir: Path) -> Dataset:
    data_dir = Path(data_dir).resolve()
    key = signature(data_dir)
    cached = _cache.get(data_dir)
    if cached is not None and cached[0] == key:
        return cached[1]
    dataset = load_dataset(data_dir)
    _cache[data_dir] = (key, dataset)
    return dataset


# --------------------------------------------------------------------------------------------------------------
# Generated pages, kept between builds while nothing they are made from changes

_CODE = Path(__file__).resolve().parents[1]  # the scripts package: generators, templates, translator
_PACKAGES = ("python-docx", "Jinja2", "polib", "pydantic", "PyYAML")


def pages_key(data_dir: Path, *parts: object) -> str:
    """A digest of everything page generation reads: every file of the data folder (catalogs included), the
    code and templates of the ``scripts`` package, the versions of the libraries that write the output, and
    ``parts`` (language, edition, the hand-written pages a language lacks)."""
    digest = hashlib.sha256(repr(parts).encode())
    for package in _PACKAGES:
        try:
            digest.update(f"{package}={metadata.version(package)}".encode())
        except metadata.PackageNotFoundError:
            digest.update(package.encode())
    for base, suffixes in ((Path(data_dir), None), (_CODE, (".py", ".j2"))):
        for path in sorted(base.rglob("*")):
            if "__pycache__" in path.parts or not path.is_file():
                continue
            if suffixes and path.suffix not in suffixes:
                continue
            digest.update(str(path.relative_to(base)).encode() + b"\0" + path.read_bytes() + b"\0")
    return digest.hexdigest()


def cached_pages(folder: Path, name: str, key: str, generate: Callable[[], Any], use_cache: bool = True) -> Any:
    """``generate()``'s result for ``key``, from ``folder`` when an earlier build stored it, else generated and
    stored (replacing what was stored under ``name`` before). Without ``use_cache``, only ``generate()``."""
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
    discard(folder.glob(f"{name}-*.pickle"))
    replace_whole(path, lambda handle: pickle.dump(result, handle, protocol=pickle.HIGHEST_PROTOCOL))  # or none
    return result


class DocumentStore:
    """Finished documents (the .docx forms) kept between builds in ``folder``, each under the digest of what it is
    made from (its generator's key, e.g. :func:`scripts.pages.templates_docx.document_key`).

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
