"""Staging (scripts/staging): every language's docs folder and settings are decided before a renderer runs, and
the MkDocs configuration derived from them is plain MkDocs (issue 11)."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest

from scripts.build import DEFAULT_CONFIG
from scripts.data.dataset import DEFAULT_DATA_DIR
from scripts.render.mkdocs_config import HOOKS, derived_config, read_config
from scripts.staging.site_config import Tagged, load_site_config, write_config
from scripts.staging.stage import StagingError, stage_language
from scripts.staging.write import MANIFEST, NOTICES, Written, write_tree

# Staging generates every page of a language (several seconds): these belong with the site tier.
pytestmark = pytest.mark.site

CYRILLIC = re.compile(r"[\u0400-\u04FF]")


@pytest.fixture(scope="module")
def base() -> dict:
    return read_config(DEFAULT_CONFIG)


@pytest.fixture(scope="module")
def french(base):
    return stage_language(base, DEFAULT_CONFIG.parent, DEFAULT_DATA_DIR, "fr")


def test_a_staged_language_is_one_plain_docs_folder_with_the_generated_and_handwritten_pages(french):
    assert not [path for path in french.files if re.search(r"\.[a-z]{2}(-[A-Za-z]+)?\.md$", path)]
    assert {"index.md", "about.md", "glossary.md", "guidelines/index.md"} <= set(french.files)
    assert any(path.startswith("guidelines/") and path.endswith(".md") and path != "guidelines/index.md"
               for path in french.files)
    french_about = (DEFAULT_CONFIG.parent / "docs" / "about.fr.md").read_text(encoding="utf-8")
    first_heading = next(line for line in french_about.splitlines() if line.startswith("# "))
    assert first_heading in french.files["about.md"]
    # the About page's contact marker is resolved, and an unreviewed translation says so
    assert "guidelines:contact" not in french.files["about.md"]
    assert "translation-notice" in french.files["about.md"]


def test_the_navigation_site_name_and_language_menu_are_decided_by_the_staging(french, base):
    titles = [next(iter(item)) for item in french.nav]
    english = [next(iter(item)) for item in base["nav"]]
    assert len(titles) == len(english) and titles != english  # translated
    guidelines = next(v for item in french.nav for v in item.values() if isinstance(v, list)
                      and "guidelines/index.md" in v)
    assert len(guidelines) > 1  # the generated measure pages are placed under their parent
    assert french.site_name != base["site_name"]
    assert [entry["lang"] for entry in french.alternate][:2] == ["en", "fr"]
    assert french.build.alone and french.build.language == "fr"


def test_a_transliterated_language_shows_its_source_pages_in_latin_letters(base):
    tree = stage_language(base, DEFAULT_CONFIG.parent, DEFAULT_DATA_DIR, "sr-Latn")
    assert tree.transliteration and tree.transliteration["source"] == "sr"
    assert not CYRILLIC.search(tree.files["about.md"])
    assert tree.theme_text_language == "sr"


def test_a_handwritten_file_where_a_page_is_generated_is_refused(base, tmp_path):
    root = tmp_path / "project"
    shutil.copytree(DEFAULT_CONFIG.parent / "docs", root / "docs")
    (root / "docs" / "glossary.md").write_text("# Mine\n", encoding="utf-8")
    with pytest.raises(StagingError, match="glossary.md is generated"):
        stage_language(base, root, DEFAULT_DATA_DIR, "en")


@pytest.mark.parametrize(("edit", "reported_line", "report"), [
    ("{{ measure.nosuch.deeper }}", 3, "has no attribute 'nosuch'"),
    ("{{ label('no.such.label') }}", 3, "ui.yaml has no label 'no.such.label'"),
    ("{{ measure.heading | t ", 4, "expected token 'end of print statement'"),  # Jinja sees it on the next line
    ("{{ measure.heading + 1 }}", 3, "TypeError: can only concatenate str"),  # Python's error, in a template
])
def test_a_broken_page_template_is_reported_with_its_file_and_line(base, tmp_path, monkeypatch, edit, reported_line,
                                                                   report):
    """Not a traceback through Jinja's internals: the template, the line, what went wrong and the page."""
    from scripts.pages import context

    templates = tmp_path / "templates"
    shutil.copytree(context.TEMPLATE_DIR, templates)
    measure = templates / "measure.md.j2"
    lines = measure.read_text(encoding="utf-8").splitlines(keepends=True)
    lines.insert(2, edit + "\n")  # as line 3
    measure.write_text("".join(lines), encoding="utf-8")
    monkeypatch.setattr(context, "TEMPLATE_DIR", templates)
    with pytest.raises(StagingError) as raised:
        stage_language(base, DEFAULT_CONFIG.parent, DEFAULT_DATA_DIR, "en")
    message = str(raised.value)
    assert f"templates/measure.md.j2:{reported_line}: " in message and report in message, message
    assert "(while writing the page guidelines/" in message


