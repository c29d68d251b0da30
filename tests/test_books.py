"""The book per language and the printed pages (issue 14): each book opens, has a bookmark for every part and
measure, carries its language's own words in their script with embedded fonts; blank forms and the workshop
handout exist in every language; a PDF whose content did not change is not rendered again."""

from __future__ import annotations

import functools
import re
import shutil
from html import unescape
from pathlib import Path

import pytest
from pypdf import PdfReader

from scripts.i18n.translator import load_translator
from scripts.pages.paper import PaperPage
from scripts.pages.routes import book_file
from tests.conftest import DATA, real_dataset

GEORGIAN = re.compile(r"[\u10a0-\u10ff]{4,}")
CYRILLIC = re.compile(r"[\u0400-\u04ff]{4,}")
ALBANIAN = re.compile(r"\w*[ëç]\w*", re.IGNORECASE)


@pytest.fixture(scope="module")
def dataset():
    return real_dataset()


def language_root(site: Path, dataset, code: str) -> Path:
    return site if code == dataset.site.default_language else site / code


def book(site: Path, dataset, code: str) -> Path:
    return language_root(site, dataset, code) / book_file(code)


def outline_titles(reader: PdfReader) -> list[tuple[int, str]]:
    titles: list[tuple[int, str]] = []

    def walk(items, depth: int) -> None:  # noqa: ANN001
        for item in items:
            if isinstance(item, list):
                walk(item, depth + 1)
            else:
                titles.append((depth, " ".join(item.title.split())))

    walk(reader.outline, 1)
    return titles


def text_of(reader: PdfReader) -> str:
    return "\n".join(page.extract_text() or "" for page in reader.pages)


@functools.lru_cache(maxsize=None)
def book_text(path: Path) -> str:
    """The text of a book, extracted once per test session (pypdf takes seconds per book)."""
    return text_of(PdfReader(path))


def fonts_not_embedded(reader: PdfReader) -> list[str]:
    missing = []
    for page in reader.pages:
        fonts = (page.get("/Resources") or {}).get("/Font") or {}
        for name, ref in fonts.items():
            font = ref.get_object()
            descendants = font.get("/DescendantFonts")
            descriptor_owner = descendants[0].get_object() if descendants else font
            descriptor = descriptor_owner.get("/FontDescriptor")
            descriptor = descriptor.get_object() if descriptor is not None else {}
            if not any(key in descriptor for key in ("/FontFile", "/FontFile2", "/FontFile3")):
                missing.append(f"{font.get('/BaseFont')} ({name})")
    return missing


def translator(language):  # noqa: ANN001, ANN201 - a site language
    """The translator the build uses: sr-Latn reads the Serbian catalog and transliterates it."""
    return load_translator(DATA, language.code, "en", language.transliterated_from)


def test_every_language_has_a_book_that_opens(built_site: Path, dataset) -> None:
    for language in dataset.site.languages:
        path = book(built_site, dataset, language.code)
        assert path.is_file(), f"no book for {language.code} at {path}"
        reader = PdfReader(path)
        # 24 measures of a page or more each, the glossary, the Convention articles: dozens of pages, not hundreds
        assert 40 <= len(reader.pages) <= 250, (language.code, len(reader.pages))
        assert reader.metadata.title == translator(language)(dataset.site.title)


def test_bookmarks_for_every_part_and_measure(built_site: Path, dataset) -> None:
    guidelines = dataset.guidelines
    for language in dataset.site.languages:
        translate = translator(language)
        titles = outline_titles(PdfReader(book(built_site, dataset, language.code)))
        top = [title for depth, title in titles if depth == 1]
        below = [title for depth, title in titles if depth == 2]
        for section in guidelines.sections:
            assert any(title.startswith(translate(section.title)) for title in top), \
                (language.code, section.id, top)
        for measure in guidelines.measures:
            assert " ".join(translate(measure.heading).split()) in below, (language.code, measure.id)
        assert len(below) >= len(guidelines.measures)


