"""Unchanged languages: a language none of whose inputs changed since the current site was built is taken from
that site (hard links) instead of being built again.

What a language's build reads is digested by :mod:`scripts.staging.inputs`; the record of the current site
(``build/cache/built/``) holds each language's digest and its folder's fingerprint, so that a folder another
build wrote since is never kept.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import sys
from pathlib import Path

from scripts.files import replace_whole
from scripts.paper.book import book_date
from scripts.paper.render import installed_fonts, system_libraries
from scripts.settings import Settings
from scripts.staging.inputs import CODE, changed_since, git_commit, inputs_digest


def forget(site_dir: Path, cache: Path) -> None:
    """Remove the record of the site in ``site_dir`` (before another one replaces it)."""
    _record_file(site_dir, cache).unlink(missing_ok=True)


def language_digests(config_file: Path, base: dict, settings: Settings, codes: list[str],
                     root: str) -> dict[str, str]:
    """Each language's digest of everything its build reads (``base``: the configuration as MkDocs reads it,
    environment variables resolved). Every language's depends on all of the shared inputs: a change to any of
    them rebuilds every language. With the PDFs, so do what renders them besides the libraries (which are in the
    digest already): the system's text layout libraries and the fonts (:func:`~scripts.paper.render.system_libraries`,
    :func:`~scripts.paper.render.installed_fonts`); and, outside a git checkout, the date they print (today's:
    :func:`~scripts.paper.book.book_date`; in a checkout it is the last commit's, which the commit decides)."""
    config_file = Path(config_file).resolve()
    folders, files = _input_files(config_file, base, settings)
    commit = git_commit(config_file.parent)
    paper = "" if settings.no_paper else "\0".join((system_libraries(), installed_fonts(),
                                                    "" if commit else book_date()))
    options = (tuple(codes), root, settings.no_paper, str(settings.paper_cache), commit, sys.version, repr(base),
               paper)
    common = inputs_digest(folders, files, options)
    return {code: hashlib.sha256(f"{common}\0{code}".encode()).hexdigest() for code in codes}


def _input_files(config_file: Path, base: dict, settings: Settings) -> tuple[list[Path], list[Path]]:
    """The folders and files of the project a language's digest reads (the ``scripts`` package besides)."""
    folders = [settings.data_dir, config_file.parent / str(base.get("docs_dir") or "docs")]
    custom = (base.get("theme") or {}).get("custom_dir") if isinstance(base.get("theme"), dict) else None
    if isinstance(custom, str):
        folders.append(config_file.parent / custom)
    hooks = [config_file.parent / str(h) for h in base.get("hooks") or [] if isinstance(h, str)]  # MkDocs runs them
    return folders, [config_file, *hooks]


def inputs_changed_since(taken_ns: int, config_file: Path, base: dict, settings: Settings) -> bool:
    """Whether any file the digests read may have been written since ``taken_ns`` (when they were taken): the
    site just built may then hold an edit that was undone meanwhile, and must not be recorded under digests
    that say it does not. Every file and folder of the project's inputs counts; of the ``scripts`` package, its
    files (Python writes its compiled files into new folders there while a build runs)."""
    folders, files = _input_files(Path(config_file).resolve(), base, settings)
    return changed_since(taken_ns, folders, files) or changed_since(taken_ns, [CODE], with_folders=False)


def _record_file(site_dir: Path, cache: Path) -> Path:
    return cache / "built" / (hashlib.sha256(str(site_dir).encode()).hexdigest()[:24] + ".json")


def fingerprint(folder: Path) -> list:
    """Which files a language folder holds: inode, modification time and size of its home page and search
    index. Any other build writing the folder (plain ``mkdocs build`` into ``site/``, a concurrent build)
    writes new files, so the fingerprint no longer matches the record."""
    found = []
    for name in ("index.html", "search/search_index.json"):
        try:
            stat = (Path(folder) / name).stat()
        except OSError:
            found.append(None)
            continue
        found.append([stat.st_ino, stat.st_mtime_ns, stat.st_size])
    return found


def record(site_dir: Path, root: str, digests: dict[str, str], prints: dict[str, list], cache: Path,
           seconds: dict[str, float] | None = None) -> None:
    """What the site now in ``site_dir`` was built from, with each language folder's fingerprint taken before
    the swap (nothing when the caches are off), and how long each language took to build (``seconds``, see
    :func:`slowest_first`)."""
    path = _record_file(site_dir, cache)
    if not digests:
        return
    # if it cannot be written, there is no record and the next build builds everything
    replace_whole(path, json.dumps({"root": root, "languages": digests, "fingerprints": prints,
                                    "seconds": seconds or {}}).encode("utf-8"))


def previous_record(site_dir: Path, cache: Path) -> dict:
    """The record of the site now in ``site_dir`` (:func:`record`), read once for :func:`reuse_unchanged` and
    :func:`build_seconds`; empty when there is none, or it cannot be read."""
    try:
        found = json.loads(_record_file(site_dir, cache).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return found if isinstance(found, dict) else {}


def build_seconds(previous: dict) -> dict[str, float]:
    """How long each language took when the site of the record ``previous`` was built, where known."""
    seconds = previous.get("seconds")
    if not isinstance(seconds, dict):
        return {}
    return {code: float(value) for code, value in seconds.items()
            if isinstance(code, str) and isinstance(value, int | float) and value >= 0}


def slowest_first(codes: list[str], seconds: dict[str, float]) -> list[str]:
    """``codes`` in the order to hand them to the workers: a language whose time is not known first (in the given
    order), then the others, the one that took longest last time first. The last language a worker starts sets
    when the build ends; a short one last leaves the other worker idle for less time."""
    unknown = [code for code in codes if code not in seconds]
    return unknown + sorted((code for code in codes if code in seconds), key=lambda code: -seconds[code])


def reuse_unchanged(site_dir: Path, root: str, parts: dict[str, Path], digests: dict[str, str],
                    record_of_site: dict) -> list[str]:
    """Copy into its part folder every language whose digest is the one the current site was built with (its
    record, :func:`previous_record`); returns those languages."""
    if not digests or record_of_site.get("root") != root or not (site_dir / "index.html").is_file():
        return []
    previous = record_of_site.get("languages") or {}
    prints = record_of_site.get("fingerprints") or {}
    reused = []
    for code, digest in digests.items():
        if previous.get(code) != digest:
            continue
        source = site_dir if code == root else site_dir / code
        expected = prints.get(code)
        if not (source / "index.html").is_file() or expected is None or fingerprint(source) != expected:
            continue  # not the folder the record describes
        others = {c for c in previous if c != root} if code == root else set()
        try:
            shutil.copytree(source, parts[code], copy_function=_link_or_copy,
                            ignore=lambda folder, names: [n for n in names if folder == str(source) and n in others])
        except OSError:
            shutil.rmtree(parts[code], ignore_errors=True)
            continue
        if fingerprint(source) != expected:  # changed while it was copied
            shutil.rmtree(parts[code], ignore_errors=True)
            continue
        reused.append(code)
    return reused


def _link_or_copy(source: str, target: str) -> None:
    """A hard link (the old site is removed once the new one is in place), else a copy."""
    try:
        os.link(source, target)
    except OSError:
        shutil.copy2(source, target)
