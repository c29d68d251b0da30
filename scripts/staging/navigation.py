"""Placing generated pages in the MkDocs navigation under the entries that name their parent page."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any

from scripts.pages.base import Page


def expand_nav(nav: list[Any] | None, pages: Iterable[Page]) -> list[Any] | None:
    """Return ``nav`` where every entry naming a parent page becomes a section holding its children."""
    children: dict[str, list[Page]] = {}
    for page in pages:
        if page.nav is not None:
            children.setdefault(page.nav.parent, []).append(page)
    if nav is None or not children:
        return nav
    return [_expand(item, children) for item in nav]


def _expand(item: Any, children: dict[str, list[Page]]) -> Any:
    if isinstance(item, dict) and len(item) == 1:
        (title, value), = item.items()
        if isinstance(value, str) and value in children:
            return {title: [value, *_tree(children[value], 0)]}
        if isinstance(value, list):
            return {title: [_expand(v, children) for v in value]}
    return item


def _tree(pages: list[Page], depth: int) -> list[Any]:
    """Nav entries for ``pages``, nested by their group titles from ``depth`` on, in page order."""
    entries: list[Page | tuple[str, list[Page]]] = []
    groups: dict[str, list[Page]] = {}
    for page in sorted(pages, key=lambda p: p.nav.order):
        if len(page.nav.groups) > depth:
            title = page.nav.groups[depth]
            if title not in groups:
                groups[title] = []
                entries.append((title, groups[title]))
            groups[title].append(page)
        else:
            entries.append(page)
    return [{e.nav.title: e.path} if isinstance(e, Page) else {e[0]: _tree(e[1], depth + 1)} for e in entries]


def translate_nav(nav: list[Any] | None, translate: Callable[[str], str]) -> list[Any] | None:
    """``mkdocs.yml``'s nav with every title translated (each title is a ``ui.yaml`` label, so it is in the
    catalogs)."""
    if nav is None:
        return None
    result: list[Any] = []
    for item in nav:
        if isinstance(item, dict):
            result.append({translate(title): translate_nav(value, translate) if isinstance(value, list) else value
                           for title, value in item.items()})
        else:
            result.append(item)
    return result
