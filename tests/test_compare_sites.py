"""``compare-sites``: two built sites compared page by page as a browser reads them (scripts/compare/pages.py)."""

from __future__ import annotations

from pathlib import Path

import pytest

from scripts.compare.pages import canonical, compare_sites
from tests.conftest import run_cli

PAGE = """<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Measure 3</title></head>
<body>
  <article class="md-content" id="main">
    <h2 id="scope">Scope<a class="headerlink" href="#scope" title="Permanent link">&para;</a></h2>
    <p>Officers <em>should</em> name the
       legal basis.</p>
    <pre>line one
   line two</pre>
  </article>
</body></html>
"""


def _site(folder: Path, pages: dict[str, str]) -> Path:
    for path, html in pages.items():
        (folder / path).parent.mkdir(parents=True, exist_ok=True)
        (folder / path).write_text(html, encoding="utf-8")
    return folder


@pytest.mark.parametrize("other", [
    # the same page written by another renderer: attribute order, a character for its reference, white space
    # between blocks and inside a paragraph, a comment
    PAGE.replace('<article class="md-content" id="main">', '<article id="main"   class="md-content">')
        .replace("&para;", "\u00b6")
        .replace("<body>\n  <article", "<body><!-- rendered by another engine --><article")
        .replace("name the\n       legal basis.", "name the legal basis."),
])
def test_what_a_reader_cannot_see_is_not_a_difference(other: str) -> None:
    assert canonical(other.encode()) == canonical(PAGE.encode())


@pytest.mark.parametrize(("change", "shown"), [
    (("Officers", "Providers"), "text 'Providers '"),  # a word
    (('id="scope"', 'id="scope-1"'), "<h2 id='scope-1'>"),  # an anchor other pages link to
    (('class="headerlink"', 'class="headerlink" hidden'), "hidden"),  # an attribute
    (("<em>should</em>", "<strong>should</strong>"), "<strong>"),  # a tag
    (("line one\n   line two", "line one\nline two"), "line two"),  # white space where it shows: <pre>
])
def test_what_a_reader_sees_differently_is_reported_with_the_lines_that_differ(
        tmp_path: Path, change: tuple[str, str], shown: str) -> None:
    old = _site(tmp_path / "old", {"guidelines/m3/index.html": PAGE, "index.html": PAGE})
    new = _site(tmp_path / "new", {"guidelines/m3/index.html": PAGE.replace(*change), "index.html": PAGE})
    result = compare_sites(old, new)
    assert (result.same, list(result.differing), result.equal) == (["index.html"], ["guidelines/m3/index.html"],
                                                                   False)
    added = [line for line in result.differing["guidelines/m3/index.html"] if line.startswith("+") and
             not line.startswith("+++")]
    assert any(shown in line for line in added), added


def test_the_command_lists_pages_that_differ_or_exist_on_one_side_and_fails(tmp_path: Path) -> None:
    old = _site(tmp_path / "old", {"index.html": PAGE, "fr/index.html": PAGE, "gone/index.html": PAGE})
    new = _site(tmp_path / "new", {"index.html": PAGE.replace("&para;", "\u00b6"), "fr/index.html":
                                   PAGE.replace("legal basis", "base légale"), "added/index.html": PAGE})
    done = run_cli("compare-sites", str(old), str(new))
    assert done.returncode == 1, done.stderr
    lines = done.stdout.splitlines()
    assert "differs: fr/index.html" in lines
    assert any("base légale" in line and line.lstrip().startswith("+") for line in lines)
    assert f"only in {old}: gone/index.html" in lines
    assert f"only in {new}: added/index.html" in lines
    assert lines[-1] == f"1 page(s) the same, 1 differ, 1 only in {old}, 1 only in {new}"
    # only the French pages: those differ; --lines 0: their names alone
    done = run_cli("compare-sites", str(old), str(new), "--under", "fr/", "--lines", "0")
    assert (done.returncode, done.stdout.splitlines()[0]) == (1, "differs: fr/index.html")
    assert len(done.stdout.splitlines()) == 2


def test_the_same_site_compares_equal_and_a_missing_folder_is_said_plainly(tmp_path: Path) -> None:
    old = _site(tmp_path / "old", {"index.html": PAGE, "a/index.html": PAGE})
    done = run_cli("compare-sites", str(old), str(old))
    assert (done.returncode, done.stdout.splitlines()[-1]) == (0, f"2 page(s) the same, 0 differ, 0 only in {old}, "
                                                                  f"0 only in {old}")
    done = run_cli("compare-sites", str(old), str(tmp_path / "nowhere"))
    assert done.returncode == 2
    assert done.stdout.strip() == f"compare-sites: not a folder: {tmp_path / 'nowhere'}"
    assert "Traceback" not in done.stderr
