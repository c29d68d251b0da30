"""Issue 16, the one-string rebuild: a measure's name is written into the generated pages as a mark and filled
in after conversion (scripts.pages.names, scripts.render.names), so that editing a heading converts the
measure's own page again and not every page that names the measure. The name stays text: escaped into the HTML,
never Markdown or markup, and no mark is ever left in a page.

A translated page's notice is a mark too: kept with the page, converted apart and put where the mark's paragraph
is, so that the first edit of a heading, which changes the notices of the pages that name it, converts none of
them again. The pages are the same as with the notice written in."""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path
from types import SimpleNamespace

import markdown
import polib
import pytest
from lxml import html as lxml_html
from pydantic import ValidationError
from mkdocs.exceptions import PluginError
from mkdocs.structure.toc import get_toc

from scripts.benchmark.serve_rebuild import edit_heading
from scripts.data import load_dataset
from scripts.data.markup import markup_problems
from scripts.data.models.countries import MEASURE_STATUSES
from scripts.data.models.site import Contact, PluralLabel
from scripts.i18n.checks import check_catalog
from scripts.i18n.status import Status, entry_status
from scripts.i18n.translator import load_translator
from scripts.pages.context import RenderContext, identity
from scripts.pages.localized import generate_localized
from scripts.pages.names import (CLOSE, MARK, NOTICE, OPEN, STATUS_SYMBOLS, MisplacedNotice, UnknownMark, fill_html,
                                 fill_markdown, fill_statuses, fill_text, mark, names_of, with_notice)
from scripts.pages.routes import measure_path
from scripts.pages.translation_notice import excerpt, insert, notice, status_link_target, wrapped
from scripts.render.names import NOTICE_PARAGRAPH, fill_page
from scripts.settings import Settings
from tests.conftest import DATA, real_dataset, real_pages

HOSTILE = 'Hostile <script>alert("x")</script> & "double" \'single\' [link](javascript:alert(1)) *stars*'
MEASURE = "le-strategic-cooperation"


def test_a_name_is_filled_into_html_as_text_in_text_and_in_attributes() -> None:
    filled = fill_html(f'<a title="{mark("name", "m-1")}">{mark("name", "m-1")}</a>', {"name:m-1": HOSTILE})
    link = lxml_html.fragment_fromstring(filled)
    assert link.get("title") == HOSTILE and link.text == HOSTILE
    assert not list(link)  # no element came out of the name


def test_a_page_says_the_name_as_text_and_a_renderer_gets_it_escaped() -> None:
    page = f"- [{mark('name', 'm-1')}](x.md): {mark('excerpt', 'm-1')}"
    names = {"name:m-1": 'Cost & "care"', "excerpt:m-1": "“Cost”"}
    assert fill_text(page, names) == '- [Cost & "care"](x.md): “Cost”'
    assert fill_markdown(page, names) == "- [Cost &amp; &quot;care&quot;](x.md): “Cost”"


def test_a_renderer_given_the_names_written_in_keeps_a_hostile_name_text() -> None:
    """What Zensical and the stock baseline get (StagedTree.markdown): a name that would close an attribute or
    open an element never becomes one, in the matrix's attribute lists and the forms' raw HTML too (its Markdown
    punctuation is not escaped for them: see fill_markdown)."""
    dataset = real_dataset()
    hostile = 'Cost" onclick="alert(1)" x="<b>bold</b> {: onfocus=alert(2) }'
    names = names_of(dataset.guidelines.measures, lambda text: hostile, dataset.ui.labels)
    pages = {page.path: page.content for page in real_pages() if isinstance(page.content, str)}
    converter = markdown.Markdown(extensions=["abbr", "admonition", "attr_list", "def_list", "md_in_html", "tables",
                                              "pymdownx.details", "pymdownx.superfences"])
    checked = 0
    for path in ("countries/matrix-law-enforcement.md", "countries/albania.md", "practices/mou-outline.md",
                 next(p for p in sorted(pages) if p.startswith("forms/") and OPEN in pages[p])):
        tree = lxml_html.fromstring(f"<div>{converter.reset().convert(fill_markdown(pages[path], names))}</div>")
        attributes = [name for element in tree.iter() for name in element.attrib if name.startswith("on")]
        assert not attributes and not list(tree.iter("b")), path
        checked += sum(hostile in (element.text or "") + "".join(element.attrib.values()) for element in tree.iter())
    assert checked > 20


