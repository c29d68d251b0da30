"""Python-Markdown's inline step without the searches that cannot match (scripts/render/quick_inline.py): the same
HTML as Python-Markdown's own step, on every generated and hand-written page and on random texts, and only where
it knows the patterns."""

from __future__ import annotations

import random
import re
import xml.etree.ElementTree as etree
from pathlib import Path
from typing import Any

import markdown
import pytest
from markdown.inlinepatterns import InlineProcessor as PatternProcessor
from markdown.treeprocessors import InlineProcessor

from scripts.render import hooks, markdown_cache, quick_inline
from scripts.render.mkdocs_config import read_config
from scripts.render.quick_inline import _SOURCE, QuickInline, QuickInlineProcessor, needs
from tests.conftest import ROOT, real_pages


def _site_extensions() -> tuple[list[Any], dict[str, Any]]:
    """The Markdown extensions and their settings of mkdocs.yml, as MkDocs hands them to Python-Markdown."""
    names, configs = [], {}
    for entry in read_config(ROOT / "mkdocs.yml")["markdown_extensions"]:
        name = entry if isinstance(entry, str) else next(iter(entry))
        names.append(name)
        if isinstance(entry, dict):
            configs[name] = entry[name] or {}
    return names, configs


def _converters(*extra: Any) -> tuple[markdown.Markdown, markdown.Markdown]:
    names, configs = _site_extensions()
    return (markdown.Markdown(extensions=[*names, *extra], extension_configs=configs),
            markdown.Markdown(extensions=[*names, *extra, QuickInline()], extension_configs=configs))


def _same(plain: markdown.Markdown, quick: markdown.Markdown, text: str) -> None:
    expected = plain.reset().convert(text)
    assert quick.reset().convert(text) == expected, f"different HTML for {text!r}"


def test_the_site_converts_with_the_quick_step() -> None:
    _, quick = _converters()
    assert type(quick.treeprocessors["inline"]) is QuickInlineProcessor
    priorities = {item.name: item.priority for item in quick.treeprocessors._priority}
    assert priorities["inline"] == 20  # where Python-Markdown puts its own step: before attr_list, toc, ...


def test_every_generated_and_hand_written_page_converts_to_the_same_html() -> None:
    plain, quick = _converters()
    pages = [page.content for page in real_pages() if isinstance(page.content, str) and page.path.endswith(".md")]
    pages += [path.read_text(encoding="utf-8") for path in sorted((ROOT / "docs").rglob("*.md"))]
    assert len(pages) > 90
    calls = {"n": 0}
    apply = InlineProcessor._InlineProcessor__applyPattern

    def counted(*args: Any) -> Any:
        calls["n"] += 1
        return apply(*args)

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(InlineProcessor, "_InlineProcessor__applyPattern", counted)
        tried = []
        for text in pages:
            expected = plain.reset().convert(text)
            before = calls["n"]
            assert quick.reset().convert(text) == expected, f"different HTML for a page beginning {text[:80]!r}"
            tried.append((calls["n"] - before, before))
        plain_calls = calls["n"] - sum(quick_calls for quick_calls, _ in tried)
    # the quick step tries a pattern less than a third as often as Python-Markdown's own on these pages
    assert sum(quick_calls for quick_calls, _ in tried) < plain_calls / 3


#: pieces of Markdown a random text is made of: every inline pattern's start, its neighbours, plain words
_PIECES = ["word", "two words", " ", "  ", "\n", "  \n", "\n\n", "*", "**", "_", "__", "`", "``", "\\", "\\\\",
           "\\*", "\\`", "[", "]", "(", ")", "![", "[a](b)", "[a][r]", "[r]", "![i](j)", "[a](<b c>)", "<", ">",
           "<http://example.org/x>", "<a@b.example>", "<span>", "</span>", "<b class=\"x\">", "<!-- c -->", "&",
           "&amp;", "&#35;", "&copy;", "&x", "~", "^", "=", "{: .k }", "{#id}", "# ", "- ", "1. ", "> ", "| ",
           "!!! note \"t\"\n    ", "    ", "é", "\u00a0", "a_b_c", "*a*", "**b**", "_c_", "***d***", "`e`"]


@pytest.mark.parametrize("seed", range(6))
def test_random_texts_convert_to_the_same_html(seed: int) -> None:
    plain, quick = _converters()
    rng = random.Random(seed)
    references = "\n\n[r]: http://example.org/ref \"T\"\n"
    for _ in range(400):
        text = "".join(rng.choice(_PIECES) for _ in range(rng.randint(1, 30)))
        _same(plain, quick, text + (references if rng.random() < 0.3 else ""))


def test_the_known_patterns_and_what_their_matches_hold() -> None:
    _, quick = _converters()
    found = {name: needs(quick.inlinePatterns[name]) for name in
             ("backtick", "escape", "reference", "link", "image_link", "image_reference", "short_reference",
              "short_image_ref", "autolink", "automail", "linebreak", "html", "entity", "em_strong")}
    assert found == {"backtick": ("`",), "escape": ("\\",), "reference": ("[",), "link": ("[",),
                     "image_link": ("![",), "image_reference": ("![",), "short_reference": ("[",),
                     "short_image_ref": ("![",), "autolink": ("<",), "automail": ("<",), "linebreak": ("  \n",),
                     "html": ("<",), "entity": ("&",), "em_strong": ("*", "_")}


