"""Paper: PDFs made from the built pages of a language, with WeasyPrint.

- :mod:`scripts.paper.render` turns HTML into a PDF (``write_pdf``) and reads a built page's article;
- :mod:`scripts.paper.book` assembles a language's book from its built pages (no second copy of the content);
- :mod:`scripts.paper.outputs` makes what is printed after a language's build: the book, and the pages
  :mod:`scripts.pages.paper` lists (blank request templates, workshop handouts); the ``guidelines`` plugin calls
  :func:`make_paper` in ``on_post_build``.

PDFs are kept in ``build/cache/paper/`` under a digest of the HTML and CSS they are made from, so a PDF whose
content did not change is copied, not rendered again.
"""

from scripts.pages.paper import PAPER_SOURCES, PaperPage, paper_pages
from scripts.paper.outputs import make_paper

__all__ = ["PAPER_SOURCES", "PaperPage", "make_paper", "paper_pages"]
