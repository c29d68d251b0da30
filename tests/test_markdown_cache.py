"""The Markdown conversions kept between builds (:mod:`scripts.render.markdown_cache`) give the site MkDocs gives
without them, and are used only while everything a conversion reads is unchanged.

Each test builds a small site of three pages in ``tmp_path`` with the render hooks, in this process, as
``python -m scripts build`` renders a language (``mkdocs build --strict``, :func:`scripts.render.mkdocs_run.render`).
What a conversion reads: the page's Markdown and address (edited here), the site's files (a page added or removed),
the Markdown settings (an extension's option changed). What must never come from the cache: a warning (a broken
link is reported by every build) and the check of links to another page's anchors (made after every page is
rendered, cached or not).
"""

from __future__ import annotations

import json
import pickle
import re
import time
from collections.abc import Callable
from pathlib import Path

import pytest
import yaml

from scripts.render import markdown_cache
from scripts.render.mkdocs_config import HOOKS, RENDER_KEY
from scripts.render.mkdocs_run import render

PAGES = {
    "index.md": "# Home\n\nSee [the details](details.md#numbers) and [the notes](notes.md).\n",
    "details.md": "# Details\n\n## Numbers {#numbers}\n\nOne *two* three.\n\n## Letters\n\nA, b.\n",
    "notes.md": "# Notes\n\n- a note\n- another\n",
}


class Site:
    def __init__(self, root: Path, cache: Path | None) -> None:
        self.root, self.docs, self.out = root, root / "docs", root / "site"
        self.cache = cache
        self.docs.mkdir(parents=True)
        for name, text in PAGES.items():
            (self.docs / name).write_text(text, encoding="utf-8")
        self.config = {
            "site_name": "Test", "docs_dir": str(self.docs), "theme": {"name": "mkdocs"},
            "markdown_extensions": [{"toc": {"permalink": True}}, "attr_list"],
            "validation": {"omitted_files": "warn", "absolute_links": "warn", "unrecognized_links": "warn",
                           "anchors": "warn"},
            "hooks": [str(HOOKS)],
            "extra": {RENDER_KEY: {"markdown_cache": str(cache) if cache else None}},
        }

    def build(self) -> tuple[int, str]:
        config_file = self.root / "mkdocs.yml"
        config_file.write_text(yaml.safe_dump(self.config), encoding="utf-8")
        return render(config_file, self.out)

    def html(self) -> dict[str, str]:
        """Every page built, without the build's date (the theme prints it)."""
        return {str(p.relative_to(self.out)): re.sub(r"Build Date UTC : .*", "", p.read_text(encoding="utf-8"))
                for p in sorted(self.out.rglob("*.html"))}


def counts(log: str) -> tuple[int, int]:
    """(converted, reused) from the build's log line."""
    match = re.search(r"Markdown: (\d+) page\(s\) converted, (\d+) reused from the last build", log)
    assert match, log
    return int(match[1]), int(match[2])


@pytest.fixture
def site(tmp_path: Path) -> Site:
    return Site(tmp_path, tmp_path / "cache" / "site-en.pickle")


def test_an_unchanged_site_is_not_converted_again_and_is_the_same(site: Site, tmp_path: Path) -> None:
    returncode, log = site.build()
    assert returncode == 0, log
    assert counts(log) == (3, 0)
    first = site.html()
    returncode, log = site.build()
    assert returncode == 0, log
    assert counts(log) == (0, 3)
    assert site.html() == first
    # and the same as MkDocs gives with no cache at all
    plain = Site(tmp_path / "plain", None)
    returncode, log = plain.build()
    assert returncode == 0 and "Markdown:" not in log
    assert plain.html() == first


def test_an_edited_page_is_converted_again_and_only_it(site: Site) -> None:
    site.build()
    (site.docs / "notes.md").write_text("# Notes\n\n- a changed note\n", encoding="utf-8")
    returncode, log = site.build()
    assert returncode == 0, log
    assert counts(log) == (1, 2)
    assert "a changed note" in (site.out / "notes" / "index.html").read_text(encoding="utf-8")


def test_a_page_added_to_the_site_converts_every_page_again(site: Site) -> None:
    # links are resolved against the site's files: another file may be what a link of any page now points to
    site.build()
    (site.docs / "more.md").write_text("# More\n", encoding="utf-8")
    returncode, log = site.build()
    assert returncode == 0, log
    assert counts(log) == (4, 0)


