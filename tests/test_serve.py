"""`mkdocs serve` generates the pages too, and rebuilds them when a YAML data file changes."""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

from tests.conftest import DATA, ROOT

#: builds a site (or serves one) of its own: the site tier, not the unit tier (tests/conftest.py)
pytestmark = pytest.mark.site


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def fetch(url: str) -> str | None:
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return response.read().decode("utf-8")
    except OSError:
        return None


def wait_for(predicate, seconds: float) -> bool:  # noqa: ANN001
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if predicate():
            return True
        time.sleep(0.5)
    return False


def test_serve_reloads_after_a_yaml_edit(tmp_path: Path) -> None:
    data = tmp_path / "data"
    shutil.copytree(DATA, data, ignore=shutil.ignore_patterns("locales"))
    port = free_port()
    url = f"http://127.0.0.1:{port}/guidelines/le-strategic-cooperation/"
    env = {**os.environ, "GUIDELINES_DATA_DIR": str(data), "NO_MKDOCS_2_WARNING": "1"}
    server = subprocess.Popen([sys.executable, "-m", "mkdocs", "serve", "--dev-addr", f"127.0.0.1:{port}"],
                              cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        assert wait_for(lambda: fetch(url) is not None, 240), "mkdocs serve did not come up"
        assert "A heading changed while serving" not in fetch(url)
        text = (data / "guidelines.yaml").read_text(encoding="utf-8")
        start = text.index("  - id: le-strategic-cooperation\n")
        head = text.index("    heading: ", start)
        end = text.index("\n", head)
        (data / "guidelines.yaml").write_text(text[:head] + "    heading: A heading changed while serving"
                                              + text[end:], encoding="utf-8")
        assert wait_for(lambda: "A heading changed while serving" in (fetch(url) or ""), 240), \
            "the page was not rebuilt after the YAML edit"
    finally:
        server.terminate()
        server.wait(timeout=30)
