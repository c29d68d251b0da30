"""Pages kept as their templates rendered them (:mod:`scripts.render.rendered_pages`) give the site MkDocs gives
without them, and are used only while everything a page's template reads is the same.

Each test builds a small site in ``tmp_path`` with the theme and the render hooks of ``python -m scripts build``,
in this process (:func:`scripts.render.mkdocs_run.render`), and compares it with the same site built with nothing
kept. What a template reads: the page (its content, title, metadata), the navigation (every title, and the
metadata of other pages the theme reads), the configuration, the theme's own files, and every value of the
context; what changes with every build (its date) only if a template of the theme prints it.
"""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest
import yaml

from scripts.pages.names import mark, nav_with_marks
from scripts.render import rendered_pages
from scripts.render.mkdocs_config import HOOKS, RENDER_KEY
from scripts.render.mkdocs_run import render
from tests.conftest import ROOT

PAGES = {
    "index.md": "# Home\n\nSee [the details](details.md) and [the notes](notes.md).\n",
    "details.md": "# Details\n\n## Numbers {#numbers}\n\nOne *two* three.\n",
    "notes.md": "# Notes\n\n- a note\n- another\n",
}


class Site:
    def __init__(self, root: Path, keep: bool = True, theme: str = "material") -> None:
        self.root, self.docs, self.out = root, root / "docs", root / "site"
        self.docs.mkdir(parents=True)
        for name, text in PAGES.items():
            (self.docs / name).write_text(text, encoding="utf-8")
        self.overrides = root / "overrides"
        self.overrides.mkdir()
        (self.overrides / "main.html").write_text('{% extends "base.html" %}\n', encoding="utf-8")
        cache = root / "cache" / "build-site-en.pickle"
        self.config = {
            "site_name": "Test", "docs_dir": str(self.docs),
            "theme": {"name": theme, "custom_dir": str(self.overrides)} if theme == "material" else {"name": theme},
            "nav": [{"Home": "index.md"}, {"Details": "details.md"}, {"Notes": "notes.md"}],
            "markdown_extensions": [{"toc": {"permalink": True}}, "attr_list"],
            "plugins": ["search"],
            "hooks": [str(HOOKS)],
            "extra": {RENDER_KEY: {"markdown_cache": str(cache) if keep else None, "measure_names": {}}},
        }

    def render(self) -> tuple[int, str]:
        """Build the site as its configuration is now: (MkDocs' exit status, its log)."""
        config_file = self.root / "mkdocs.yml"
        config_file.write_text(yaml.safe_dump(self.config, allow_unicode=True), encoding="utf-8")
        return render(config_file, self.out)

    def build(self) -> str:
        returncode, log = self.render()
        assert returncode == 0, log
        return log

    def files(self) -> dict[str, bytes]:
        return {str(p.relative_to(self.out)): p.read_bytes() for p in sorted(self.out.rglob("*")) if p.is_file()}


def counts(log: str) -> tuple[int, int]:
    """(rendered, reused) from the build's log line."""
    match = re.search(r"Templates: (\d+) page\(s\) rendered, (\d+) reused from the last build", log)
    assert match, log
    return int(match[1]), int(match[2])


@pytest.fixture
def site(tmp_path: Path) -> Site:
    return Site(tmp_path / "kept")


def fresh(tmp_path: Path, kept: Site) -> dict[str, bytes]:
    """The same site (its configuration and pages as they are now) built with nothing kept."""
    other = Site(tmp_path / f"fresh-{len(list(tmp_path.glob('fresh-*')))}", keep=False)
    other.config = {**kept.config, "docs_dir": str(other.docs), "extra": {RENDER_KEY: {
        **kept.config["extra"][RENDER_KEY], "markdown_cache": None}}}
    if "custom_dir" in kept.config["theme"]:
        shutil.rmtree(other.overrides)
        shutil.copytree(kept.overrides, other.overrides)
        other.config["theme"] = {**kept.config["theme"], "custom_dir": str(other.overrides)}
    shutil.rmtree(other.docs)
    shutil.copytree(kept.docs, other.docs)
    other.build()
    return other.files()


def test_an_unchanged_site_is_not_rendered_again_and_is_the_same(site: Site, tmp_path: Path) -> None:
    assert counts(site.build()) == (3, 0)
    first = site.files()
    assert counts(site.build()) == (0, 3)
    assert site.files() == first == fresh(tmp_path, site)


