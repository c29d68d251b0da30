"""The digest of everything one language's build reads, so that an unchanged language is not built again.

A language's built folder depends on: the data folder (every file: YAML and every catalog), the hand-written
pages, the theme overrides, the configuration file, the code and templates of the ``scripts`` package, the
installed libraries and their versions, the git commit the pages were built at (a translation is "outdated"
by commit dates), and the build's options (the languages built together, the one at the root, PDFs or not).
Any change to any of them changes the digest; nothing outside them can change the output. When in doubt, a
file is part of the digest: a needless rebuild costs seconds, a stale page misleads a reader.
"""

from __future__ import annotations

import hashlib
import os
import subprocess
from collections.abc import Iterable
from pathlib import Path

from scripts.environment import running_environment
from scripts.files import file_digest, files_below, folders_below

CODE = Path(__file__).resolve().parents[1]  # the scripts package


def files_digest(digest: "hashlib._Hash", folder: Path, suffixes: tuple[str, ...] | None = None) -> None:
    """Add every file below ``folder`` (its relative path and the digest of its bytes, :func:`file_digest`; only
    those whose names end in one of ``suffixes``, when given) to ``digest``, in a stable order. A file that cannot
    be read counts by its error: reporting it is the job of whatever reads it for real (the data's checks,
    MkDocs)."""
    for relative, path in files_below(folder):
        if suffixes is None or relative.endswith(suffixes):
            try:
                content = b"bytes " + file_digest(path)
            except OSError as error:
                content = f"unreadable: {error.errno}".encode()
            digest.update(relative.encode() + b"\0" + content + b"\0")


def folder_digest(digest: "hashlib._Hash", folder: Path) -> None:
    """Every file below ``folder`` (name and bytes), in a stable order; a missing folder counts as empty."""
    folder = Path(folder)
    digest.update(b"folder\0" + str(folder).encode() + b"\0")
    files_digest(digest, folder)


def git_commit(folder: Path) -> str:
    """The commit checked out where ``folder`` is, or "" outside a git checkout."""
    try:
        result = subprocess.run(["git", "rev-parse", "HEAD"], cwd=folder, capture_output=True, text=True,
                                timeout=10, check=False)
    except (OSError, subprocess.SubprocessError):
        return ""
    return result.stdout.strip() if result.returncode == 0 else ""


#: how much earlier than the clock a change may be stamped: Linux stamps a file's change time with a clock that
#: may lag the one :func:`time.time_ns` reads by one timer tick (at most 10 ms). The check assumes that, and a
#: local file system with fine time stamps (ext4, XFS, Btrfs): on one that stamps in steps of seconds (FAT,
#: HFS+), on a network mount stamped by another machine's clock, or on Windows (where ``st_ctime`` is when a file
#: was made), an edit undone during a build may go unseen, as it did before the check
STAMP_LAG_NS = 20_000_000


def latest_change(folders: Iterable[Path], files: Iterable[Path] = (), suffixes: tuple[str, ...] = ("",),
                  with_folders: bool = True) -> int:
    """The latest change time (nanoseconds) of ``files`` and of what is below ``folders``: every file whose name
    ends in one of ``suffixes`` and, ``with_folders``, every folder. A file written, or added to or removed from a
    folder, since a digest was taken shows here even if it was put back as it was (a digest of the bytes alone
    would then be the same). Without the folders for code: Python makes its ``__pycache__`` folders beside it
    while a build runs (they are left out, as the digests leave them out: :func:`~scripts.files.folders_below`)."""
    latest = 0
    paths = [Path(path) for path in files]
    for folder in folders:
        for root, names in folders_below(folder):
            if with_folders:
                paths.append(Path(root))
            paths.extend(Path(root, name) for name in names if name.endswith(suffixes))
    for path in paths:
        for follow in (False, True):  # a link itself, and what it points to
            try:
                latest = max(latest, os.stat(path, follow_symlinks=follow).st_ctime_ns)
            except OSError:
                continue
    return latest


def changed_since(taken_ns: int, folders: Iterable[Path], files: Iterable[Path] = (), suffixes: tuple[str, ...] = ("",),
                  with_folders: bool = True) -> bool:
    """Whether anything :func:`latest_change` looks at may have been written after ``taken_ns`` (the time a
    digest of it was taken, from :func:`time.time_ns`); a change stamped just before it counts too."""
    return latest_change(folders, files, suffixes, with_folders) >= taken_ns - STAMP_LAG_NS


def inputs_digest(folders: Iterable[Path], files: Iterable[Path], options: object) -> str:
    """The digest of ``folders`` (every file in them), ``files``, the ``scripts`` package, Python and the libraries
    this process builds with (:func:`running_environment`, read once per process) and ``options`` (anything else
    the output depends on, as its ``repr``)."""
    digest = hashlib.sha256()
    for folder in [*folders, CODE]:
        folder_digest(digest, folder)
    for path in files:
        path = Path(path)
        digest.update(b"file\0" + str(path).encode() + b"\0" + (path.read_bytes() if path.is_file() else b"-"))
    digest.update(running_environment().encode())  # the libraries (and Python) this process builds with
    digest.update(repr(options).encode())
    return digest.hexdigest()
