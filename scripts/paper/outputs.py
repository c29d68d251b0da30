"""What a language prints, made after its pages are built: the book and a PDF of each paper page.

Called by the ``guidelines`` plugin's ``on_post_build`` in each language's build, so the books of the languages
are made in parallel like the languages themselves. ``build/cache/paper/`` keeps every PDF under a digest of
its HTML and CSS: when nothing a PDF contains changed, it is copied instead of rendered again."""

from __future__ import annotations

import html
import time
from dataclasses import dataclass, field
from pathlib import Path

from lxml import html as lxml_html

from scripts.pages.book import edition_label
from scripts.pages.context import RenderContext
from scripts.pages.paper import PaperPage, book_pdf, paper_pages
from scripts.paper.book import book_date, book_html
from scripts.paper.render import PaperCache, built_file, read_article, stylesheet, write_pdf


@dataclass
class PaperReport:
    language: str
    seconds: float = 0.0
    book_seconds: float = 0.0
    rendered: list[str] = field(default_factory=list)
    reused: list[str] = field(default_factory=list)

    def line(self) -> str:
        return (f"paper {self.language}: {len(self.rendered)} PDF(s) made, {len(self.reused)} unchanged, "
                f"{self.seconds:.1f}s (book {self.book_seconds:.1f}s)")


def page_html(site_dir: Path, paper: PaperPage, ctx: RenderContext, directory_urls: bool) -> str:
    """One built page as a document for paper: its article, its title on top of page 1."""
    source = built_file(site_dir, paper.page, directory_urls)
    article, _ = read_article(source)
    for image in article.iter("img"):
        src = image.get("src")
        if src and ":" not in src:
            image.set("src", (source.parent / src).resolve().as_uri())
    for link in list(article.iter("a")):
        href = link.get("href") or ""
        if not href.startswith(("http://", "https://", "mailto:", "#")):
            link.drop_tag()  # a link to another page of the site means nothing in a PDF: its text stays
    body = lxml_html.tostring(article, encoding="unicode")
    escape = html.escape
    title = " ".join(article.xpath("string(.//h1[1])").split())
    return (f'<!DOCTYPE html><html lang="{escape(ctx.language)}"><head><meta charset="utf-8">'
            f"<title>{escape(title)}</title></head><body>{body}</body></html>")


def footer_css(footer: str) -> str:
    """A stylesheet that prints ``footer`` at the foot of every page (a CSS string: escaped)."""
    text = " ".join(footer.split()).replace("\\", "\\\\").replace('"', '\\"')
    return f'@page {{ @bottom-left {{ content: "{text}"; }} }}'



def make_paper(site_dir: Path, ctx: RenderContext, directory_urls: bool,
               cache: PaperCache = PaperCache()) -> PaperReport:  # noqa: B008 - frozen
    """Write this language's book and paper pages into its built site ``site_dir`` (PDFs kept in ``cache``)."""
    site_dir = Path(site_dir)
    report = PaperReport(ctx.language)
    started = time.monotonic()
    edition = ctx.edition.id if ctx.edition is not None else "site"
    date = book_date()
    base = site_dir.as_uri() + "/"

    book_started = time.monotonic()
    target = site_dir / book_pdf(ctx)
    made = write_pdf(book_html(site_dir, ctx, directory_urls, date), target, f"book-{edition}-{ctx.language}",
                     base, [stylesheet("paper.css"), stylesheet("book.css")], cache=cache)
    (report.rendered if made else report.reused).append(str(target.relative_to(site_dir)))
    report.book_seconds = time.monotonic() - book_started

    footer = f"{ctx.translate(ctx.dataset.site.title)} · {edition_label(ctx)} · {date}"
    for paper in paper_pages(ctx):
        target = site_dir / paper.pdf
        name = f"page-{edition}-{ctx.language}-{paper.pdf.replace('/', '_')}"
        made = write_pdf(page_html(site_dir, paper, ctx, directory_urls), target, name, base,
                         [stylesheet("paper.css"), footer_css(footer)], forms=paper.forms, cache=cache)
        (report.rendered if made else report.reused).append(paper.pdf)
    report.seconds = time.monotonic() - started
    return report