def test_an_edited_page_is_rendered_again_and_only_it(site: Site, tmp_path: Path) -> None:
    site.build()
    (site.docs / "notes.md").write_text("# Notes\n\n- a changed note\n", encoding="utf-8")
    assert counts(site.build()) == (1, 2)
    assert b"a changed note" in site.files()["notes/index.html"]
    assert site.files() == fresh(tmp_path, site)


@pytest.mark.parametrize("change", ["a title in the navigation", "a page's icon in the navigation",
                                    "the site's name", "a feature of the theme", "a template of the theme",
                                    "a page added"])
def test_what_every_template_reads_renders_every_page_again(site: Site, tmp_path: Path, change: str) -> None:
    site.build()
    if change == "a title in the navigation":
        site.config["nav"][2] = {"Remarks": "notes.md"}
    elif change == "a page's icon in the navigation":  # Material's navigation shows another page's icon
        (site.docs / "notes.md").write_text("---\nicon: material/star\n---\n" + PAGES["notes.md"], encoding="utf-8")
    elif change == "the site's name":
        site.config["site_name"] = "Another"
    elif change == "a feature of the theme":
        site.config["theme"]["features"] = ["navigation.top"]
    elif change == "a template of the theme":
        (site.overrides / "main.html").write_text('{% extends "base.html" %}\n{% block footer %}FOOT{% endblock %}\n',
                                                 encoding="utf-8")
    elif change == "a page added":
        (site.docs / "more.md").write_text("# More\n", encoding="utf-8")
        site.config["nav"].append({"More": "more.md"})
    rendered, reused = counts(site.build())
    assert reused == 0 and rendered >= 3
    assert site.files() == fresh(tmp_path, site)


def test_another_pages_metadata_the_theme_does_not_read_leaves_the_other_pages_kept(site: Site,
                                                                                    tmp_path: Path) -> None:
    notes = site.docs / "notes.md"
    notes.write_text("---\ndescription: what the notes said\n---\n" + PAGES["notes.md"], encoding="utf-8")
    site.build()
    notes.write_text("---\ndescription: what the notes say\n---\n" + PAGES["notes.md"], encoding="utf-8")
    # the notes' <meta name="description">, no other page's (the theme tests whether a page has metadata at all,
    # and reads its icon, subtitle and status)
    assert counts(site.build()) == (1, 2)
    assert b"what the notes say" in site.files()["notes/index.html"]
    assert site.files() == fresh(tmp_path, site)


def test_a_measure_title_in_the_navigation_is_a_mark_filled_in_every_page(site: Site, tmp_path: Path) -> None:
    """A measure page's title is its mark in the navigation: an edited name changes no page's template HTML,
    and every page shows the new name (in the navigation, and in the measure page's own <title>)."""
    names = {"name:m-1": "First & <best> measure", "excerpt:m-1": "“First”"}
    site.config["nav"] = nav_with_marks([{"Home": "index.md"}, {names["name:m-1"]: "guidelines/m-1.md"},
                                         {"Notes": "notes.md"}], names)
    assert site.config["nav"][1] == {mark("name", "m-1"): "guidelines/m-1.md"}
    (site.docs / "guidelines").mkdir()
    (site.docs / "guidelines" / "m-1.md").write_text("# First measure\n\nText.\n", encoding="utf-8")
    site.config["extra"][RENDER_KEY]["measure_names"] = names
    site.build()
    files = site.files()
    for page in ("index.html", "notes/index.html", "guidelines/m-1/index.html", "404.html"):
        assert "First &amp; &lt;best&gt; measure" in files[page].decode()
    assert not [page for page, content in files.items() if "\ue000".encode() in content or b"\\ue000" in content]
    assert "<title>First &amp; &lt;best&gt; measure - Test</title>" in files["guidelines/m-1/index.html"].decode()
    names["name:m-1"] = "First renamed measure"
    site.config["extra"][RENDER_KEY]["measure_names"] = names
    assert counts(site.build()) == (0, 4)
    assert all("First renamed measure" in site.files()[page].decode()
               for page in ("index.html", "notes/index.html", "guidelines/m-1/index.html"))
    assert site.files() == fresh(tmp_path, site)


