"""``scripts.files``: a file kept between builds is written whole or not at all; a folder removed whole; a file's
digest is read again only when the file was written."""

from __future__ import annotations

import functools
import hashlib
import os
import pickle
import time
from pathlib import Path

import pytest

from scripts import files
from scripts.files import replace_whole


def test_bytes_or_a_writer_reach_the_file_and_its_folder_is_made(tmp_path: Path) -> None:
    target = tmp_path / "a" / "b" / "entry.bin"
    assert replace_whole(target, b"first")
    assert target.read_bytes() == b"first"
    assert replace_whole(target, lambda handle: pickle.dump({"x": 1}, handle))
    assert pickle.loads(target.read_bytes()) == {"x": 1}
    assert [p.name for p in target.parent.iterdir()] == ["entry.bin"]  # no temporary file left


def test_a_write_that_fails_leaves_the_old_file_and_no_temporary_file(tmp_path: Path) -> None:
    target = tmp_path / "entry.bin"
    target.write_bytes(b"old")

    def half_then_full_disk(handle) -> None:  # noqa: ANN001
        handle.write(b"new, but only ha")
        raise OSError(28, "No space left on device")

    assert replace_whole(target, half_then_full_disk) is False
    assert target.read_bytes() == b"old"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["entry.bin"]


def test_another_error_is_raised_and_still_leaves_no_temporary_file(tmp_path: Path) -> None:
    target = tmp_path / "entry.bin"

    def unpicklable(handle) -> None:  # noqa: ANN001
        pickle.dump(lambda: None, handle)

    with pytest.raises((pickle.PicklingError, AttributeError)):
        replace_whole(target, unpicklable)
    assert list(tmp_path.iterdir()) == []


def test_a_path_under_a_file_is_reported_not_raised(tmp_path: Path) -> None:
    """The folder cannot be made (a file is in the way): like an unwritable folder, and testable as root (CI)."""
    (tmp_path / "blocker").write_bytes(b"")
    assert replace_whole(tmp_path / "blocker" / "entry.bin", b"x") is False


def test_the_file_gets_the_permissions_of_any_new_file(tmp_path: Path) -> None:
    """As with open(): the umask decides, so a cache shared by several users stays readable by them."""
    import os
    import stat

    previous = os.umask(0o022)
    try:
        assert replace_whole(tmp_path / "entry.bin", b"x")
    finally:
        os.umask(previous)
    assert stat.S_IMODE((tmp_path / "entry.bin").stat().st_mode) == 0o644


def test_discard_removes_what_it_can_and_never_raises(tmp_path: Path) -> None:
    from scripts.files import discard

    for name in ("a-1", "a-2", "b-1"):
        (tmp_path / name).write_bytes(b"")
    (tmp_path / "a-3").mkdir()  # cannot be unlinked: left, and the others still go
    discard(sorted(tmp_path.glob("a-*")) + [tmp_path / "gone"])
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a-3", "b-1"]
    discard((tmp_path / "no-such-folder").glob("*"))  # a folder that is not there: nothing to do

    def unlistable():  # noqa: ANN202 - a folder that cannot be listed
        yield tmp_path / "b-1"
        raise PermissionError(13, "Permission denied")

    discard(unlistable())
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a-3"]


def test_remove_tree_removes_every_folder_below_and_never_follows_a_link(tmp_path: Path) -> None:
    from scripts.files import remove_tree

    site, elsewhere = tmp_path / "old-site", tmp_path / "elsewhere"
    for language in ("en", "fr", "ka"):
        for page in ("a", "b/c"):
            (site / language / page).mkdir(parents=True)
            (site / language / page / "index.html").write_text(language, encoding="utf-8")
    (site / "index.html").write_text("root", encoding="utf-8")
    elsewhere.mkdir()
    (elsewhere / "keep.txt").write_text("kept", encoding="utf-8")
    (site / "link").symlink_to(elsewhere, target_is_directory=True)
    (site / "fr" / "link").symlink_to(elsewhere, target_is_directory=True)
    remove_tree(site, jobs=2)
    assert not site.exists() and not site.is_symlink()
    assert (elsewhere / "keep.txt").read_text(encoding="utf-8") == "kept"
    remove_tree(tmp_path / "missing")  # nothing there: nothing raised
    link = tmp_path / "a link"
    link.symlink_to(elsewhere, target_is_directory=True)
    (elsewhere / "below").mkdir()
    remove_tree(link)  # the link goes, not what it points to
    assert not link.is_symlink() and (elsewhere / "below").is_dir() and (elsewhere / "keep.txt").is_file()


