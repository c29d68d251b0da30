"""Shared fixtures and helpers: the project's CLI (in-process, or in a process of its own), the real data loaded
once, a site built once per session, a local server, and Chromium; and the tiers (unit, site, browser, slow)."""

from __future__ import annotations

import contextlib
import functools
import http.server
import io
import os
import shutil
import subprocess
import sys
import threading
import traceback
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urlparse

import pytest

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT / "guidelines_data"
TEST_DATA = Path(__file__).parent / "data"
#: Debian's chromium, wherever PATH finds it (make test installs it when missing)
CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--no-first-run"]


#: the markers that keep a test out of the unit tier (``make test-unit``)
OUT_OF_UNIT_TIER = ("browser", "site", "slow")


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """The tiers: every test that drives Chromium is marked ``browser`` and every test on the built site ``site``,
    from the fixtures it uses, so no test can be left out of its tier. Tests that start a process of their own
    (a build, an external program) are marked ``site`` or ``slow`` by hand. ``-m "not browser and not site and not
    slow"`` is the unit tier: no build and no subprocess (:func:`_no_subprocess_in_the_unit_tier` enforces it)."""
    for item in items:
        fixtures = set(getattr(item, "fixturenames", ()))
        if "browser" in fixtures and not item.get_closest_marker("browser"):
            item.add_marker(pytest.mark.browser)
        if fixtures & {"built_site", "site_url"} and not item.get_closest_marker("site"):
            item.add_marker(pytest.mark.site)


def in_unit_tier(item: pytest.Item) -> bool:
    return not any(item.get_closest_marker(name) for name in OUT_OF_UNIT_TIER)


class SubprocessInUnitTier(RuntimeError):
    pass


@pytest.fixture(autouse=True)
def _compiled_templates_in_memory_after_each_test() -> Iterator[None]:
    """A build in this process points the compiled templates at its cache folder on disk: the next test starts
    without it, as a new process would."""
    yield
    from scripts.pages.template_cache import TEMPLATES

    TEMPLATES.keep_in(None)


@pytest.fixture(autouse=True)
def _no_subprocess_in_the_unit_tier(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> None:
    """A unit-tier test may not start a process: call the code in-process (:func:`run_cli`), or mark the test
    ``slow`` (or ``site``) with the reason it needs one."""
    if not in_unit_tier(request.node):
        return

    def refuse(*args: object, **kwargs: object) -> None:
        raise SubprocessInUnitTier(
            f"{request.node.nodeid} started a process ({args[0] if args else ''!r}) in the unit tier: call the code "
            "in-process (tests.conftest.run_cli for the CLI), or mark the test @pytest.mark.slow with the reason "
            "it needs a process")

    monkeypatch.setattr(subprocess, "Popen", refuse)
    for name in ("system", "fork", "forkpty", "posix_spawn", "posix_spawnp", "execv", "execve"):
        if hasattr(os, name):
            monkeypatch.setattr(os, name, refuse)
    import multiprocessing.util

    monkeypatch.setattr(multiprocessing.util, "spawnv_passfds", refuse)


def run_cli(*args: str, cwd: Path = ROOT, env: dict | None = None) -> subprocess.CompletedProcess:
    """Run the CLI (``python -m scripts ARGS``) in this process, from ``cwd`` with ``env`` added to the
    environment, capturing its output and its exit code as a process would give them: the code ``main``
    returns, argparse's exit code on a usage error, and 1 with a traceback on stderr for an uncaught exception."""
    from scripts.cli import main

    stdout, stderr = io.StringIO(), io.StringIO()
    saved_env, saved_cwd = dict(os.environ), os.getcwd()
    try:
        os.environ.update(env or {})
        os.chdir(cwd)
        with contextlib.redirect_stdout(stdout), contextlib.redirect_stderr(stderr):
            try:
                code = main(list(args))
            except SystemExit as exit_:
                code = exit_.code if isinstance(exit_.code, int) else (0 if exit_.code is None else 1)
                if isinstance(exit_.code, str):
                    print(exit_.code, file=sys.stderr)
            except Exception:  # noqa: BLE001 - what Python does at the top of a process
                traceback.print_exc()
                code = 1
    finally:
        os.chdir(saved_cwd)
        os.environ.clear()
        os.environ.update(saved_env)
    return subprocess.CompletedProcess(["python", "-m", "scripts", *args], code, stdout.getvalue(), stderr.getvalue())


def run_cli_process(*args: str, cwd: Path = ROOT, env: dict | None = None) -> subprocess.CompletedProcess:
    """Run ``python -m scripts ARGS`` in a process of its own, as a user would, capturing its output (builds and
    tests of the process itself: out of the unit tier)."""
    return subprocess.run([sys.executable, "-m", "scripts", *args], cwd=cwd, capture_output=True, text=True,
                          env={**os.environ, **(env or {})}, check=False, timeout=600)


@functools.cache
def real_dataset():  # noqa: ANN201 - a scripts.data.Dataset
    """The project's data (guidelines_data), loaded once per test session: read it, never change it (copy the
    folder and load the copy to test a change)."""
    from scripts.data import load_dataset

    return load_dataset(DATA)


@functools.cache
def real_pages() -> tuple:
    """The English pages generated from the real data (:func:`scripts.pages.generate_pages`), once per test
    session: read them, never change them."""
    from scripts.pages import generate_pages

    return tuple(generate_pages(real_dataset(), "en"))


@pytest.fixture
def minimal_data(tmp_path: Path) -> Path:
    """A writable copy of the minimal valid data set, for tests that break it."""
    target = tmp_path / "data"
    shutil.copytree(TEST_DATA / "minimal", target)
    return target


@pytest.fixture(scope="session")
def built_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The real site, built once per test session with the project's build command."""
    site = tmp_path_factory.mktemp("build") / "site"
    result = run_cli_process("build", "--quiet", "--site-dir", str(site))
    assert result.returncode == 0, f"the site did not build:\n{result.stdout}\n{result.stderr}"
    return site


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args: object) -> None:
        pass


