"""Page generation: validated models -> Markdown pages, independent of MkDocs and of the theme.

The output is plain Markdown with the standard extensions any Python-Markdown renderer offers
(attr_list, admonition, tables, toc), so the renderer can be replaced.
"""

from scripts.pages.base import NavEntry, Page
from scripts.pages.generator import generate_pages

__all__ = ["NavEntry", "Page", "generate_pages"]
