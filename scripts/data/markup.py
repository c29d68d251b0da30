"""What text from the data and the catalogs may hold: a constrained Markdown, never markup of its own.

Data comes from contributors and catalogs from translators: neither may put active content into the site. Text
may hold paragraphs, emphasis, lists and links to ``http(s)``, ``mailto`` or pages of the site. It may not hold
raw HTML (tags, comments, processing instructions), attribute lists (``{: onclick=... }``, ``{#id}``,
``{.class}``), images, or links with any other scheme (``javascript:``, ``data:``, ``file:`` ...).
Control characters other than tab and newline are refused too: they make exports unreadable. So are
private-use characters: no font a reader has agrees on them, and two of them mark measure names in the
generated pages (:mod:`scripts.pages.names`).

The same rules serve the validator (:mod:`scripts.data.models.base`) and ``i18n check``
(:mod:`scripts.i18n.checks`). Whatever slips through is removed from the built pages by the HTML sanitizer
(:mod:`scripts.pages.sanitize`).
"""

from __future__ import annotations

import re

#: an HTML tag, closing tag, comment, declaration or processing instruction
_HTML = re.compile(r"<\s*(?:[A-Za-z][\w:-]*(?=[\s/>])|/\s*[A-Za-z]|!|\?)")
#: a Markdown autolink <scheme:...>
_AUTOLINK = re.compile(r"<([A-Za-z][A-Za-z0-9+.-]*:[^\s<>]*)>")
#: attr_list: {: ...}, {#id ...}, {.class ...}, { key=value }
_ATTR_LIST = re.compile(r"\{\s*(?::|[#.][A-Za-z_-]|[A-Za-z_-][\w-]*\s*=)")
#: an image ![alt](src) or ![alt][ref]
_IMAGE = re.compile(r"!\[[^\]]*\]\s*[(\[]")
#: the target of an inline link [text](target "title") or [text](<target>)
_INLINE_TARGET = re.compile(r"\]\(\s*<?([^)\s>]*)")
#: a reference definition [label]: target
_REFERENCE = re.compile(r"^\s{0,3}\[[^\]]+\]:\s*<?(\S*?)>?(?:\s|$)", re.MULTILINE)
_SCHEME = re.compile(r"^\s*([A-Za-z][A-Za-z0-9+.-]*)\s*:")
#: control characters other than tab, newline and carriage return (and the Unicode line separators)
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\u2028\u2029]")

#: the Basic Multilingual Plane's private-use area (U+E000 and U+E001 mark measure names in generated pages)
_PRIVATE = re.compile(r"[\ue000-\uf8ff]")

ALLOWED_SCHEMES = ("http", "https", "mailto")


def _bad_target(target: str) -> str | None:
    """Why a link target is refused, or None. Relative targets (pages of the site, #anchors) are fine."""
    cleaned = re.sub(r"[\x00-\x20]", "", target)  # browsers ignore whitespace and controls in a scheme
    match = _SCHEME.match(cleaned)
    if match and match.group(1).lower() not in ALLOWED_SCHEMES:
        return f"a link to '{match.group(1).lower()}:' (links may only go to http(s), mailto or pages of the site)"
    if cleaned.startswith("//"):
        return "a protocol-relative link '//' (write the address with https://)"
    return None


def markup_problems(text: str) -> list[str]:
    """What ``text`` holds that text may not hold, each said once (empty when the text is fine)."""
    problems: list[str] = []
    control = _CONTROL.search(text)
    if control:
        problems.append(f"a control character (U+{ord(control.group()):04X}): remove it")
    private = _PRIVATE.search(text)
    if private:
        problems.append(f"a private-use character (U+{ord(private.group()):04X}): remove it")
    without_autolinks = text
    for match in _AUTOLINK.finditer(text):
        why = _bad_target(match.group(1))
        if why:
            problems.append(why)
        without_autolinks = without_autolinks.replace(match.group(0), " ")
    html = _HTML.search(without_autolinks)
    if html:
        shown = without_autolinks[html.start():html.start() + 20].split(">")[0]
        problems.append(f"raw HTML ({shown!s}...): write plain text or Markdown, never HTML")
    if _ATTR_LIST.search(text):
        problems.append("a Markdown attribute list ({: ...}, {#id}, {.class}): these are not allowed in text")
    if _IMAGE.search(text):
        problems.append("an image (![...]): text may not load images")
    for pattern in (_INLINE_TARGET, _REFERENCE):
        for match in pattern.finditer(text):
            why = _bad_target(match.group(1))
            if why and why not in problems:
                problems.append(why)
    return problems


def check_markup(text: str) -> str:
    """A pydantic validator: ``text`` unchanged, or a ValueError saying what it may not hold."""
    problems = markup_problems(text)
    if problems:
        raise ValueError("expected plain text or Markdown (paragraphs, emphasis, lists, links to http(s), mailto "
                         "or pages of the site), found " + "; ".join(problems))
    return text
