"""A forked copy of a one-language build that does part of the work on its pages while the build does the rest.

``serve --lang`` builds one language in one process: one core works while the other waits. :class:`PageHelper`
forks the build at a point where what comes next is a loop over the pages (populating them, then rendering them
into their templates). The copy takes pages from the end of the list and the build takes them from the start, one
page at a time under a lock, so that no page is taken twice and neither waits for the other except for the one page
the copy may be working on when they meet.

For each page it takes, the copy computes a value (``work(page)``: what the step made for that page) and sends it
back; the build receives it (:meth:`PageHelper.claim`) just before it would have made it itself. A page for which
the copy sends no value (it failed, or made nothing worth sending) is simply done by the build, as it would have
been. What the copy logs or prints is never shown: the build shows what matters itself.

If the copy cannot be made, stops, or sends nothing for ``STALL_SECONDS`` while the build waits (or holds the
lock that long), the build does every page it has not been given. The copy ends by itself once no page is left to
take; the build waits for it, or stops it, once it has been through every page, or when it ends or fails.
"""

from __future__ import annotations

import gc
import logging
import multiprocessing
import os
import pickle
import signal
import struct
import sys
import threading
import warnings
from collections.abc import Callable, Sequence
from typing import Any

log = logging.getLogger("mkdocs.render.page_helper")

#: without a message from the copy for this long, the build stops waiting for it
STALL_SECONDS = 20.0
#: the end of the copy's messages
_DONE = -1
_HEADER = struct.Struct("<iQ")


def spare_core() -> bool:
    """Whether this process may run on more than one core and can fork a copy of itself."""
    if not hasattr(os, "fork"):
        return False
    affinity = getattr(os, "sched_getaffinity", None)  # Linux only
    return (len(affinity(0)) if affinity is not None else os.cpu_count() or 1) > 1


def _quiet() -> None:
    """In the copy: nothing it logs or prints reaches the terminal."""
    devnull = os.open(os.devnull, os.O_WRONLY)
    for fd in (1, 2):
        os.dup2(devnull, fd)
    os.close(devnull)
    sys.stdout = sys.stderr = open(os.devnull, "w", encoding="utf-8")  # noqa: SIM115 - until the copy exits
    root = logging.getLogger()
    for logger in [root, *logging.Logger.manager.loggerDict.values()]:
        if isinstance(logger, logging.Logger):
            # a logger that passes nothing up gets a handler that drops: else Python's last resort prints
            logger.handlers = [] if logger.propagate and logger is not root else [logging.NullHandler()]


