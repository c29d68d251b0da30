"""``serve`` rewrites its site folder in place instead of emptying it before each build.

Before every build that is not ``--dirty``, MkDocs empties the site folder (``mkdocs.utils.clean_directory``), and
the build then makes every folder and file again. Making a folder and a file costs the file system far more than
writing over one that exists (about eight times as much for a site's pages on the ext4 disk this was measured on),
so ``serve`` spent more on that than on writing its pages. Here (:func:`build_in_place`, from ``on_pre_build``)
``serve``'s site folder is not emptied: each file the build writes replaces the one of the last build where it is,
and once the build has ended (:func:`sweep`, from ``on_post_build``) every file the build did not write is removed,
with the folders left empty, so that the folder holds what an emptied one would. Where a file of the site is to go,
a folder the last build left there is removed first, and so is a file where a folder is to go (:func:`make_way`).

What the build wrote is told by each file's change time, which every write sets. The build's start is the change
time of a mark written into the folder as it starts (a hidden file, :data:`MARK`), stamped by the same file system
and clock as what the build writes: a file changed before it was not written by this build. The files of the site
MkDocs knows of (its pages and static files) are never removed, whatever their times. Like MkDocs, the sweep leaves
what is hidden at the top of the folder (a name starting with ``.``) alone. Only on POSIX systems
(:data:`SUPPORTED`): on Windows a file's change time is when it was made.

A build that fails leaves the folder empty (:func:`failed`; MkDocs would have left what it wrote before it failed,
and its server holds requests until a build succeeds): the next build starts from nothing.

A page a browser is being sent while the build writes over it may reach the browser cut short, where it used to
keep the content of the removed file; the reload that follows the build sends it whole.
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterable
from pathlib import Path

from mkdocs import utils as mkdocs_utils

#: whether a site folder can be built in place here (a file's change time is set by every write)
SUPPORTED = os.name == "posix"
#: the mark written at the top of a folder as its build starts (hidden: MkDocs and the sweep leave it alone)
MARK = ".guidelines-build-started"

#: MkDocs' own function, for every folder other than those built in place
_clean_directory = mkdocs_utils.clean_directory
#: folder (its real path) -> the change time of its mark (nanoseconds), for the build under way
_IN_PLACE: dict[str, int] = {}


def _clean_unless_in_place(directory: str) -> None:
    if os.path.realpath(directory) not in _IN_PLACE:
        _clean_directory(directory)


def build_in_place(site_dir: str) -> None:
    """The build that starts does not empty ``site_dir``: it writes over the last build's files (``on_pre_build``:
    MkDocs empties the folder just after it)."""
    folder = Path(site_dir)
    folder.mkdir(parents=True, exist_ok=True)
    mark = folder / MARK
    mark.write_bytes(b"")
    _IN_PLACE[os.path.realpath(site_dir)] = mark.stat().st_ctime_ns
    mkdocs_utils.clean_directory = _clean_unless_in_place


def make_way(site_dir: str, paths: Iterable[str]) -> None:
    """Where a file of ``paths`` (below ``site_dir``) is to be written, a folder left there is removed, and so is a
    file left where one of its folders is to be (a page or a static file that became a folder, or the reverse)."""
    if os.path.realpath(site_dir) not in _IN_PLACE:
        return
    root = Path(site_dir)
    checked: set[Path] = set()
    for path in map(Path, paths):
        if path.is_dir() and not path.is_symlink():
            shutil.rmtree(path)
        for folder in path.parents:
            if folder == root or folder in checked or root not in folder.parents:
                break
            checked.add(folder)
            if folder.is_symlink() or (folder.exists() and not folder.is_dir()):
                folder.unlink()


def sweep(site_dir: str, keep: Iterable[str] = ()) -> int:
    """The build of ``site_dir`` ended: every file it did not write is removed (not ``keep``, the files of the site
    MkDocs knows of), and every folder left empty (not what is hidden at the top). Returns how many files were
    removed."""
    started = _IN_PLACE.pop(os.path.realpath(site_dir), None)
    if started is None:
        return 0
    root = Path(site_dir)
    kept = {os.path.realpath(path) for path in keep}
    removed = 0
    for entry in sorted(root.iterdir()) if root.is_dir() else []:
        if not entry.name.startswith("."):
            removed += _sweep_entry(entry, started, kept)
    (root / MARK).unlink(missing_ok=True)
    return removed


def _sweep_entry(path: Path, started: int, kept: set[str]) -> int:
    """Removes what below ``path`` last changed before ``started`` (and ``path`` itself, if a file, or a folder
    left empty), but for ``kept``."""
    try:
        status = path.lstat()
    except OSError:
        return 0
    if not path.is_dir() or path.is_symlink():
        if status.st_ctime_ns < started and os.path.realpath(path) not in kept:
            path.unlink(missing_ok=True)
            return 1
        return 0
    removed = sum(_sweep_entry(child, started, kept) for child in sorted(path.iterdir()))
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
        (Path(site_dir) / MARK).unlink(missing_ok=True)