class Reads:
    """Counts the files read (Path.read_bytes) while the clock says ``later`` nanoseconds more."""

    def __init__(self, monkeypatch: pytest.MonkeyPatch, later: int) -> None:
        self.count = 0
        real_read, real_clock = Path.read_bytes, files.time.time_ns

        def read_bytes(path: Path) -> bytes:
            self.count += 1
            return real_read(path)

        monkeypatch.setattr(Path, "read_bytes", read_bytes)
        monkeypatch.setattr(files.time, "time_ns", lambda: real_clock() + later)


@pytest.fixture
def no_digests(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(files, "_DIGESTS", {})


def test_a_settled_file_is_read_once_and_every_write_is_seen(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                            no_digests: None) -> None:
    path = tmp_path / "data.yaml"
    path.write_bytes(b"heading: one\n")
    reads = Reads(monkeypatch, later=files.SETTLED_NS + 1_000_000_000)  # the file was written long ago
    assert files.file_digest(path) == hashlib.sha256(b"heading: one\n").digest()
    assert files.file_digest(path) == hashlib.sha256(b"heading: one\n").digest()
    assert reads.count == 1
    time.sleep(0.05)  # past the clock's tick that stamped the first write
    # the same size and the modification time put back (a copy that keeps times, a restored backup)
    before = path.stat()
    path.write_bytes(b"heading: two\n")
    os.utime(path, ns=(before.st_atime_ns, before.st_mtime_ns))
    assert path.stat().st_size == before.st_size and path.stat().st_mtime_ns == before.st_mtime_ns
    assert files.file_digest(path) == hashlib.sha256(b"heading: two\n").digest()
    assert reads.count == 2
    time.sleep(0.05)
    other = tmp_path / "other.yaml"  # another file put in its place
    other.write_bytes(b"heading: six\n")
    os.replace(other, path)
    assert files.file_digest(path) == hashlib.sha256(b"heading: six\n").digest()
    assert reads.count == 3


def test_a_file_changed_lately_is_read_every_time(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                  no_digests: None) -> None:
    path = tmp_path / "data.yaml"
    path.write_bytes(b"heading: one\n")
    reads = Reads(monkeypatch, later=0)  # just written: a second write could carry the same change time
    for _ in range(3):
        assert files.file_digest(path) == hashlib.sha256(b"heading: one\n").digest()
    assert reads.count == 3
    path.unlink()
    with pytest.raises(FileNotFoundError):
        files.file_digest(path)


def test_a_file_written_while_it_is_read_is_read_again(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                       no_digests: None) -> None:
    path = tmp_path / "data.yaml"
    path.write_bytes(b"heading: one\n")
    time.sleep(0.05)  # the write below is stamped later than this one
    real_read = Path.read_bytes
    reads = Reads(monkeypatch, later=files.SETTLED_NS + 1_000_000_000)

    def read_then_written(self: Path) -> bytes:
        content = real_read(self)
        if reads.count == 0:
            path.write_bytes(b"heading: two\n")  # saved just after the bytes were read
        reads.count += 1
        return content

    monkeypatch.setattr(Path, "read_bytes", read_then_written)
    assert files.file_digest(path) == hashlib.sha256(b"heading: one\n").digest()
    assert files.file_digest(path) == hashlib.sha256(b"heading: two\n").digest()
    assert files.file_digest(path) == hashlib.sha256(b"heading: two\n").digest()
    assert reads.count == 2


def test_a_function_s_source_digest_is_of_its_own_code_and_none_without_source() -> None:
    source_digest = files.source_digest

    def first(x):  # noqa: ANN001, ANN202
        return x + 1

    def second(x):  # noqa: ANN001, ANN202
        return x + 2

    @functools.wraps(first)
    def wrapper(x):  # noqa: ANN001, ANN202
        return first(x)

    assert len(source_digest(first)) == 16 and source_digest(first) != source_digest(second)
    assert source_digest(wrapper) != source_digest(first)  # a wrapper is its own code, not the function it wraps
    assert source_digest(len) is None and source_digest(None) is None  # no Python source to read