def test_a_mark_no_measure_has_is_an_error_that_names_it() -> None:
    with pytest.raises(UnknownMark, match="'name:missing'"):
        fill_html(f"<p>{mark('name', 'missing')}</p>", {"name:m-1": "x"})
    with pytest.raises(UnknownMark):
        fill_markdown(mark("excerpt", "m-1"), {"name:m-1": "x"})


@pytest.mark.parametrize("left", ["\ue000", "\ue001", "\\ue000", "\\uE001", "&#57344;", "&#57345;", "&#xe000;",
                                  "&#XE001;", "%EE%80%80", "%ee%80%81"])
def test_anything_of_a_mark_left_in_finished_html_fails_naming_the_page(left: str) -> None:
    """As it is, as JSON, as a character reference or URL-encoded; a page's scripts hold other ``\\u`` escapes."""
    from scripts.render.names import left_over

    page = '<script>{"a": "\\u00e9 \\ue0ff \\ue002 \\uE00f"}</script><p>&#57346; %EE%80%82 &amp;</p>'
    left_over(page, "guidelines/m-1.md")  # near misses: nothing of a mark
    with pytest.raises(PluginError, match="guidelines/m-1.md still holds a mark"):
        left_over(page.replace("&amp;", left), "guidelines/m-1.md")


@pytest.mark.parametrize(("kind", "identifier"), [("name", "Not An Id"), ("name", "a}b"), ("heading", "m-1")])
def test_only_a_known_kind_of_a_measure_id_makes_a_mark(kind: str, identifier: str) -> None:
    with pytest.raises(ValueError, match="no mark"):
        mark(kind, identifier)


def test_text_from_data_or_a_catalog_cannot_carry_a_mark(tmp_path: Path) -> None:
    """The first wall refuses the mark characters in data and translations, plural forms included, and a
    translation that holds one is never shown; one that still reached a template (the wall switched off) comes
    out of |t without them."""
    injected = f"Text {OPEN}name:le-international{CLOSE}"
    assert any("private-use character (U+E000)" in problem for problem in markup_problems(injected))
    assert any("U+F8FF" in problem for problem in markup_problems("Text \uf8ff"))
    for fields in ({"email": f"a{OPEN}@example.org"}, {"url": f"https://example.org/{CLOSE}"}):
        with pytest.raises(ValidationError):
            Contact(**fields)
    with pytest.raises(ValidationError, match="private-use"):
        PluralLabel(one="{count} question", other=f"{{count}} questions {OPEN}name:x{CLOSE}")
    entry = polib.POEntry(msgid="{count} question", msgid_plural="{count} questions",
                          msgstr_plural={0: "{count} question", 1: f"{{count}} questions {OPEN}name:x{CLOSE}"})
    assert entry_status(entry) is Status.MISSING
    catalog = polib.POFile()
    catalog.metadata = {"Content-Type": "text/plain; charset=UTF-8", "Plural-Forms": "nplurals=2; plural=(n > 1);"}
    catalog.append(entry)
    catalog.save(str(tmp_path / "fr.po"))
    assert any("plural form 1: the translation holds a private-use character" in str(problem)
               for problem in check_catalog(tmp_path / "fr.po"))
    context = RenderContext(real_dataset(), "fr", lambda text: injected)
    rendered = context.env.from_string("{{ 'anything' | t }}").render()
    assert rendered == "Text name:le-international"


def test_the_names_of_a_language_are_its_headings_translated_and_the_excerpts_of_the_english() -> None:
    measures = real_dataset().guidelines.measures
    names = names_of(measures, lambda text: f"FR {text}")
    assert len(names) == 2 * len(measures)
    for measure in measures:
        assert names[f"name:{measure.id}"] == f"FR {measure.heading}"
        assert names[f"excerpt:{measure.id}"] == excerpt(measure.heading)