def test_each_book_carries_its_own_script(built_site: Path, dataset) -> None:
    """A word of each language's own translation of the data, found in that book (and, for Georgian and
    Cyrillic, in no Latin-script book)."""
    title = dataset.guidelines.sections[1].title
    texts = {lang.code: book_text(book(built_site, dataset, lang.code)) for lang in dataset.site.languages}
    expected = {"ka": GEORGIAN, "sr": CYRILLIC, "mk": CYRILLIC, "sq": ALBANIAN}
    for code, script in expected.items():
        translated = load_translator(DATA, code, "en")(title)
        words = script.findall(translated)
        assert words, f"{code}: the data's translation of {title!r} has no word in its script: {translated!r}"
        word = max(words, key=len)
        assert word in texts[code], (code, word)
        if script is not ALBANIAN:
            for other in ("en", "fr", "sq", "tr"):
                assert word not in texts[other], (code, word, other)
    assert not GEORGIAN.search(texts["sr"]) and not CYRILLIC.search(texts["ka"])


def test_every_font_is_embedded(built_site: Path, dataset) -> None:
    for code in ("en", "ka", "sr", "sq"):
        reader = PdfReader(book(built_site, dataset, code))
        assert not fonts_not_embedded(reader), (code, fonts_not_embedded(reader))


def test_book_has_cover_contents_and_what_the_content_is(built_site: Path, dataset) -> None:
    reader = PdfReader(book(built_site, dataset, "en"))
    cover = " ".join(reader.pages[0].extract_text().split())
    assert "LEA-ISP Cooperation Guidelines" in cover and "English" in cover and "Complete edition" in cover
    assert re.search(r"\d{4}-\d{2}-\d{2}", cover)
    contents = reader.pages[1].extract_text()
    assert "Contents" in contents
    # the contents give page numbers: each entry ends with the page its chapter starts on
    glossary_line = next(line for line in contents.splitlines() if line.startswith("Glossary"))
    page_number = int(re.search(r"(\d+)\s*$", glossary_line).group(1))
    assert "Glossary" in reader.pages[page_number - 1].extract_text()[:200]
    assert "Glossary" not in reader.pages[page_number - 2].extract_text()
    text = book_text(book(built_site, dataset, "en"))
    assert "What this content is" in text and "our own summaries" in text
    assert dataset.guidelines.source.url in text  # the official source, with its address
    # measure pages in the book carry the measure's own content, not what other parts of the site add
    assert "Our explanation" in text and "Good practices for this measure" not in text


def test_blank_forms_and_handout_in_every_language(built_site: Path, dataset) -> None:
    from scripts.pages.context import RenderContext
    from scripts.pages.paper import paper_pages

    for language in dataset.site.languages:
        papers = paper_pages(RenderContext(dataset, language.code))
        assert {p.page.split("/")[0] for p in papers} >= {"forms", "workshop"}
        assert len([p for p in papers if p.page.startswith("forms/")]) == len(dataset.templates)
        for paper in papers:
            path = language_root(built_site, dataset, language.code) / paper.pdf
            reader = PdfReader(path)
            first = reader.pages[0].extract_text()
            assert first.strip(), paper.pdf
        # the page's title is the first thing on page 1
        handout = next(p for p in papers if p.page.startswith("workshop/"))
        html = (language_root(built_site, dataset, language.code) / handout.page[:-3] / "index.html").read_text(
            encoding="utf-8")
        h1 = unescape(re.sub(r"<[^>]+>", "", re.search(r"<h1[^>]*>(.*?)<a class=\"headerlink\"", html, re.S).group(1)))
        first = PdfReader(language_root(built_site, dataset, language.code) / handout.pdf).pages[0].extract_text()
        # (text extraction gives the footer first: site name · edition · date)
        before, found, _ = " ".join(first.split()).partition(" ".join(h1.split())[:30])
        assert found and re.fullmatch(r"(.* · \d{4}-\d{2}-\d{2} )?", before), (language.code, first[:160], h1)


