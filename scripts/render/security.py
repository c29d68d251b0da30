"""The second wall behind the text checks: every page's content goes through an allow-list HTML sanitizer, and
every page carries a Content-Security-Policy that lets nothing run or load from anywhere but the site itself.

The validator and ``i18n check`` refuse markup in data and translations (:mod:`scripts.data.markup`). Should
something get past them, :func:`clean_content` (nh3, the Python binding of the Ammonia sanitizer) keeps only
the elements and attributes the project's own templates write: no ``<script>`` that runs, no ``<iframe>``, no
``on*`` handler, no link scheme but http(s), mailto and relative links. :func:`add_csp` then writes the policy
as a ``<meta>`` tag: the theme's inline scripts are allowed by their SHA-256 hashes, computed from the page
itself, never by ``'unsafe-inline'``.
"""

from __future__ import annotations

import base64
import functools
import hashlib
import html as html_module
import re
import secrets

import nh3

#: the elements the templates and Markdown (with the project's extensions) write into a page's content
TAGS = {
    "a", "abbr", "article", "b", "blockquote", "br", "button", "caption", "code", "col", "colgroup", "dd", "del",
    "details", "div", "dl", "dt", "em", "fieldset", "figcaption", "figure", "form", "h1", "h2", "h3", "h4", "h5",
    "h6", "hr", "i", "input", "ins", "kbd", "label", "legend", "li", "mark", "nav", "noscript", "ol", "optgroup",
    "option", "p", "pre", "s", "section", "select", "small", "span", "strong", "sub", "summary", "sup", "table",
    "tbody", "td", "textarea", "tfoot", "th", "thead", "tr", "u", "ul",
}
#: attributes any of them may carry (besides data-* and aria-*)
COMMON = {"class", "id", "title", "hidden", "role", "tabindex", "lang", "dir"}
ATTRIBUTES = {
    "*": COMMON,
    "a": COMMON | {"href", "download", "rel", "hreflang"},
    "abbr": COMMON,
    "button": COMMON | {"type", "disabled", "name", "value"},
    "form": COMMON | {"novalidate", "autocomplete", "name"},
    "input": COMMON | {"type", "name", "value", "placeholder", "required", "checked", "disabled", "readonly",
                       "autocomplete", "autocapitalize", "inputmode", "spellcheck", "min", "max", "step",
                       "pattern", "minlength", "maxlength", "size", "list", "multiple"},
    "textarea": COMMON | {"name", "rows", "cols", "placeholder", "required", "readonly", "disabled", "maxlength",
                          "spellcheck", "autocomplete"},
    "select": COMMON | {"name", "required", "multiple", "disabled", "autocomplete"},
    "option": COMMON | {"value", "selected", "disabled", "label"},
    "optgroup": COMMON | {"label", "disabled"},
    "label": COMMON | {"for"},
    "fieldset": COMMON | {"disabled", "name"},
    "details": COMMON | {"open"},
    "ol": COMMON | {"start", "reversed", "type"},
    "li": COMMON | {"value"},
    "td": COMMON | {"colspan", "rowspan", "headers", "style"},
    "th": COMMON | {"colspan", "rowspan", "headers", "scope", "abbr", "style"},
    "col": COMMON | {"span"},
    "colgroup": COMMON | {"span"},
}
URL_SCHEMES = {"http", "https", "mailto"}

#: the templates' data blocks for the page's scripts (never executed: a JSON type is not a script type)
_DATA_SCRIPT = re.compile(r'<script type="application/json"(?: (?:id|class)="[\w-]+")*>[^<]*</script>')


@functools.cache
def _cleaner() -> nh3.Cleaner:
    """The sanitizer of :func:`clean_content`, made once: ``nh3.clean`` reads its options into a new one for each
    page (on the 98 French pages, 0.056 against 0.046 CPU seconds, the same HTML)."""
    return nh3.Cleaner(tags=TAGS, clean_content_tags={"script", "style", "iframe", "object", "embed", "template", "svg",
                                                      "math", "frame", "frameset"},
                       attributes=ATTRIBUTES, generic_attribute_prefixes={"data-", "aria-"}, url_schemes=URL_SCHEMES,
                       link_rel=None, filter_style_properties={"text-align"}, strip_comments=True)


def clean_content(html: str) -> str:
    """``html`` with only allowed elements, attributes and link schemes left; comments removed."""
    token = secrets.token_hex(16)
    kept: list[str] = []

    def keep(match: re.Match) -> str:
        kept.append(match.group(0))
        return f"<p>{token}-{len(kept) - 1}</p>"

    protected = _DATA_SCRIPT.sub(keep, html)
    cleaned = _cleaner().clean(protected)
    for index, block in enumerate(kept):
        cleaned = cleaned.replace(f"<p>{token}-{index}</p>", block, 1)
    return cleaned