def test_a_page_gets_its_names_in_its_content_and_in_its_table_of_contents() -> None:
    toc = get_toc([{"level": 2, "id": "a", "name": f"See {mark('name', 'm-1')}", "children": [
        {"level": 3, "id": "b", "name": mark("name", "m-1"), "children": []}]}])
    page = SimpleNamespace(toc=toc, file=SimpleNamespace(src_uri="countries/x.md"))
    html = fill_page(f"<p>{mark('name', 'm-1')}</p>", page, {"name:m-1": "A & <B>"})
    assert html == "<p>A &amp; &lt;B&gt;</p>"
    assert [toc.items[0].title, toc.items[0].children[0].title] == ["See A &amp; &lt;B&gt;", "A &amp; &lt;B&gt;"]
    with pytest.raises(PluginError, match=r"countries/x\.md holds a mark for 'name:m-2'"):
        fill_page(mark("name", "m-2"), page, {})
    # the title MkDocs makes of the page's first heading (a title the navigation gives may be a mark)
    titled = SimpleNamespace(toc=[], _title_from_render=f"About {mark('name', 'm-1')}", file=page.file)
    with pytest.raises(PluginError, match=r"countries/x\.md has a measure's mark in its title"):
        fill_page("<p>x</p>", titled, {"name:m-1": "A"})
    fill_page("<p>x</p>", SimpleNamespace(toc=[], title=mark("name", "m-1"), file=page.file), {"name:m-1": "A"})


def test_a_notice_is_written_where_its_mark_is_and_nowhere_else() -> None:
    content = f"# Title\n\n{NOTICE}\n\nText.\n"
    block = wrapped('!!! info "Note"\n\n    Unreviewed.\n')
    assert with_notice(content, block) == insert("# Title\nText.\n", '!!! info "Note"\n\n    Unreviewed.\n')
    assert with_notice("# Title\n\nText.\n", "") == "# Title\n\nText.\n"
    for broken, given in [("# Title\n\nText.\n", block),  # a notice without its mark
                          (content, ""),  # a mark without its notice
                          (f"# Title {NOTICE}\n", block),  # a mark that is not a line of its own
                          (content + f"\n{NOTICE}\n", block)]:  # two marks
        with pytest.raises(MisplacedNotice):
            with_notice(broken, given)


def test_a_page_gets_its_notice_converted_apart_where_its_marks_paragraph_is() -> None:
    page = SimpleNamespace(toc=[], file=SimpleNamespace(src_uri="countries/x.md"))
    converted: list[str] = []

    def convert(text: str) -> str:
        converted.append(text)
        return f'<div class="translation-notice">{mark("excerpt", "m-1")}</div>'

    html = fill_page(f"<h1>T</h1>\n{NOTICE_PARAGRAPH}\n<p>{mark('name', 'm-1')}</p>", page,
                     {"name:m-1": "A", "excerpt:m-1": "“A”"}, "the notice", convert)
    assert converted == ["the notice"]
    assert html == '<h1>T</h1>\n<div class="translation-notice">“A”</div>\n<p>A</p>'  # its marks filled too
    with pytest.raises(PluginError, match=r"countries/x\.md has a translation notice and no paragraph"):
        fill_page("<p>x</p>", page, {}, "the notice", convert)
    with pytest.raises(PluginError, match=r"countries/x\.md has a notice mark and no notice"):
        fill_page(NOTICE_PARAGRAPH, page, {})


def test_translated_pages_keep_their_notice_apart_below_their_title() -> None:
    dataset = real_dataset()
    translator = load_translator(DATA, "fr", dataset.site.default_language)
    localized = generate_localized(dataset, translator)
    noticed = [page for page in localized.pages if page.notice]
    assert len(noticed) > 50
    for page in noticed:
        assert page.content.count(NOTICE) == 1, page.path
        title = re.search(r"^# .*$", page.content, re.MULTILINE)
        assert page.content[title.end():].startswith(f"\n\n{NOTICE}\n\n"), page.path  # below the title
        assert page.notice.startswith('<div class="translation-notice" data-search-exclude markdown>')
        assert "translation-notice" not in page.content, page.path
        report = next(r for r in localized.reports if r.path == page.path)
        quote = {measure.heading: mark("excerpt", measure.id) for measure in dataset.guidelines.measures}
        assert page.notice == wrapped(notice(report, localized.context.label, page.path,
                                             localized.context.count_label, lambda e: quote.get(e) or excerpt(e)))
    assert all(NOTICE not in page.content for page in localized.pages if not page.notice
               and isinstance(page.content, str))