def test_a_navigation_title_that_is_not_the_measures_name_stays_text() -> None:
    names = {"name:m-1": "First measure", "excerpt:m-1": "“First”"}
    nav = [{"Guidelines": [{"Another title": "guidelines/m-1.md"}, {"First measure": "guidelines/m-2.md"},
                           {"First measure": "guidelines/m-1.md"}]}]
    assert nav_with_marks(nav, names) == [{"Guidelines": [
        {"Another title": "guidelines/m-1.md"}, {"First measure": "guidelines/m-2.md"},
        {mark("name", "m-1"): "guidelines/m-1.md"}]}]


def test_a_plugin_the_staging_does_not_list_keeps_no_page(site: Site) -> None:
    site.config["plugins"] = ["search", "tags"]
    site.build()
    log = site.build()
    assert counts(log) == (3, 0)
    assert "none kept: the configuration holds a plugin material/tags" in log


def test_a_value_of_an_unknown_kind_in_a_pages_context_keeps_that_page_only(site: Site, tmp_path: Path) -> None:
    other_hooks = site.root / "hooks_thing.py"
    other_hooks.write_text("def on_page_context(context, page, config, nav):\n"
                           "    if page.file.src_uri == 'notes.md':\n"
                           "        context['thing'] = object()\n"
                           "    return context\n", encoding="utf-8")
    rendered_pages_plugins = rendered_pages.KNOWN_PLUGINS
    try:  # as if the staging listed this hooks file too: its context value is what is tested
        rendered_pages.KNOWN_PLUGINS = (*rendered_pages_plugins, str(other_hooks))
        site.config["hooks"] = [str(HOOKS), str(other_hooks)]
        site.build()
        assert counts(site.build()) == (1, 2)  # the notes page holds a value no key can say
    finally:
        rendered_pages.KNOWN_PLUGINS = rendered_pages_plugins


