"""The files builds read and keep: every file below a folder, as MkDocs and Jinja read it; writing a file whole
or not at all, with removing the entries it replaces (the caches and records that builds keep between runs); and
removing a folder whole (the previous site, once a build has replaced it), and telling whether the build that
left a temporary file is still running.

A file's digest is remembered in the process that took it (:func:`file_digest`), under what the system says of
the file, so that a long-lived process (``serve``) reads again only the files that changed.

A build may stop half-way, and two builds may write the same file at once: whoever reads the file must find
either the old content or the new, never a mix. So the content goes to a temporary file beside it, which then
replaces it in one step (``os.replace``).
"""

from __future__ import annotations

import contextlib
import functools
import hashlib
import inspect
import os
import secrets
import shutil
import time
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any, BinaryIO


#: how long ago a file must have last changed for its digest to be remembered: longer than the step of the
#: coarsest change times of a common file system (2 s), so that a later write cannot carry the same time
SETTLED_NS = 2_000_000_000
#: path -> (the file's device, inode, size, modification and change times; the digest of its bytes)
_DIGESTS: dict[str, tuple[tuple[int, int, int, int, int], bytes]] = {}


def _status(path: Path) -> tuple[int, int, int, int, int]:
    stat = os.stat(path)
    return stat.st_dev, stat.st_ino, stat.st_size, stat.st_mtime_ns, stat.st_ctime_ns


def file_digest(path: Path) -> bytes:
    """The SHA-256 digest of the bytes of the file at ``path`` (following links); raises ``OSError`` as reading it
    does.

    It is read again only when what the system says of it changed since it was last read in this process. On a
    local POSIX file system every write (and every change of its times, or a rename onto its name) sets a file's
    change time to the clock's time, which a program cannot choose: a file whose change time, inode, size and
    modification time are what they were was not written, unless the system's clock was set back. A digest is
    remembered under the file's status as it was before it was read (a write during the read changes it, and the
    next call reads again), only once the file's last change is :data:`SETTLED_NS` old (a write within the same
    step of a coarse clock could keep the time), and only on POSIX (on Windows the change time is when the file was
    made)."""
    key = str(path)
    now = time.time_ns()
    before = _status(path)
    known = _DIGESTS.get(key)
    if known is not None and known[0] == before:
        return known[1]
    digest = hashlib.sha256(Path(path).read_bytes()).digest()
    if os.name == "posix" and before[4] < now - SETTLED_NS:
        _DIGESTS[key] = (before, digest)
    else:
        _DIGESTS.pop(key, None)
    return digest


def files_below(folder: Path) -> Iterator[tuple[str, Path]]:
    """Every file below ``folder`` as (its path relative to ``folder``, in POSIX form; its path), sorted by the
    former; none when ``folder`` does not exist. Symbolic links to folders are followed, as MkDocs and Jinja
    follow them when they read; a folder reached a second time (a loop, or a second link to it) is not entered
    again, and folders are walked in name order, so the same tree always gives the same list. ``__pycache__``
    folders are left out."""
    folder = Path(folder)
    found: list[tuple[str, Path]] = []
    for root, names in folders_below(folder):
        for name in names:
            path = Path(root, name)
            if path.is_file():
                found.append((path.relative_to(folder).as_posix(), path))
    found.sort(key=lambda item: item[0])
    return iter(found)


def folders_below(folder: Path) -> Iterator[tuple[str, list[str]]]:
    """``folder`` and every folder below it, as :func:`files_below` walks them, each as (its path, the names of
    what is in it that is not a folder, links to files included): links to folders followed, a folder reached a
    second time not entered again, ``__pycache__`` left out, in name order."""
    entered: set[str] = set()
    for root, dirs, names in os.walk(folder, followlinks=True):
        real = os.path.realpath(root)
        if real in entered:
            dirs[:] = []
            continue
        entered.add(real)
        dirs[:] = sorted(d for d in dirs if d != "__pycache__")
        yield root, names


def replace_whole(path: Path, content: bytes | Callable[[BinaryIO], object]) -> bool:
    """Write ``content`` (bytes, or a function that writes to an open binary file) to ``path``, creating its
    folder. Returns False when the file could not be written (``OSError``): the old file, if any, is untouched,
    and no temporary file is left. Any other error is raised, after the temporary file is removed."""
    path = Path(path)
    temporary: Path | None = None
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        # a name no other writer uses ("x": created here, never an existing file), with the permissions the
        # umask gives a new file, as the file it replaces had (mkstemp would make it readable by its owner only)
        name = path.with_name(f".{path.name}.{os.getpid()}.{secrets.token_hex(6)}.tmp")
        with open(name, "xb") as handle:
            temporary = name
            if callable(content):
                content(handle)
            else:
                handle.write(content)
        os.replace(temporary, path)
        temporary = None
        return True
    except OSError:
        return False
    finally:
        if temporary is not None:
            with contextlib.suppress(OSError):
                temporary.unlink()


def remove_tree(folder: Path, jobs: int = 2) -> None:
    """Remove ``folder`` and everything below it, its sub-folders ``jobs`` at a time (the system calls that
    remove files let other threads run, so a second thread uses the second core); what cannot be removed is left.
    A link to a folder is removed, never followed."""
    folder = Path(folder)
    if folder.is_symlink():
        folder.unlink(missing_ok=True)
        return
    try:
        below = [entry.path for entry in os.scandir(folder) if entry.is_dir(follow_symlinks=False)]
    except OSError:
        below = []
    if jobs > 1 and len(below) > 1:
        with ThreadPoolExecutor(max_workers=jobs) as pool:
            list(pool.map(lambda path: shutil.rmtree(path, ignore_errors=True), below))
    shutil.rmtree(folder, ignore_errors=True)


def process_running(pid: int) -> bool:
    """Whether process ``pid`` (the build that left a temporary file or folder) is still running: this one, or
    one that exists (owned by another user too)."""
    if pid == os.getpid():
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except OSError:  # exists, owned by someone else
        return True
    return True


def discard(paths: Iterable[Path]) -> None:
    """Remove each of ``paths`` (a cache's older entries) as far as possible: one that is gone already, or cannot
    be removed, or a folder that cannot be listed, only leaves an entry nobody reads."""
    with contextlib.suppress(OSError):
        for path in paths:
            with contextlib.suppress(OSError):
                path.unlink(missing_ok=True)


@functools.cache
def source_digest(function: Any) -> str | None:
    """The first 16 hexadecimal digits of the SHA-256 digest of ``function``'s source, as read from its code (a
    wrapper's own code, not the function it wraps), or None when it has none to read. A module that repeats a
    library's function compares this with the digest of the source it was written from, and runs the library's own
    when they differ."""
    try:
        source = inspect.getsource(function.__code__)
    except (AttributeError, OSError, TypeError):
        return None
    return hashlib.sha256(source.encode()).hexdigest()[:16]


def code_digest(paths: Iterable[Path], *versions: str) -> str:
    """A digest of the bytes of ``paths`` (the modules that write a kept document) and of ``versions`` (the
    libraries they write with): taken once, when those modules are imported, it is the code this process runs."""
    digest = hashlib.sha256("\0".join(versions).encode())
    for path in paths:
        digest.update(b"\0" + Path(path).read_bytes())
    return digest.hexdigest()
