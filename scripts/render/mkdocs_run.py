"""Running MkDocs on a derived configuration, in this process: ``mkdocs build --strict --clean`` as MkDocs'
own command does it, with its log kept (warnings must reach the counter that makes --strict fail)."""

from __future__ import annotations

import io
import logging
import traceback
from pathlib import Path


def render(config_file: Path, site_dir: Path) -> tuple[int, str]:
    """Build ``config_file`` into ``site_dir``; returns the exit status and MkDocs' log."""
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
