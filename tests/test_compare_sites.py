"""``compare-sites``: two built sites compared page by page as a browser parses them (scripts/compare/pages.py)."""

from __future__ import annotations

from pathlib import Path

import pytest

from scripts.compare.pages import canonical, compare_sites
from tests.conftest import run_cli

PAGE = """<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Measure 3</title></head>
<body>
  <article class="md-content typeset" id="main">
    <h2 id="scope">Scope<a class="headerlink" href="#scope" title="Permanent link">&para;</a></h2>
    <p>Officers <em>should</em> name the
       legal basis.</p>
    <ul><li>one<ul><li>two</li></ul></li></ul>
    <p><a href="a/">A</a> <a href="b/">B</a> 2008\u202fг.</p>
    <details class="note" open><summary>More</summary><p>Text</p></details>
    <pre>line one
   line two</pre>
  </article>
</body></html>
"""


def _site(folder: Path, files: dict[str, str]) -> Path:
    for path, text in files.items():
        (folder / path).parent.mkdir(parents=True, exist_ok=True)
        (folder / path).write_text(text, encoding="utf-8")
    return folder


@pytest.mark.parametrize(("before", "after"), [
    ('<article class="md-content typeset" id="main">', '<article id="main"   class="typeset md-content">'),
    ("&para;", "\u00b6"),  # a character and its reference
    ("<body>\n  <article", "<body><!-- another engine --><article"),  # a comment, white space between blocks
    ("name the\n       legal basis.", "name the legal basis."),  # a run of white space in text
    ("name the\n", "name <!-- a comment -->the\n"),  # text on either side of a comment is one text
    ("<li>one<ul>", "<li>one\n<ul>"),  # white space where a block starts: what CommonMark converters write
    ("<p>Officers", "<p>\n Officers"),
    ('class="note" open>', 'class="note" open="open">'),  # a boolean attribute's value
    ("<pre>line one", "<pre>\nline one"),  # the newline a browser drops after <pre>
])
def test_what_a_reader_cannot_see_is_not_a_difference(before: str, after: str) -> None:
    assert before in PAGE
    assert canonical(PAGE.replace(before, after).encode()) == canonical(PAGE.encode())


@pytest.mark.parametrize(("before", "after", "shown"), [
    ("Officers", "Providers", "text 'Providers '"),  # a word
    ('id="scope"', 'id="scope-1"', "<h2 id='scope-1'>"),  # an anchor other pages link to
    ('class="headerlink"', 'class="headerlink" hidden', "hidden"),  # an attribute
    ("<em>should</em>", "<strong>should</strong>", "<strong>"),  # a tag
    ("line one\n   line two", "line one\nline two", "line two"),  # white space where it shows: <pre>
    ('<a href="a/">A</a> <a href="b/">B</a>', '<a href="a/">A</a><a href="b/">B</a>', "text ' '"),  # "A B" or "AB"
    ("2008\u202fг.", "2008 г.", "2008 г."),  # a narrow no-break space is not white space to a browser
    ("<em>should</em> name the", "<em>should name the", "<em>"),  # an unclosed tag: the browser's tree
    ("<!doctype html>\n", "", "doctype ''"),  # no doctype: another rendering mode
])
def test_what_a_reader_sees_differently_is_reported_with_the_lines_that_differ(
        tmp_path: Path, before: str, after: str, shown: str) -> None:
    assert before in PAGE
    old = _site(tmp_path / "old", {"guidelines/m3/index.html": PAGE, "index.html": PAGE})
    new = _site(tmp_path / "new", {"guidelines/m3/index.html": PAGE.replace(before, after), "index.html": PAGE})
    result = compare_sites(old, new)
    assert (result.same, list(result.differing), result.equal) == (["index.html"], ["guidelines/m3/index.html"],
                                                                   False)
    changed = [line for line in result.differing["guidelines/m3/index.html"] if line[:1] in "+-" and
               line[:3] not in ("+++", "---")]
    assert any(shown in line for line in changed), changed


