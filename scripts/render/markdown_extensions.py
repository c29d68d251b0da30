"""The Markdown extensions this package has read, by the name a MkDocs configuration gives them (MkDocs' own, the
site's in mkdocs.yml and the quicker inline step; Python-Markdown 3.11.3, pymdown-extensions 13.1).

Two things were found of each, and two mechanisms rely on them:

- none reads the page being converted: in MkDocs' conversion a link is all that depends on the page, so a
  translation notice converted from another page gives the same HTML once its link is written from the page
  (:mod:`scripts.render.notices`);
- after Python-Markdown's ``reset()`` each is as a new one: it keeps nothing between documents, or only what its
  ``reset`` clears, so one converter serves every page (:mod:`scripts.render.converter`, whose text says what each
  keeps).

An extension not in :data:`READ` turns both off (each notice converted on its page, a converter made for each
page): the site is the same, only slower. A new extension in mkdocs.yml fails ``tests/test_converter.py`` until it
is read for both and added here, or one of the two properties is kept apart for it.
"""

from __future__ import annotations

from scripts.render.quick_inline import NAME as QUICK_INLINE

#: the extensions read for both properties (see the module's text)
READ = frozenset(("toc", "tables", "fenced_code", "abbr", "admonition", "attr_list", "def_list", "md_in_html",
                  "pymdownx.details", "pymdownx.superfences", QUICK_INLINE))


def all_read(extensions: list) -> bool:
    """Whether every one of a configuration's ``markdown_extensions`` is one of :data:`READ`, given by name."""
    return all(isinstance(name, str) and name in READ for name in extensions)
