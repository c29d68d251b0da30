"""`python -m scripts serve --lang CODE` serves one language at the root and rebuilds it after a YAML edit; a page
open in Chromium is meant to reload itself then (MkDocs' livereload)."""

from __future__ import annotations

import contextlib
import os
import re
import shutil
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import TimeoutError as PlaywrightTimeout

from tests.conftest import DATA, ROOT, RecordedPage
from tests.test_serve import fetch, free_port, wait_for

#: builds a site (or serves one) of its own: the site tier, not the unit tier (tests/conftest.py)
pytestmark = pytest.mark.site

HEADING = "A heading changed while serving"


@contextlib.contextmanager
def serving(tmp_path: Path, language: str, project: Path = ROOT) -> Iterator[tuple[str, Path, Path]]:
    """`serve --lang language` on a copy of the data: (the measure page's URL, the copy, the server's log).
    ``project``: the folder served from (its mkdocs.yml, docs/, overrides/ and scripts/)."""
    data = tmp_path / "data"
    shutil.copytree(DATA, data)
    port = free_port()
    env = {**os.environ, "GUIDELINES_DATA_DIR": str(data), "NO_MKDOCS_2_WARNING": "1"}
    log = tmp_path / "serve.log"
    server = subprocess.Popen([sys.executable, "-m", "scripts", "serve", "--lang", language, "--port", str(port)],
                              cwd=project, env=env, stdout=log.open("w"), stderr=subprocess.STDOUT)
    url = f"http://127.0.0.1:{port}/guidelines/le-strategic-cooperation/"
    try:
        assert wait_for(lambda: fetch(url) is not None, 240), "serve did not come up"
        yield url, data, log
    finally:
        server.terminate()
        server.wait(timeout=30)


def edit_heading(data: Path) -> None:
    """Give the measure le-strategic-cooperation the heading HEADING in the copy's guidelines.yaml."""
    text = (data / "guidelines.yaml").read_text(encoding="utf-8")
    start = text.index("  - id: le-strategic-cooperation\n")
    head = text.index("    heading: ", start)
    end = text.index("\n", head)
    (data / "guidelines.yaml").write_text(f"{text[:head]}    heading: {HEADING}{text[end:]}", encoding="utf-8")


def test_serve_one_language_reloads_after_a_yaml_edit(tmp_path: Path) -> None:
    with serving(tmp_path, "fr") as (url, data, log):
        first = fetch(url)
        assert '<html lang="fr"' in first
        assert HEADING not in first
        edited = time.monotonic()
        edit_heading(data)
        # The French catalog has no translation for the new heading: it shows in English, with the notice.
        assert wait_for(lambda: HEADING in (fetch(url) or ""), 240), "the page was not rebuilt after the YAML edit"
        took = time.monotonic() - edited
        print(f"reloaded {took:.1f}s after the edit")
        page = fetch(url)
        assert '<html lang="fr"' in page and "translation-notice" in page
        # the rebuild converted the pages that show the heading, and reused the others' conversions
        # (scripts.render.markdown_cache)
        counts = re.findall(r"Markdown: (\d+) page\(s\) converted(?: \(\d+ of them by a second process\))?, "
                            r"(\d+) reused", log.read_text(encoding="utf-8"))
        converted, reused = map(int, counts[-1])
        assert len(counts) >= 2 and converted >= 1 and reused >= 1, counts
        # one edit, one rebuild: the build reads (and writes beside) the watched files, and a first version of
        # the file-event watcher (scripts.render.live_reload) took those reads for edits and rebuilt forever
        # (a loop starts the next build as one ends: wait three times as long as this edit took to show)
        builds = log.read_text(encoding="utf-8").count("Building documentation")
        time.sleep(max(4.0, 3 * took))
        assert log.read_text(encoding="utf-8").count("Building documentation") == builds, \
            "serve kept rebuilding without an edit"
        site = re.search(r"Building 'fr' documentation to directory: (\S+)", log.read_text(encoding="utf-8"))
        assert site and Path(site[1]).is_dir(), log.read_text(encoding="utf-8")[-2000:]
    # stopped (SIGTERM) as by Ctrl-C: MkDocs' server removed the site it had built in a temporary folder
    # (scripts.render.live_reload.stop_on_terminate)
    assert "Shutting down" in log.read_text(encoding="utf-8")
    assert not Path(site[1]).exists()


