"""How ``serve`` notices an edit: the system's file events instead of polling.

MkDocs' server polls every watched path twice a second. A poll walks the data, docs, template and overrides
folders, and an edit waits a quarter of a second on average before the rebuild starts. Here the watched paths
report changes with the system's file events (inotify on Linux, through watchdog, which MkDocs already
installs), so a rebuild starts as soon as the edit is saved.

Where the system's events fail to start (inotify's watch limit), the paths are polled as MkDocs does, with a
warning. On a mount that sends no events at all (some network and container mounts), ``serve --poll`` asks for
polling from the start.
"""

from __future__ import annotations

import logging
from typing import Any

from mkdocs.livereload import LiveReloadServer
from watchdog.events import (DirCreatedEvent, DirDeletedEvent, DirMovedEvent, FileClosedEvent,
                             FileCreatedEvent, FileDeletedEvent, FileModifiedEvent, FileMovedEvent)
from watchdog.observers import Observer
from watchdog.observers.polling import PollingObserver

log = logging.getLogger("mkdocs.plugins.guidelines")

#: how often polled paths are read (MkDocs' own interval)
POLL_SECONDS = 0.5
#: the events of a change. Not the opening or closing of a file that was only read: the build reads the
#: watched files, and each read would start another build.
CHANGES = [FileCreatedEvent, FileDeletedEvent, FileModifiedEvent, FileMovedEvent, FileClosedEvent,
           DirCreatedEvent, DirDeletedEvent, DirMovedEvent]


class ChangeObserver:
    """The parts of a watchdog observer that MkDocs' server uses (``schedule``, ``unschedule``, ``start``,
    ``stop``, ``join``), reporting changes only (:data:`CHANGES`), with the system's file events, or polling
    (``poll``, or when the events fail to start). watchdog watches a single file (``mkdocs.yml``) through its
    folder, so an editor that saves by renaming a new file over the old one is seen too."""

    def __init__(self, poll: bool = False) -> None:
        self.observer = PollingObserver(timeout=POLL_SECONDS) if poll else Observer()
        self._scheduled: dict[Any, tuple[Any, str, bool]] = {}  # watch -> (handler, path, recursive)

    @property
    def native(self) -> bool:
        """Whether the system's file events are used (not polling)."""
        return not isinstance(self.observer, PollingObserver)

    def schedule(self, handler: Any, path: str, recursive: bool = False) -> Any:
        watch = self.observer.schedule(handler, path, recursive=recursive, event_filter=CHANGES)
        self._scheduled[watch] = (handler, path, recursive)
        return watch

    def unschedule(self, watch: Any) -> None:
        del self._scheduled[watch]
        self.observer.unschedule(watch)

    def start(self) -> None:
        try:
            self.observer.start()
        except OSError as error:  # no inotify here, or its watches or instances ran out
            if not self.native:
                raise
            log.warning("File events are not available here (%s): serve polls the watched paths every %.1f s "
                        "instead", error.strerror or error, POLL_SECONDS)
            self.observer.stop()  # and the emitters it started before the one that failed
            scheduled, self._scheduled = self._scheduled, {}
            self.observer = PollingObserver(timeout=POLL_SECONDS)
            for handler, path, recursive in scheduled.values():
                self.schedule(handler, path, recursive)
            self.observer.start()

    def stop(self) -> None:
        if self.observer.is_alive():
            self.observer.stop()

    def join(self, timeout: float | None = None) -> None:
        if self.observer.is_alive():
            self.observer.join(timeout)


def event_watching_server(server: LiveReloadServer, watched: list[str], poll: bool = False) -> LiveReloadServer:
    """A server like MkDocs' ``server`` (not yet serving: MkDocs binds it in ``serve()``), whose watcher is a
    :class:`ChangeObserver`; ``watched``: the paths MkDocs had the old one watch. The old server's socket,
    never bound, is closed."""
    host, port = server.server_address[:2]
    replacement = LiveReloadServer(builder=server.builder, host=host, port=port, root=server.root,
                                   mount_path=server.mount_path)
    replacement.observer = ChangeObserver(poll)
    replacement.error_handler = server.error_handler
    replacement.build_delay = server.build_delay
    server.server_close()
    for path in watched:
        replacement.watch(path)
    return replacement