def test_a_removed_link_target_is_reported_on_an_unchanged_page(site: Site) -> None:
    site.build()
    (site.docs / "notes.md").unlink()
    returncode, log = site.build()
    assert returncode != 0
    assert "contains a link 'notes.md'" in log


def test_a_missing_anchor_is_reported_on_an_unchanged_page(site: Site) -> None:
    # index.md links to details.md#numbers; details.md loses the anchor, index.md is the same and reused
    assert site.build()[0] == 0
    (site.docs / "details.md").write_text(PAGES["details.md"].replace("## Numbers {#numbers}", "## Figures"), encoding="utf-8")
    returncode, log = site.build()
    assert counts(log) == (1, 2)
    assert returncode != 0
    assert "'details.md#numbers'" in log and "does not contain an anchor '#numbers'" in log, log


def test_a_conversion_that_warns_is_never_kept(site: Site) -> None:
    (site.docs / "notes.md").write_text("# Notes\n\nSee [nowhere](nowhere.md).\n", encoding="utf-8")
    for _ in range(2):
        returncode, log = site.build()
        assert returncode != 0
        assert "contains a link 'nowhere.md'" in log
        assert counts(log)[0] >= 1  # notes.md converted (and reported) every time
    stored = pickle.loads(site.cache.read_bytes())["entries"]
    assert len(stored) == 2  # index.md and details.md only


def test_a_warning_is_heard_when_mkdocs_stops_its_records_at_its_own_logger(site: Site,
                                                                           monkeypatch: pytest.MonkeyPatch) -> None:
    # MkDocs' command line (`mkdocs serve`, `mkdocs build`) sets propagate=False on the `mkdocs` logger: its
    # records never reach the root logger
    import logging

    monkeypatch.setattr(logging.getLogger("mkdocs"), "propagate", False)
    (site.docs / "notes.md").write_text("# Notes\n\nSee [nowhere](nowhere.md).\n", encoding="utf-8")
    for _ in range(2):
        returncode, log = site.build()
        assert returncode != 0
        assert "contains a link 'nowhere.md'" in log
    assert len(pickle.loads(site.cache.read_bytes())["entries"]) == 2


def test_a_verbose_build_leaves_nothing_that_would_skip_the_anchor_check(site: Site,
                                                                         monkeypatch: pytest.MonkeyPatch) -> None:
    # with debug records shown, MkDocs keeps no page's links to anchors: such a conversion is not kept, or the
    # next build would reuse index.md with nothing to check
    import logging

    pages_logger = logging.getLogger("mkdocs.structure.pages")
    monkeypatch.setattr(pages_logger, "level", logging.DEBUG)
    assert site.build()[0] == 0
    monkeypatch.setattr(pages_logger, "level", logging.NOTSET)
    (site.docs / "details.md").write_text(PAGES["details.md"].replace("## Numbers {#numbers}", "## Figures"),
                                          encoding="utf-8")
    returncode, log = site.build()
    assert returncode != 0
    assert "does not contain an anchor '#numbers'" in log, log


def test_a_cache_folder_that_cannot_be_made_does_not_fail_the_build(tmp_path: Path) -> None:
    blocked = tmp_path / "a-file"
    blocked.write_text("not a folder", encoding="utf-8")
    site = Site(tmp_path / "project", blocked / "markdown" / "site-en.pickle")
    for _ in range(2):
        returncode, log = site.build()
        assert returncode == 0, log
        assert counts(log) == (3, 0)


def test_changed_markdown_settings_convert_every_page_again(site: Site) -> None:
    site.build()
    site.config["markdown_extensions"] = [{"toc": {"permalink": "#"}}, "attr_list"]
    returncode, log = site.build()
    assert returncode == 0, log
    assert counts(log) == (3, 0)
    assert 'class="headerlink"' in (site.out / "details" / "index.html").read_text(encoding="utf-8")


def test_an_unreadable_cache_file_is_ignored(site: Site) -> None:
    site.cache.parent.mkdir(parents=True)
    site.cache.write_bytes(b"not a pickle")
    returncode, log = site.build()
    assert returncode == 0, log
    assert counts(log) == (3, 0)
    assert len(pickle.loads(site.cache.read_bytes())["entries"]) == 3


