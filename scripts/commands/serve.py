"""``serve``: preview the site on 127.0.0.1 with live reload when pages, templates, YAML or catalogs change.

One language at a time (the default language unless ``--lang``), so that a reload after an edit rebuilds one
language, not all of them; ``--all`` serves every language the way plain ``mkdocs serve`` does."""

from __future__ import annotations

import os
import sys

from pathlib import Path

from scripts.build import DEFAULT_CONFIG
from scripts.commands.settings import current_settings
from scripts.data import DataError, load_dataset
from scripts.settings import LANGUAGE_ENV, SERVE_POLL_ENV


def register(sub) -> None:  # noqa: ANN001
    p = sub.add_parser("serve", help="serve the site locally with live reload (one language)")
    p.add_argument("--port", type=int, default=8000)
    p.add_argument("--lang", metavar="CODE", default=None,
                   help="the language to serve (default: the site's default language)")
    p.add_argument("--all", action="store_true", help="serve every language (slow reloads)")
    p.add_argument("--poll", action="store_true",
                   help="poll the watched folders twice a second instead of listening to file events "
                        "(for a network or container mount that sends none)")
    p.set_defaults(run=run)


def run(args) -> int:  # noqa: ANN001
    command = [sys.executable, "-m", "mkdocs", "serve", "--config-file", str(DEFAULT_CONFIG),
               "--dev-addr", f"127.0.0.1:{args.port}"]
    settings = current_settings()
    language = None if args.all else args.lang or _default_language(settings.data_dir)
    # MkDocs' server gets the settings as the variables mkdocs.yml reads (no GUIDELINES_LANGUAGE: every language)
    inherited = {name: value for name, value in os.environ.items() if name != LANGUAGE_ENV}
    env = {**inherited, **settings.mkdocs_environment(language), SERVE_POLL_ENV: "1" if args.poll else "0"}
    sys.stdout.flush()
    # Become MkDocs' server (rather than wait for a child): stopping this process stops the server.
    os.execve(sys.executable, command, env)
    return 0  # not reached


def _default_language(data_dir: Path) -> str:
    try:
        return load_dataset(data_dir).site.default_language
    except DataError:
        return "en"  # the plugin reports the data's problems when the build starts
