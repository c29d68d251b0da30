"""``serve``: preview the site on 127.0.0.1 with live reload when pages, templates or YAML change."""

from __future__ import annotations

import subprocess
import sys

from scripts.build import DEFAULT_CONFIG


def register(sub) -> None:  # noqa: ANN001
    p = sub.add_parser("serve", help="serve the site locally with live reload")
    p.add_argument("--port", type=int, default=8000)
    p.set_defaults(run=run)


def run(args) -> int:  # noqa: ANN001
    command = [sys.executable, "-m", "mkdocs", "serve", "--config-file", str(DEFAULT_CONFIG),
               "--dev-addr", f"127.0.0.1:{args.port}"]
    return subprocess.run(command, check=False).returncode
