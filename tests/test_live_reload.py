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

from scripts.render.live_reload import BUILD_DELAY, POLL_SECONDS, ChangeObserver, event_watching_server


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
    # Polling reports an edit up to POLL_SECONDS later (a quarter of a second on average): the median of five edits
    # below a fifth of it would take luck (about 6 %). Events come as the file is written.
    delays = []
    for n in range(5):
        started = time.monotonic()
        data.write_text(f"id: albania\nname: Albania {n}\n", encoding="utf-8")
        assert handler.wait(5), "an edit below the watched folder was not reported"
        delays.append(time.monotonic() - started)
        time.sleep(0.05)
        handler.wait(0)  # the rest of this edit's events
    assert sorted(delays)[2] < POLL_SECONDS / 5, f"edits were reported late, as if polled: {delays}"
    (folder / "countries" / "france.yaml").write_text("id: france\n", encoding="utf-8")
    assert handler.wait(5), "a new file was not reported"


def test_a_folder_moved_out_and_a_new_modification_time_are_reported(tmp_path: Path, watching) -> None:  # noqa: ANN001
    """Found by a review: a folder moved out of a watched one came as one folder event, which MkDocs' handler
    ignores (polling reported each of its files), and a new modification time alone came as no change."""
    folder = tmp_path / "docs"
    (folder / "old").mkdir(parents=True)
    (folder / "old" / "page.md").write_text("# Page\n", encoding="utf-8")
    observer, handler = watching(folder)
    (folder / "old").rename(tmp_path / "moved-out")
    assert handler.wait(5), "a folder moved out of the watched one was not reported"
    assert any(not event.is_directory for event in handler.events), handler.events
    time.sleep(0.1)
    handler.wait(0)
    page = folder / "index.md"
    page.write_text("# Home\n", encoding="utf-8")
    time.sleep(0.1)
    handler.wait(0)
    os.utime(page, (1_000_000_000, 1_000_000_000))
    assert handler.wait(5), "a new modification time (polling sees it) was not reported"


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
    assert "serve polls the watched paths" in caplog.text and "inotify watch limit reached" in caplog.text
    _polls_an_edit(observer, handler, tmp_path)


def test_without_inotify_instances_the_folders_are_polled_with_a_warning(tmp_path: Path, monkeypatch,
                                                                         caplog) -> None:  # noqa: ANN001
    """Found by a review: watchdog takes an inotify instance as its observer is made, before anything starts."""
    import scripts.render.live_reload as live_reload

    def no_instance() -> None:
        raise OSError(24, "inotify instance limit reached")

    monkeypatch.setattr(live_reload, "Observer", no_instance)
    with caplog.at_level(logging.WARNING, logger="mkdocs.plugins.guidelines"):
        observer = ChangeObserver()
    handler = Count()
    observer.schedule(handler, str(tmp_path), recursive=True)
    observer.start()
    assert "inotify instance limit reached" in caplog.text
    _polls_an_edit(observer, handler, tmp_path)


def _polls_an_edit(observer: ChangeObserver, handler: Count, folder: Path) -> None:
    """``observer`` (started) polls, and reports an edit in ``folder``; stopped at the end."""
    try:
        assert not observer.native
        time.sleep(0.2)  # the first snapshot
        (folder / "guidelines.yaml").write_text("edited\n", encoding="utf-8")
        assert handler.wait(5), "without file events, the folder was not polled instead"
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
    # it builds sooner after the last change than MkDocs' server (the events of one save come together)
    assert new.build_delay == BUILD_DELAY and 0 < BUILD_DELAY < old.build_delay
    assert str(tmp_path) in new._watched_paths
    assert old.socket.fileno() == -1, "the replaced server's socket was left open"
    new.server_close()
    new.observer.stop()


def test_serve_stops_on_sigterm_as_on_ctrl_c_and_at_once_on_a_second() -> None:
    import signal

    from scripts.render import live_reload

    before = signal.getsignal(signal.SIGTERM)
    try:
        live_reload.stop_on_terminate()
        handler = signal.getsignal(signal.SIGTERM)
        assert callable(handler) and handler not in (signal.SIG_DFL, signal.SIG_IGN)
        with pytest.raises(KeyboardInterrupt):  # MkDocs' serve then shuts down and removes its site
            handler(signal.SIGTERM, None)
        assert signal.getsignal(signal.SIGTERM) == signal.SIG_DFL  # a second one, while it stops, ends it
    finally:
        signal.signal(signal.SIGTERM, before)
