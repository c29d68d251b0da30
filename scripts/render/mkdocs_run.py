"""Running MkDocs on a derived configuration, in this process: ``mkdocs build --strict --clean`` as MkDocs'
own command does it, with its log kept (warnings must reach the counter that makes --strict fail)."""

from __future__ import annotations

import io
import logging
import traceback
from collections.abc import Mapping
from pathlib import Path
from typing import Any


def _given_whole(options: Mapping[str, Any] | None) -> bool:
    """Whether ``options`` can be given to MkDocs as they are: MkDocs drops a setting given as None (a file's
    ``null`` would set it). Their tags are resolved already: they come from ``read_config``."""
    return options is not None and all(value is not None for value in options.values())


def render(config_file: Path, site_dir: Path, options: Mapping[str, Any] | None = None) -> tuple[int, str]:
    """Build ``config_file`` into ``site_dir``; returns the exit status and MkDocs' log. ``options``: the settings
    the file holds, as they were written to it (:func:`scripts.render.mkdocs_config.derived_config`): given to
    MkDocs as they are rather than read back from the file (MkDocs' YAML reader takes about a twentieth of a
    language's rebuild), unless :func:`_given_whole` says they must be read."""
    from mkdocs.commands.build import build
    from mkdocs.config import load_config
    from mkdocs.exceptions import MkDocsException

    from scripts.render import theme_environment

    stream = io.StringIO()
    handler = logging.StreamHandler(stream)
    handler.setFormatter(logging.Formatter("%(levelname)-7s -  %(message)s"))
    logger = logging.getLogger("mkdocs")
    logger.addHandler(handler)
    logger.setLevel(logging.INFO)
    returncode = 0
    try:
        if _given_whole(options):
            # the same validation as the file's: an empty file, and the settings over it (MkDocs' load_dict)
            config = load_config(io.StringIO("{}"), config_file_path=str(config_file),
                                 **{**options, "site_dir": str(site_dir), "strict": True})
        else:
            config = load_config(str(config_file), site_dir=str(site_dir), strict=True)
        theme_environment.lighten(config.theme)  # before any plugin makes an environment
        config.plugins.on_startup(command="build", dirty=False)
        try:
            build(config, dirty=False)
        finally:
            config.plugins.on_shutdown()
    except MkDocsException as error:
        stream.write(f"ERROR   -  {error}\n")
        returncode = 1
    except Exception:  # noqa: BLE001 - a crash in one language must be reported, not hang the pool
        stream.write(traceback.format_exc())
        returncode = 1
    finally:
        logger.removeHandler(handler)
    return returncode, stream.getvalue()
