"""A page loads the scripts its content starts, not every script of the site (scripts/render/page_scripts.py)."""

from __future__ import annotations

import re
from pathlib import Path

import material
import pytest

from scripts.render.mkdocs_config import read_config
from scripts.render.page_scripts import GROUPS, SCRIPTS, groups_used, page_scripts

ROOT = Path(__file__).resolve().parent.parent
JAVASCRIPTS = ROOT / "overrides" / SCRIPTS
ALL = [
    SCRIPTS + name for name in (
        "start.js", "form-validators.js", "form-document.js", "form-state.js", "quiz-storage.js",
        "quiz-questions.js", "quiz-progress.js", "quiz-trainer.js", "mou.js", "channels.js")
]


def _names(scripts: list) -> list[str]:
    return [s.rsplit("/", 1)[-1] for s in scripts]


def test_a_page_without_features_loads_only_the_shared_start_up() -> None:
    content = '<h1 id="x">A measure</h1><p class="admonition-title">Note</p><table class="status">…</table>'
    assert _names(page_scripts(content, ALL)) == ["start.js"]


@pytest.mark.parametrize(("content", "expected"), [
    ('<div class="lea-form-root" data-template="x">', ["form-validators.js", "form-document.js", "form-state.js"]),
    ("<section class='training-quiz' data-quiz=\"q\">",
     ["quiz-storage.js", "quiz-questions.js", "quiz-progress.js", "quiz-trainer.js"]),
    ('<div class="md-typeset training-module other" data-module="m1">',
     ["quiz-storage.js", "quiz-questions.js", "quiz-progress.js", "quiz-trainer.js"]),
    ('<button type="button" class="md-button" data-print-page>', ["mou.js"]),
    ('<form data-mou-builder="1">', ["mou.js"]),
    ('<div class="lea-guide">', ["channels.js"]),
])
def test_a_feature_on_the_page_loads_its_scripts_in_order(content: str, expected: list[str]) -> None:
    assert _names(page_scripts(content, ALL)) == ["start.js", *expected]


def test_a_class_named_in_the_text_starts_nothing() -> None:
    """Only an element's class or data attribute counts, not the word in the text."""
    content = "<p>The form root is lea-form-root; data-mou-builder is an attribute.</p>"
    assert groups_used(content) == set()


@pytest.mark.parametrize("content", ['<div class="lea-form-root" data-MOU-Builder></div>',
                                     '<div data-Print-Page="1"></div>', '<section data-mou-builder>'])
def test_an_attribute_counts_whatever_the_case_of_its_name_and_whatever_else_the_page_holds(content: str) -> None:
    """An attribute's name is read in lower case, whether or not the page also holds a class of another group
    (each reading of the page is made only where one of its markers is in the text)."""
    assert "mou" in groups_used(content)
    assert ("forms" in groups_used(content)) == ("lea-form-root" in content)


def test_a_script_in_no_group_is_loaded_on_every_page() -> None:
    scripts = [*ALL, "assets/javascripts/new-feature.js"]
    assert _names(page_scripts("<p>nothing</p>", scripts)) == ["start.js", "new-feature.js"]


def test_every_group_matches_the_site_s_scripts() -> None:
    """The groups name scripts that mkdocs.yml lists, and each group's markers are what its scripts look for:
    renaming a script or a class in the JavaScript without this table fails here, not on a reader's page."""
    listed = [str(getattr(s, "path", s)) for s in read_config(ROOT / "mkdocs.yml")["extra_javascript"]]
    assert listed == ALL
    for group in GROUPS:
        assert set(group.scripts) <= set(listed), group.name
        source = "\n".join((JAVASCRIPTS / Path(s).name).read_text(encoding="utf-8") for s in group.scripts)
        for marker in group.classes:
            assert re.search(r"[.\"' ]" + re.escape(marker) + r"\b", source), (group.name, marker)
        for marker in group.attributes:
            assert f"[{marker}" in source, (group.name, marker)


def test_our_scripts_block_is_material_s_with_the_page_s_scripts() -> None:
    """overrides/main.html copies Material's scripts block (its bundle) and loops over the page's scripts: if
    Material's block changes, the copy must change with it."""
    base = (Path(material.__file__).parent / "templates" / "base.html").read_text(encoding="utf-8")
    block = re.search(r"{% block scripts %}(.*?){% endblock %}", base, re.DOTALL).group(1)
    bundle = re.search(r"<script src=\"{{ '([^']+)' \| url }}\"></script>", block).group(1)
    assert re.sub(r"\s+", " ", block).strip() == (
        f"<script src=\"{{{{ '{bundle}' | url }}}}\"></script> {{% for script in config.extra_javascript %}} "
        "{{ script | script_tag }} {% endfor %}")
    ours = (ROOT / "overrides" / "main.html").read_text(encoding="utf-8")
    assert f"<script src=\"{{{{ '{bundle}' | url }}}}\"></script>" in ours
    assert "{% for script in guidelines_scripts %}" in ours


def test_the_built_pages_load_what_they_use(built_site: Path) -> None:
    """In the real site: a measure page loads none of the features' scripts; every page with a form, a quiz, a
    module, the MoU builder or the channel guide loads that feature's scripts."""
    measure = (built_site / "guidelines" / "le-strategic-cooperation" / "index.html").read_text(encoding="utf-8")
    loaded = re.findall(r'<script src="[^"]*assets/javascripts/([a-z-]+\.js)"', measure)
    assert [name for name in loaded if name != "search-lazy.js"] == ["start.js"]
    seen = set()
    for page in built_site.rglob("*.html"):
        html = page.read_text(encoding="utf-8")
        content = html.split('<article class="md-content__inner', 1)[-1]
        for group in groups_used(content):
            seen.add(group)
            for script in next(g for g in GROUPS if g.name == group).scripts:
                assert f"/{Path(script).name}\"></script>" in html, (page, script)
    assert seen == {g.name for g in GROUPS}
