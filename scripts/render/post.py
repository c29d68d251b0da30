"""Post-processing on the built files of one language, whichever renderer wrote them.

- the search index rewritten as plain UTF-8 (Material escapes every non-ASCII letter);
- ``sitemap.xml`` with every page's alternates in every language (hreflang), from the pages found in the
  built folder.
"""

from __future__ import annotations

import json
from pathlib import Path
from xml.sax.saxutils import escape

from scripts.staging.languages import LanguageBuild, site_path

#: built files that are not pages of the sitemap
NOT_PAGES = ("404.html",)


def page_urls(site_dir: Path, use_directory_urls: bool = True) -> list[str]:
    """The URL (relative to the language's root) of every page in a built language folder: ``about/`` for
    ``about/index.html`` (``about/index.html`` itself without directory URLs), ``""`` for the home page.
    Other languages' folders (``fr/`` inside the default language's) and the theme's assets are not pages."""
    site_dir = Path(site_dir)
    urls = []
    for path in sorted(site_dir.rglob("*.html")):
        relative = path.relative_to(site_dir).as_posix()
        if relative in NOT_PAGES or relative.startswith(("assets/", "search/")):
            continue
        if use_directory_urls:
            if path.name != "index.html":
                continue
            urls.append(relative[: -len("index.html")])
        else:
            urls.append("" if relative == "index.html" else relative)
    return urls


def rewrite_search_index(site_dir: str) -> None:
    """Material writes the index with ``json.dumps``' default ASCII escapes (``\\u0441`` for every Cyrillic or
    Georgian letter, up to six bytes a letter); write it as plain UTF-8 instead. An index without an escape is
    left as it is: it is that already (the index of :mod:`scripts.render.search_index` is written so)."""
    path = Path(site_dir) / "search" / "search_index.json"
    if not path.is_file():
        return
    text = path.read_text(encoding="utf-8")
    if "\\u" not in text:  # written again, it would be the same text
        return
    data = json.loads(text)
    path.write_text(json.dumps(data, ensure_ascii=False, separators=(",", ":")), encoding="utf-8")


def write_sitemap(site_dir: str, build: LanguageBuild, urls: list[str]) -> None:
    """This language's ``sitemap.xml``: every page with its alternates in every language (hreflang)."""
    def location(language: str, url: str) -> str:
        path = site_path(build, language, url)
        return (build.site_root_url.rstrip("/") + "/" + path) if build.site_root_url else "/" + path

    lines = ['<?xml version="1.0" encoding="UTF-8"?>',
             '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" '
             'xmlns:xhtml="http://www.w3.org/1999/xhtml">']
    for url in sorted(set(urls)):
        lines.append("  <url>")
        lines.append(f"    <loc>{escape(location(build.language, url))}</loc>")
        for code in build.languages:
            lines.append(f'    <xhtml:link rel="alternate" hreflang="{code}" href="{escape(location(code, url))}"/>')
        lines.append(f'    <xhtml:link rel="alternate" hreflang="x-default" '
                     f'href="{escape(location(build.root_language or build.default, url))}"/>')
        lines.append("  </url>")
    lines.append("</urlset>")
    path = Path(site_dir) / "sitemap.xml"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    gz = path.with_suffix(".xml.gz")
    if gz.exists():
        import gzip

        with gzip.GzipFile(gz, "wb", mtime=0) as handle:
            handle.write(path.read_bytes())