def test_generated_pages_name_measures_by_their_marks_and_every_mark_is_known() -> None:
    dataset = real_dataset()
    pages = {page.path: page.content for page in real_pages() if isinstance(page.content, str)}
    measure = dataset.guidelines.measure(MEASURE)
    names = names_of(dataset.guidelines.measures, identity, dataset.ui.labels)
    naming = [path for path, content in pages.items() if mark("name", MEASURE) in content]
    assert len(naming) >= 20, naming  # the countries, training, practices, channels, the glossary ...
    assert "countries/albania.md" in naming
    assert measure.heading not in pages["countries/albania.md"]
    # the measure's own page keeps its heading as text: it makes the page's title
    assert f"\n# {measure.heading}\n" in pages[measure_path(MEASURE)]
    for path, content in pages.items():
        assert OPEN not in MARK.sub("", content) and CLOSE not in MARK.sub("", content), path  # no broken mark
        fill_markdown(content, names)  # raises on a mark no measure has
        front = re.match(r"---\n.*?\n---\n", content, re.DOTALL)
        assert not front or OPEN not in front.group(0), path  # the meta description is text
        for line in content.splitlines():  # a page's title is text; a heading with a mark has an id of its own
            if line.startswith("# "):  # (its anchor is not made from the mark)
                assert OPEN not in line, (path, line)
            elif line.startswith("#") and OPEN in line:
                assert re.search(r"\{#[\w-]+\}\s*$", line), (path, line)


def test_a_heading_shown_in_english_is_listed_in_a_notice_by_its_excerpt_mark(tmp_path: Path) -> None:
    data = tmp_path / "data"
    shutil.copytree(DATA, data)
    edit_heading(data / "guidelines.yaml", MEASURE, "EDITED")  # the French translation is now missing
    dataset = load_dataset(data)
    translator = load_translator(data, "fr", "en")
    pages = {page.path: with_notice(page.content, page.notice)
             for page in generate_localized(dataset, translator).pages if isinstance(page.content, str)}
    heading = dataset.guidelines.measure(MEASURE).heading
    assert heading.endswith("EDITED")
    page = pages["countries/albania.md"]
    assert f"- {mark('excerpt', MEASURE)} (" in page  # the notice lists it by its mark ...
    assert heading not in page  # ... and the page names it by its mark
    names = names_of(dataset.guidelines.measures, translator, dataset.ui.labels)
    assert f"- {excerpt(heading)} (" in fill_text(page, names)


