"""Python-Markdown's inline step without the searches that cannot find anything: the same HTML, less CPU.

Python-Markdown turns the text of every paragraph, list item, table cell and heading into inline elements by
trying each inline pattern in turn over the text (``InlineProcessor``, 14 patterns with our extensions), each a
regular-expression search and a few Python calls, even where the text holds none of the characters the pattern
starts with. In a cold build that was about a sixth of all CPU time, and most texts of the generated pages hold no
backtick, bracket, angle bracket, ampersand, asterisk or underscore at all.

Each pattern whose regular expression is one of Python-Markdown's own (:data:`_NEEDS`, compared as the text of the
expression) is skipped for a text that holds none of the strings any match of it holds; a pattern of any other
kind is always tried, as before. Skipping a pattern does what the step does when its search finds nothing (the next
pattern is tried from the start of the text), so the result is the same: :func:`needs` is the whole of the
judgement, and ``tests/test_quick_inline.py`` compares the HTML of every generated English page, every hand-written
page and random texts with Python-Markdown's own.

The step is Python-Markdown's ``InlineProcessor`` with one method replaced, ``__handleInline`` (named
``_InlineProcessor__handleInline`` from outside the class), whose loop it repeats. :class:`QuickInline` registers it
in place of the ``inline`` tree processor only while that is Python-Markdown's own class and the method it repeats
is the one it was written from (:data:`REPEATED`, a digest of that method's source): another version of
Python-Markdown keeps its own step until this module has been checked against it.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from markdown import inlinepatterns as patterns
from markdown import util
from markdown.extensions import Extension
from markdown.treeprocessors import InlineProcessor

from scripts.files import file_digest, source_digest

#: the text of each of Python-Markdown's own inline expressions -> the strings of which every match holds one
_NEEDS: dict[str, tuple[str, ...]] = {
    patterns.BACKTICK_RE: ("`",),  # backslashes count only before a backtick (a look-ahead)
    patterns.ESCAPE_RE: ("\\",),
    patterns.LINK_RE: ("[",),  # REFERENCE_RE is the same expression
    patterns.IMAGE_LINK_RE: ("![",),  # and IMAGE_REFERENCE_RE
    patterns.AUTOLINK_RE: ("<",),
    patterns.AUTOMAIL_RE: ("<",),
    patterns.HTML_RE: ("<",),
    patterns.ENTITY_RE: ("&",),
    patterns.LINE_BREAK_RE: ("  \n",),
}
#: the classes whose search is their expression's (the new-style processors of Python-Markdown's own patterns)
_KNOWN = (patterns.BacktickInlineProcessor, patterns.EscapeInlineProcessor, patterns.ReferenceInlineProcessor,
          patterns.LinkInlineProcessor, patterns.ImageInlineProcessor, patterns.ImageReferenceInlineProcessor,
          patterns.ShortReferenceInlineProcessor, patterns.ShortImageReferenceInlineProcessor,
          patterns.AutolinkInlineProcessor, patterns.AutomailInlineProcessor, patterns.SubstituteTagInlineProcessor,
          patterns.HtmlInlineProcessor)
_SOURCE = file_digest(Path(__file__)).hex()[:16]
#: the digest of the source of ``InlineProcessor.__handleInline`` as :class:`QuickInlineProcessor` repeats it
#: (Python-Markdown 3.11.3)
REPEATED = "fe27babc114aed0a"


def repeated_step() -> str | None:
    """The digest of the installed ``InlineProcessor.__handleInline``'s source (taken once per process:
    :func:`scripts.files.source_digest`), or None when it has none."""
    return source_digest(InlineProcessor.__dict__.get("_InlineProcessor__handleInline"))


def needs(pattern: Any) -> tuple[str, ...] | None:
    """The strings of which every match of ``pattern`` holds one, or None when that is not known (always tried)."""
    if type(pattern) is patterns.DelimiterProcessor:  # noqa: E721 - exactly Python-Markdown's (emphasis, strong)
        tokens = tuple(pattern.tokens)
        expected = "|".join(re.escape(token) for token in tokens) if tokens else r"(?!)"
        return tokens if pattern.compiled_re.pattern == expected else None
    if type(pattern) not in _KNOWN:
        return None
    return _NEEDS.get(pattern.compiled_re.pattern)


class QuickInlineProcessor(InlineProcessor):
    """Python-Markdown's inline step, each pattern tried only on a text that may hold a match of it."""

    def run(self, tree: Any, ancestors: list[str] | None = None) -> Any:
        # the patterns as the step will try them (extensions register theirs after this processor is made)
        self._needs = [needs(pattern) for pattern in self.inlinePatterns]
        known = [n for n in self._needs if n is not None]
        self._any = re.compile("|".join(re.escape(s) for n in known for s in n) or r"(?!)") \
            if len(known) == len(self._needs) else None
        return super().run(tree, ancestors)

    def _InlineProcessor__handleInline(self, data: str, patternIndex: int = 0) -> str:  # noqa: N802, N803
        """``InlineProcessor.__handleInline``: the same loop, without the patterns that cannot match."""
        if isinstance(data, util.AtomicString):
            return data
        if self._any is not None and self._any.search(data) is None:
            return data  # no pattern can match anywhere in it
        start = 0
        count = len(self.inlinePatterns)
        while patternIndex < count:
            need = self._needs[patternIndex]
            if need is not None and not any(data.find(s, start) >= 0 for s in need):
                patternIndex, start = patternIndex + 1, 0  # what a search that finds nothing leads to
                continue
            data, matched, start = self._InlineProcessor__applyPattern(
                self.inlinePatterns[patternIndex], data, patternIndex, start)
            if not matched:
                patternIndex += 1
        return data


class QuickInline(Extension):
    """Registers :class:`QuickInlineProcessor` in place of Python-Markdown's own ``inline`` tree processor."""

    def __init__(self, **kwargs: Any) -> None:
        #: not read: it keys the kept conversions to this module's code (``markdown_cache.site_digest`` reads the
        #: extensions' settings)
        self.config = {"code": ["", "a digest of scripts/render/quick_inline.py"]}
        super().__init__(**kwargs)

    def extendMarkdown(self, md: Any) -> None:  # noqa: N802 - Python-Markdown's name
        if "inline" not in md.treeprocessors or type(md.treeprocessors["inline"]) is not InlineProcessor:
            return  # another extension's step: left as it is
        if repeated_step() != REPEATED or not hasattr(InlineProcessor, "_InlineProcessor__applyPattern"):
            return  # a Python-Markdown whose step is written otherwise: its own step, as it is
        priority = next(item.priority for item in md.treeprocessors._priority if item.name == "inline")
        md.treeprocessors.register(QuickInlineProcessor(md), "inline", priority)


def makeExtension(**kwargs: Any) -> QuickInline:  # noqa: N802 - Python-Markdown's name
    return QuickInline(**kwargs)


#: the name by which MkDocs' configuration lists the extension (Python-Markdown imports it and calls makeExtension)
NAME = __name__


def add_to(config: Any) -> None:
    """Adds the extension to a MkDocs configuration's Markdown extensions (once), by name and with the digest of
    this module's code as its setting: the kept conversions and the kept template HTML key on both."""
    if NAME not in config["markdown_extensions"]:
        config["markdown_extensions"].append(NAME)
    if config["mdx_configs"] is None:
        config["mdx_configs"] = {}
    config["mdx_configs"][NAME] = {"code": _SOURCE}
