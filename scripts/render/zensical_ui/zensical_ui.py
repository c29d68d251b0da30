"""Stand-in for the ``zensical-ui`` package (Zensical's theme files), which the package registries this project
installs from do not serve: Zensical's "classic" variant is Material for MkDocs' templates, so Material's are
given as the theme. Put on ``PYTHONPATH`` only for a Zensical run (scripts/render/zensical.py); not imported by
the ``scripts`` package."""

from pathlib import Path

import material


def get_theme_dir() -> str:
    return str(Path(material.__file__).resolve().parent / "templates")
