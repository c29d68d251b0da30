"""``serve`` rewrites its site folder in place instead of emptying it before each build.

Before every build that is not ``--dirty``, MkDocs empties the site folder (``mkdocs.utils.clean_directory``), and
the build then makes every folder and file again. Making a folder and a file costs the file system far more than
writing over one that exists (about eight times as much for a site's pages on the ext4 disk this was measured on),
so ``serve`` spent more on that than on writing its pages. Here (:func:`build_in_place`, from ``on_pre_build``)
``serve``'s site folder is not emptied: each file the build writes replaces the one of the last build where it is,
and once the build has ended (:func:`sweep`, from ``on_post_build``) every file the build did not write is removed,
with the folders left empty, so that the folder holds what an emptied one would. Where a page or a static file of
the site is to go, a folder the last build left there is removed first, and so is a file (or a link) where one of
its folders is to go (:func:`make_way`); something in the way of another file the build writes (the search index,
a theme's ``404.html``) makes the build fail, which empties the folder (below), and the next build starts clean.

What the build wrote is told by each file's change time, which every write sets. The build's start is the change
time of a mark written into the folder as it starts (a hidden file, :data:`MARK`), stamped by the same file system
and clock as what the build writes: a file changed before it was not written by this build. The pages and static
files of the site that MkDocs knows of are never removed, whatever their times. Like MkDocs, the sweep leaves what
is hidden at the top of the folder (a name starting with ``.``) alone. Only on POSIX systems (:data:`SUPPORTED`; on
Windows a file's change time is when it was made), and only where the mark's time has a finer step than a second:
on a file system that stamps whole seconds (ext3, HFS+), a file of the last build could carry the same time, and
MkDocs empties the folder as before.

A build that fails before it ends (an error in a page, a template, a plugin) leaves the folder empty (:func:`failed`;
MkDocs would have left what it wrote before it failed, and its server holds requests until a build succeeds): the
next build starts from nothing. One that ``--strict`` refuses once it has ended (for a warning) leaves the site it
wrote, swept.

A page or an asset a browser is being sent while the build writes over it may reach the browser cut short, where it
used to keep the content of the removed file; the reload that follows the build sends it whole.
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
_SECOND_NS = 1_000_000_000

#: MkDocs' own function, for every folder other than those built in place
_clean_directory = mkdocs_utils.clean_directory
#: folder (its absolute path) -> the change time of its mark (nanoseconds), for the build under way
_IN_PLACE: dict[str, int] = {}


def _absolute(path: str | os.PathLike) -> str:
    return os.path.normpath(os.path.abspath(path))


def _clean_unless_in_place(directory: str) -> None:
    if _absolute(directory) not in _IN_PLACE:
        _clean_directory(directory)


def build_in_place(site_dir: str) -> bool:
    """The build that starts does not empty ``site_dir``: it writes over the last build's files (``on_pre_build``:
    MkDocs empties the folder just after it). False (MkDocs empties it) where the file system stamps whole
    seconds."""
    folder = Path(site_dir)
    folder.mkdir(parents=True, exist_ok=True)
    mark = folder / MARK
    mark.write_bytes(b"")
    started = mark.stat().st_ctime_ns
    if started % _SECOND_NS == 0:
        mark.unlink()
        return False
    _IN_PLACE[_absolute(site_dir)] = started
    mkdocs_utils.clean_directory = _clean_unless_in_place
    return True


def make_way(site_dir: str, paths: Iterable[str]) -> None:
    """Where a file of ``paths`` (below ``site_dir``) is to be written, a folder left there is removed, and so is a
    file or a link left where one of its folders is to be (a page or a static file that became a folder, or the
    reverse). Nothing outside ``site_dir`` is touched, nor the folder itself."""
    root = Path(_absolute(site_dir))
    if str(root) not in _IN_PLACE:
        return
    checked: set[Path] = set()
    for path in (Path(_absolute(p)) for p in paths):
        if root not in path.parents:
            continue
        # from the top down: a link where a folder goes is removed, never followed
        blocked = False
        for folder in reversed(path.parents[:path.parents.index(root)]):
            if folder in checked:
                continue
            checked.add(folder)
            if folder.is_symlink() or (folder.exists() and not folder.is_dir()):
                folder.unlink()
                blocked = True
                break
            if not folder.exists():
                break
        if not blocked and path.is_dir() and not path.is_symlink():
            shutil.rmtree(path)


def sweep(site_dir: str, keep: Iterable[str] = ()) -> int:
    """The build of ``site_dir`` ended: every file it did not write is removed (not ``keep``, the pages and static
    files of the site MkDocs knows of), and every folder left empty (not what is hidden at the top). Returns how
    many files were removed."""
    started = _IN_PLACE.pop(_absolute(site_dir), None)
    if started is None:
        return 0
    root = Path(_absolute(site_dir))
    kept = {_absolute(path) for path in keep}
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
        if status.st_ctime_ns < started and str(path) not in kept:
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
    if _IN_PLACE.pop(_absolute(site_dir), None) is not None:
        _clean_directory(site_dir)
        (Path(site_dir) / MARK).unlink(missing_ok=True)