def _with_kept_conversions(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> tuple[Path, Settings]:
    """A copy of the real data and the settings of builds that keep their conversions in a cache of the test's own
    (the environment set as `python -m scripts build` sets it)."""
    from scripts import build

    data = tmp_path / "data"
    shutil.copytree(DATA, data)
    monkeypatch.setattr(build, "CACHE", tmp_path / "cache")
    settings = Settings(data_dir=data, no_paper=True, quiet=True)
    for name, value in settings.mkdocs_environment().items():
        monkeypatch.setenv(name, value)
    return data, settings


@pytest.mark.slow  # builds French twice with MkDocs
def test_a_heading_edit_converts_only_the_measures_page_and_every_page_shows_the_new_name(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from scripts import build

    data, settings = _with_kept_conversions(tmp_path, monkeypatch)

    def built(language: str, marker: str = "") -> tuple[Path, str]:
        if marker:
            edit_heading(data / "guidelines.yaml", MEASURE, marker)
        folder = tmp_path / f"{language}-{marker or 'unedited'}"
        returncode, log = build.build_language(language, folder / "site", folder / "work", build.DEFAULT_CONFIG,
                                               settings)
        assert returncode == 0, log
        return folder / "site", log

    def notice_texts() -> set[str]:
        """The texts of the French notices, each with its link to the status page as the home page writes it
        (what scripts.render.notices converts once)."""
        notices = json.loads(next((tmp_path / "fr-unedited" / "work").rglob("notices.json")).read_text(
            encoding="utf-8"))
        assert len(notices) > 50
        return {text.replace(f"]({status_link_target(path)})", "](translation-status.md)")
                for path, text in notices.items()}

    built("en")
    site, _ = built("fr")
    texts_before = notice_texts()
    before = (site / "countries" / "albania" / "index.html").read_text(encoding="utf-8")
    _, log = built("en", "FIRST")  # in English, the first edit converts the measure's page alone
    assert re.search(r"Markdown: 1 page\(s\) converted, \d+ reused", log), log
    # The French heading goes missing: the notices of the pages that show it change, and are converted apart;
    # the pages are not converted again, only the measure's own (its title is the heading) and the translation
    # status page (its counts change)
    site, log = built("fr")
    assert re.search(r"Markdown: 2 page\(s\) converted, \d+ reused", log), log
    # each new text of a notice converted once (scripts.render.notices), not once for each page that shows it
    converted = re.search(r"Markdown: 2 page\(s\) converted, \d+ reused from the last build; (\d+) notice\(s\) "
                          r"converted apart", log)
    assert converted, log
    assert int(converted[1]) == len(notice_texts() - texts_before) > 0, converted[1]
    albania = (site / "countries" / "albania" / "index.html").read_text(encoding="utf-8")
    assert excerpt(load_dataset(data).guidelines.measure(MEASURE).heading) in albania
    assert albania != before

    def same_as_cold(site: Path, name: str) -> None:
        """A build that keeps no conversions, with each notice written into its page, makes the same pages."""
        cold = tmp_path / name
        returncode, log = build.build_language("fr", cold / "site", cold / "work", build.DEFAULT_CONFIG,
                                               Settings(data_dir=data, no_paper=True, quiet=True, no_cache=True))
        assert returncode == 0, log
        pages = sorted(path.relative_to(site) for path in site.rglob("*") if path.suffix in (".html", ".json"))
        assert len(pages) > 90
        differ = [str(page) for page in pages
                  if (site / page).read_bytes() != (cold / "site" / page).read_bytes()]
        assert not differ, differ

    same_as_cold(site, "fr-cold-first")  # the notices converted now
    site, log = built("fr", "SECOND")  # only the English text of the missing heading changes
    assert re.search(r"Markdown: 1 page\(s\) converted, \d+ reused", log), log
    same_as_cold(site, "fr-cold-second")  # the notices taken from the kept conversions
    measure = load_dataset(data).guidelines.measure(MEASURE)
    heading = measure.heading
    assert heading.endswith("FIRST SECOND")
    albania = (site / "countries" / "albania" / "index.html").read_text(encoding="utf-8")
    linked = [a.text_content() for a in lxml_html.fromstring(albania).iter("a")
              if a.get("href", "").endswith(f"guidelines/{MEASURE}/")]
    assert heading in linked, linked[:5]
    assert excerpt(heading) in albania  # the notice lists the passage shown in English
    matrix = lxml_html.fromstring((site / "countries" / "matrix-law-enforcement" / "index.html").read_text(
        encoding="utf-8"))
    assert f"{measure.order}. {heading}" in [a.get("title") for a in matrix.iter("a")]  # an attribute's value
    left = [str(path.relative_to(site)) for path in site.rglob("*") if path.suffix in (".html", ".json", ".xml")
            and (OPEN in path.read_text(encoding="utf-8") or CLOSE in path.read_text(encoding="utf-8"))]
    assert not left, left


def test_a_status_is_its_html_in_every_fill_with_its_label_escaped() -> None:
    """A status mark stands for the HTML the templates wrote before (raw HTML, which Markdown passes through): the
    symbol and the label, shown or (the matrix's cells) as a title and for screen readers."""
    names = {"status:partly": 'Partly <b>"in"</b> & place', "statusicon:partly": 'Partly <b>"in"</b> & place'}
    text = f"| {mark('status', 'partly')} | [{mark('statusicon', 'partly')}](x.md) |"
    filled = [fill(text, names) for fill in (fill_html, fill_markdown, fill_statuses)]
    assert filled[0] == filled[1] == filled[2]
    shown, icon = (lxml_html.fragment_fromstring(span) for span in re.findall(r"<span class=.*?</span></span>",
                                                                              filled[0]))
    assert shown.get("class") == "status-mark status-mark--partly" and shown.get("title") is None
    assert [(child.get("class"), child.get("aria-hidden"), child.text) for child in shown] == [
        ("status-mark__symbol", "true", "◐"), ("status-mark__label", None, 'Partly <b>"in"</b> & place')]
    assert icon.get("title") == 'Partly <b>"in"</b> & place'
    assert [(child.get("class"), child.text) for child in icon] == [
        ("status-mark__symbol", "◐"), ("visually-hidden", 'Partly <b>"in"</b> & place')]
    # the statuses alone: a name's mark is left for later
    assert fill_statuses(f"{mark('name', 'm-1')} {mark('status', 'partly')}", names).startswith(mark("name", "m-1"))
    with pytest.raises(UnknownMark, match="'statusicon:unknown'"):
        fill_statuses(mark("statusicon", "unknown"), names)


def test_a_page_says_a_status_label_as_written_so_that_its_notice_counts_it() -> None:
    """What a page says (fill_text: the translation notices look in it for each passage shown in English) holds a
    status's label as it is written, as the templates printed it before it was a mark."""
    label = "Don't & <know>"
    names = {"status:partly": label, "statusicon:partly": label}
    said = fill_text(f"| {mark('status', 'partly')} | {mark('statusicon', 'partly')} |", names)
    assert said.count(label) == 3  # the label; the icon's title and its hidden label
    assert "&amp;" not in said and "&#x27;" not in said


def test_every_status_has_a_symbol() -> None:
    assert set(STATUS_SYMBOLS) == set(MEASURE_STATUSES)


def test_the_status_labels_are_names_of_a_language_when_its_labels_are_given() -> None:
    dataset = real_dataset()
    names = names_of(dataset.guidelines.measures, lambda text: f"FR {text}", dataset.ui.labels)
    assert len(names) == 2 * len(dataset.guidelines.measures) + 8
    assert names["status:not-in-place"] == names["statusicon:not-in-place"] == "FR Not in place"


@pytest.mark.slow  # builds English three times with MkDocs
def test_a_status_label_edit_converts_no_status_again_and_every_page_shows_the_new_label(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A status's label is filled in after conversion: editing it converts again only the countries page, whose
    summary prints the labels as text, and the pages are those of a build that keeps no conversions."""
    from scripts import build

    data, settings = _with_kept_conversions(tmp_path, monkeypatch)

    def built(name: str, settings: Settings = settings) -> tuple[Path, str]:
        returncode, log = build.build_language("en", tmp_path / name / "site", tmp_path / name / "work",
                                               build.DEFAULT_CONFIG, settings)
        assert returncode == 0, log
        return tmp_path / name / "site", log

    built("unedited")
    labels = data / "ui.yaml"
    text = labels.read_text(encoding="utf-8")
    assert text.count("\n  status.partly: Partly in place\n") == 1
    labels.write_text(text.replace("\n  status.partly: Partly in place\n", "\n  status.partly: Partly & EDITED\n"),
                      encoding="utf-8")
    site, log = built("edited")
    # the countries page alone: its summary's column headers are the labels as text
    assert re.search(r"Markdown: 1 page\(s\) converted, \d+ reused", log), log
    matrix = lxml_html.fromstring((site / "countries" / "matrix-common-measures" / "index.html").read_text(
        encoding="utf-8"))
    icons = [mark for mark in matrix.find_class("status-mark--partly") if mark.get("title")]  # the cells
    assert icons and all(mark.get("title") == mark.find_class("visually-hidden")[0].text == "Partly & EDITED"
                         for mark in icons)
    assert [mark.text for mark in matrix.find_class("status-mark__label")].count("Partly & EDITED") == 1  # legend
    cold, _ = built("cold", Settings(data_dir=data, no_paper=True, quiet=True, no_cache=True))
    pages = sorted(path.relative_to(site) for path in site.rglob("*") if path.suffix in (".html", ".json"))
    assert len(pages) > 90
    assert not [str(page) for page in pages if (site / page).read_bytes() != (cold / page).read_bytes()]


def test_the_search_index_reads_a_status_as_its_symbol_and_label(built_site: Path) -> None:
    """The statuses are filled in before the search index divides a page: its entries hold their words, never their
    HTML (the other marks are filled in the entries themselves)."""
    docs = json.loads((built_site / "search" / "search_index.json").read_text(encoding="utf-8"))["docs"]
    matrix = next(doc for doc in docs if doc["location"] == "countries/matrix-common-measures/")
    assert "France ◐Partly in place ◐Partly in place –Unknown" in matrix["text"]
    assert not [doc["location"] for doc in docs if "status-mark" in doc["text"]]


def test_no_mark_is_left_anywhere_in_the_built_site(built_site: Path) -> None:
    """Every language, every page, search index, sitemap and download that is text."""
    checked, left = 0, []
    for path in built_site.rglob("*"):
        if path.suffix in (".html", ".json", ".xml", ".txt", ".gift", ".csv", ".md"):
            text = path.read_text(encoding="utf-8", errors="replace")
            checked += 1
            if OPEN in text or CLOSE in text:
                left.append(str(path.relative_to(built_site)))
    assert checked > 700 and not left, left[:20]


@pytest.mark.browser
def test_in_chromium_pages_that_name_a_measure_show_its_heading(recorded_page, site_url: str,  # noqa: ANN001
                                                                  tmp_path: Path) -> None:
    """What a reader sees where a page names a measure by its mark: the heading, in the page's language, in a
    link, in a matrix column's tooltip and hidden label, and as a checkbox's label; a translated page's notice
    where its mark was, below the title; never a mark."""
    from playwright.sync_api import expect

    page = recorded_page.page
    measure = real_dataset().guidelines.measure(MEASURE)
    french = load_translator(DATA, "fr", "en")(measure.heading)
    assert french != measure.heading  # the French catalog translates it: the fill is in the page's language

    page.goto(site_url + "countries/albania/")
    link = page.locator(f"article a[href$='guidelines/{MEASURE}/']").first
    expect(link).to_be_visible()
    expect(link).to_have_text(measure.heading)
    link.scroll_into_view_if_needed()
    page.screenshot(path=str(tmp_path / "albania.png"))
    # a status heading names its measure by a mark: the table of contents shows the name too
    heading = page.locator("article h4[id^='status-']").first
    anchor = heading.get_attribute("id")
    entry = page.locator(f"nav.md-nav--secondary a[href='#{anchor}']").first
    name = heading.locator("a").first.inner_text()
    assert name in {m.heading for m in real_dataset().guidelines.measures}, name
    expect(entry).to_have_text(name)

    page.goto(site_url + "fr/countries/matrix-law-enforcement/")
    column = page.locator(f"th a[href$='guidelines/{MEASURE}/']")
    expect(column).to_have_attribute("title", f"{measure.order}. {french}")
    expect(column).to_have_text(f"{measure.order}. {french}")  # the visually hidden part included

    # a translated page's notice, converted apart: right below the title, its link to the status page working
    page.goto(site_url + "fr/countries/albania/")
    notice = page.locator("article .translation-notice").first
    expect(notice).to_be_visible()
    assert page.evaluate("() => document.querySelector('article h1').nextElementSibling.className") \
        == "translation-notice"
    notice.screenshot(path=str(tmp_path / "albania-fr-notice.png"))
    notice.locator("a[href$='translation-status/']").first.click()
    page.wait_for_url("**/fr/translation-status/")
    expect(page.locator("article h1")).to_be_visible()
    # the same notice text on pages at other depths shares one conversion (scripts.render.notices): from each,
    # its link leads to the status page
    for path in ("fr/glossary/", "fr/training/quizzes/why-cooperation-quiz/"):
        page.goto(site_url + path)
        page.locator("article .translation-notice a[href$='translation-status/']").first.click()
        page.wait_for_url("**/fr/translation-status/")
        expect(page.locator("article h1")).to_be_visible()

    page.goto(site_url + "practices/mou-outline/")
    box = page.get_by_label(f"{measure.order}. {measure.heading}", exact=True)
    expect(box).to_have_attribute("data-mou-measure", MEASURE)
    for path in ("countries/albania/", "fr/countries/albania/", "fr/countries/matrix-law-enforcement/",
                 "practices/mou-outline/"):
        page.goto(site_url + path)
        text = page.locator("body").inner_text()
        assert OPEN not in text and CLOSE not in text, path
    assert not recorded_page.foreign_requests()
