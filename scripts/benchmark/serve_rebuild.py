"""Time from saving one YAML edit to the changed page being served, in a single-language ``serve``.

``python -m scripts serve --lang CODE`` runs on a copy of the data (the real data is never touched); once it
serves the measure page, the copy's guidelines.yaml gets a marker appended to that measure's heading, and the page
is fetched every 50 ms until the marker shows. This is repeated ``edits`` times (a new marker each time) in the
same ``serve``; ``rebuild_seconds`` is the median.
"""

from __future__ import annotations

import json
import re
import shutil
import statistics
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

import yaml

from scripts.benchmark.measure import benchmark_environment
from scripts.build import ROOT

MARKER = "BENCHMARK-EDIT"


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _fetch(url: str) -> str | None:
    try:
        with urllib.request.urlopen(url, timeout=5) as response:  # noqa: S310 - 127.0.0.1 only
            return response.read().decode("utf-8", errors="replace")
    except (urllib.error.URLError, OSError):
        return None


def edit_heading(guidelines: Path, measure: str, marker: str = MARKER) -> None:
    """Append ``marker`` to the heading of ``measure`` in ``guidelines`` (one YAML string changed). The heading is
    read as YAML reads it and written back as a double-quoted YAML string, whatever its style was (plain, single- or
    double-quoted), so the file stays valid; a heading that is not a string on one line is refused, as is an edit
    that would not leave the heading as the old one and the marker."""
    text = guidelines.read_text(encoding="utf-8")
    pattern = re.compile(rf"(- id: {re.escape(measure)}\n(?:[ \t]+.*\n)*?[ \t]+heading: )([^\n]*)")
    found = pattern.search(text)
    if found is None:
        raise RuntimeError(f"the heading of measure {measure!r} was not found in {guidelines}")
    try:
        heading = yaml.safe_load(found[2])
    except yaml.YAMLError:
        heading = None
    if not isinstance(heading, str) or not heading.strip():
        raise RuntimeError(f"the heading of measure {measure!r} in {guidelines} is not a string on one line")
    wanted = f"{heading} {marker}"
    edited = text[:found.start(2)] + json.dumps(wanted, ensure_ascii=False) + text[found.end(2):]
    try:
        result = _heading_in(yaml.safe_load(edited), measure)
    except yaml.YAMLError:
        result = None
    if result != wanted:  # a heading that goes on below its first line
        raise RuntimeError(f"the heading of measure {measure!r} in {guidelines} could not be edited on its line")
    guidelines.write_text(edited, encoding="utf-8")


def _heading_in(data: object, measure: str) -> object:
    """The heading of the entry with id ``measure`` anywhere in ``data`` (parsed YAML), or None."""
    stack = [data]
    while stack:
        item = stack.pop()
        if isinstance(item, dict):
            if item.get("id") == measure and "heading" in item:
                return item["heading"]
            stack.extend(item.values())
        elif isinstance(item, list):
            stack.extend(item)
    return None


def measure_rebuild(data_dir: Path, work: Path, language: str, timeout: float = 600,
                    edits: int = 5) -> dict[str, object]:
    copy = work / "serve-data"
    shutil.rmtree(copy, ignore_errors=True)
    shutil.copytree(data_dir, copy)
    port = _free_port()
    env = benchmark_environment(GUIDELINES_DATA_DIR=str(copy))
    log = (work / "serve.log").open("w", encoding="utf-8")
    started = time.perf_counter()
    server = subprocess.Popen([sys.executable, "-m", "scripts", "serve", "--lang", language, "--port", str(port)],
                              cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT)
    try:
        url = f"http://127.0.0.1:{port}/guidelines/le-strategic-cooperation/"
        if language != _default(copy):
            page = _fetch(f"http://127.0.0.1:{port}/{language}/guidelines/le-strategic-cooperation/")
            url = f"http://127.0.0.1:{port}/{language}/guidelines/le-strategic-cooperation/" if page else url
        while _fetch(url) is None:
            if server.poll() is not None or time.perf_counter() - started > timeout:
                raise RuntimeError(f"serve did not start: see {work / 'serve.log'}")
            time.sleep(0.1)
        first_page = time.perf_counter() - started
        seconds = []
        for n in range(1, edits + 1):
            time.sleep(2)  # let the watcher settle after the previous build
            marker = f"{MARKER}-{n}"
            edit_heading(copy / "guidelines.yaml", "le-strategic-cooperation", marker)
            edited = time.perf_counter()
            while marker not in (_fetch(url) or ""):
                if server.poll() is not None or time.perf_counter() - edited > timeout:
                    raise RuntimeError(f"the edit never showed: see {work / 'serve.log'}")
                time.sleep(0.05)
            seconds.append(time.perf_counter() - edited)
        return {"language": language, "first_page_seconds": first_page,
                "rebuild_seconds": statistics.median(seconds), "edits": len(seconds),
                "rebuild_seconds_each": [round(x, 2) for x in seconds], "url": url.split(str(port), 1)[1]}
    finally:
        server.terminate()
        try:
            server.wait(timeout=20)
        except subprocess.TimeoutExpired:
            server.kill()
            server.wait()
        log.close()


def _default(data_dir: Path) -> str:
    match = re.search(r"^default_language:\s*(\S+)", (data_dir / "site.yaml").read_text(encoding="utf-8"), re.M)
    return match[1] if match else "en"
