"""One Python-Markdown converter per configuration (scripts/render/converter.py): every page converts as MkDocs'
own ``Page.render`` converts it alone (the HTML, the table of contents, the title, the anchors and the links to
anchors), whatever was converted before it; a converter is shared only where that holds."""

from __future__ import annotations

import functools
import weakref
from pathlib import Path
from typing import Any

import pytest
import yaml
from mkdocs.config import load_config
from mkdocs.structure.files import get_files
from mkdocs.structure.pages import (Page, _ExtractAnchorsTreeprocessor, _ExtractTitleTreeprocessor,
                                    _RawHTMLPreprocessor, _RelativePathTreeprocessor)

from scripts.render import converter, hooks, markdown_cache
from scripts.render.markdown_extensions import READ
from scripts.render.mkdocs_config import read_config
from scripts.render.page_anchors import RawHTMLText
from scripts.render.quick_inline import NAME as QUICK_INLINE
from tests.conftest import ROOT, real_pages


def _config(tmp_path: Path, pages: dict[str, str], extensions: list[Any] | None = None) -> Any:
    """A MkDocs configuration of ``pages`` as the render hooks leave it (the quicker inline step added)."""
    docs = tmp_path / "docs"
    for path, text in pages.items():
        (docs / path).parent.mkdir(parents=True, exist_ok=True)
        (docs / path).write_text(text, encoding="utf-8")
    if extensions is None:
        extensions = read_config(ROOT / "mkdocs.yml")["markdown_extensions"]
    (tmp_path / "mkdocs.yml").write_text(yaml.safe_dump({"site_name": "T", "markdown_extensions": extensions}),
                                         encoding="utf-8")
    config = load_config(str(tmp_path / "mkdocs.yml"))
    hooks.on_config(config)
    return config


def _toc(items: Any) -> list:
    return [(item.title, item.id, item.level, _toc(item.children)) for item in items]


def _converted(page: Page) -> tuple:
    links = page.links_to_anchors
    return (page.content, _toc(page.toc), page._title_from_render, sorted(page.present_anchor_ids),
            None if links is None else {file.src_uri: dict(anchors) for file, anchors in links.items()})


def _both(config: Any, files: Any, path: str) -> tuple[tuple, tuple]:
    """``path`` converted by MkDocs' ``Page.render`` (a converter of its own) and by :func:`converter.render`."""
    results = []
    for convert in (Page.render, converter.render):
        page = Page(None, files.get_file_from_path(path), config)
        page.read_source(config)
        convert(page, config, files)
        results.append(_converted(page))
    return results[0], results[1]