class LocalServer(http.server.ThreadingHTTPServer):
    """The test sessions' web server, on 127.0.0.1 only. Its threads serve while other tests run, and the CLI tests
    run the CLI in this process with ``sys.stderr`` redirected into what they check (:func:`run_cli`): a
    request's error is never written there. A browser that drops a connection (a cancelled request, a closed
    page) is not an error of the site and says nothing; any other error goes to the process's own stderr."""

    def handle_error(self, request: object, client_address: object) -> None:
        if isinstance(sys.exc_info()[1], (ConnectionResetError, BrokenPipeError, ConnectionAbortedError)):
            return
        print(f"error while serving {client_address}:", file=sys.__stderr__)
        traceback.print_exc(file=sys.__stderr__)


def serve(directory: Path) -> Iterator[str]:
    handler = functools.partial(_QuietHandler, directory=str(directory))
    server = LocalServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()


@pytest.fixture(scope="session")
def site_url(built_site: Path) -> Iterator[str]:
    """The built site, served on 127.0.0.1 only."""
    yield from serve(built_site)


@pytest.fixture(scope="session")
def browser():
    """Debian's Chromium driven by Playwright (never a downloaded browser)."""
    if not Path(CHROMIUM).exists():
        pytest.fail(f"{CHROMIUM} is missing: run the tests with `make test`, which installs Debian's chromium")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


class RecordedPage:
    """A browser page that records every request it makes and blocks any to another host."""

    def __init__(self, context):  # noqa: ANN001
        self.context = context
        self.page = context.new_page()
        self.requests: list[str] = []
        self.console_errors: list[str] = []
        context.route("**/*", self._route)
        self.page.on("console", lambda m: m.type == "error" and self.console_errors.append(m.text))
        self.page.on("pageerror", lambda e: self.console_errors.append(str(e)))

    def _route(self, route, request) -> None:  # noqa: ANN001
        self.requests.append(request.url)
        host = urlparse(request.url).hostname
        if request.url.startswith(("data:", "blob:")) or host == "127.0.0.1":
            route.continue_()
        else:
            route.abort()

    def foreign_requests(self) -> list[str]:
        return [u for u in self.requests
                if not u.startswith(("data:", "blob:")) and urlparse(u).hostname != "127.0.0.1"]


@pytest.fixture
def recorded_page(browser) -> Iterator[RecordedPage]:  # noqa: ANN001
    context = browser.new_context(service_workers="block")
    recorded = RecordedPage(context)
    yield recorded
    context.close()
