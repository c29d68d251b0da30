"""The Content-Security-Policy each page carries (scripts.render.security): inline scripts only by their hashes,
never ``'unsafe-inline'``; under ``mkdocs serve``, the live-reload script MkDocs' server adds to each page as it
sends it is allowed by its own hash (scripts.mkdocs_plugin.plugin.on_serve)."""

from __future__ import annotations

import re

from mkdocs.livereload import LiveReloadServer

from scripts.render.security import CSP_MARKER, add_csp, allow_served_script, hash_source

PAGE = ('<!doctype html><html><head><meta charset="utf-8"><title>t</title></head>'
        '<body><script>var theme = 1;</script><script src="assets/x.js"></script>'
        '<script type="application/json">{"a": 1}</script></body></html>')


def directives(page: str) -> dict[str, str]:
    content = re.search(rf'<meta {re.escape(CSP_MARKER)} content="([^"]+)">', page).group(1)
    return {part.split()[0]: " ".join(part.split()[1:]) for part in content.split("; ")}


def served(built: str) -> tuple[str, str]:
    """``built`` as MkDocs' server sends it (its own injection, a private method that uses nothing of ``self``),
    and the text of the script it added."""
    sent = LiveReloadServer._inject_js_into_html(None, built.encode("utf-8"), 1234).decode("utf-8")
    added = sent[sent.rindex("<script>") + len("<script>"):sent.rindex("</script>")]
    assert "livereload(1234" in added
    return sent, added


def test_a_built_page_allows_its_own_inline_scripts_by_hash_only() -> None:
    built = directives(add_csp(PAGE))
    assert built["script-src"] == f"'self' {hash_source('var theme = 1;')}"
    assert "'unsafe-inline'" not in built["script-src"]


def test_a_served_page_allows_the_live_reload_script_by_its_hash_and_nothing_else_more() -> None:
    built = add_csp(PAGE)
    sent, added = served(built)
    allowed = allow_served_script(sent.encode("utf-8"), built.encode("utf-8")).decode("utf-8")
    before, after = directives(built), directives(allowed)
    assert after["script-src"] == before["script-src"] + " " + hash_source(added)
    assert {k: v for k, v in after.items() if k != "script-src"} == {k: v for k, v in before.items()
                                                                      if k != "script-src"}
    assert "'unsafe-inline'" not in after["script-src"]
    # only the policy changed
    assert allowed.replace(" " + hash_source(added), "", 1) == sent


def test_a_page_without_a_policy_or_with_no_script_added_is_sent_as_it_was() -> None:
    bare = PAGE.encode("utf-8")
    sent, _ = served(PAGE)
    assert allow_served_script(sent.encode("utf-8"), bare) == sent.encode("utf-8")  # no policy to extend
    built = add_csp(PAGE).encode("utf-8")
    assert allow_served_script(built, built) == built  # nothing was added


def test_an_edition_page_keeps_file_urls() -> None:
    built = add_csp(PAGE, local_files=True)
    sent, added = served(built)
    allowed = directives(allow_served_script(sent.encode("utf-8"), built.encode("utf-8")).decode("utf-8"))
    assert allowed["script-src"] == f"'self' file: {hash_source('var theme = 1;')} {hash_source(added)}"
    assert allowed["default-src"] == "'self' file:"
