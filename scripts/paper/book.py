"""A language's book, assembled from the pages the site just built for it (no second copy of the content).

Order: cover, contents (with page numbers), what this content is (the book page's block and the language's
translation status), the guidelines overview, each part with its measures (the introduction with its known
paragraphs), the paragraph numbers, the glossary and the Budapest Convention articles. From each page the book
takes the article, without the site's furniture (:data:`scripts.paper.render.DROP`) and, on measure pages,
without what other parts of the site add (``.measure-related``). Links between pages in the book become links
inside the PDF; links to pages outside the book become plain text; web links stay (their address is printed).
"""

from __future__ import annotations

import copy
import datetime as dt
import html
import subprocess
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import unquote, urlsplit

from lxml import etree
from lxml import html as lxml_html

from scripts.pages.book import ABOUT_ID, edition_label
from scripts.pages.context import RenderContext
from scripts.pages.routes import BOOK, GUIDELINES, INTRODUCTION, PARAGRAPH_NUMBERS, measure_path
from scripts.pages.translation_notice import STATUS_PAGE
from scripts.paper.render import ROOT, built_file, has_class, read_article

GLOSSARY = "glossary.md"
CONVENTION = "convention.md"
#: what a measure page carries that is not the measure's own (practices, templates, training, countries)
MEASURE_EXTRAS = (f".//*[{has_class('measure-related')}]",)


@dataclass
class Chunk:
    """A piece of a built page placed in the book: its elements and the file they came from."""

    key: str
    title: str
    level: int  # bookmark level: 1 for parts and whole chapters, 2 for the chapters of a part
    source: Path
    body: list = field(default_factory=list)
    kind: str = "chapter"  # or "part"
    #: anchors of the source page that lead to this chunk as a whole (a part's heading on the overview)
    aliases: tuple[str, ...] = ()


def book_date(root: Path = ROOT) -> str:
    """The date of the content: the last commit's date (stable between builds of the same content), or today."""
    try:
        result = subprocess.run(["git", "log", "-1", "--format=%cs"], cwd=root, capture_output=True, text=True,
                                timeout=10, check=False)
        if result.returncode == 0 and result.stdout.strip():
            return result.stdout.strip()
    except (OSError, subprocess.SubprocessError):
        pass
    return dt.date.today().isoformat()


def _heading_text(element) -> str:
    return " ".join(element.text_content().split())


def _split_title(article) -> tuple[str, list]:
    """The article's h1 text and the elements after it."""
    children = [child for child in article if isinstance(child.tag, str)]
    for index, child in enumerate(children):
        if child.tag == "h1":
            return _heading_text(child), children[index + 1:]
    return "", children


def _until_h2(elements: list) -> list:
    result = []
    for element in elements:
        if element.tag == "h2":
            break
        result.append(element)
    return result


def _overview_parts(elements: list) -> tuple[list, dict[str, tuple[str, list]]]:
    """The overview's opening, and for each part (by its heading id) its title and what follows it."""
    opening, parts, current = [], {}, None
    for element in elements:
        if element.tag == "h2":
            current = element.get("id")
            parts[current] = (_heading_text(element), [])
        elif current is None:
            opening.append(element)
        else:
            parts[current][1].append(element)
    return opening, parts


def chunks(site_dir: Path, ctx: RenderContext, directory_urls: bool) -> list[Chunk]:
    guidelines = ctx.dataset.guidelines

    def page(path: str, drop: tuple[str, ...] = ()):
        source = built_file(site_dir, path, directory_urls)
        article, _ = read_article(source)
        for xpath in drop:
            for element in article.xpath(xpath):
                element.drop_tree()
        title, body = _split_title(article)
        return source, title, body

    result: list[Chunk] = []
    # What this content is: the book page's block, then the translation status (its table, not its page list)
    source, _, body = page(BOOK)
    about = next((e for e in body if e.get("id") == ABOUT_ID), None)
    if about is None:
        raise ValueError(f"{source}: no block {ABOUT_ID!r}")
    about_items = [e for e in about if isinstance(e.tag, str)]
    title = _heading_text(about_items[0]) if about_items and about_items[0].tag == "h2" else ""
    about_items = about_items[1:]
    result.append(Chunk("about", title, 1, source, about_items))
    status_source, status_title, status_body = page(STATUS_PAGE)
    result.append(Chunk("translation", status_title, 2, status_source, _until_h2(status_body)))

    source, title, body = page(GUIDELINES)
    opening, parts = _overview_parts(body)
    result.append(Chunk("guidelines", title, 1, source, opening))
    for section in guidelines.sections:
        measures = guidelines.measures_in(section.id)
        if section is guidelines.sections[0] and not measures:  # the introduction: its page is the part
            intro_source, intro_title, intro_body = page(INTRODUCTION)
            result.append(Chunk("introduction", intro_title, 1, intro_source, intro_body, kind="part"))
            continue
        part_title, part_body = parts.get(section.id, (ctx.translate(section.title), []))
        result.append(Chunk(f"part-{section.id}", part_title, 1, source, part_body, kind="part",
                            aliases=(section.id,)))
        for measure in measures:
            m_source, m_title, m_body = page(measure_path(measure.id), MEASURE_EXTRAS)
            result.append(Chunk(f"measure-{measure.id}", m_title, 2, m_source, m_body))
    for key, path in (("paragraphs", PARAGRAPH_NUMBERS), ("glossary", GLOSSARY), ("convention", CONVENTION)):
        p_source, p_title, p_body = page(path)
        result.append(Chunk(key, p_title, 1, p_source, p_body))
    return result