def test_serve_rebuilds_after_an_override_a_configuration_or_a_code_edit(tmp_path: Path) -> None:
    """Found by a review: serve did not watch overrides/ (MkDocs watches theme folders only with --watch-theme),
    and a rebuild kept the navigation of mkdocs.yml as it was when serve started. Run on a copy of the project."""
    project = tmp_path / "project"
    shutil.copytree(ROOT, project, ignore=shutil.ignore_patterns(".venv*", ".git", "site", ".site.*", "tests",
                                                                "build", "__pycache__"))
    with serving(tmp_path, "en", project) as (url, data, log):
        root = url.split("/guidelines/")[0]
        css = project / "overrides" / "assets" / "stylesheets" / "site.css"
        css.write_text(css.read_text(encoding="utf-8") + "\n/* EDITED-WHILE-SERVING */\n", encoding="utf-8")
        assert wait_for(lambda: "EDITED-WHILE-SERVING" in (fetch(f"{root}/assets/stylesheets/site.css") or ""),
                        120), "an edit under overrides/ was not served"
        config = project / "mkdocs.yml"
        text = config.read_text(encoding="utf-8")
        assert "  - About this site: about.md\n" in text
        config.write_text(text.replace("  - About this site: about.md\n",
                                       "  - About this site, renamed: about.md\n"), encoding="utf-8")
        assert wait_for(lambda: "About this site, renamed" in (fetch(f"{root}/about/") or ""), 120), \
            "a navigation edit in mkdocs.yml was not served: " + log.read_text(encoding="utf-8")[-2000:]
        # a code edit: serve keeps its code, says so, and a data edit still shows (the notice must not fail the
        # strict rebuild, as a first version, logged as a warning, did)
        code = project / "scripts" / "pages" / "reference.py"
        code.write_text(code.read_text(encoding="utf-8") + "# an edit while serving\n", encoding="utf-8")
        edit_heading(data)
        assert wait_for(lambda: HEADING in (fetch(url) or ""), 120), \
            "after a code edit, a data edit was not served: " + log.read_text(encoding="utf-8")[-2000:]
        assert "the code of the scripts package changed since this process started" in log.read_text("utf-8")


# Found by this test: the CSP <meta> (scripts.render.security.add_csp) allows inline scripts only by their hashes,
# but MkDocs' server injects its livereload <script> into each page as it serves it, with the build's epoch and a
# request id in its text: no hash written at build time could match it, Chromium refused to run it, and an open
# page never reloaded. The plugin's on_serve now adds that script's hash as the page is sent (tests/test_csp.py).
def test_serve_open_page_reloads_itself_after_a_yaml_edit(tmp_path: Path, recorded_page: RecordedPage) -> None:
    """A page open in Chromium reloads by itself (MkDocs' livereload script, no reload from the test) after a YAML
    edit and shows the new heading: our CSP, privacy and theme rules leave livereload's script running."""
    with serving(tmp_path, "en") as (url, data, log):

        def said() -> str:
            return f"console: {recorded_page.console_errors}; serve log:\n{log.read_text(encoding='utf-8')[-3000:]}"

        page = recorded_page.page
        page.goto(url)
        assert HEADING not in page.locator("article h1").inner_text()
        # The script polls from the page's load event on and MkDocs logs its first (held) poll: the page is
        # listening, and no rebuild is pending that could reload it before the edit.
        assert wait_for(lambda: f"Browser connected: {url}" in log.read_text(encoding="utf-8"), 60), \
            f"livereload's script in the open page never polled serve; {said()}"
        page.evaluate("window.__before_edit = 1")  # a mark on this document: a reload gives a fresh window
        edited = time.monotonic()
        edit_heading(data)
        # no page.reload() nor goto: only livereload's script can bring the new heading (slow machine: 120 s)
        try:
            page.wait_for_function(f"() => document.querySelector('article h1')?.textContent.includes({HEADING!r})",
                                   timeout=120_000)
        except PlaywrightTimeout:
            raise AssertionError(f"the open page did not reload itself after the edit; {said()}") from None
        print(f"the page reloaded itself {time.monotonic() - edited:.1f}s after the edit")
        assert page.evaluate("window.__before_edit") is None, "the heading changed without a fresh document"
        assert recorded_page.foreign_requests() == []
        assert recorded_page.console_errors == []
