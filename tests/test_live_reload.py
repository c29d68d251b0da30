"""What ``serve`` watches with the system's file events and what it polls (scripts.render.live_reload)."""

from __future__ import annotations

import logging
import os
import threading
import time
from pathlib import Path

import pytest
from watchdog.events import FileSystemEventHandler
from watchdog.observers.polling import PollingObserver

from scripts.render.live_reload import POLL_SECONDS, ChangeObserver, event_watching_server


class Count(FileSystemEventHandler):
    """Counts what MkDocs' server would take for an edit (every event that reaches its handler)."""

    def __init__(self) -> None:
        self.events: list = []
        self.changed = threading.Event()

    def on_any_event(self, event) -> None:  # noqa: ANN001
        self.events.append(event)
        self.changed.set()

    def wait(self, seconds: float) -> bool:
        seen = self.changed.wait(seconds)
        self.changed.clear()
        return seen


@pytest.fixture
def watching(tmp_path: Path):
    observers = []

    def start(path: Path, poll: bool = False) -> tuple[ChangeObserver, Count]:
        observer, handler = ChangeObserver(poll), Count()
        observer.schedule(handler, str(path), recursive=True)
        observer.start()
        observers.append(observer)
        time.sleep(0.2)  # the polling emitter takes its first snapshot
        return observer, handler

    yield start
    for observer in observers:
        observer.stop()
        observer.join(5)


def test_a_folder_edit_is_reported_at_once_and_a_read_is_not(tmp_path: Path, watching) -> None:  # noqa: ANN001
    folder = tmp_path / "data"
    (folder / "countries").mkdir(parents=True)
    data = folder / "countries" / "albania.yaml"
    data.write_text("id: albania\n", encoding="utf-8")
    observer, handler = watching(folder)
    assert observer.native and not isinstance(observer.observer, PollingObserver), \
        "the folder should be watched with the system's file events on Linux"
    data.read_text(encoding="utf-8")  # a build reads every watched file: no rebuild may follow from that
    assert not handler.wait(1.0), f"reading a file was taken for an edit: {handler.events}"
    # Polling reports an edit up to POLL_SECONDS later, a quarter of a second on average: three edits in a row
    # each reported within half of that would take luck. Events come as the file is written.
    for n in range(3):
        started = time.monotonic()
        data.write_text(f"id: albania\nname: Albania {n}\n", encoding="utf-8")
        assert handler.wait(5), "an edit below the watched folder was not reported"
        assert time.monotonic() - started < POLL_SECONDS / 2, f"edit {n} was reported late, as if polled"
        time.sleep(0.05)
        handler.wait(0)  # the rest of this edit's events
    (folder / "countries" / "france.yaml").write_text("id: france\n", encoding="utf-8")
    assert handler.wait(5), "a new file was not reported"


def test_a_single_file_is_watched_and_survives_being_replaced(tmp_path: Path, watching) -> None:  # noqa: ANN001
    config = tmp_path / "mkdocs.yml"
    config.write_text("site_name: one\n", encoding="utf-8")
    other = tmp_path / "README.md"
    observer, handler = watching(config)
    other.write_text("not watched\n", encoding="utf-8")
    assert not handler.wait(1.0), f"a file beside the watched one was reported: {handler.events}"
    for name in ("two", "three"):  # an editor that saves by writing a new file and renaming it over the old one
        time.sleep(0.05)
        new = tmp_path / "mkdocs.yml.tmp"
        new.write_text(f"site_name: {name}\n", encoding="utf-8")
        os.replace(new, config)
        assert handler.wait(5), f"the replaced file ({name}) was not reported"


def test_poll_polls_folders_too(tmp_path: Path, watching) -> None:  # noqa: ANN001
    observer, handler = watching(tmp_path, poll=True)
    assert not observer.native
    (tmp_path / "guidelines.yaml").write_text("edited\n", encoding="utf-8")
    assert handler.wait(5)


def test_without_file_events_the_folders_are_polled_with_a_warning(tmp_path: Path, monkeypatch,
                                                                    caplog) -> None:  # noqa: ANN001
    observer, handler = ChangeObserver(), Count()
    observer.schedule(handler, str(tmp_path), recursive=True)

    def no_inotify() -> None:
        raise OSError(28, "inotify watch limit reached")

    monkeypatch.setattr(observer.observer, "start", no_inotify)
    with caplog.at_level(logging.WARNING, logger="mkdocs.plugins.guidelines"):
        observer.start()
    try:
        assert "serve polls the watched paths" in caplog.text and "inotify watch limit reached" in caplog.text
        assert not observer.native
        time.sleep(0.2)
        (tmp_path / "guidelines.yaml").write_text("edited\n", encoding="utf-8")
        assert handler.wait(5), "with the events failed, the folder was not polled instead"
    finally:
        observer.stop()
        observer.join(5)


def test_the_server_keeps_what_mkdocs_set_and_watches_with_events(tmp_path: Path) -> None:
    from mkdocs.livereload import LiveReloadServer

    def builder() -> None:
        pass

    old = LiveReloadServer(builder=builder, host="127.0.0.1", port=0, root=str(tmp_path), mount_path="/sub/")
    old.error_handler = lambda code: b"custom"  # noqa: ARG005
    assert isinstance(old.observer, PollingObserver)
    new = event_watching_server(old, [str(tmp_path)])
    assert new.builder is builder and new.root == old.root and new.mount_path == "/sub/"
    assert new.error_handler(404) == b"custom"
    assert isinstance(new.observer, ChangeObserver) and new.observer.native
    assert str(tmp_path) in new._watched_paths
    assert old.socket.fileno() == -1, "the replaced server's socket was left open"
    new.server_close()
