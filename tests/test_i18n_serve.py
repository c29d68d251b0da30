"""`python -m scripts serve --lang fr` serves one language at the root and rebuilds it after a YAML edit."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest

from tests.conftest import DATA, ROOT
from tests.test_serve import fetch, free_port, wait_for

#: builds a site (or serves one) of its own: the site tier, not the unit tier (tests/conftest.py)
pytestmark = pytest.mark.site


def test_serve_one_language_reloads_after_a_yaml_edit(tmp_path: Path) -> None:
    data = tmp_path / "data"
    shutil.copytree(DATA, data)
    port = free_port()
    url = f"http://127.0.0.1:{port}/guidelines/le-strategic-cooperation/"
    env = {**os.environ, "GUIDELINES_DATA_DIR": str(data), "NO_MKDOCS_2_WARNING": "1"}
    log = tmp_path / "serve.log"
    server = subprocess.Popen([sys.executable, "-m", "scripts", "serve", "--lang", "fr", "--port", str(port)],
                              cwd=ROOT, env=env, stdout=log.open("w"), stderr=subprocess.STDOUT)
    try:
        assert wait_for(lambda: fetch(url) is not None, 240), "serve did not come up"
        first = fetch(url)
        assert '<html lang="fr"' in first
        assert "A heading changed while serving" not in first
        text = (data / "guidelines.yaml").read_text(encoding="utf-8")
        start = text.index("  - id: le-strategic-cooperation\n")
        head = text.index("    heading: ", start)
        end = text.index("\n", head)
        edited = time.monotonic()
        (data / "guidelines.yaml").write_text(text[:head] + "    heading: A heading changed while serving"
                                              + text[end:], encoding="utf-8")
        # The French catalog has no translation for the new heading: it shows in English, with the notice.
        assert wait_for(lambda: "A heading changed while serving" in (fetch(url) or ""), 240), \
            "the page was not rebuilt after the YAML edit"
        print(f"reloaded {time.monotonic() - edited:.1f}s after the edit")
        page = fetch(url)
        assert '<html lang="fr"' in page and "translation-notice" in page
        # the rebuild converted the pages that show the heading, and reused the others' conversions
        # (scripts.render.markdown_cache)
        counts = re.findall(r"Markdown: (\d+) page\(s\) converted, (\d+) reused", log.read_text(encoding="utf-8"))
        converted, reused = map(int, counts[-1])
        assert len(counts) >= 2 and converted >= 1 and reused >= 1, counts
    finally:
        server.terminate()
        server.wait(timeout=30)