def _target_file(source: Path, href_path: str) -> Path:
    target = (source.parent / unquote(href_path)).resolve()
    if href_path.endswith("/") or target.is_dir():
        target = target / "index.html"
    return target


def _relink(chunk_list: list[Chunk], sections: dict[str, etree._Element]) -> None:
    """Give every id a chapter prefix and point links to pages of the book inside the PDF."""
    by_file: dict[Path, list[str]] = {}
    for chunk in chunk_list:
        by_file.setdefault(chunk.source.resolve(), []).append(chunk.key)
    ids: dict[str, set[str]] = {}
    aliases = {(chunk.source.resolve(), alias): chunk.key for chunk in chunk_list for alias in chunk.aliases}
    for chunk in chunk_list:
        own = ids.setdefault(chunk.key, set())
        root = sections[chunk.key]
        for element in root.iter():
            if element is not root and isinstance(element.tag, str) and element.get("id"):
                own.add(element.get("id"))
                element.set("id", f"{chunk.key}--{element.get('id')}")
    for chunk in chunk_list:
        for link in list(sections[chunk.key].iter("a")):
            href = link.get("href")
            if href is None:
                continue
            parts = urlsplit(href)
            if parts.scheme or href.startswith("//"):
                continue  # web links and mailto stay
            if not parts.path:
                key = chunk.key
                if parts.fragment and href.startswith("#"):
                    # the same page may be cut into several chunks (the overview's parts): find the right one
                    key = next((k for k in by_file[chunk.source.resolve()] if parts.fragment in ids.get(k, ())),
                               chunk.key)
            else:
                target = _target_file(chunk.source, parts.path)
                candidates = by_file.get(target, [])
                key = next((k for k in candidates if parts.fragment in ids.get(k, ())),
                           candidates[0] if candidates else None)
            whole = aliases.get((chunk.source.resolve() if not parts.path else target, unquote(parts.fragment)))
            if whole is not None:
                link.set("href", f"#{whole}")
                continue
            if key is None:
                # a page that is not in the book: its text stays. The sections are plain lxml elements, which have
                # no drop_tag of their own: lxml.html's, which reads only what every element has
                lxml_html.HtmlMixin.drop_tag(link)
                continue
            fragment = unquote(parts.fragment)
            link.set("href", f"#{key}--{fragment}" if fragment in ids.get(key, ()) else f"#{key}")
            link.attrib.pop("download", None)


def _absolute_images(chunk: Chunk, section) -> None:
    for image in section.iter("img"):
        src = image.get("src")
        if src and not urlsplit(src).scheme:
            image.set("src", (chunk.source.parent / unquote(src)).resolve().as_uri())


def book_html(site_dir: Path, ctx: RenderContext, directory_urls: bool, date: str | None = None) -> str:
    """The whole book as one HTML document, ready for WeasyPrint."""
    chunk_list = chunks(Path(site_dir), ctx, directory_urls)
    site = ctx.dataset.site
    language = site.language(ctx.language)
    escape = html.escape
    date = date or book_date()
    edition = edition_label(ctx)

    sections: dict[str, etree._Element] = {}
    current_part = ""
    for chunk in chunk_list:
        classes = f"book-{chunk.kind} level-{chunk.level}"
        section = etree.Element("section", {"class": classes, "id": chunk.key})
        heading = etree.SubElement(section, "h1")
        heading.text = chunk.title
        if chunk.kind == "part":
            current_part = chunk.title
        if chunk.level == 2 and current_part:
            section.set("data-part", current_part)
        for element in chunk.body:
            section.append(copy.deepcopy(element))
        _absolute_images(chunk, section)
        sections[chunk.key] = section
    _relink(chunk_list, sections)

    toc = ['<ol class="book-toc">']
    for chunk in chunk_list:
        toc.append(f'<li class="toc-{chunk.kind} toc-level-{chunk.level}"><a href="#{escape(chunk.key)}">'
                   f'{escape(chunk.title)}</a></li>')
    toc.append("</ol>")
    title = ctx.translate(site.title)
    cover = (
        f'<section class="book-cover" id="cover">'
        f'<p class="cover-kicker">{escape(ctx.translate(ctx.dataset.guidelines.source.publisher))}</p>'
        f'<h1 class="cover-title">{escape(title)}</h1>'
        f'<p class="cover-subtitle">{escape(ctx.translate(ctx.dataset.guidelines.title))}</p>'
        f'<dl class="cover-facts">'
        f'<dt>{escape(ctx.label("book.language"))}</dt><dd>{escape(language.name if language else ctx.language)}</dd>'
        f'<dt>{escape(ctx.label("book.edition"))}</dt><dd>{escape(edition)}</dd>'
        f'<dt>{escape(ctx.label("book.date"))}</dt><dd>{escape(date)}</dd>'
        f'</dl>'
        f'<p class="cover-edition-line">{escape(title)} · {escape(edition)} · {escape(date)}</p>'
        f'</section>'
    )
    contents = (f'<section class="book-contents" id="contents"><h1>{escape(ctx.label("book.contents"))}</h1>'
                + "".join(toc) + "</section>")
    body = "".join(lxml_html.tostring(sections[c.key], encoding="unicode") for c in chunk_list)
    return (f'<!DOCTYPE html><html lang="{escape(ctx.language)}"><head><meta charset="utf-8">'
            f'<title>{escape(title)}</title>'
            f'<meta name="description" content="{escape(ctx.translate(ctx.dataset.guidelines.title))}">'
            f'<meta name="dcterms.created" content="{escape(date)}">'
            f'</head><body>{cover}{contents}{body}</body></html>')