def test_the_file_keeps_only_what_the_last_build_used(site: Site) -> None:
    site.build()
    for n in range(3):
        (site.docs / "notes.md").write_text(f"# Notes\n\nVersion {n}.\n", encoding="utf-8")
        site.build()
    assert len(pickle.loads(site.cache.read_bytes())["entries"]) == 3


def test_without_a_cache_folder_nothing_is_kept(tmp_path: Path) -> None:
    plain = Site(tmp_path, None)
    assert plain.build()[0] == 0
    assert plain.build()[0] == 0
    assert not list(tmp_path.rglob("*.pickle"))
    assert markdown_cache.ACTIVE == {}


def test_the_stored_table_of_contents_is_not_changed_by_later_events(site: Site, tmp_path: Path) -> None:
    # a later event that changes the page's table of contents (as the render hooks make titles safe) changes the
    # page's copy, not the stored conversion: built twice, each page gets one mark, not one per build
    marker = tmp_path / "mark_titles.py"
    marker.write_text("def on_page_content(html, page, config, files):\n"
                      "    for link in page.toc:\n"
                      "        link.title += ' (marked)'\n"
                      "    return html\n", encoding="utf-8")
    site.config["hooks"].append(str(marker))
    for _ in range(3):
        assert site.build()[0] == 0
    html = (site.out / "details" / "index.html").read_text(encoding="utf-8")
    assert "Details (marked)" in html and "(marked) (marked)" not in html
    stored = pickle.loads(site.cache.read_bytes())["entries"].values()
    assert sorted(link.title for entry in stored for link in entry.toc) == ["Details", "Home", "Notes"]


# --------------------------------------------------------------------------------------------------------------
# The search sections of each page (Material's index), kept in the same file under a digest of the page's HTML