def test_a_theme_that_prints_the_build_date_renders_every_page_again(tmp_path: Path,
                                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    """MkDocs' own theme prints the build's date: its pages are never kept across builds of another time."""
    site = Site(tmp_path / "kept", theme="mkdocs")
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")  # 2023-11-14 22:13:20: the pages' "update" date is
    site.build()                                           # the same day in both builds
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000030")
    assert counts(site.build()) == (3, 0)
    assert b"Build Date UTC : 2023-11-14 22:13:50" in site.files()["index.html"]  # the home page prints it


def test_the_themes_of_the_site_name_what_their_keys_hold() -> None:
    """What the project's theme folders read, as the keys see it: the pages' "update" date (MkDocs' sitemap
    template), the icon, subtitle and status of another page (Material's navigation), and nothing else of
    another page's metadata."""
    import material
    import mkdocs

    dirs = (str(ROOT / "overrides"), str(Path(material.__file__).parent / "templates"),
            str(Path(mkdocs.__file__).parent / "templates"))
    read = rendered_pages.templates_read(dirs)
    assert read.changing == {"update_date"}
    assert read.meta_keys == {"icon", "subtitle", "status"} and not read.all_meta


def test_a_template_that_reads_another_pages_metadata_whole_makes_all_of_it_count(tmp_path: Path) -> None:
    whole, rebound = tmp_path / "whole", tmp_path / "rebound"
    for folder, template in [(whole, "{% for item in nav %}{{ item.meta | tojson }}{% endfor %}"),
                             (rebound, "{% for page in nav %}{{ page.meta.anything }}{% endfor %}")]:
        folder.mkdir()
        (folder / "a.html").write_text(template, encoding="utf-8")
    assert rendered_pages.templates_read((str(whole),)).all_meta
    read = rendered_pages.templates_read((str(rebound),))
    assert read.meta_keys == {"anything"} and not read.all_meta  # "page" is another page there


def test_searched_entries_say_what_the_names_filled_before_dividing_say() -> None:
    """The search index divides a page's content with its marks and fills them in its entries: the entries are
    those of the content with the names written in (names with the characters HTML escapes, and quotes)."""
    from material.plugins.search.plugin import SearchIndex as MaterialSearchIndex

    from scripts.pages.names import fill_html
    from scripts.render.names import fill_searched
    from scripts.render.search_index import SearchIndex

    names = {"name:m-1": "Tom & Jerry's <b>\"rules\"</b>", "name:m-2": "Plain", "excerpt:m-1": "“Tom”"}
    html = (f"<h1 id=\"t\">Title</h1>\n<p>See {mark('name', 'm-1')} and {mark('name', 'm-2')}.</p>\n"
            f"<h2 id=\"s\">On {mark('name', 'm-1')}</h2>\n<ul>\n<li>{mark('excerpt', 'm-1')}</li>\n</ul>\n")
    page = type("P", (), {"meta": {}, "toc": [], "url": "p/", "title": "Title", "content": html})()

    def entries(content: str, fill: bool) -> list[dict]:
        index = SearchIndex(**MaterialSearchIndex().config)
        if fill:
            index.fill = lambda text: fill_searched(text, names, "test")
        page.content = content
        index.add_entry_from_context(page)
        return index.entries

    assert entries(html, fill=True) == entries(fill_html(html, names), fill=False)


@pytest.mark.slow
def test_an_edited_measure_heading_renders_its_page_only_and_the_site_is_the_one_a_cold_build_makes(
        tmp_path: Path, capsys: pytest.CaptureFixture) -> None:
    """The real data in English and French: after a measure's heading is edited, every language renders that
    measure's page again (its content changed) and keeps the HTML of every other page, though a third of them name
    the measure and, in French, their translation notices changed; every file is the one a build with nothing
    kept makes."""
    from scripts.benchmark.serve_rebuild import edit_heading
    from scripts.build import build_site
    from scripts.settings import Settings
    from tests.conftest import DATA

    data = tmp_path / "data"
    shutil.copytree(DATA, data)

    def build(site: Path, no_cache: bool = False) -> str:
        status = build_site(site, Settings(data_dir=data, languages=("fr",), no_paper=True, no_cache=no_cache))
        output = capsys.readouterr().out
        assert status == 0, output
        return output

    build(tmp_path / "kept")
    edit_heading(data / "guidelines.yaml", "le-strategic-cooperation", "Edited-by-the-test")
    log = build(tmp_path / "kept")
    # in French, the translation status page too (it counts the heading now shown in English)
    assert re.findall(r"Templates: (\d+) page\(s\) rendered, (\d+) reused", log) == [("1", "97"), ("2", "96")], log
    build(tmp_path / "cold", no_cache=True)

    def files(site: Path) -> dict[str, bytes]:  # the .docx forms and the gzipped sitemap hold their time
        return {str(p.relative_to(site)): p.read_bytes() for p in sorted(site.rglob("*"))
                if p.is_file() and p.suffix not in (".docx", ".gz")}

    kept, cold = files(tmp_path / "kept"), files(tmp_path / "cold")
    assert kept.keys() == cold.keys()
    assert [name for name in kept if kept[name] != cold[name]] == []
    for page in ("guidelines/le-binding-requests/index.html", "fr/countries/albania/index.html"):
        text = kept[page].decode()
        assert "Edited-by-the-test" in text and "\ue000" not in text


def test_a_notice_goes_where_its_mark_is_in_the_finished_page_and_stays_out_of_search(site: Site,
                                                                                      tmp_path: Path) -> None:
    """The hooks put a page's translation notice in once its template has rendered it: where the notice mark's
    paragraph is, sanitized, without the attribute that keeps it out of search; a notice changed alone changes no
    page's template HTML."""
    import json

    from scripts.pages.names import NOTICE
    from scripts.pages.translation_notice import wrapped

    site.config["markdown_extensions"] += ["admonition", "md_in_html"]
    notices = site.root / "notices.json"
    site.config["extra"][RENDER_KEY]["notices"] = str(notices)
    (site.docs / "notes.md").write_text(f"# Notes\n\n{NOTICE}\n\n- a note\n", encoding="utf-8")

    def say(text: str) -> None:
        block = f'!!! warning "In English"\n\n    {text} <script>alert(1)</script>\n'
        notices.write_text(json.dumps({"notes.md": wrapped(block)}), encoding="utf-8")

    say("Zanzibar passages")
    site.build()
    page = site.files()["notes/index.html"].decode()
    notice = page.index('<div class="translation-notice">')
    assert page.index("</h1>") < notice < page.index("a note") and "Zanzibar passages" in page[notice:]
    assert "<script>alert" not in page and "data-search-exclude" not in page and "\ue000" not in page
    index = (site.out / "search" / "search_index.json").read_text(encoding="utf-8")
    assert "a note" in index and "Zanzibar" not in index
    say("Yokohama passages")
    assert counts(site.build()) == (0, 3)
    assert "Yokohama passages" in site.files()["notes/index.html"].decode()
    assert site.files() == fresh(tmp_path, site)


def test_a_notice_without_its_paragraph_fails_the_build_naming_the_page(site: Site) -> None:
    import json

    notices = site.root / "notices.json"
    notices.write_text(json.dumps({"notes.md": "A notice"}), encoding="utf-8")
    site.config["extra"][RENDER_KEY]["notices"] = str(notices)
    returncode, log = site.render()
    assert returncode != 0
    assert "notes.md has a translation notice and no paragraph of its own" in log


def test_a_mark_a_template_changed_fails_the_build_naming_the_page(site: Site) -> None:
    """A template that writes a measure page's title otherwise than as text (here URL-encoded, as Material's
    feedback widget would) leaves something of the mark that no fill can find: the build fails, naming the page."""
    (site.overrides / "main.html").write_text(
        '{% extends "base.html" %}\n{% block footer %}<a href="?t={{ page.title | urlencode }}">x</a>{% endblock %}\n',
        encoding="utf-8")
    names = {"name:m-1": "First measure", "excerpt:m-1": "“First”"}
    site.config["nav"] = nav_with_marks([{"Home": "index.md"}, {"First measure": "guidelines/m-1.md"}], names)
    (site.docs / "guidelines").mkdir()
    (site.docs / "guidelines" / "m-1.md").write_text("# First measure\n", encoding="utf-8")
    site.config["extra"][RENDER_KEY]["measure_names"] = names
    returncode, log = site.render()
    assert returncode != 0
    assert "guidelines/m-1.md" in log and "still holds a mark" in log


def test_values_a_template_prints_differently_have_different_keys() -> None:
    from markupsafe import Markup
    from mkdocs.config.config_options import PathSpec

    plain = rendered_pages._plain
    assert plain(Markup("A &amp; B")) != plain("A &amp; B")  # `| e` leaves the one, escapes the other

    def spec(lines: list[str]) -> object:  # what MkDocs makes of not_in_nav
        return PathSpec().run_validation("\n".join(lines))

    assert plain(spec(["/countries/a.md"])) == plain(spec(["/countries/a.md"]))
    assert plain(spec(["/countries/a.md"])) != plain(spec(["/countries/b.md"]))
    with pytest.raises(rendered_pages.Unkeyable):
        plain(object())


def _page_alone() -> object:
    """A page as a template reads it, with nothing around it (no site, no neighbours)."""
    file = type("F", (), {"src_uri": "p.md", "dest_uri": "p/index.html"})()
    return type("P", (), {"url": "p/", "file": file, "title": "T", "content": "<p>x</p>", "toc": [], "meta": {},
                          "canonical_url": None, "edit_url": None, "is_homepage": False, "previous_page": None,
                          "next_page": None})()


def test_a_template_that_warns_is_rendered_again_by_every_build(tmp_path: Path) -> None:
    import logging

    import jinja2

    env = jinja2.Environment(loader=jinja2.DictLoader({"main.html": "{{ warn() }}{{ page.title }}"}))
    env.template_class = rendered_pages.KeptTemplate
    env.globals["warn"] = lambda: logging.getLogger("mkdocs.test").warning("a warning") or ""
    page = _page_alone()
    rendered_pages.start(tmp_path / "rendered.pickle")
    try:
        pages = rendered_pages.ACTIVE["pages"]
        pages.site, pages.read = "site", rendered_pages.TemplatesRead(frozenset(), frozenset(), False)
        context = {"page": page, "config": {}, "nav": None, "pages": [], "base_url": ".."}
        assert env.get_template("main.html").render(context) == "T"
        assert pages.rendered == 1 and pages.used == {}  # not kept: the next build warns again
    finally:
        rendered_pages.finish()


def test_a_mapping_in_another_order_is_another_key() -> None:
    """A template that loops over a mapping prints it in its order: the same items in another order are not the
    same page."""
    page = _page_alone()
    keys = [rendered_pages.context_key("main.html", {"page": page, "extra_thing": mapping}, "site")
            for mapping in ({"a": 1, "b": 2}, {"b": 2, "a": 1}, {"a": 1, "b": 2})]
    assert keys[0] != keys[1] and keys[0] == keys[2]
