"""Typed configuration of the ``guidelines`` MkDocs plugin."""

from __future__ import annotations

from mkdocs.config import config_options as c
from mkdocs.config.base import Config


class GuidelinesConfig(Config):
    #: the folder of YAML data, relative to mkdocs.yml (``!ENV GUIDELINES_DATA_DIR`` may override it)
    data_dir = c.Type(str, default="guidelines_data")
    #: the id of a country edition to build (``guidelines_data/editions/<id>.yaml``); empty for the full site
    edition = c.Type(str, default="")
