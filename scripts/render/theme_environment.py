"""The theme's Jinja2 environments, made lighter for every build: MkDocs makes one per build
(``Theme.get_env``), and Material's search plugin one more while it reads its settings.

- **Listing:** before any plugin sees the site's files, MkDocs lists every file of the theme's folders to copy
  its assets, and drops those in hidden folders or hidden themselves (its filter's first patterns, ``.*`` and
  ``*/.*``). Material keeps about 14,500 icons in ``.icons``: each build walked them and tested each against
  that filter, for nothing. The environment's loader here (:class:`VisibleFilesLoader`) does not list what is
  hidden, so the same files come out at a fraction of the time.
- **Compiling:** the environments get the process's store of compiled templates
  (:data:`scripts.pages.template_cache.TEMPLATES`), as the build's own environment already did in ``on_env``.
  Material's search plugin compiled its language template afresh in every build.
"""

from __future__ import annotations

import os
from typing import Any

import jinja2

from scripts.pages.template_cache import TEMPLATES


def _hidden(name: str) -> bool:
    return name.startswith(".")


class VisibleFilesLoader(jinja2.FileSystemLoader):
    """Jinja2's file loader, whose listing leaves out hidden files and whatever is in a hidden folder (below its
    search paths; the search paths themselves may be anywhere). Loading a template by name is unchanged."""

    def list_templates(self) -> list[str]:
        found = set()
        for searchpath in self.searchpath:
            for folder, folders, names in os.walk(searchpath, followlinks=self.followlinks):
                folders[:] = [name for name in folders if not _hidden(name)]
                for name in names:
                    if _hidden(name):
                        continue
                    template = os.path.join(folder, name)[len(searchpath):].strip(os.path.sep)
                    found.add(template.replace(os.path.sep, "/"))
        return sorted(found)


def lighten(theme: Any) -> None:
    """Every environment ``theme`` makes from now on lists only visible files and keeps compiled templates
    (called in the first ``on_config``, before MkDocs or a plugin asks for one)."""
    make = type(theme).get_env.__get__(theme)

    def get_env() -> jinja2.Environment:
        env = make()
        loader = env.loader
        if type(loader) is jinja2.FileSystemLoader:  # noqa: E721 - exactly Jinja2's, as MkDocs makes it
            env.loader = VisibleFilesLoader(loader.searchpath, loader.encoding, loader.followlinks)
        env.bytecode_cache = TEMPLATES
        return env

    theme.get_env = get_env
