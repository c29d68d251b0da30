"""``serve`` rewrites its site folder in place instead of emptying it before each build.

Before every build that is not ``--dirty``, MkDocs empties the site folder (``mkdocs.utils.clean_directory``), and
the build then makes every folder and file again. Making a folder and a file costs the file system far more than
writing over one that exists (about eight times as much for a site's pages on the ext4 disk this was measured on),
so ``serve`` spent more on that than on writing its pages. Here (:func:`build_in_place`, from ``on_pre_build``)
``serve``'s site folder is not emptied: each file the build writes replaces the one of the last build where it is,
and once the build has ended (:func:`sweep`, from ``on_post_build``) every file the build did not write is removed,
with the folders left empty, so that the folder holds what an emptied one would.

What the build wrote is told by each file's change time, which every write sets and no program can set back: a
file whose change time is earlier than the build's start (less the lag of the clock that stamps it,
:data:`~scripts.staging.inputs.STAMP_LAG_NS`) was not written by it. Two builds of ``serve`` are always further
apart than that lag (the server waits for edits to settle between them, :data:`scripts.render.live_reload.BUILD_DELAY`).
Like MkDocs, it leaves what is hidden at the top of the folder (a name starting with ``.``) alone.

A build that fails leaves the folder emptied as MkDocs would have emptied it (:func:`failed`): the next build
starts from nothing, so a file that became a folder (or the reverse) between builds cannot stop it.
"""

from __future__ import annotations

import os
import time
from pathlib import Path

from mkdocs import utils as mkdocs_utils

from scripts.staging.inputs import STAMP_LAG_NS

#: MkDocs' own function, for every folder other than those built in place
_clean_directory = mkdocs_utils.clean_directory
#: folder (its real path) -> the time its build under way started (nanoseconds, :func:`time.time_ns`)
_IN_PLACE: dict[str, int] = {}


def _clean_unless_in_place(directory: str) -> None:
    if os.path.realpath(directory) not in _IN_PLACE:
        _clean_directory(directory)


def build_in_place(site_dir: str) -> None:
    """The build that starts does not empty ``site_dir``: it writes over the last build's files (``on_pre_build``:
    MkDocs empties the folder just after it)."""
    _IN_PLACE[os.path.realpath(site_dir)] = time.time_ns()
    mkdocs_utils.clean_directory = _clean_unless_in_place


def sweep(site_dir: str) -> int:
    """The build of ``site_dir`` ended: every file it did not write is removed, and every folder left empty (not
    what is hidden at the top). Returns how many files were removed."""
    started = _IN_PLACE.pop(os.path.realpath(site_dir), None)
    if started is None:
        return 0
    removed = 0
    root = Path(site_dir)
    for entry in sorted(root.iterdir()) if root.is_dir() else []:
        if entry.name.startswith("."):
            continue
        removed += _sweep_entry(entry, started - STAMP_LAG_NS)
    return removed


def _sweep_entry(path: Path, written_from: int) -> int:
    """Removes what below ``path`` changed before ``written_from`` (and ``path`` itself, if a file, or a folder
    left empty)."""
    try:
        status = path.lstat()
    except OSError:
        return 0
    if not path.is_dir() or path.is_symlink():
        if status.st_ctime_ns < written_from:
            path.unlink(missing_ok=True)
            return 1
        return 0
    removed = sum(_sweep_entry(child, written_from) for child in sorted(path.iterdir()))
    try:
        path.rmdir()  # only if left empty
    except OSError:
        pass
    return removed


def failed(site_dir: str) -> None:
    """The build of ``site_dir`` failed: the folder is emptied as MkDocs empties it, so the next build starts
    from nothing."""
    if _IN_PLACE.pop(os.path.realpath(site_dir), None) is not None:
        _clean_directory(site_dir)
