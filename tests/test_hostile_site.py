"""Issue 17, text is text: nothing from the data or a catalog runs, loads or leaves the site.

Two walls. The first (validator, ``i18n check``, the translator) refuses markup in data and translations: the
build of a hostile data set stops. The second (nh3 on every page's content, a Content-Security-Policy on every
page) is proved by building the same hostile data and catalog with the first wall switched off, and opening
the result in Chromium: no dialog fires, no element carries an event handler, no request leaves 127.0.0.1.
The real site is scanned the same way (no on*= attribute, javascript: URL or frame the project did not write).
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import polib
import pytest
import yaml
from lxml import html as lxml_html

from tests.conftest import DATA, ROOT, real_dataset, run_cli, run_cli_process, serve

#: builds a site (or serves one) of its own: the site tier, not the unit tier (tests/conftest.py)
pytestmark = pytest.mark.site

ATTACK = ('Hostile <script>alert("script")</script> <img src=x onerror=alert("img")> '
          '[click](javascript:alert("link")) <iframe src="https://attacker.example/frame"></iframe> '
          '![pixel](https://attacker.example/pixel.png) <a href="https://attacker.example/" onmouseover=alert(1)>x</a> '
          '<svg onload=alert("svg")></svg> end{: onfocus=alert("attr") tabindex=0 }')
TITLE_ATTACK = 'Guidelines</title><script>alert("title")</script>'
MEASURE = "le-international"


def _edit_yaml(path: Path, change) -> None:  # noqa: ANN001
    header = path.read_text(encoding="utf-8").splitlines()[0]
    content = yaml.safe_load(path.read_text(encoding="utf-8"))
    change(content)
    path.write_text(header + "\n" + yaml.safe_dump(content, sort_keys=False, allow_unicode=True), encoding="utf-8")


@pytest.fixture(scope="module")
def hostile_data(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The real data with hostile text in a glossary definition and a measure's guidance, and hostile French
    translations of that measure's heading and of the site title (which every French page's <title> holds)."""
    data = tmp_path_factory.mktemp("hostile") / "guidelines_data"
    shutil.copytree(DATA, data)
    dataset = real_dataset()
    heading = dataset.guidelines.measure(MEASURE).heading

    def glossary(content: dict) -> None:
        content["terms"][0]["definition"] = ATTACK

    def guidelines(content: dict) -> None:
        measure = next(m for m in content["measures"] if m["id"] == MEASURE)
        measure["guidance"]["asks"] = ATTACK

    _edit_yaml(data / "glossary.yaml", glossary)
    _edit_yaml(data / "guidelines.yaml", guidelines)
    po = polib.pofile(str(data / "locales" / "fr.po"))
    entry = po.find(heading)
    assert entry is not None
    entry.msgstr = ATTACK.replace("Hostile", "Hostile traduction")
    entry.flags = [f for f in entry.flags if f != "fuzzy"]
    title = po.find(dataset.site.title)
    assert title is not None
    title.msgstr, title.flags = TITLE_ATTACK, []
    po.save(str(data / "locales" / "fr.po"))
    return data


def test_the_first_wall_refuses_the_hostile_data_and_catalog(hostile_data: Path, tmp_path: Path) -> None:
    site = tmp_path / "site"
    result = run_cli_process("build", "--site-dir", str(site), "--data", str(hostile_data))
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    index = [m.id for m in real_dataset().guidelines.measures].index(MEASURE)
    for where in (r"glossary\.yaml:\d+:\d+: terms\[0\]\.definition: ",
                  rf"guidelines\.yaml:\d+:\d+: measures\[{index}\]\.guidance\.asks: "):
        assert re.search(where + r"expected plain text or Markdown", result.stderr), (where, result.stderr)
    assert not site.exists()
    check = run_cli("i18n", "--data", str(hostile_data), "check", "fr")
    assert check.returncode == 1 and "Traceback" not in check.stderr
    assert re.search(r"fr\.po:\d+: msgid '.*': the translation holds raw HTML", check.stderr), check.stderr
    title = real_dataset().site.title
    assert re.search(rf"fr\.po:\d+: msgid {re.escape(repr(title))}: the translation holds raw HTML \(</title",
                     check.stderr), check.stderr


#: builds with the first wall switched off, as if a hostile string had got past the checks
_WITHOUT_FIRST_WALL = """
import sys
from pathlib import Path

import scripts.data.markup as markup
markup.markup_problems = lambda text: []
import scripts.i18n.translator as translator
translator.markup_problems = markup.markup_problems
from scripts.build import build_site
from scripts.settings import Settings

sys.exit(build_site(Path(sys.argv[1]), Settings(Path(sys.argv[2]).resolve(), languages=("fr",), quiet=True)))
"""


