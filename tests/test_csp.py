"""The Content-Security-Policy each page carries (scripts.render.security): inline scripts only by hash in a
built site; in the ``mkdocs serve`` preview, inline scripts are allowed (its livereload script is added as each page
is sent, so no hash can allow it), and nothing else changes."""

from __future__ import annotations

import re

from scripts.render.security import CSP_MARKER, add_csp, policy

PAGE = ('<!doctype html><html><head><meta charset="utf-8"><title>t</title></head>'
        '<body><script>var theme = 1;</script><script src="assets/x.js"></script></body></html>')


def directives(page: str) -> dict[str, str]:
    content = re.search(rf'<meta {re.escape(CSP_MARKER)} content="([^"]+)">', page).group(1)
    return {part.split()[0]: " ".join(part.split()[1:]) for part in content.split("; ")}


def test_a_built_page_allows_its_own_inline_scripts_by_hash_only() -> None:
    built = directives(add_csp(PAGE))
    assert built["script-src"].startswith("'self' 'sha256-")
    assert "'unsafe-inline'" not in built["script-src"]


def test_a_served_page_allows_inline_scripts_and_nothing_else_more() -> None:
    built, served = directives(add_csp(PAGE)), directives(add_csp(PAGE, live_reload=True))
    assert served["script-src"] == "'self' 'unsafe-inline'"  # no hash beside it: browsers would ignore it
    assert {k: v for k, v in served.items() if k != "script-src"} == \
        {k: v for k, v in built.items() if k != "script-src"}
    assert served["connect-src"] == "'self'" and served["default-src"] == "'self'"


def test_an_edition_keeps_file_urls_in_both() -> None:
    assert policy([], local_files=True, live_reload=True).startswith("default-src 'self' file:; "
                                                                      "script-src 'self' file: 'unsafe-inline';")
