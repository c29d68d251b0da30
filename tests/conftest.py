"""Shared fixtures: the project's CLI, a site built once per session, a local server, and Chromium."""

from __future__ import annotations

import functools
import http.server
import os
import shutil
import subprocess
import sys
import threading
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


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """The tiers: every test that drives Chromium is marked ``browser`` and every test on the built site ``site``,
    from the fixtures it uses, so no test can be left out of its tier. ``-m "not browser and not site"`` is the
    unit tier."""
    for item in items:
        fixtures = set(getattr(item, "fixturenames", ()))
        if "browser" in fixtures and not item.get_closest_marker("browser"):
            item.add_marker(pytest.mark.browser)
        if fixtures & {"built_site", "site_url"} and not item.get_closest_marker("site"):
            item.add_marker(pytest.mark.site)


def run_cli(*args: str, cwd: Path = ROOT, env: dict | None = None) -> subprocess.CompletedProcess:
    """Run ``python -m scripts ARGS`` as a user would, capturing its output."""
    return subprocess.run([sys.executable, "-m", "scripts", *args], cwd=cwd, capture_output=True, text=True,
                          env={**os.environ, **(env or {})}, check=False, timeout=600)


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
    result = run_cli("build", "--quiet", "--site-dir", str(site))
    assert result.returncode == 0, f"the site did not build:\n{result.stdout}\n{result.stderr}"
    return site


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args: object) -> None:
        pass


def serve(directory: Path) -> Iterator[str]:
    handler = functools.partial(_QuietHandler, directory=str(directory))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
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