def safe_title(title: str) -> str:
    """A page, section or link title as the theme prints it: raw in the navigation, through ``striptags`` (which
    unescapes) into ``<title>``. Entities are resolved and what would open a tag there is replaced by a look-alike
    (``‹ ›``), so that the title stays text in both places; titles without markup are returned unchanged."""
    text = title
    for _ in range(5):
        unescaped = html_module.unescape(text)
        if unescaped == text:
            break
        text = unescaped
    if not _TAG_START.search(text) and text == title:
        return title
    return text.replace("<", "\u2039").replace(">", "\u203a")


def escape_titles(nav, pages) -> None:  # noqa: ANN001 - MkDocs' own types
    """:func:`safe_title` on every title of the navigation and of every page, before any template renders."""
    stack = list(getattr(nav, "items", []) or [])
    while stack:
        item = stack.pop()
        if isinstance(getattr(item, "title", None), str):
            item.title = safe_title(item.title)
        stack.extend(getattr(item, "children", None) or [])
    for page in pages:
        if isinstance(page.title, str):
            page.title = safe_title(page.title)


_TAG_START = re.compile(r"<\s*[/!?A-Za-z]")


# --------------------------------------------------------------------------------------------------------------
# Content-Security-Policy

_INLINE_SCRIPT = re.compile(r"<script\b([^>]*)>(.*?)</script\s*>", re.DOTALL | re.IGNORECASE)
_DATA_TYPE = re.compile(r"""\btype\s*=\s*["']?application/(?:ld\+)?json""", re.IGNORECASE)
_SRC = re.compile(r"\bsrc\s*=", re.IGNORECASE)
_CHARSET = re.compile(r"<meta charset=[\"']?utf-8[\"']?>", re.IGNORECASE)
CSP_MARKER = 'http-equiv="Content-Security-Policy"'


def hash_source(script: str) -> str:
    """The CSP source that allows the inline script whose text is ``script``."""
    return "'sha256-" + base64.b64encode(hashlib.sha256(script.encode("utf-8")).digest()).decode("ascii") + "'"


def script_hashes(page: str) -> list[str]:
    """The CSP hash sources of every inline script of ``page`` that runs (data blocks and src= scripts aside)."""
    hashes = []
    for attributes, body in _INLINE_SCRIPT.findall(page):
        if _SRC.search(attributes) or _DATA_TYPE.search(attributes):
            continue
        source = hash_source(body)
        if source not in hashes:
            hashes.append(source)
    return hashes


def policy(hashes: list[str], local_files: bool = False) -> str:
    """The page's policy. ``local_files``: an edition, opened from ``file://`` as well as from a server; there
    Chromium does not count other files of the folder as ``'self'``, so ``file:`` is allowed besides (a page
    opened from disk can still reach no other host)."""
    self_ = "'self' file:" if local_files else "'self'"
    return "; ".join([
        f"default-src {self_}",
        f"script-src {self_} {' '.join(hashes)}".rstrip(),
        # Markdown tables align cells with style attributes; styles cannot run code nor, with img-src and
        # font-src limited to the site, send anything anywhere
        f"style-src {self_} 'unsafe-inline'",
        f"img-src {self_} data:",
        f"font-src {self_} data:",
        f"connect-src {self_}",
        f"frame-src {self_}",
        f"worker-src {self_} blob:",
        f"manifest-src {self_}",
        f"media-src {self_}",
        "object-src 'none'",
        "base-uri 'self'",
        f"form-action {self_}",
    ])


def add_csp(page: str, local_files: bool = False) -> str:
    """``page`` with its Content-Security-Policy ``<meta>`` right after ``<meta charset>`` (before any script)."""
    if CSP_MARKER in page:
        return page
    tag = f'<meta {CSP_MARKER} content="{policy(script_hashes(page), local_files)}">'
    match = _CHARSET.search(page)
    if match:
        return page[: match.end()] + "\n  " + tag + page[match.end():]
    head = page.find("<head>")
    if head < 0:
        return page
    return page[: head + 6] + "\n  " + tag + page[head + 6:]


_SCRIPT_SRC = re.compile(rf'(<meta {re.escape(CSP_MARKER)} content="[^"]*?script-src [^;"]*)')


def allow_served_script(sent: bytes, built: bytes) -> bytes:
    """``sent``: the page ``built`` with one inline script added as the server sends it (MkDocs' live reload,
    :meth:`scripts.mkdocs_plugin.plugin.GuidelinesPlugin.on_serve`). Returns ``sent`` whose policy also allows
    that script, by its hash: nothing else is allowed, and every other page keeps its policy as built. A page
    without a policy, or with more than one script added, is returned as it was sent."""
    page, before = sent.decode("utf-8", errors="surrogateescape"), built.decode("utf-8", errors="surrogateescape")
    added = [body for attributes, body in _INLINE_SCRIPT.findall(page) if not _SRC.search(attributes)]
    for attributes, body in _INLINE_SCRIPT.findall(before):
        if not _SRC.search(attributes) and body in added:
            added.remove(body)
    if len(added) != 1:
        return sent
    allowed, count = _SCRIPT_SRC.subn(lambda m: f"{m[1]} {hash_source(added[0])}", page, count=1)
    return allowed.encode("utf-8", errors="surrogateescape") if count else sent