def test_pages_link_their_pdfs(built_site: Path) -> None:
    form = (built_site / "forms" / "emergency-disclosure-request" / "index.html").read_text(encoding="utf-8")
    assert 'href="../emergency-disclosure-request-en.pdf"' in form
    page = (built_site / "book" / "index.html").read_text(encoding="utf-8")
    assert 'href="lea-isp-guidelines-en.pdf"' in page
    assert (built_site / "ka" / "book" / "lea-isp-guidelines-ka.pdf").stat().st_size > 10_000


def test_unchanged_pdfs_are_not_rendered_again(built_site: Path, dataset, tmp_path: Path) -> None:
    """A second run over the same built pages renders nothing; a change to one measure page renders the book
    again and nothing else."""
    from scripts.i18n.translator import load_translator as translator_for
    from scripts.pages.context import RenderContext
    from scripts.paper import make_paper

    site = tmp_path / "site"
    shutil.copytree(built_site, site, ignore=shutil.ignore_patterns("fr", "sq", "sr", "mk", "tr", "ka"))
    ctx = RenderContext(dataset, "en", translator_for(DATA, "en", "en"))
    # a copy of the cache the build filled, so that this test leaves the project's cache as it was
    from scripts.paper.render import PaperCache

    cache = tmp_path / "cache"
    shutil.copytree(PaperCache().path, cache)
    again = make_paper(site, ctx, True, PaperCache(cache))
    assert again.rendered == [], again.rendered
    assert len(again.reused) == 1 + len(dataset.templates) + len(dataset.workshops)
    measure = site / "guidelines" / dataset.guidelines.measures[0].id / "index.html"
    measure.write_text(measure.read_text(encoding="utf-8").replace("</h1>", "</h1><p>An edit.</p>", 1),
                       encoding="utf-8")
    changed = make_paper(site, ctx, True, PaperCache(cache))
    assert changed.rendered == [book_file("en")], changed.rendered
    assert "An edit." in text_of(PdfReader(site / book_file("en")))


@pytest.mark.slow  # importing WeasyPrint runs `ldconfig -p` (ctypes.util.find_library) to find Pango
def test_pdfs_load_nothing_from_the_network() -> None:
    from scripts.paper.render import local_only_fetcher

    with pytest.raises(ValueError, match="disallowed protocol"):
        local_only_fetcher().fetch("https://example.org/font.woff2")


def test_paper_page_is_generic(built_site: Path, dataset, tmp_path: Path) -> None:
    """Any built page can be printed: the machinery takes a page path, not a kind of page."""
    from scripts.pages.context import RenderContext
    from scripts.paper.outputs import page_html
    from scripts.paper.render import stylesheet, write_pdf

    ctx = RenderContext(dataset, "en")
    document = page_html(built_site, PaperPage("glossary.md", "glossary-en.pdf"), ctx, True)
    target = tmp_path / "glossary.pdf"
    write_pdf(document, target, "test-glossary", built_site.as_uri() + "/", [stylesheet("paper.css")])
    assert PdfReader(target).pages[0].extract_text().lstrip().startswith("Glossary")


def test_a_link_to_a_page_that_is_not_in_the_book_keeps_its_text() -> None:
    """The book's sections are plain lxml elements: a link to a page outside the book is taken out with its text
    and markup kept, not an error that stops the PDFs (it was: plain elements have no ``drop_tag``)."""
    from lxml import etree
    from lxml import html as lxml_html

    from scripts.paper.book import Chunk, _relink

    section = etree.Element("section", {"id": "here"})
    section.append(lxml_html.fragment_fromstring('<p>See <a href="../elsewhere/">the <b>other</b> page</a> now; '
                                                 '<a href="https://example.org/">a web link</a> stays.</p>'))
    _relink([Chunk("here", "Here", 1, Path("/nowhere/site/here/index.html"))], {"here": section})
    assert etree.tostring(section, encoding="unicode") == (
        '<section id="here"><p>See the <b>other</b> page now; <a href="https://example.org/">a web link</a> stays.</p>'
        '</section>')