@pytest.fixture(autouse=True)
def _nothing_kept(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(converter, "_KEPT", {})
    monkeypatch.setattr(hooks, "_state", {})
    monkeypatch.setattr(markdown_cache, "ACTIVE", {})  # no build under way: nothing comes from kept conversions


def test_every_generated_and_hand_written_page_converts_as_mkdocs_converts_it_alone(tmp_path: Path) -> None:
    pages = {page.path: page.content for page in real_pages()
             if isinstance(page.content, str) and page.path.endswith(".md")}
    pages.update({str(path.relative_to(ROOT / "docs")): path.read_text(encoding="utf-8")
                  for path in sorted((ROOT / "docs").rglob("*.md"))})
    assert len(pages) > 90
    config = _config(tmp_path, pages)
    files = get_files(config)
    shared = []
    for path in sorted(pages):  # one after the other, through the one converter
        alone, kept = _both(config, files, path)
        assert kept == alone, f"{path} converts otherwise after the pages before it"
        shared.append(converter._KEPT.get("converter"))
    assert shared[0] is not None and all(one is shared[0] for one in shared)  # one converter for every page


def test_what_one_page_defines_does_not_reach_the_next(tmp_path: Path) -> None:
    pages = {
        "a.md": "# A\n\nThe HTML here.\n\n*[HTML]: Hyper Text Markup Language\n\n[ref]: other.md\n\n## Same\n",
        "b.md": "# B\n\nThe HTML there, and [a reference][ref].\n\n## Same\n\n```\ncode\n```\n\n!!! note\n    Noted.\n",
        "other.md": "# Other\n",
    }
    config = _config(tmp_path, pages)
    files = get_files(config)
    for path in ("a.md", "b.md", "a.md", "b.md"):
        alone, kept = _both(config, files, path)
        assert kept == alone
    assert "<abbr" not in kept[0] and "[a reference][ref]" in kept[0]  # b.md: nothing of a.md's definitions


def test_the_extensions_of_the_site_and_mkdocs_own_are_all_read(tmp_path: Path) -> None:
    """A Markdown extension added to mkdocs.yml turns off shared notices and the shared converter (the same site,
    slower): it fails here first, so that what it reads and keeps is decided, not missed."""
    config = _config(tmp_path, {"index.md": "# Home\n"})
    assert {"toc", "tables", "fenced_code", QUICK_INLINE} <= set(config["markdown_extensions"])
    assert set(config["markdown_extensions"]) <= READ, sorted(set(config["markdown_extensions"]) - READ)


def test_an_extension_not_known_to_reset_gets_a_converter_per_page(tmp_path: Path) -> None:
    text = "# {name}\n\nA note[^1].\n\n[^1]: The note.\n"
    config = _config(tmp_path, {"a.md": text.format(name="A"), "b.md": text.format(name="B")},
                     [{"footnotes": {"UNIQUE_IDS": True}}, "toc"])
    files = get_files(config)
    for path in ("a.md", "b.md"):
        alone, kept = _both(config, files, path)
        assert kept == alone  # a shared converter would give b.md's notes the ids of a second document
    assert converter._KEPT == {}


def test_the_installed_libraries_are_those_the_module_was_written_for() -> None:
    assert converter.repeated_render() == converter.REPEATED  # after an upgrade: compare render() again
    assert converter.installed() == converter.READ_WITH  # and read the extensions again for what they keep


def test_other_versions_of_the_extensions_get_a_converter_per_page(tmp_path: Path,
                                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    config = _config(tmp_path, {"index.md": "# Home\n"})
    files = get_files(config)
    monkeypatch.setattr(converter, "READ_WITH", {**converter.READ_WITH, "markdown": "9.9"})
    alone, kept = _both(config, files, "index.md")
    assert kept == alone and converter._KEPT == {}


@pytest.mark.parametrize("replaced", ["source", "wrapper"])
def test_another_page_render_is_left_to_mkdocs(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, replaced: str) -> None:
    """A ``Page.render`` whose source is another (an upgrade), or one a plugin wrapped, is called as it is."""
    config = _config(tmp_path, {"index.md": "# Home\n"})
    files = get_files(config)
    called = []
    render = Page.render

    @functools.wraps(render)
    def wrapped(self: Page, *args: Any) -> None:
        called.append(self)
        render(self, *args)

    if replaced == "source":
        monkeypatch.setattr(converter, "REPEATED", "0" * 16)
        monkeypatch.setattr(Page, "render", lambda self, *args: called.append(self) or render(self, *args))
    else:
        monkeypatch.setattr(Page, "render", wrapped)  # the same source, seen through the wrapper
    page = Page(None, files.get_file_from_path("index.md"), config)
    page.read_source(config)
    converter.render(page, config, files)
    assert called == [page] and converter._KEPT == {}
    assert page.content.startswith('<h1 id="home">Home')


def test_a_new_configuration_gets_a_converter_of_its_own(tmp_path: Path) -> None:
    pages = {"index.md": "# Home\n\n## Part\n"}
    first = _config(tmp_path / "one", pages, [{"toc": {"permalink": True}}])
    second = _config(tmp_path / "two", pages, [{"toc": {"permalink": True}}])  # equal, another object
    seen = []
    for config in (first, second, first):
        files = get_files(config)
        alone, kept = _both(config, files, "index.md")
        assert kept == alone
        seen.append(converter._KEPT["converter"])
    assert len({id(kept) for kept in seen}) == 3  # none was used for another configuration


def test_settings_changed_in_the_same_configuration_get_a_converter_of_their_own(tmp_path: Path) -> None:
    config = _config(tmp_path, {"index.md": "# Home\n\n## Part\n"}, [{"toc": {"permalink": True}}])
    files = get_files(config)
    alone, kept = _both(config, files, "index.md")
    assert kept == alone and "headerlink" in kept[0]
    before = converter._KEPT["converter"]
    config["mdx_configs"]["toc"]["permalink"] = False
    alone, kept = _both(config, files, "index.md")
    assert kept == alone and "headerlink" not in kept[0]
    assert converter._KEPT["converter"] is not before


def test_the_kept_converter_holds_nothing_of_the_pages_or_their_site(tmp_path: Path) -> None:
    config = _config(tmp_path, {"index.md": "# Home\n\n<div id=\"x\">raw</div>\n\n[o](other.md)\n",
                                "other.md": "# Other\n"})
    files = get_files(config)
    _both(config, files, "index.md")
    md = converter._KEPT["converter"]
    page_processors = (_RawHTMLPreprocessor, RawHTMLText, _ExtractAnchorsTreeprocessor, _RelativePathTreeprocessor,
                       _ExtractTitleTreeprocessor)
    assert not [item for item in [*md.preprocessors, *md.treeprocessors] if isinstance(item, page_processors)]
    assert md.htmlStash.rawHtmlBlocks == []  # the last page's raw HTML: reset
    held = converter._KEPT["config"]
    assert isinstance(held, weakref.ref) and held() is config  # the configuration: not kept alive from here


def test_none_is_kept_once_a_build_has_ended(tmp_path: Path) -> None:
    config = _config(tmp_path, {"index.md": "# Home\n"})
    _both(config, get_files(config), "index.md")
    assert converter._KEPT
    markdown_cache.finish()
    assert converter._KEPT == {}


def test_an_extension_another_loads_and_not_read_for_its_reset_gets_a_converter_per_page(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    config = _config(tmp_path, {"index.md": "# Home\n\n```\ncode\n```\n"})  # superfences loads highlight
    monkeypatch.setattr(converter, "RESET_READ", converter.RESET_READ - {"pymdownx.highlight"})
    alone, kept = _both(config, get_files(config), "index.md")
    assert kept == alone and converter._KEPT == {}


def test_a_page_converted_during_another_conversion_gets_its_own(tmp_path: Path,
                                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    pages = {"a.md": "# A\n\n<div id=\"held\">raw</div>\n\n## Part A\n\n[B](b.md)\n",
             "b.md": "# B\n\n<p id=\"other\">raw</p>\n\n## Part B\n\n[A](a.md)\n"}
    config = _config(tmp_path, pages)
    files = get_files(config)
    expected = {path: _both(config, files, path)[0] for path in pages}
    converter.release()
    inner = {}
    run = _RelativePathTreeprocessor.run

    def nested(self: Any, root: Any) -> Any:
        if not inner:  # the first conversion converts another page half-way through
            page = inner["page"] = Page(None, files.get_file_from_path("b.md"), config)
            page.read_source(config)
            converter.render(page, config, files)
        return run(self, root)

    monkeypatch.setattr(_RelativePathTreeprocessor, "run", nested)
    page = Page(None, files.get_file_from_path("a.md"), config)
    page.read_source(config)
    converter.render(page, config, files)
    assert _converted(page) == expected["a.md"]
    assert _converted(inner["page"]) == expected["b.md"]


def test_a_conversion_that_fails_leaves_no_converter_behind(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    config = _config(tmp_path, {"index.md": "# Home\n\n[x](other.md)\n", "other.md": "# Other\n"})
    files = get_files(config)
    run = _RelativePathTreeprocessor.run
    monkeypatch.setattr(_RelativePathTreeprocessor, "run", lambda self, root: 1 / 0)
    page = Page(None, files.get_file_from_path("index.md"), config)
    page.read_source(config)
    with pytest.raises(ZeroDivisionError):
        converter.render(page, config, files)
    assert converter._KEPT == {}
    monkeypatch.setattr(_RelativePathTreeprocessor, "run", run)
    alone, kept = _both(config, files, "index.md")
    assert kept == alone


def test_a_build_converts_its_pages_with_one_converter(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Through MkDocs, in a build that keeps nothing: each page goes through :func:`converter.render`."""
    config = _config(tmp_path, {"index.md": "# Home\n\n[x](other.md)\n", "other.md": "# Other\n"})
    files = get_files(config)
    made = []
    monkeypatch.setattr(converter.markdown, "Markdown",
                        lambda *args, **kwargs: made.append(1) or converter.markdown.core.Markdown(*args, **kwargs))
    contents = []
    for path in ("index.md", "other.md"):
        page = markdown_cache.use_cache(Page(None, files.get_file_from_path(path), config))
        page.read_source(config)
        page.render(config, files)
        contents.append(page.content)
    assert made == [1]
    assert '<a href="other/">x</a>' in contents[0] and contents[1].startswith('<h1 id="other">Other')