def test_the_derived_mkdocs_configuration_is_plain_mkdocs(french, base, tmp_path):
    docs = write_tree(french, tmp_path / "fr")
    assert (tmp_path / "fr" / MANIFEST).is_file()
    assert (docs / "about.md").read_text(encoding="utf-8") == french.files["about.md"]
    config = derived_config(base, DEFAULT_CONFIG.parent, french, docs, tmp_path / "site")
    names = [next(iter(p)) if isinstance(p, dict) else p for p in config["plugins"]]
    assert "i18n" not in names and "guidelines" not in names and "search" in names
    assert config["hooks"][-1] == str(HOOKS)
    assert config["theme"]["language"] == "fr"
    assert Path(config["theme"]["custom_dir"]).is_absolute()
    assert config["docs_dir"] == str(docs)
    search = next(p["search"] for p in config["plugins"] if isinstance(p, dict) and "search" in p)
    assert search["lang"] == ["fr"]
    assert config["extra"]["alternate"] == french.alternate
    # the notices the hooks convert apart: written beside the pages, where the configuration says
    assert config["extra"]["guidelines_render"]["notices"] == str(tmp_path / "fr" / NOTICES)
    # the file written for MkDocs (and for people to read) holds exactly these settings, !ENV tags as written
    tagged = {"list": Tagged("!ENV", ["GUIDELINES_X", "a " * 80]), "scalar": Tagged("!ENV", "GUIDELINES_Y"),
              "name": Tagged("tag:yaml.org,2002:python/name:json.dumps", ""),
              "mapping": Tagged("!ENV", {"key": "värde 😀", "next": "a\x85b"})}
    read = load_site_config(write_config({**config, "extra": {**config["extra"], "emoji": "😀 ☃"}, **tagged},
                                         tmp_path / "mkdocs.yml"))
    assert {name: (read[name].tag, read.pop(name).value) for name in tagged} == {
        name: (value.tag, value.value) for name, value in tagged.items()}
    assert read == {**config, "extra": {**config["extra"], "emoji": "😀 ☃"}}


def test_the_notices_are_written_beside_the_pages_or_into_them(french, tmp_path):
    import json

    from scripts.pages.names import NOTICE
    assert len(french.notices) > 50
    path = next(iter(french.notices))
    docs = write_tree(french, tmp_path / "apart")
    assert json.loads((tmp_path / "apart" / NOTICES).read_text(encoding="utf-8")) == french.notices
    assert NOTICE in (docs / path).read_text(encoding="utf-8")
    docs = write_tree(french, tmp_path / "in", Written.NOTICES)  # a build that keeps no conversions
    assert json.loads((tmp_path / "in" / NOTICES).read_text(encoding="utf-8")) == {}
    written = (docs / path).read_text(encoding="utf-8")
    assert NOTICE not in written and french.notices[path] in written
    assert written == french.noticed(path)
    # and for a renderer that fills in no marks: the notices and the measure names written in
    docs = write_tree(french, tmp_path / "all", Written.EVERYTHING)
    assert json.loads((tmp_path / "all" / NOTICES).read_text(encoding="utf-8")) == {}
    everything = (docs / path).read_text(encoding="utf-8")
    assert everything == french.markdown(path) and "\ue000" not in everything


def test_a_notice_mark_without_its_notice_stops_the_staging_naming_the_page(french, tmp_path):
    import dataclasses

    from scripts.pages.names import NOTICE
    broken = dataclasses.replace(french, files={**french.files, "about.md": f"# About\n\n{NOTICE}\n"})
    with pytest.raises(StagingError, match=r"docs/about\.md: the page has a notice mark and no notice"):
        write_tree(broken, tmp_path / "broken", Written.NOTICES)