class PageHelper:
    """A forked copy of this process that does ``work`` on ``pages`` from the end, and the thread that receives
    what it made.

    ``work(page)`` runs in the copy and returns a picklable value, or None when it made nothing to send; the build
    gets it when it reaches a page the copy did (:meth:`claim`).
    """

    def __init__(self, pages: Sequence[Any], work: Callable[[Any], Any]) -> None:
        self.pages = list(pages)
        self._index = {id(page): n for n, page in enumerate(self.pages)}
        self._received: dict[int, Any] = {}
        self._ended = False
        self._condition = threading.Condition()
        #: pages whose value the build received
        self.given = 0
        context = multiprocessing.get_context("fork")
        self._lock = context.Lock()
        # [the build's next page, the copy's last page taken]: the build takes n while n < the copy's
        self._claims = context.RawArray("i", [0, len(self.pages)])
        self._build_pid = os.getpid()
        read, write = os.pipe()
        # what exists now is left out of this process's collections until the copy stops: a full collection
        # writes into every object, and each page of memory written while the copy runs is copied for it
        gc.freeze()
        try:
            with warnings.catch_warnings():
                # Python 3.12 warns that forking with other threads running (serve's server and file watcher)
                # may deadlock the child: the copy uses none of their locks, and a copy that hangs is given up
                warnings.simplefilter("ignore", DeprecationWarning)
                pid = os.fork()
        except OSError:
            gc.unfreeze()
            os.close(read)
            os.close(write)
            raise
        if pid == 0:  # the copy
            code = 1
            try:
                os.close(read)
                self._work(write, work)
                code = 0
            except BaseException:  # noqa: BLE001, S110 - whatever happened, the build does the rest itself
                pass
            os._exit(code)
        os.close(write)
        self.pid: int | None = pid
        try:
            self._reader = threading.Thread(target=self._receive, args=(read,), name="page-helper", daemon=True)
            self._reader.start()
        except BaseException:
            os.close(read)
            self.stop()
            raise

    # in the copy

    def _work(self, write: int, work: Callable[[Any], Any]) -> None:
        _quiet()
        with os.fdopen(write, "wb") as out:
            while True:
                with self._lock:
                    n = self._claims[1] - 1
                    if n < self._claims[0]:
                        break
                    self._claims[1] = n
                try:
                    value = work(self.pages[n])
                except Exception:  # noqa: BLE001 - the build does this page itself, and reports what fails
                    value = None
                body = b"" if value is None else pickle.dumps(value, protocol=pickle.HIGHEST_PROTOCOL)
                out.write(_HEADER.pack(n, len(body)) + body)
                out.flush()
            out.write(_HEADER.pack(_DONE, 0))

    # in the build

    def _receive(self, read: int) -> None:
        try:
            with os.fdopen(read, "rb") as incoming:
                while True:
                    header = incoming.read(_HEADER.size)
                    if len(header) < _HEADER.size:
                        break  # the copy stopped
                    n, size = _HEADER.unpack(header)
                    if n == _DONE:
                        break
                    body = incoming.read(size)
                    if len(body) < size:
                        break
                    value = pickle.loads(body) if size else None  # noqa: S301 - our own forked copy
                    with self._condition:
                        self._received[n] = value
                        self._condition.notify_all()
        except Exception:  # noqa: BLE001, S110 - the copy stopped: the build does the rest
            pass
        finally:
            with self._condition:
                self._ended = True
                self._condition.notify_all()

    def claim(self, page: Any) -> Any:
        """The build is about to do ``page``: None if it is the build's (the copy has not taken it, or made nothing
        for it); else, once the copy has sent it, the value the copy made for it."""
        if os.getpid() != self._build_pid:
            return None  # the copy runs the same events: it takes its pages itself
        n = self._index.get(id(page))
        if n is None:
            return None
        if self.pid is not None and not self._ended:  # the copy may still take pages
            # (once it is stopped or has ended, it may have died holding the lock, and no longer writes the claims)
            if not self._lock.acquire(timeout=STALL_SECONDS):
                log.info("the second process holds its lock: this build does the rest itself")
                self.stop()
                return None
            try:
                if n < self._claims[1]:
                    self._claims[0] = max(self._claims[0], n + 1)
                    return None
            finally:
                self._lock.release()
        elif n < self._claims[1]:
            return None  # the copy never took it
        with self._condition:
            while n not in self._received and not self._ended:
                if not self._condition.wait(timeout=STALL_SECONDS):
                    log.info("the second process sent nothing for a while: this build does the rest itself")
                    self.stop()
                    return None
            value = self._received.pop(n, None)
        if value is not None:
            self.given += 1
        return value

    def stop(self) -> None:
        """The copy takes nothing more, and is stopped if it still runs."""
        pid, self.pid = self.pid, None
        if pid is None:
            return
        gc.unfreeze()
        if self._lock.acquire(timeout=1):
            self._claims[0] = len(self.pages)
            self._lock.release()
        try:
            done, _ = os.waitpid(pid, os.WNOHANG)
            if not done:
                os.kill(pid, signal.SIGKILL)
                os.waitpid(pid, 0)
        except (ChildProcessError, ProcessLookupError):
            pass
        with self._condition:
            self._ended = True
            self._condition.notify_all()