def test_search_indexes_are_compared_as_data_and_other_files_by_presence(tmp_path: Path) -> None:
    index = '{"docs": [{"location": "a/", "text": "x"}], "config": {"lang": ["en"]}}'
    old = _site(tmp_path / "old", {"search/search_index.json": index, "fr/search/search_index.json": index,
                                   "forms/a.docx": "one", "gone.pdf": "x"})
    new = _site(tmp_path / "new", {"search/search_index.json": '{"config": {"lang": ["en"]}, "docs": '
                                   '[{"text": "x", "location": "a/"}]}',
                                   "fr/search/search_index.json": index.replace('"x"', '"y"'),
                                   "forms/a.docx": "two", "added.pdf": "x"})
    result = compare_sites(old, new)
    assert result.same == ["search/search_index.json"]
    assert list(result.differing) == ["fr/search/search_index.json"]
    assert [(line[0], line[1:].strip()) for line in result.differing["fr/search/search_index.json"]
            if line[:1] in "+-" and line[:3] not in ("+++", "---")] == [("-", '"text": "x"'), ("+", '"text": "y"')]
    assert (result.only_old, result.only_new) == (["gone.pdf"], ["added.pdf"])


def test_the_command_lists_what_differs_or_exists_on_one_side_and_fails(tmp_path: Path) -> None:
    old = _site(tmp_path / "old", {"index.html": PAGE, "fr/index.html": PAGE, "gone/index.html": PAGE})
    new = _site(tmp_path / "new", {"index.html": PAGE.replace("&para;", "\u00b6"), "fr/index.html":
                                   PAGE.replace("legal basis", "base légale"), "added/index.html": PAGE})
    done = run_cli("compare-sites", str(old), str(new), "--lines", "3")
    assert done.returncode == 1, done.stderr
    lines = done.stdout.splitlines()
    assert lines[:3] == ["differs: fr/index.html", "    --- old/fr/index.html", "    +++ new/fr/index.html"]
    assert lines[4].startswith("    ... ") and lines[4].endswith(" more lines")
    assert f"only in {old}: gone/index.html" in lines
    assert f"only in {new}: added/index.html" in lines
    assert lines[-1].startswith(f"1 the same, 1 differ, 1 only in {old}, 1 only in {new} ")
    done = run_cli("compare-sites", str(old), str(new), "--under", "fr/", "--lines", "0")
    assert (done.returncode, done.stdout.splitlines()[0], len(done.stdout.splitlines())) == \
        (1, "differs: fr/index.html", 2)


def test_the_same_site_compares_equal_and_what_cannot_be_compared_is_said_plainly(tmp_path: Path) -> None:
    old = _site(tmp_path / "old", {"index.html": PAGE, "a/index.html": PAGE, "search/search_index.json": "{}"})
    done = run_cli("compare-sites", str(old), str(old))
    assert (done.returncode, done.stdout.splitlines()[-1].split(" (")[0]) == \
        (0, f"3 the same, 0 differ, 0 only in {old}, 0 only in {old}")

    refused = {
        "a missing folder": (("compare-sites", str(old), str(tmp_path / "nowhere")),
                             f"compare-sites: not a folder: {tmp_path / 'nowhere'}"),
        "nothing under the prefix": (("compare-sites", str(old), str(old), "--under", "/fr/"),
                                     "compare-sites: no file under '/fr/' in either folder: nothing was compared"),
    }
    broken = _site(tmp_path / "broken", {"index.html": PAGE, "a/index.html": PAGE,
                                         "search/search_index.json": '{"docs": ['})
    refused["a JSON file that does not parse"] = (
        ("compare-sites", str(old), str(broken)),
        f"compare-sites: {broken / 'search/search_index.json'}: is not valid JSON")
    for why, (args, message) in refused.items():
        done = run_cli(*args)
        assert (done.returncode, done.stdout) == (2, ""), why
        assert done.stderr.startswith(message), (why, done.stderr)
        assert "Traceback" not in done.stderr, why
    done = run_cli("compare-sites", str(old), str(old), "--lines", "-1")
    assert done.returncode == 2 and "expected 0 or more, got -1" in done.stderr