@pytest.mark.parametrize("text", [
    "---\ntranslation: reviewed\n---\n# T\n",
    "---\ntranslation: reviewed\n...\n# T\n",
    "--- \ntranslation: reviewed\n---\n# T\n",
])
def test_front_matter_is_read_as_mkdocs_reads_it(text: str) -> None:
    from mkdocs.utils.meta import get_data

    from scripts.staging.handwritten import FRONT_MATTER, front_matter

    assert front_matter(text) == get_data(text)[1] == {"translation": "reviewed"}
    assert FRONT_MATTER.sub("", text, count=1) == get_data(text)[0]


def test_a_configuration_read_again_is_a_copy_of_the_same_unless_its_bytes_or_the_environment_changed(
        tmp_path, monkeypatch):
    config_file = tmp_path / "mkdocs.yml"
    config_file.write_text("site_name: First\nextra:\n  flag: !ENV [GUIDE_TEST_FLAG, unset]\n", encoding="utf-8")
    monkeypatch.delenv("GUIDE_TEST_FLAG", raising=False)
    first = read_config(config_file)
    assert first == {"site_name": "First", "extra": {"flag": "unset"}}
    first["extra"]["flag"] = "changed by a caller"
    import mkdocs.utils.yaml

    def not_again(*args, **kwargs):  # noqa: ANN002, ANN003, ANN202
        raise AssertionError("read with YAML again")

    monkeypatch.setattr(mkdocs.utils.yaml, "yaml_load", not_again)
    again = read_config(config_file)  # from the kept reading
    assert again == {"site_name": "First", "extra": {"flag": "unset"}}  # a copy: not what a caller changed
    again["extra"]["flag"] = "changed by the next caller"
    assert read_config(config_file)["extra"] == {"flag": "unset"}  # the kept reading, not what was changed
    monkeypatch.undo()
    monkeypatch.delenv("GUIDE_TEST_FLAG", raising=False)
    monkeypatch.setenv("GUIDE_TEST_FLAG", "given")
    assert read_config(config_file)["extra"] == {"flag": "given"}
    config_file.write_text("site_name: Second\n", encoding="utf-8")
    assert read_config(config_file) == {"site_name": "Second"}


def test_a_configuration_whose_values_cannot_be_copied_is_read_as_before(tmp_path):
    from scripts.render import mkdocs_config

    config_file = tmp_path / "mkdocs.yml"
    config_file.write_text("site_name: x\nm: !!python/module:os\n", encoding="utf-8")
    mkdocs_config._READ.clear()
    for _ in range(2):
        config = read_config(config_file)
        assert config["site_name"] == "x" and config["m"].__name__ == "os"
    assert "last" not in mkdocs_config._READ


def test_a_configuration_that_inherits_is_read_each_time(tmp_path):
    from scripts.render import mkdocs_config

    (tmp_path / "base.yml").write_text("site_name: Base\ntheme: {name: mkdocs}\n", encoding="utf-8")
    config_file = tmp_path / "mkdocs.yml"
    config_file.write_text("INHERIT: base.yml\nsite_name: Child\n", encoding="utf-8")
    mkdocs_config._READ.clear()
    assert read_config(config_file) == {"site_name": "Child", "theme": {"name": "mkdocs"}}
    assert "last" not in mkdocs_config._READ
    (tmp_path / "base.yml").write_text("site_name: Base\ntheme: {name: material}\n", encoding="utf-8")
    assert read_config(config_file)["theme"] == {"name": "material"}


@pytest.mark.parametrize(("content", "expected"), [
    (b"site_name: [unclosed\n", "not valid YAML"),
    (b"- a list\n", "expected a mapping"),
    (b"site_name: \xff\n", "not UTF-8"),
])
def test_a_configuration_that_cannot_be_read_is_named_in_the_error(tmp_path, content, expected):
    config_file = tmp_path / "mkdocs.yml"
    config_file.write_bytes(content)
    with pytest.raises(ValueError, match=expected) as raised:
        read_config(config_file)
    assert str(config_file) in str(raised.value)