class _Mark(PatternProcessor):
    """A pattern of another extension: ``%word%`` becomes <mark>."""

    def handleMatch(self, m: re.Match, data: str) -> tuple[Any, int, int]:  # noqa: N802
        element = etree.Element("mark")
        element.text = m.group(1)
        return element, m.start(0), m.end(0)


class _MarkExtension(markdown.extensions.Extension):
    def extendMarkdown(self, md: markdown.Markdown) -> None:  # noqa: N802
        md.inlinePatterns.register(_Mark(r"%(\w+)%", md), "mark", 65)
        md.inlinePatterns["em_strong"].add("~", "del,s")  # a delimiter of another extension


def test_a_pattern_it_does_not_know_is_always_tried() -> None:
    plain, quick = _converters(_MarkExtension())
    assert needs(quick.inlinePatterns["mark"]) is None
    assert needs(quick.inlinePatterns["em_strong"]) == ("*", "_", "~")
    for text in ("plain %marked% text", "a ~~gone~~ word", "%a% and *b* and ~c~", "%x%\n\n`%y%`", "~~~a~~~"):
        _same(plain, quick, text)
    assert "<mark>marked</mark>" in quick.reset().convert("plain %marked% text")
    assert "<del>gone</del>" in quick.reset().convert("a ~~gone~~ word")


def test_an_expression_it_does_not_know_is_always_tried() -> None:
    _, quick = _converters()
    pattern = quick.inlinePatterns["link"]
    assert needs(pattern) == ("[",)
    changed = type(pattern)(r"\{\{", quick)  # the same class with another expression
    assert needs(changed) is None


def test_another_extensions_inline_step_is_left_alone() -> None:
    class Theirs(InlineProcessor):
        pass

    class TheirStep(markdown.extensions.Extension):
        def extendMarkdown(self, md: markdown.Markdown) -> None:  # noqa: N802
            md.treeprocessors.register(Theirs(md), "inline", 20)

    converter = markdown.Markdown(extensions=[TheirStep(), QuickInline()])
    assert type(converter.treeprocessors["inline"]) is Theirs


def test_another_version_of_the_step_it_repeats_keeps_python_markdowns_own(monkeypatch: pytest.MonkeyPatch) -> None:
    assert quick_inline.repeated_step() == quick_inline.REPEATED  # the installed Python-Markdown: checked
    monkeypatch.setattr(quick_inline, "REPEATED", "0" * 16)
    converter = markdown.Markdown(extensions=["toc", QuickInline()])
    assert type(converter.treeprocessors["inline"]) is InlineProcessor
    assert converter.convert("*a* [b](c)") == '<p><em>a</em> <a href="c">b</a></p>'


def test_the_hooks_add_it_once_by_name_with_its_codes_digest(monkeypatch: pytest.MonkeyPatch) -> None:
    class Config(dict):
        site_name, site_description, extra = "Site", "", {}

    monkeypatch.setattr(hooks, "_state", {})  # on_config writes the build's state
    config = Config(markdown_extensions=["toc"], mdx_configs={"toc": {"permalink": True}})
    hooks.on_config(config)
    hooks.on_config(config)
    assert config["markdown_extensions"] == ["toc", "scripts.render.quick_inline"]
    assert config["mdx_configs"] == {"toc": {"permalink": True}, "scripts.render.quick_inline": {"code": _SOURCE}}
    unset = Config(markdown_extensions=[], mdx_configs=None)
    quick_inline.add_to(unset)
    assert unset["mdx_configs"] == {"scripts.render.quick_inline": {"code": _SOURCE}}
    assert len(_SOURCE) == 16
    # as MkDocs hands them over: Python-Markdown imports the module by its name
    converter = markdown.Markdown(extensions=config["markdown_extensions"], extension_configs=config["mdx_configs"])
    assert type(converter.treeprocessors["inline"]) is QuickInlineProcessor


def test_kept_conversions_are_keyed_with_its_code() -> None:
    class Config(dict):
        pass

    def digest() -> str:
        settings = {"markdown_extensions": ["toc"], "mdx_configs": {}, "use_directory_urls": True, "validation": {}}
        config = Config(settings)
        quick_inline.add_to(config)
        return markdown_cache.site_digest(config, [])

    before = digest()
    assert digest() == before
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(quick_inline, "_SOURCE", "0" * 16)  # the module's code changed
        assert digest() != before


def test_a_page_mkdocs_renders_goes_through_it(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Through MkDocs itself: its configuration as the hooks leave it, its page, its ``Page.render``."""
    from mkdocs.config import load_config
    from mkdocs.structure.files import get_files
    from mkdocs.structure.pages import Page

    (tmp_path / "docs").mkdir()
    (tmp_path / "docs" / "index.md").write_text("# Home\n\nSome *text*, a [link](other.md) and plain words.\n")
    (tmp_path / "docs" / "other.md").write_text("# Other\n")
    (tmp_path / "mkdocs.yml").write_text("site_name: T\nmarkdown_extensions:\n  - toc:\n      permalink: true\n")
    config = load_config(str(tmp_path / "mkdocs.yml"))
    monkeypatch.setattr(hooks, "_state", {})
    hooks.on_config(config)
    files = get_files(config)
    page = Page(None, files.get_file_from_path("index.md"), config)
    page.read_source(config)
    steps = []
    run = QuickInlineProcessor.run
    monkeypatch.setattr(QuickInlineProcessor, "run", lambda self, *args: steps.append(self) or run(self, *args))
    page.render(config, files)
    assert len(steps) == 1
    assert '<p>Some <em>text</em>, a <a href="other/">link</a> and plain words.</p>' in page.content
