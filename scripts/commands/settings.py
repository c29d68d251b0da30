"""The one place that reads the ``GUIDELINES_*`` environment variables: a command's arguments and the
environment become a :class:`scripts.settings.Settings`, passed down to the build, the editions and the PDFs.
(MkDocs' own entry point, ``mkdocs.yml``, reads them too, for plain ``mkdocs build`` / ``mkdocs serve``.)"""

from __future__ import annotations

import os
from collections.abc import Iterable, Mapping
from pathlib import Path

from scripts.data.dataset import DEFAULT_DATA_DIR
from scripts.paper.render import PaperCache
from scripts.settings import DATA_DIR_ENV, NO_CACHE_ENV, NO_PAPER_ENV, PAPER_CACHE_ENV, Settings, flag


def settings_from(env: Mapping[str, str], data_dir: Path | None = None, languages: Iterable[str] | None = None,
                  quiet: bool = False, jobs: int | None = None) -> Settings:
    """Settings from the arguments of a command and the environment ``env``: an argument wins over a variable
    (``--data`` over ``GUIDELINES_DATA_DIR``); an empty variable counts as unset."""
    data = data_dir or env.get(DATA_DIR_ENV) or DEFAULT_DATA_DIR
    paper_cache = env.get(PAPER_CACHE_ENV)
    return Settings(data_dir=Path(data).resolve(), languages=tuple(languages or ()),
                    no_cache=flag(env.get(NO_CACHE_ENV)), no_paper=flag(env.get(NO_PAPER_ENV)),
                    paper_cache=Path(paper_cache) if paper_cache else None, quiet=quiet, jobs=jobs)


def current_settings(data_dir: Path | None = None, languages: Iterable[str] | None = None, quiet: bool = False,
                     jobs: int | None = None) -> Settings:
    """:func:`settings_from` this process's environment."""
    return settings_from(os.environ, data_dir, languages, quiet, jobs)


def paper_cache(settings: Settings) -> PaperCache:
    """The PDF cache of ``settings``: its folder, and whether a kept PDF may be reused."""
    return PaperCache(settings.paper_cache, reuse=not settings.no_cache)
