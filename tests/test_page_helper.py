"""The forked copy that does part of a one-language build's pages (scripts.render.page_helper): every page is
done once, by the build or by the copy; the build never waits on a copy that failed, died or hangs; nothing the
copy logs or prints is shown. Each test forks, so they are out of the unit tier."""

from __future__ import annotations

import logging
import os
import signal
import time
from dataclasses import dataclass

import pytest

from scripts.render import page_helper
from scripts.render.page_helper import PageHelper

pytestmark = pytest.mark.slow  # each test forks a process


@dataclass(eq=False)
class Item:
    number: int


def run(items: list[Item], work, seconds_here: float = 0.01) -> tuple[list[int], dict[int, object], PageHelper]:
    """The build's loop: each item is claimed in order, and done here unless the copy sent a value for it."""
    taken: dict[int, object] = {}
    helper = PageHelper(items, work)
    here = []
    try:
        for item in items:
            if not received(helper, item, taken):
                time.sleep(seconds_here)
                here.append(item.number)
    finally:
        helper.stop()
    return here, taken, helper


def received(helper: PageHelper, item: Item, taken: dict[int, object]) -> bool:
    """Whether the copy sent a value for ``item`` (kept in ``taken``)."""
    value = helper.claim(item)
    if value is not None:
        taken[item.number] = value
    return value is not None


def slow_work(item: Item) -> tuple[str, int]:
    time.sleep(0.01)
    return ("copy", item.number)


def test_every_page_is_done_once_and_the_copy_does_its_share() -> None:
    items = [Item(n) for n in range(40)]
    here, taken, helper = run(items, slow_work)
    assert sorted(here + list(taken)) == list(range(40))
    assert not set(here) & set(taken)
    assert taken and here, (here, taken)  # both worked: the copy took pages from the end
    assert min(taken) > max(here)
    assert taken == {n: ("copy", n) for n in taken}
    assert helper.given == len(taken)


def test_a_page_the_copy_failed_on_or_made_nothing_for_is_done_by_the_build() -> None:
    def work(item: Item) -> object:
        time.sleep(0.01)
        if item.number == 39:
            raise ValueError("no")
        return None if item.number == 38 else item.number

    here, taken, _ = run([Item(n) for n in range(40)], work)
    assert 39 in here and 38 in here
    assert sorted(here + list(taken)) == list(range(40))


def test_a_copy_that_dies_leaves_the_rest_to_the_build() -> None:
    def work(item: Item) -> int:
        if item.number < 37:
            os._exit(3)
        return item.number

    here, taken, helper = run([Item(n) for n in range(40)], work)
    assert sorted(here + list(taken)) == list(range(40))
    assert set(taken) <= {37, 38, 39}
    assert helper.pid is None


def test_a_copy_that_hangs_is_given_up_and_stopped(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(page_helper, "STALL_SECONDS", 0.5)

    def work(item: Item) -> int:
        time.sleep(600)
        return item.number

    items = [Item(n) for n in range(6)]
    taken: dict[int, object] = {}
    started = time.perf_counter()
    helper = PageHelper(items, work)
    pid = helper.pid
    here = []
    for item in items:
        if not received(helper, item, taken):
            time.sleep(0.1)  # the copy takes the last page meanwhile, and hangs on it
            here.append(item.number)
    assert time.perf_counter() - started < 10
    assert here == list(range(6)) and not taken
    assert helper.pid is None
    with pytest.raises(ChildProcessError):  # stopped and waited for
        os.waitpid(pid, os.WNOHANG)


@pytest.mark.parametrize("fate", ["killed", "stuck"])
def test_a_copy_that_keeps_the_lock_does_not_block_the_build(monkeypatch: pytest.MonkeyPatch, fate: str) -> None:
    monkeypatch.setattr(page_helper, "STALL_SECONDS", 0.5)
    items = [Item(n) for n in range(6)]
    holder: list[PageHelper] = []

    def work(item: Item) -> int:
        holder[0]._lock.acquire()  # as if killed, or stuck, between taking the lock and letting it go
        if fate == "killed":
            os.kill(os.getpid(), signal.SIGKILL)
        time.sleep(600)
        return item.number

    taken: dict[int, object] = {}
    helper = PageHelper.__new__(PageHelper)
    holder.append(helper)
    started = time.perf_counter()
    helper.__init__(items, work)
    here = []
    for item in items:
        if not received(helper, item, taken):
            time.sleep(0.1)
            here.append(item.number)
    helper.stop()
    assert here == list(range(6)) and not taken
    assert time.perf_counter() - started < 10
    assert helper.pid is None


def test_the_build_s_collections_leave_out_what_existed_only_while_the_copy_runs() -> None:
    import gc  # noqa: PLC0415

    assert gc.get_freeze_count() == 0
    helper = PageHelper([Item(n) for n in range(3)], slow_work)
    assert gc.get_freeze_count() > 0
    helper.stop()
    assert gc.get_freeze_count() == 0


def test_nothing_the_copy_logs_or_prints_is_shown(capfd: pytest.CaptureFixture[str]) -> None:
    def work(item: Item) -> int:
        print("COPY-PRINTED")
        logging.getLogger("mkdocs.somewhere").warning("COPY-LOGGED")
        os.write(2, b"COPY-WROTE\n")
        return item.number

    _, taken, _ = run([Item(n) for n in range(8)], work, seconds_here=0.05)
    assert taken
    out, err = capfd.readouterr()
    assert "COPY-" not in out + err


def test_a_page_not_in_the_list_is_the_builds() -> None:
    items = [Item(n) for n in range(3)]
    helper = PageHelper(items, slow_work)
    try:
        assert helper.claim(Item(99)) is None
    finally:
        helper.stop()