@pytest.fixture
def searched(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> tuple[Site, list[str]]:
    """The small site with Material and its search plugin; the list of the HTML divided into sections."""
    site = Site(tmp_path / "cached", tmp_path / "cache" / "site-en.pickle")
    site.config.update(theme={"name": "material"}, plugins=["search"])
    divided: list[str] = []
    divide = markdown_cache.divide_sections
    monkeypatch.setattr(markdown_cache, "divide_sections", lambda html: divided.append(html) or divide(html))
    return site, divided


def _index(site: Site) -> list[dict]:
    return json.loads((site.out / "search" / "search_index.json").read_text(encoding="utf-8"))["docs"]


def test_an_unchanged_page_is_not_divided_again_and_the_index_is_the_same(searched: tuple[Site, list[str]],
                                                                          tmp_path: Path) -> None:
    site, divided = searched
    assert site.build()[0] == 0
    assert len(divided) == 3
    first = _index(site)
    assert {entry["location"] for entry in first} >= {"", "details/", "details/#numbers", "notes/"}
    assert site.build()[0] == 0
    assert len(divided) == 3 and _index(site) == first  # read back: nothing divided
    (site.docs / "notes.md").write_text("# Notes\n\n- a new note\n", encoding="utf-8")
    assert site.build()[0] == 0
    assert len(divided) == 4 and "a new note" in divided[-1]  # only the edited page
    assert any("a new note" in entry["text"] for entry in _index(site))
    # the same index as a build without the cache
    plain = Site(tmp_path / "plain", None)
    plain.config.update(theme={"name": "material"}, plugins=["search"])
    (plain.docs / "notes.md").write_text("# Notes\n\n- a new note\n", encoding="utf-8")
    assert plain.build()[0] == 0
    assert _index(plain) == _index(site)


def test_kept_sections_are_new_objects_at_each_use(tmp_path: Path) -> None:
    """Material writes a page's title into a section without one: that must not reach the next page with the
    same HTML (or the next build)."""
    html = "<p>No heading here.</p>"
    expected = [([], ["<p>", "No heading here.", "</p>"])]
    for build in range(3):  # divided, then read back from the file twice
        cache = markdown_cache.ConversionCache(tmp_path / "site-en.pickle")
        for _ in range(2):  # twice in one build: the second use is the kept one
            sections = cache.sections(html)
            assert [(s.title, s.text) for s in sections] == expected, build
            sections[0].title.append("A page title")
            sections[0].text.append("more")
        cache.finish()


def test_the_sections_key_changes_with_the_html_the_code_python_and_the_libraries(
        monkeypatch: pytest.MonkeyPatch) -> None:
    from scripts.staging import cache

    base = markdown_cache.sections_key("<p>a</p>")
    assert markdown_cache.sections_key("<p>b</p>") != base
    monkeypatch.setattr(cache, "running_code", lambda: "another divider")
    assert markdown_cache.sections_key("<p>a</p>") != base
    monkeypatch.undo()
    monkeypatch.setattr(cache, "running_environment", lambda: "3.99\nmkdocs-material==99.0")
    assert markdown_cache.sections_key("<p>a</p>") != base


def test_a_page_without_sections_is_divided_once_too(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    divided: list[str] = []
    divide = markdown_cache.divide_sections
    monkeypatch.setattr(markdown_cache, "divide_sections", lambda html: divided.append(html) or divide(html))
    cache = markdown_cache.ConversionCache(tmp_path / "site-en.pickle")
    assert cache.sections("") == [] and cache.sections("") == []
    cache.finish()
    assert markdown_cache.ConversionCache(tmp_path / "site-en.pickle").sections("") == []
    assert divided == [""]


# --------------------------------------------------------------------------------------------------------------
# Each page's content as the allow-list sanitizer left it, kept in the same file under a digest of the content


def test_unchanged_content_is_not_cleaned_again_and_the_pages_are_the_same(site: Site, tmp_path: Path,
                                                                          monkeypatch: pytest.MonkeyPatch) -> None:
    cleaned: list[str] = []
    clean = markdown_cache.clean_content
    monkeypatch.setattr(markdown_cache, "clean_content", lambda html: cleaned.append(html) or clean(html))
    (site.docs / "notes.md").write_text('# Notes\n\n<p onclick="alert(1)">a note</p>\n', encoding="utf-8")
    assert site.build()[0] == 0
    assert len(cleaned) == 3
    first = site.html()
    assert "onclick" not in first["notes/index.html"] and "a note" in first["notes/index.html"]
    assert site.build()[0] == 0
    assert len(cleaned) == 3 and site.html() == first  # read back: nothing cleaned again
    (site.docs / "notes.md").write_text('# Notes\n\n<p onclick="alert(2)">a new note</p>\n', encoding="utf-8")
    assert site.build()[0] == 0
    assert len(cleaned) == 4 and "a new note" in cleaned[-1]  # only the edited page
    notes = site.html()["notes/index.html"]
    assert "a new note" in notes and "onclick" not in notes and "alert" not in notes
    # the same pages as a build without the cache
    plain = Site(tmp_path / "plain", None)
    (plain.docs / "notes.md").write_text('# Notes\n\n<p onclick="alert(2)">a new note</p>\n', encoding="utf-8")
    assert plain.build()[0] == 0
    assert plain.html() == site.html()


def test_the_cleaned_key_changes_with_the_html_the_code_python_and_the_libraries(
        monkeypatch: pytest.MonkeyPatch) -> None:
    from scripts.staging import cache

    base = markdown_cache.cleaned_key("<p>a</p>")
    assert markdown_cache.cleaned_key("<p>b</p>") != base
    assert markdown_cache.sections_key("<p>a</p>") != base  # sections and cleaned content never share an entry
    monkeypatch.setattr(cache, "running_code", lambda: "another allow-list")
    assert markdown_cache.cleaned_key("<p>a</p>") != base
    monkeypatch.undo()
    monkeypatch.setattr(cache, "running_environment", lambda: "3.99\nnh3==9.0")
    assert markdown_cache.cleaned_key("<p>a</p>") != base


def test_a_damaged_cleaned_entry_is_not_used(tmp_path: Path) -> None:
    """Only text is taken from the file: anything else is cleaned again."""
    path = tmp_path / "site-en.pickle"
    html = '<p onclick="x()">text</p>'
    path.write_bytes(pickle.dumps({"format": markdown_cache.FORMAT, "entries": {}, "sections": {},
                                   "cleaned": {markdown_cache.cleaned_key(html): None}}))
    assert markdown_cache.ConversionCache(path).cleaned(html) == "<p>text</p>"


# --- a page's notice, converted apart (scripts.pages.names.NOTICE, markdown_cache.convert_part) -------------------

NOTICE_TEXT = 'Noticed: see [the numbers](details.md#numbers). <a id="noticed"></a>\n'


def noticed_site(site: Site, notice: str = NOTICE_TEXT) -> Site:
    """``notes.md`` with a notice mark below its title and its notice beside the pages; ``index.md`` links to an
    anchor of the notice."""
    from scripts.pages.names import NOTICE

    (site.docs / "notes.md").write_text(f"# Notes\n\n{NOTICE}\n\n- a note\n- another\n", encoding="utf-8")
    (site.docs / "index.md").write_text(PAGES["index.md"] + "\nAnd [the notice](notes.md#noticed).\n",
                                        encoding="utf-8")
    notices = site.root / "notices.json"
    notices.write_text(json.dumps({"notes.md": notice}), encoding="utf-8")
    site.config["extra"][RENDER_KEY]["notices"] = str(notices)
    return site


def test_a_notice_is_converted_apart_where_its_mark_is_and_kept(site: Site) -> None:
    noticed_site(site)
    returncode, log = site.build()
    assert returncode == 0, log  # the anchor in the notice is the page's: index.md's link to it is found
    assert counts(log) == (3, 0)  # pages; the notice is not counted
    notes = site.html()["notes/index.html"]
    assert '<p>Noticed: see <a href="../details/#numbers">the numbers</a>.' in notes
    assert notes.index("<h1") < notes.index("Noticed: see") < notes.index("a note")
    assert "\ue000" not in notes and "<p>\ue000" not in notes
    first = site.html()
    returncode, log = site.build()
    assert returncode == 0 and counts(log) == (0, 3) and site.html() == first


def test_a_notices_link_to_a_missing_anchor_is_reported_from_its_kept_conversion(site: Site) -> None:
    assert noticed_site(site).build()[0] == 0
    (site.docs / "details.md").write_text(PAGES["details.md"].replace("## Numbers {#numbers}", "## Figures"),
                                          encoding="utf-8")
    returncode, log = site.build()  # notes.md and its notice are unchanged and reused; index.md's link too
    assert returncode != 0
    assert "'notes.md' contains a link 'details.md#numbers'" in log, log


def test_a_notice_with_a_heading_fails_the_build(site: Site) -> None:
    returncode, log = noticed_site(site, '## A heading\n\nText.\n').build()
    assert returncode != 0
    assert "the notice of notes.md has a heading" in log, log


def test_a_mark_without_its_notice_fails_the_build_naming_the_page(site: Site) -> None:
    noticed_site(site)
    (site.root / "notices.json").write_text("{}", encoding="utf-8")
    returncode, log = site.build()
    assert returncode != 0 and "the page notes.md has a notice mark and no notice" in log, log


# --- the same notice on many pages, converted once (scripts.render.notices) ----------------------------------------

#: pages in three folders beside PAGES, each with the same notice (its link written from the page)
SHARING = ("a/one.md", "a/index.md", "b/c/two.md", "three.md")


def notices_everywhere(site: Site, apart: bool, notice_of: Callable[[str], str] | None = None) -> Site:
    """Every page of :data:`SHARING` with a translation notice as the staging writes it
    (:func:`scripts.pages.translation_notice.page_notice`, wrapped): ``apart``, a mark below its title and the
    notice beside the pages, converted apart; else written into the page's Markdown, as MkDocs converts it whole."""
    from scripts.pages.names import NOTICE, with_notice
    from scripts.pages.translation_notice import STATUS_PAGE, page_notice, wrapped

    notice_of = notice_of or (lambda here: wrapped(page_notice("unreviewed", lambda key: f"[{key}]", here)))
    site.config["markdown_extensions"] += ["admonition", "md_in_html"]
    (site.docs / STATUS_PAGE).write_text("# Status\n\nEvery passage.\n", encoding="utf-8")
    notices = {}
    for here in SHARING:
        (site.docs / here).parent.mkdir(parents=True, exist_ok=True)
        text = f"# Page {here}\n\n{NOTICE}\n\nIts text.\n\n## Its part {{#its}}\n"
        notices[here] = notice_of(here)
        (site.docs / here).write_text(text if apart else with_notice(text, notices[here]), encoding="utf-8")
    if apart:
        (site.root / "notices.json").write_text(json.dumps(notices), encoding="utf-8")
        site.config["extra"][RENDER_KEY]["notices"] = str(site.root / "notices.json")
    return site


def built_both(tmp_path: Path, notice_of: Callable[[str], str] | None = None,
               configure: Callable[[dict], None] = lambda config: None) -> tuple[Site, Site, str]:
    """The pages of :data:`SHARING` with their notices written in (MkDocs converts them whole, nothing kept), and
    with them apart (converted through the cache), each site's configuration set by ``configure``, both built:
    (whole, apart, the log of the build with the notices apart)."""
    sites = []
    for name, cache, apart in (("whole", None, False), ("apart", tmp_path / "cache" / "site-en.pickle", True)):
        site = Site(tmp_path / name, cache)
        configure(site.config)
        sites.append(notices_everywhere(site, apart=apart, notice_of=notice_of))
    whole, site = sites
    assert whole.build()[0] == 0
    returncode, log = site.build()
    assert returncode == 0, log
    return whole, site, log


def notices_converted(log: str) -> int:
    match = re.search(r"Markdown: \d+ page\(s\) converted, \d+ reused from the last build"
                      r"(?:; (\d+) notice\(s\) converted apart)?", log)
    assert match, log
    return int(match[1] or 0)


#: the link of each page of SHARING to the status page, as MkDocs writes it, with and without directory URLs
STATUS_LINKS = {
    True: {"a/index.html": ["../translation-status/"], "a/one/index.html": ["../../translation-status/"],
           "b/c/two/index.html": ["../../../translation-status/"], "three/index.html": ["../translation-status/"]},
    False: {"a/index.html": ["../translation-status.html"], "a/one.html": ["../translation-status.html"],
            "b/c/two.html": ["../../translation-status.html"], "three.html": ["translation-status.html"]}}


@pytest.mark.parametrize("directory_urls", [True, False], ids=["directory URLs", "file URLs (the editions)"])
def test_the_same_notice_is_converted_once_and_each_page_links_from_where_it_is(tmp_path: Path,
                                                                                directory_urls: bool) -> None:
    whole, site, log = built_both(tmp_path, configure=lambda config: config.update(use_directory_urls=directory_urls))
    assert notices_converted(log) == 1  # four pages, three folders, one text
    assert site.html() == whole.html()  # each link as MkDocs writes it from the page
    links = {page: re.findall(r'href="([^"]*)">\[i18n.notice.status_link\]', html)
             for page, html in site.html().items() if page.startswith(("a/", "b/", "three"))}
    assert links == STATUS_LINKS[directory_urls]
    returncode, log = site.build()
    assert returncode == 0 and notices_converted(log) == 0 and site.html() == whole.html()


def test_a_notice_with_another_link_is_converted_on_each_page(tmp_path: Path) -> None:
    from scripts.pages.translation_notice import page_notice, status_link_target, wrapped

    def notice_of(here: str) -> str:  # a second link, to a page (its path differs) or to an anchor of the page
        other = f"[the details]({status_link_target(here).replace('translation-status.md', 'details.md')})"
        block = page_notice("unreviewed", lambda key: f"[{key}]", here)
        return wrapped(block + f"\n    See {other} and [this](#its).\n")

    whole, site, log = built_both(tmp_path, notice_of)
    assert notices_converted(log) == len(SHARING)
    assert site.html() == whole.html()


def test_a_notice_with_an_autolink_is_converted_on_each_page_after_the_home_pages_conversion(tmp_path: Path) -> None:
    """An autolink passes the look at the Markdown; the HTML converted from the home page holds two links, and is
    not used: the notice is converted from each page, the same pages as with the notices written in."""
    from scripts.pages.translation_notice import page_notice, wrapped

    def notice_of(here: str) -> str:
        return wrapped(page_notice("unreviewed", lambda key: f"[{key}]", here) + "\n    See <https://example.org>.\n")

    whole, site, log = built_both(tmp_path, notice_of)
    assert notices_converted(log) == 1 + len(SHARING)  # the home page's (made once, not used), then each page's
    assert site.html() == whole.html()


def test_a_markdown_extension_that_is_not_known_to_leave_the_page_alone_converts_each_notice_on_its_page(
        tmp_path: Path) -> None:
    whole, site, log = built_both(tmp_path, configure=lambda config: config["markdown_extensions"].append("footnotes"))
    assert notices_converted(log) == len(SHARING)
    assert site.html() == whole.html()


def test_a_notice_whose_status_page_is_missing_is_reported_naming_its_page(tmp_path: Path) -> None:
    from scripts.pages.translation_notice import STATUS_PAGE

    site = notices_everywhere(Site(tmp_path, tmp_path / "cache" / "site-en.pickle"), apart=True)
    (site.docs / STATUS_PAGE).unlink()
    returncode, log = site.build()
    assert returncode != 0
    assert "Doc file 'b/c/two.md' contains a link '../../translation-status.md'" in log, log


@pytest.fixture
def held(monkeypatch: pytest.MonkeyPatch) -> markdown_cache._Held:
    """serve's held conversions, this test's own (written only when the test says)."""
    holder = markdown_cache._Held()
    monkeypatch.setattr(markdown_cache, "HELD", holder)
    monkeypatch.setattr(markdown_cache, "IDLE_SECONDS", 0.2)
    yield holder
    holder.pause()


def a_build_that_uses(path: Path, hold: bool, key: str) -> markdown_cache.ConversionCache:
    """A build through the cache (as MkDocs' events call it) that uses one cleaned entry, ``key``."""
    markdown_cache.building()
    markdown_cache.start(path, hold=hold)
    cache = markdown_cache.ACTIVE["cache"]
    cache.used_cleaned[key] = f"<p>{key}</p>"
    markdown_cache.finish()
    return cache


def stored_keys(path: Path) -> list[str]:
    return sorted(pickle.loads(path.read_bytes())["cleaned"])


def idle(holder: markdown_cache._Held) -> None:
    """Until the write that waits for serve to be idle has run (if one waits)."""
    timer = holder._timer
    if timer is not None:
        timer.join(10)


def test_serve_takes_its_last_builds_conversions_from_memory_and_writes_them_once_idle(
        tmp_path: Path, held: markdown_cache._Held) -> None:
    path = tmp_path / "serve-site-en.pickle"
    a_build_that_uses(path, True, "first")
    assert not path.exists()  # not while the build's page may still be waited for
    idle(held)
    assert stored_keys(path) == ["first"]
    path.write_bytes(b"damaged since")  # the next build does not read the file: it has what the last one used
    markdown_cache.building()
    markdown_cache.start(path, hold=True)
    cache = markdown_cache.ACTIVE["cache"]
    assert cache.stored_cleaned == {"first": "<p>first</p>"}
    cache.add(({}, {}, {"helped": "<p>made by the second process</p>"}))  # adds to what it was given...
    assert list(held.content[path]["cleaned"]) == ["first"]  # ...not to what is held
    markdown_cache.finish()
    # a build without hold (python -m scripts build) reads the file and writes it as it ends
    a_build_that_uses(path, False, "built")
    assert stored_keys(path) == ["built"]


def test_no_held_conversions_are_written_while_a_build_runs_and_a_failed_build_leaves_them_to_be_written(
        tmp_path: Path, held: markdown_cache._Held) -> None:
    path = tmp_path / "serve-site-en.pickle"
    a_build_that_uses(path, True, "first")
    markdown_cache.building()  # the next build starts before serve was idle long enough
    assert held._timer is None
    time.sleep(markdown_cache.IDLE_SECONDS * 2)
    assert not path.exists()
    markdown_cache.start(path, hold=True)
    markdown_cache.failed()
    idle(held)
    assert stored_keys(path) == ["first"]


def test_serve_writes_what_it_holds_when_it_stops_and_once(tmp_path: Path, held: markdown_cache._Held) -> None:
    path = tmp_path / "serve-site-en.pickle"
    a_build_that_uses(path, True, "first")
    a_build_that_uses(path, True, "second")  # the first was never written: the second replaces it
    markdown_cache.write_held()
    assert stored_keys(path) == ["second"]
    path.unlink()
    markdown_cache.failed()  # a build failed since: nothing is left to write
    assert held._timer is None
    idle(held)
    assert not path.exists()


def test_the_first_event_of_a_build_stops_serves_held_conversions_from_being_written(
        monkeypatch: pytest.MonkeyPatch) -> None:
    from scripts.mkdocs_plugin.plugin import GuidelinesPlugin

    class Started(Exception):
        pass

    def building() -> None:
        raise Started

    monkeypatch.setattr(markdown_cache, "building", building)
    with pytest.raises(Started):  # before anything of the build (the configuration, the data) is read
        GuidelinesPlugin().on_config(None)  # type: ignore[arg-type]
