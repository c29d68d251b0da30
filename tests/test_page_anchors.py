"""A page's anchor ids (scripts/render/page_anchors.py): the raw HTML of its Markdown is parsed for ids only when a
lookup needs it, and every answer is the one MkDocs' own set gives, in the check of the links to anchors too."""

from __future__ import annotations

import logging
from pathlib import Path
from typing import Any

import pytest
from mkdocs.structure.files import get_files
from mkdocs.structure.pages import Page

from scripts.render import converter, hooks, markdown_cache, page_anchors
from scripts.render.page_anchors import PageAnchors, union
from tests.test_converter import _config

PAGES = {
    "index.md": "# Home\n\n## Part {#part}\n\n<div id=\"raw-box\">\n<a name=\"raw-name\"></a>text\n</div>\n\n"
                "```\n<p id=\"in-code\">fenced code: stashed before the raw parse</p>\n```\n",
    "links.md": "# Links\n\n[a](index.md#part) [b](index.md#raw-box) [c](index.md#raw-name) [d](index.md#in-code)\n\n"
                "[e](index.md#missing) [f](#here)\n\n<p id=\"here\">x</p>\n",
}


@pytest.fixture(autouse=True)
def _nothing_kept(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(converter, "_KEPT", {})
    monkeypatch.setattr(hooks, "_state", {})
    monkeypatch.setattr(markdown_cache, "ACTIVE", {})


@pytest.fixture
def parses(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The texts :class:`PageAnchors` parses, in order."""
    seen: list[str] = []

    class Counted(page_anchors._HTMLHandler):
        def feed(self, data: str) -> None:
            seen.append(data)
            super().feed(data)

    monkeypatch.setattr(page_anchors, "_HTMLHandler", Counted)
    return seen


def _pages(tmp_path: Path, convert: Any) -> tuple[Any, Any, dict[str, Page]]:
    config = _config(tmp_path, PAGES)
    files = get_files(config)
    pages = {}
    for path in PAGES:
        page = Page(None, files.get_file_from_path(path), config)
        page.read_source(config)
        convert(page, config, files)
        pages[path] = page
    return config, files, pages


def test_the_raw_html_is_parsed_only_for_an_id_the_tree_lacks_and_only_once(tmp_path: Path,
                                                                            parses: list[str]) -> None:
    _, _, pages = _pages(tmp_path, converter.render)
    anchors = pages["index.md"].present_anchor_ids
    assert isinstance(anchors, PageAnchors) and parses == []
    assert "part" in anchors and "home" in anchors and parses == []  # headings: the tree's
    assert "raw-box" in anchors and len(parses) == 1 and 'id="raw-box"' in parses[0]
    assert "raw-name" in anchors and "missing" not in anchors and len(parses) == 1
    assert "in-code" not in anchors  # the fenced block was stashed before MkDocs' parse, as in MkDocs


def test_every_page_has_the_ids_mkdocs_gives_it(tmp_path: Path) -> None:
    _, _, mkdocs_pages = _pages(tmp_path / "mkdocs", Page.render)
    _, _, ours = _pages(tmp_path / "ours", converter.render)
    for path in PAGES:
        expected = mkdocs_pages[path].present_anchor_ids
        assert isinstance(expected, set) and expected
        assert sorted(ours[path].present_anchor_ids) == sorted(expected), path
        assert ours[path].present_anchor_ids == expected and len(ours[path].present_anchor_ids) == len(expected)


def _checked(pages: dict[str, Page], files: Any, caplog: pytest.LogCaptureFixture) -> list[str]:
    caplog.clear()
    with caplog.at_level(logging.INFO, logger="mkdocs.structure.pages"):
        for page in pages.values():
            page.validate_anchor_links(files=files, log_level=logging.WARNING)
    return [record.getMessage() for record in caplog.records]


def test_the_links_to_anchors_are_checked_as_mkdocs_checks_them(tmp_path: Path,
                                                                 caplog: pytest.LogCaptureFixture) -> None:
    _, files, mkdocs_pages = _pages(tmp_path / "mkdocs", Page.render)
    expected = _checked(mkdocs_pages, files, caplog)
    _, files, ours = _pages(tmp_path / "ours", converter.render)
    found = _checked(ours, files, caplog)
    assert found == expected
    assert [message.split("contains a link ")[1].split(",")[0] for message in found] == \
        ["'index.md#in-code'", "'index.md#missing'"]  # the ids of raw HTML are found; the others are reported


def test_a_union_parses_nothing_and_holds_what_both_hold(parses: list[str]) -> None:
    first = PageAnchors({"a"}, ('<p id="b">',))
    second = PageAnchors({"c"}, ('<a name="d"></a><i name="e"></i>',))
    both = union(first, second)
    also = first | {"f"}
    assert parses == []
    assert union(None, {"x"}) == {"x"} and union(None, None) == set()
    assert set(both) == {"a", "b", "c", "d"} and len(parses) == 2 and "e" not in both
    assert set(also) == {"a", "b", "f"} and len(parses) == 3  # each anchors object parses its own texts once
    assert {"f"} | second == {"c", "d", "f"} and len(parses) == 4


def test_a_notice_converted_apart_adds_its_ids_without_a_parse(tmp_path: Path, parses: list[str]) -> None:
    config, files, pages = _pages(tmp_path, converter.render)
    page = pages["links.md"]
    before = page.present_anchor_ids
    notice = '!!! note "Translated"\n\n    <span id="notice-raw">n</span> [s](index.md#raw-box)\n'
    html = markdown_cache.convert_part(page, notice, config, files)
    assert 'id="notice-raw"' in html and parses == []
    anchors = page.present_anchor_ids
    assert isinstance(anchors, PageAnchors) and anchors is not before and parses == []
    assert "notice-raw" in anchors and "here" in anchors and "links" in anchors
    assert "notice-raw" not in before and "here" in before  # the page's own, as the notices' restore expects


def test_a_kept_conversion_holds_every_id(tmp_path: Path) -> None:
    config = _config(tmp_path, PAGES)
    files = get_files(config)
    markdown_cache.start(tmp_path / "kept.pickle")
    markdown_cache.site_known(config, files)
    page = markdown_cache.use_cache(Page(None, files.get_file_from_path("index.md"), config))
    page.read_source(config)
    page.render(config, files)
    markdown_cache.finish()
    markdown_cache.start(tmp_path / "kept.pickle")
    markdown_cache.site_known(config, files)
    again = markdown_cache.use_cache(Page(None, files.get_file_from_path("index.md"), config))
    again.read_source(config)
    again.render(config, files)
    assert type(again.present_anchor_ids) is set  # taken from the kept conversion, which holds a plain set
    assert {"home", "part", "raw-box", "raw-name"} <= again.present_anchor_ids
    assert set(again.present_anchor_ids) == set(page.present_anchor_ids)
    markdown_cache.finish()


def test_a_text_without_a_tag_keeps_nothing_to_parse(parses: list[str]) -> None:
    anchors = PageAnchors({"a"}, ("no tag here", "x < y"), where="p.md")
    assert "b" not in anchors and parses == ["x < y"]


def test_a_marked_section_is_parsed_with_its_page_and_fails_it_as_in_mkdocs(tmp_path: Path) -> None:
    pages = {"index.md": "# Home\n\nGenerics: enable_if_t<![ns::is](other.md)\n", "other.md": "# Other\n"}
    config = _config(tmp_path, pages)
    files = get_files(config)
    for convert in (Page.render, converter.render):
        page = Page(None, files.get_file_from_path("index.md"), config)
        page.read_source(config)
        with pytest.raises(Exception, match="marked section") as raised:
            convert(page, config, files)
        if convert is converter.render:
            assert "index.md" in str(raised.value)


def test_a_parse_that_raises_later_names_the_page_and_raises_again(monkeypatch: pytest.MonkeyPatch) -> None:
    anchors = PageAnchors({"a"}, ('<p id="b">',), where="guide/page.md")

    class Broken(page_anchors._HTMLHandler):
        def feed(self, data: str) -> None:
            raise AssertionError("the parser's own error")

    monkeypatch.setattr(page_anchors, "_HTMLHandler", Broken)
    assert "a" in anchors  # the tree's ids need no parse
    for _ in range(2):
        with pytest.raises(RuntimeError, match=r"guide/page\.md .*the parser's own error"):
            "b" in anchors  # noqa: B015 - the lookup is what raises
    monkeypatch.undo()
    assert "b" in anchors
