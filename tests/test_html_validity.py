"""Every built HTML page parses cleanly by the WHATWG algorithm (html5lib) and has no duplicate ids.

html5lib reports each point where a browser would have to recover from an error (a stray end tag, an unclosed
element, a duplicate attribute, a missing doctype...). The Nu Html Checker (vnu) would check more, but it needs
a Java runtime and a JAR; html5lib is a plain Python package.
"""

from __future__ import annotations

import os
from collections import Counter
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

import html5lib


def html_problems(file: Path) -> list[str]:
    """Parse errors and duplicate ids of one HTML file, as readable lines."""
    parser = html5lib.HTMLParser(strict=False, namespaceHTMLElements=False)
    document = parser.parse(file.read_bytes())
    problems = []
    for (line, column), code, data in parser.errors:
        detail = ", ".join(f"{k}={v}" for k, v in (data or {}).items())
        problems.append(f"{file}:{line}:{column}: {code}" + (f" ({detail})" if detail else ""))
    ids = Counter(element.get("id") for element in document.iter() if element.get("id"))
    problems += [f"{file}: id {id_!r} is used {n} times" for id_, n in sorted(ids.items()) if n > 1]
    return problems


def test_every_page_parses_cleanly_without_duplicate_ids(built_site: Path) -> None:
    files = sorted(built_site.rglob("*.html"))
    assert len(files) > 50, f"only {len(files)} HTML files were built"
    with ProcessPoolExecutor(max_workers=os.cpu_count() or 2) as pool:
        problems = [p for found in pool.map(html_problems, files, chunksize=20) for p in found]
    assert problems == [], f"{len(problems)} HTML problem(s):\n" + "\n".join(problems[:100])


def test_the_check_finds_parse_errors_and_duplicate_ids(tmp_path: Path) -> None:
    page = tmp_path / "bad.html"
    page.write_text('<!doctype html><html lang="en"><title>t</title><p id="a">one</p><div id="a">two</span></div>',
                    encoding="utf-8")
    problems = html_problems(page)
    assert any("unexpected-end-tag" in p for p in problems), problems
    assert any("id 'a' is used 2 times" in p for p in problems), problems
    good = tmp_path / "good.html"
    good.write_text('<!doctype html><html lang="en"><title>t</title><p id="a">one</p>', encoding="utf-8")
    assert html_problems(good) == []
