"""``serve``: preview the site on 127.0.0.1 with live reload when pages, templates, YAML or catalogs change.

One language at a time (the default language unless ``--lang``), so that a reload after an edit rebuilds one
language, not all of them; ``--all`` serves every language the way plain ``mkdocs serve`` does."""

from __future__ import annotations

import os
import sys

from scripts.build import DEFAULT_CONFIG, LANGUAGE_ENV
from scripts.data import DataError, load_dataset
from scripts.data.dataset import DEFAULT_DATA_DIR


def register(sub) -> None:  # noqa: ANN001
    p = sub.add_parser("serve", help="serve the site locally with live reload (one language)")
    p.add_argument("--port", type=int, default=8000)
    p.add_argument("--lang", metavar="CODE", default=None,
                   help="the language to serve (default: the site's default language)")
    p.add_argument("--all", action="store_true", help="serve every language (slow reloads)")
    p.set_defaults(run=run)


def run(args) -> int:  # noqa: ANN001
    command = [sys.executable, "-m", "mkdocs", "serve", "--config-file", str(DEFAULT_CONFIG),
               "--dev-addr", f"127.0.0.1:{args.port}"]
    env = dict(os.environ)
    env.pop(LANGUAGE_ENV, None)
    if not args.all:
        env[LANGUAGE_ENV] = args.lang or _default_language()
    sys.stdout.flush()
    # Become MkDocs' server (rather than wait for a child): stopping this process stops the server.
    os.execve(sys.executable, command, env)
    return 0  # not reached


def _default_language() -> str:
    try:
        return load_dataset(os.environ.get("GUIDELINES_DATA_DIR") or DEFAULT_DATA_DIR).site.default_language
    except DataError:
        return "en"  # the plugin reports the data's problems when the build starts
