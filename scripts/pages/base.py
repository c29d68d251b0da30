"""What a generator produces: pages and where they stand in the navigation."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class NavEntry:
    """Where a generated page goes in the navigation: under the page ``parent`` (a hand-written or
    generated page's path), inside the groups ``groups`` (titles, outermost first), at ``order``."""

    parent: str
    title: str
    order: float
    groups: tuple[str, ...] = ()


@dataclass(frozen=True)
class Page:
    """One generated file: a Markdown page, or a download (text or bytes, e.g. a .docx or a GIFT file).

    ``path`` is language-neutral and relative to the docs root. ``nav`` places it in the navigation; without it, a
    page is placed by ``mkdocs.yml``'s nav, or is a download. ``in_nav=False``: a page only other pages lead to
    (a country's status pages), which the renderer must not report as left out of the navigation.

    ``notice``: the page's translation notice (Markdown), which stands where ``content`` has the notice mark
    (:data:`scripts.pages.names.NOTICE`); "" when the page has none. It is kept apart from the page's text because
    it changes with the catalog when the text does not: a renderer converts it on its own
    (:func:`scripts.pages.names.with_notice` writes it in, for one that cannot)."""

    path: str
    content: str | bytes
    nav: NavEntry | None = None
    in_nav: bool = True
    notice: str = ""
