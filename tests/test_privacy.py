"""The built site loads nothing from any other host: a scan of every HTML, CSS and JS file."""

from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urlparse

import yaml

from tests.conftest import ROOT

#: URLs in Material's JS bundle that it only loads under conditions this site never meets; each condition is
#: asserted in a test below, so adding a mermaid diagram or a repo_url makes these tests fail.
DORMANT_IN_THEME_JS = {
    "https://unpkg.com/mermaid@11/dist/mermaid.min.js": "only on pages with mermaid diagrams",
    "https://unpkg.com/resize-observer-polyfill": "only in browsers without ResizeObserver",
    "https://api.github.com/repos/": "only when repo_url names a GitHub repository",
    "https://api.github.com/users/": "only when repo_url names a GitHub repository",
    "https://${e}/api/v4/projects/": "only when repo_url names a GitLab repository",
}

#: Hosts that appear only in XML namespace names (written into files, never fetched): the W3C's, and those the
#: vendored docx library (assets/vendor/docx) writes into every .docx it makes.
XML_NAMESPACE_HOSTS = ("www.w3.org", "schemas.openxmlformats.org", "schemas.microsoft.com", "purl.org",
                       "purl.oclc.org")

#: Attributes through which HTML makes the browser fetch something (not ordinary <a href> links).
LOADING_ATTRIBUTES = {
    ("script", "src"), ("img", "src"), ("img", "srcset"), ("source", "src"), ("source", "srcset"),
    ("iframe", "src"), ("embed", "src"), ("object", "data"), ("video", "src"), ("video", "poster"),
    ("audio", "src"), ("track", "src"), ("input", "src"), ("form", "action"), ("image", "href"),
    ("use", "href"),
}
LOADING_LINK_RELS = {"stylesheet", "preload", "prefetch", "preconnect", "dns-prefetch", "modulepreload", "icon",
                     "apple-touch-icon", "manifest"}
CSS_URL = re.compile(r"""(?:url\(\s*['"]?|@import\s+['"])(?P<url>[^'")\s]+)""")
JS_ABSOLUTE_URL = re.compile(r"""["'`](?P<url>https?://[^"'`\s]+|//[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)+[^"'`\s]*)""")


def is_foreign(url: str) -> bool:
    parsed = urlparse(url.strip())
    return parsed.scheme not in ("", "data", "blob") or url.strip().startswith("//")


class ResourceFinder(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.found: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = {k: v or "" for k, v in attrs}
        for name, value in values.items():
            if (tag, name) in LOADING_ATTRIBUTES or (tag == "link" and name == "href"
                                                     and set(values.get("rel", "").split()) & LOADING_LINK_RELS):
                for candidate in value.split(","):
                    url = candidate.strip().split(" ")[0]
                    if url and is_foreign(url):
                        self.found.append(f"<{tag} {name}={url}>")
            if name == "style":
                self.found += [m["url"] for m in CSS_URL.finditer(value) if is_foreign(m["url"])]

    def handle_data(self, data: str) -> None:
        if self.lasttag == "style":
            self.found += [m["url"] for m in CSS_URL.finditer(data) if is_foreign(m["url"])]


def foreign_loads(site: Path) -> list[str]:
    found: list[str] = []
    for path in sorted(site.rglob("*")):
        if path.suffix == ".html":
            finder = ResourceFinder()
            finder.feed(path.read_text(encoding="utf-8"))
            found += [f"{path.relative_to(site)}: {u}" for u in finder.found]
        elif path.suffix == ".css":
            text = path.read_text(encoding="utf-8")
            found += [f"{path.relative_to(site)}: {m['url']}" for m in CSS_URL.finditer(text) if is_foreign(m["url"])]
        elif path.suffix == ".js":
            text = re.sub(r"/\*.*?\*/", "", path.read_text(encoding="utf-8"), flags=re.S)  # licence comments
            for match in JS_ABSOLUTE_URL.finditer(text):
                url = match["url"]
                if urlparse(url).netloc in XML_NAMESPACE_HOSTS:  # XML namespace names, never fetched
                    continue
                if not any(url.startswith(d) for d in DORMANT_IN_THEME_JS):
                    found.append(f"{path.relative_to(site)}: {url}")
    return found


def test_no_built_file_loads_from_another_host(built_site: Path) -> None:
    assert foreign_loads(built_site) == []


def test_the_scan_catches_foreign_loads(tmp_path: Path) -> None:
    (tmp_path / "a.html").write_text('<link rel="stylesheet" href="https://fonts.googleapis.com/css?f=Roboto">'
                                     '<script src="//cdn.example/x.js"></script><a href="https://coe.int">ok</a>'
                                     '<div style="background: url(https://img.example/x.png)"></div>')
    (tmp_path / "b.css").write_text('@import "https://fonts.example/a.css"; .x{background:url(data:image/png;base64,AA)}')
    (tmp_path / "c.js").write_text('fetch("https://analytics.example/collect")')
    found = foreign_loads(tmp_path)
    assert len(found) == 5, found
    assert not any("coe.int" in f for f in found), "ordinary links are not loads"


def test_conditions_that_keep_theme_urls_dormant(built_site: Path) -> None:
    config = yaml.load((ROOT / "mkdocs.yml").read_text(), Loader=yaml.BaseLoader)  # BaseLoader: ignores !ENV
    assert "repo_url" not in config, "repo_url makes Material call the GitHub/GitLab API from the reader's browser"
    assert config["theme"]["font"] == "false", "Material loads Google Fonts unless theme.font is false"
    assert "extra" not in config or "analytics" not in config["extra"]
    for page in built_site.rglob("*.html"):
        assert 'class="mermaid"' not in page.read_text(encoding="utf-8"), f"{page}: mermaid loads from unpkg"