@pytest.fixture(scope="module")
def hostile_site(hostile_data: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    site = tmp_path_factory.mktemp("hostile-site") / "site"
    result = subprocess.run([sys.executable, "-c", _WITHOUT_FIRST_WALL, str(site), str(hostile_data)], cwd=ROOT,
                            capture_output=True, text=True, check=False, timeout=900,
                            env={**os.environ, "GUIDELINES_NO_CACHE": "1"})
    assert result.returncode == 0, result.stdout + result.stderr
    # the hostile text did reach the pages: what the test looks at is the second wall
    page = (site / "guidelines" / MEASURE / "index.html").read_text(encoding="utf-8")
    assert "Hostile" in page and "end" in page
    return site


def unsafe_markup(site: Path) -> Iterator[str]:
    """Every event handler attribute, javascript: URL, frame or embedded object in the built pages, and every
    page without exactly one Content-Security-Policy (before any script) or with inline scripts allowed."""
    for path in sorted(site.rglob("*.html")):
        text = path.read_text(encoding="utf-8")
        where = path.relative_to(site)
        tree = lxml_html.fromstring(text)
        for element in tree.iter():
            if not isinstance(element.tag, str):
                continue
            if element.tag in ("iframe", "frame", "object", "embed", "applet", "base"):
                yield f"{where}: <{element.tag}>"
            for name, value in element.attrib.items():
                if name.lower().startswith("on"):
                    yield f"{where}: <{element.tag} {name}=...>"
                if re.sub(r"[\x00-\x20]", "", value).lower().startswith(("javascript:", "vbscript:", "data:text")):
                    yield f"{where}: <{element.tag} {name}={value[:40]!r}>"
        head = text.split("</head>")[0]
        policies = re.findall(r'<meta http-equiv="Content-Security-Policy" content="([^"]*)">', head)
        if len(policies) != 1:
            yield f"{where}: {len(policies)} Content-Security-Policy meta tags"
            continue
        script_src = re.search(r"script-src([^;]*)", policies[0])
        if not script_src or "'unsafe-inline'" in script_src.group(1) or "*" in policies[0]:
            yield f"{where}: the policy allows inline or foreign scripts: {policies[0]}"
        first_script = head.find("<script")
        if first_script != -1 and first_script < head.find("Content-Security-Policy"):
            yield f"{where}: a script comes before the policy"


def test_the_built_site_carries_nothing_active_the_project_did_not_write(built_site: Path) -> None:
    problems = list(unsafe_markup(built_site))
    assert not problems, "\n".join(problems[:30])
    languages = [lang.code for lang in real_dataset().site.languages]
    for code in languages[1:]:
        assert (built_site / code / "index.html").is_file(), code  # every language was scanned


def test_the_second_wall_keeps_hostile_text_inert_in_the_pages(hostile_site: Path) -> None:
    problems = list(unsafe_markup(hostile_site))
    assert not problems, "\n".join(problems[:30])
    for path in hostile_site.rglob("*.html"):
        tree = lxml_html.fromstring(path.read_text(encoding="utf-8"))
        # the attacker's addresses may be shown as text or be a plain link (links to https are allowed text),
        # never an address the page itself loads
        loads = ("src", "srcset", "data", "poster", "background", "action", "formaction", "style")
        loaded = [f"<{e.tag} {name}={value!r}>" for e in tree.iter() if isinstance(e.tag, str)
                  for name, value in e.attrib.items() if "attacker.example" in value
                  and (name in loads or (name == "href" and e.tag != "a"))]
        assert not loaded, (path, loaded)
        assert not [s.text for s in tree.iter("script") if s.text and "alert(" in s.text], path


@pytest.mark.browser
def test_in_chromium_nothing_fires_and_nothing_leaves(hostile_site: Path, recorded_page) -> None:  # noqa: ANN001
    page = recorded_page.page
    dialogs: list[str] = []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    with_handlers = """() => [...document.querySelectorAll('*')].filter(
        e => [...e.attributes].some(a => a.name.toLowerCase().startsWith('on'))).map(e => e.outerHTML.slice(0, 80))"""
    for url_server in serve(hostile_site):
        for path in ("", "glossary/", f"guidelines/{MEASURE}/", f"fr/guidelines/{MEASURE}/", "fr/glossary/"):
            page.goto(url_server + path)
            page.wait_for_load_state("load")
            if path:  # the home page shows only the hostile site title
                assert "Hostile" in page.locator("article").first.inner_text(), path
            # hover and focus everything a handler could have been put on
            for link in page.locator("article a").all()[:40]:
                link.hover(timeout=2000)
            page.keyboard.press("Tab")
            page.wait_for_timeout(200)
            assert page.evaluate(with_handlers) == [], path
            assert page.evaluate("() => document.querySelectorAll('iframe, object, embed').length") == 0, path
            assert page.evaluate("() => [...document.links].filter(a => a.protocol === 'javascript:').length") == 0
            if path.startswith("fr/"):  # the translated site title's markup stayed text inside <title>
                assert TITLE_ATTACK in page.title(), page.title()
        # the search works under the policy, and finds the hostile text as text
        page.goto(url_server + f"guidelines/{MEASURE}/")
        page.locator("label.md-search__icon, .md-search__input").first.click()
        page.locator("input.md-search__input").fill("Hostile")
        page.wait_for_selector(".md-search-result__item", timeout=30000)
    assert dialogs == [], dialogs
    assert recorded_page.foreign_requests() == [], recorded_page.foreign_requests()
    blocked = [m for m in recorded_page.console_errors if "Content Security Policy" in m]
    assert blocked == [], blocked  # the sanitizer left the policy nothing to block, the theme needs nothing else
