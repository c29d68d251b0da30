"""Every internal link and anchor of the built site resolves, checked by LinkChecker (not a hand-written crawler).

The built site is served on 127.0.0.1 and LinkChecker crawls it, one run per language, in parallel (each run
follows the pages of its language and checks, without following, its links into the other languages). Its
AnchorCheck plugin checks every ``#fragment``; external links are recorded but never fetched (checkextern=0).
The server answers with a ``LinkChecker`` header, LinkChecker's documented way to lift its politeness limit of
ten requests a second for a host that allows it.
"""

from __future__ import annotations

import functools
import http.server
import os
import re
import subprocess
import sys
import threading
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest

from tests.conftest import LocalServer
from tests.test_accessibility import DEFAULT_LANGUAGE, LANGUAGES

LINKCHECKER = Path(sys.executable).with_name("linkchecker")
#: LinkChecker's own command, except that it keeps the user it was started as. Run as root (CI), it drops to
#: "nobody" and then, in a checkout only root can read (``mktemp -d``), cannot list its plugins: AnchorCheck is
#: silently off and no anchor is checked (test_the_link_check_fails_on_a_missing_page_and_a_missing_anchor).
RUN_LINKCHECKER = """
import sys

import linkcheck.command.linkchecker as command

command.drop_privileges = lambda: None
sys.argv[0] = "linkchecker"
sys.exit(command.linkchecker())
"""
CONFIG = """\
[checking]
threads=6
maxrequestspersecond=1000
[filtering]
checkextern=0
internlinks={internal}
nofollow={nofollow}
[output]
status=0
[AnchorCheck]
"""


class _UnthrottledHandler(http.server.SimpleHTTPRequestHandler):
    def end_headers(self) -> None:
        self.send_header("LinkChecker", "unthrottled")
        super().end_headers()

    def log_message(self, *args: object) -> None:
        pass


def serve_for_linkchecker(directory: Path) -> Iterator[str]:
    handler = functools.partial(_UnthrottledHandler, directory=str(directory))
    server = LocalServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()


def check_links(root_url: str, work: Path, language: str, others: list[str]) -> tuple[int, str]:
    """Run LinkChecker on one language of the site served at ``root_url``; returns (exit status, report)."""
    base = re.escape(root_url)
    if language == DEFAULT_LANGUAGE:
        start = root_url
        nofollow = f"^{base}({'|'.join(map(re.escape, others))})/" if others else "^$"
    else:
        start = f"{root_url}{language}/"
        nofollow = f"^{base}(?!{re.escape(language)}/)"
    config = work / f"linkcheckerrc-{language}"
    config.write_text(CONFIG.format(internal=f"^{base}", nofollow=nofollow), encoding="utf-8")
    result = subprocess.run([sys.executable, "-c", RUN_LINKCHECKER, "--config", str(config), "--no-status",
                             "--output", "text", start],
                            capture_output=True, text=True, check=False, timeout=1200, cwd=work,
                            env={**os.environ, "HOME": str(work)})
    return result.returncode, result.stdout + result.stderr


def run_all(site: Path, work: Path, languages: list[str]) -> dict[str, tuple[int, str]]:
    others = [code for code in languages if code != DEFAULT_LANGUAGE]
    served = serve_for_linkchecker(site)
    root_url = next(served)
    try:
        with ThreadPoolExecutor(max_workers=os.cpu_count() or 2) as pool:
            futures = {lang: pool.submit(check_links, root_url, work, lang, others) for lang in languages}
            return {lang: future.result() for lang, future in futures.items()}
    finally:
        served.close()


def test_linkchecker_is_installed() -> None:
    assert LINKCHECKER.is_file(), f"{LINKCHECKER} is missing: install the test extras (make test does)"


def test_every_internal_link_and_anchor_resolves(built_site: Path, tmp_path: Path) -> None:
    languages = [code for code in LANGUAGES
                 if code == DEFAULT_LANGUAGE or (built_site / code / "index.html").is_file()]
    assert len(languages) == len(LANGUAGES), f"built languages {languages}, site.yaml declares {LANGUAGES}"
    reports = run_all(built_site, tmp_path, languages)
    failures = {lang: report for lang, (status, report) in reports.items() if status != 0}
    for lang, (status, report) in reports.items():
        assert re.search(r"\b\d+ links? in \d+ URLs? checked", report), f"LinkChecker did not run for {lang}:\n{report}"
    assert failures == {}, "broken links or anchors:\n" + "\n\n".join(
        f"--- {lang} ---\n{report}" for lang, report in failures.items())


@pytest.mark.slow  # runs LinkChecker in a process of its own, as on the built site
def test_the_link_check_fails_on_a_missing_page_and_a_missing_anchor(tmp_path: Path) -> None:
    site = tmp_path / "site"
    (site / "a").mkdir(parents=True)
    (site / "index.html").write_text('<!doctype html><html lang="en"><title>t</title>'
                                     '<a href="a/">fine</a> <a href="a/#here">fine</a> '
                                     '<a href="missing/">gone</a> <a href="a/#nowhere">no anchor</a> '
                                     '<a href="https://example.invalid/">external, never fetched</a>',
                                     encoding="utf-8")
    (site / "a" / "index.html").write_text('<!doctype html><html lang="en"><title>a</title><h1 id="here">a</h1>',
                                           encoding="utf-8")
    work = tmp_path / "work"
    work.mkdir()
    status, report = run_all(site, work, [DEFAULT_LANGUAGE])[DEFAULT_LANGUAGE]
    assert status != 0
    assert "missing/" in report and "404" in report
    assert "nowhere" in report
    assert "2 errors found" in report or "1 error found" in report, report
