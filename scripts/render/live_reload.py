"""How ``serve`` notices an edit: the system's file events instead of polling.

MkDocs' server polls every watched path twice a second. A poll walks the data, docs, template and overrides
folders, and an edit waits a quarter of a second on average before the rebuild starts. Here the watched paths
report changes with the system's file events (inotify on Linux, through watchdog, which MkDocs already
installs), so a rebuild starts as soon as the edit is saved.

Where the system's events cannot be had at all (no inotify, or its instances or the watches of a watched path used
up), the paths are polled as MkDocs does, with a warning. Not seen: a mount that sends no events (some network and
container mounts), and a watch limit reached part way down a folder (watchdog leaves those subfolders unwatched
without a word). ``serve --poll`` polls from the start for those.
"""

from __future__ import annotations

import logging
import signal
import threading
from typing import Any

from mkdocs.livereload import LiveReloadServer
from watchdog.events import (DirCreatedEvent, DirDeletedEvent, DirMovedEvent, FileAttribEvent, FileClosedEvent,
                             FileCreatedEvent, FileDeletedEvent, FileModifiedEvent, FileMovedEvent,
                             FileSystemEvent, FileSystemEventHandler)
from watchdog.observers import Observer
from watchdog.observers.polling import PollingObserver

log = logging.getLogger("mkdocs.plugins.guidelines")

#: how often polled paths are read (MkDocs' own interval)
POLL_SECONDS = 0.5
#: how long the server waits after the last change before it builds (MkDocs waits 0.1 s). The changes of one save
#: (an editor writing a file, or renaming a new one over it, and setting its attributes) reach it within a few
#: milliseconds of each other; a burst with longer gaps (a checkout of many files) starts a build sooner, and the
#: changes that come during it start one more when it ends, as with MkDocs' delay
BUILD_DELAY = 0.05
#: the events of a change (a new modification time, like polling sees, included). Not the opening or closing of a
#: file that was only read: the build reads the watched files, and each read would start another build.
CHANGES = [FileCreatedEvent, FileDeletedEvent, FileModifiedEvent, FileMovedEvent, FileClosedEvent, FileAttribEvent,
           DirCreatedEvent, DirDeletedEvent, DirMovedEvent]


class _FolderAsFile(FileSystemEventHandler):
    """Passes events on to MkDocs' handler, a folder's as a file's: MkDocs ignores folder events, and a folder
    moved out of a watched one is reported as the folder alone (polling reported each of its files)."""

    def __init__(self, handler: Any) -> None:
        self.handler = handler

    def dispatch(self, event: FileSystemEvent) -> None:
        if event.is_directory:
            event = FileModifiedEvent(event.src_path)
        self.handler.dispatch(event)


class ChangeObserver:
    """The parts of a watchdog observer that MkDocs' server uses (``schedule``, ``unschedule``, ``start``,
    ``stop``, ``join``), reporting changes only (:data:`CHANGES`), with the system's file events, or polling
    (``poll``, or when the events fail to start). watchdog watches a single file (``mkdocs.yml``) through its
    folder, so an editor that saves by renaming a new file over the old one is seen too."""

    def __init__(self, poll: bool = False) -> None:
        self._scheduled: dict[Any, tuple[Any, str, bool]] = {}  # watch -> (handler, path, recursive)
        self.observer: Any = PollingObserver(timeout=POLL_SECONDS)
        if not poll:
            try:
                self.observer = Observer()
            except OSError as error:  # inotify's instances used up: watchdog takes one as the observer is made
                _polling_instead(error)

    @property
    def native(self) -> bool:
        """Whether the system's file events are used (not polling)."""
        return not isinstance(self.observer, PollingObserver)

    def schedule(self, handler: Any, path: str, recursive: bool = False) -> Any:
        watch = self.observer.schedule(_FolderAsFile(handler), path, recursive=recursive, event_filter=CHANGES)
        self._scheduled[watch] = (handler, path, recursive)
        return watch

    def unschedule(self, watch: Any) -> None:
        del self._scheduled[watch]
        self.observer.unschedule(watch)

    def start(self) -> None:
        try:
            self.observer.start()
        except OSError as error:  # a watched path's watches used up (or no such path)
            if not self.native:
                raise
            _polling_instead(error)
            self.observer.stop()  # and the emitters it started before the one that failed
            scheduled, self._scheduled = self._scheduled, {}
            self.observer = PollingObserver(timeout=POLL_SECONDS)
            for handler, path, recursive in scheduled.values():
                self.schedule(handler, path, recursive)
            self.observer.start()

    def stop(self) -> None:
        self.observer.stop()  # also when never started: watchdog's inotify thread starts as the observer is made

    def join(self, timeout: float | None = None) -> None:
        if self.observer.is_alive():
            self.observer.join(timeout)


def _polling_instead(error: OSError) -> None:
    log.warning("File events could not be had here (%s): serve polls the watched paths every %.1f s instead",
                error.strerror or error, POLL_SECONDS)


def event_watching_server(server: LiveReloadServer, watched: list[str], poll: bool = False) -> LiveReloadServer:
    """A server like MkDocs' ``server`` (not yet serving: MkDocs binds it in ``serve()``), whose watcher is a
    :class:`ChangeObserver`; ``watched``: the paths MkDocs had the old one watch. The old server's socket,
    never bound, is closed."""
    host, port = server.server_address[:2]
    replacement = LiveReloadServer(builder=server.builder, host=host, port=port, root=server.root,
                                   mount_path=server.mount_path)
    replacement.observer = ChangeObserver(poll)
    replacement.error_handler = server.error_handler
    replacement.build_delay = BUILD_DELAY
    server.server_close()
    for path in watched:
        replacement.watch(path)
    return replacement


def _interrupt(signum: int, frame: Any) -> None:  # noqa: ARG001 - a signal handler's arguments
    signal.signal(signal.SIGTERM, signal.SIG_DFL)  # a second one while it stops ends it at once
    raise KeyboardInterrupt


def stop_on_terminate() -> None:
    """``serve`` stops on SIGTERM as on Ctrl-C (MkDocs' server then removes its temporary site, and each plugin's
    ``on_shutdown`` runs), rather than being killed where it stands. Only from the main thread, where Python runs
    signal handlers."""
    if threading.current_thread() is threading.main_thread():
        signal.signal(signal.SIGTERM, _interrupt)
