"""Which of the site's own scripts a page loads: the ones its content starts.

``mkdocs.yml`` lists every script of the site (``extra_javascript``), and Material's template loads all of them
on every page: a measure page carried the form filler, the quizzes, the MoU builder and the channel guide, about
28 kB gzip of its first view, none of which runs there. Each group below is the scripts of one feature and the
elements its entry point looks for (``document.querySelectorAll`` in the script); a page loads a group when its
content holds one of those elements. A script in no group (``start.js``, and any script added later) is loaded
on every page, so a new script is never silently left out.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

SCRIPTS = "assets/javascripts/"


@dataclass(frozen=True)
class ScriptGroup:
    """The scripts of one feature, in the order ``mkdocs.yml`` lists them, and what in a page starts them: a
    class on an element, or an attribute (``data-*``)."""

    name: str
    scripts: tuple[str, ...]
    classes: frozenset[str] = frozenset()
    attributes: frozenset[str] = frozenset()


GROUPS = (
    # form-state.js: .lea-form-root; form-document.js and form-validators.js serve it alone
    ScriptGroup("forms", (SCRIPTS + "form-validators.js", SCRIPTS + "form-document.js", SCRIPTS + "form-state.js"),
                classes=frozenset({"lea-form-root"})),
    # quiz-questions.js: .training-quiz; quiz-progress.js: .training-progress, .training-status-list,
    # .training-module; quiz-trainer.js: .trainer-notes, .trainer-toggle; quiz-storage.js serves them
    ScriptGroup("quiz", (SCRIPTS + "quiz-storage.js", SCRIPTS + "quiz-questions.js", SCRIPTS + "quiz-progress.js",
                         SCRIPTS + "quiz-trainer.js"),
                classes=frozenset({"training-quiz", "training-progress", "training-status-list", "training-module",
                                   "trainer-notes", "trainer-toggle"})),
    # mou.js: [data-mou-builder], and the print buttons [data-print-page] (the workshop handout)
    ScriptGroup("mou", (SCRIPTS + "mou.js",), attributes=frozenset({"data-mou-builder", "data-print-page"})),
    # channels.js: .lea-guide
    ScriptGroup("channels", (SCRIPTS + "channels.js",), classes=frozenset({"lea-guide"})),
)

#: the group of each grouped script
_GROUP_OF = {path: g.name for g in GROUPS for path in g.scripts}
#: every class and every attribute of every group, for the quick look before a page's tags are read
_CLASS_MARKERS = tuple(sorted(marker for g in GROUPS for marker in g.classes))
_ATTRIBUTE_MARKERS = tuple(sorted(marker for g in GROUPS for marker in g.attributes))

_CLASS = re.compile(r"""\sclass\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'=<>`]+))""")
_TAG = re.compile(r"<[A-Za-z][^>]*>")
_DATA = re.compile(r"\s(data-[A-Za-z0-9_-]+)")


def _classes(content: str) -> set[str]:
    """The class names used in ``content``."""
    classes: set[str] = set()
    for match in _CLASS.finditer(content):
        classes.update((match.group(1) or match.group(2) or match.group(3) or "").split())
    return classes


def _attributes(content: str) -> set[str]:
    """The ``data-*`` attribute names used in ``content``'s tags."""
    attributes: set[str] = set()
    for tag in _TAG.finditer(content):
        attributes.update(m.group(1).lower() for m in _DATA.finditer(tag.group(0)))
    return attributes


def _path(script: Any) -> str:
    return str(getattr(script, "path", script))


def groups_used(content: str) -> set[str]:
    """The names of the groups whose elements ``content`` (a page's HTML) holds."""
    # Most pages hold no marker even as a word: no need to read their tags. Each of the two readings (every class
    # attribute, every tag's attributes) is needed only where one of its markers is in the page's text (most pages
    # with a marker have classes only): a marker that is not in the text is in no class and no tag either (an
    # attribute's name is compared in lower case after its "data-")
    classes = _classes(content) if any(marker in content for marker in _CLASS_MARKERS) else set()
    lowered = content.lower() if "data-" in content else ""
    attributes = _attributes(content) if any(marker in lowered for marker in _ATTRIBUTE_MARKERS) else set()
    return {g.name for g in GROUPS if g.classes & classes or g.attributes & attributes}


def page_scripts(content: str, scripts: Iterable[Any]) -> list[Any]:
    """The entries of ``scripts`` (``extra_javascript``: strings or MkDocs' script values) that a page with this
    content loads, in their order."""
    used = groups_used(content)
    return [s for s in scripts if _GROUP_OF.get(_path(s)) is None or _GROUP_OF[_path(s)] in used]
