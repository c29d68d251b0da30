"""Paper: PDFs made from the built pages of a language, with WeasyPrint.

- :mod:`scripts.paper.render` turns HTML into a PDF (any page of the built site: :func:`page_pdf`);
- :mod:`scripts.paper.book` assembles a language's book from its built pages (no second copy of the content);
- :mod:`scripts.paper.outputs` lists what is printed (the book, blank request templates, workshop handouts) and
  makes it after a language's build (the ``guidelines`` plugin calls :func:`make_paper` in ``on_post_build``).

PDFs are kept in ``build/cache/paper/`` under a digest of the HTML and CSS they are made from, so a PDF whose
content did not change is copied, not rendered again.
"""

from scripts.paper.outputs import PAPER_PAGES, PaperPage, make_paper

__all__ = ["PAPER_PAGES", "PaperPage", "make_paper"]
