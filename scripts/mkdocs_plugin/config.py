"""Typed configuration of the ``guidelines`` MkDocs plugin.

MkDocs' configuration is the entry point of every MkDocs run: ``mkdocs.yml`` fills these options from the
``GUIDELINES_*`` environment variables (``!ENV``, names in :mod:`scripts.settings`), and the plugin passes them
down as arguments; nothing below reads the environment."""

from __future__ import annotations

from typing import Any

from mkdocs.config import config_options as c
from mkdocs.config.base import Config

from scripts.settings import flag


class Flag(c.BaseConfigOption[bool]):
    """A switch: ``1`` or true is on, anything else (unset, empty, 0, false) off (:func:`scripts.settings.flag`)."""

    def __init__(self, default: bool = False) -> None:
        super().__init__()
        self.default = default

    def run_validation(self, value: Any) -> bool:
        return flag(value)


class GuidelinesConfig(Config):
    #: the folder of YAML data, relative to mkdocs.yml (``!ENV GUIDELINES_DATA_DIR`` may override it)
    data_dir = c.Type(str, default="guidelines_data")
    #: the id of a country edition to build (``guidelines_data/editions/<id>.yaml``); empty for the full site
    edition = c.Type(str, default="")
    #: generate every page and render every PDF afresh, reading no cache (``GUIDELINES_NO_CACHE``)
    no_cache = Flag()
    #: make no PDFs (``GUIDELINES_NO_PAPER``)
    no_paper = Flag()
    #: the folder of the PDF cache, empty for build/cache/paper/ (``GUIDELINES_PAPER_CACHE``)
    paper_cache = c.Optional(c.Type(str))
    #: ``serve`` polls the watched folders instead of listening to file events (``GUIDELINES_SERVE_POLL``)
    serve_poll = Flag()
