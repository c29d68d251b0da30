"""The project's build: validate, build with MkDocs into a fresh folder, then swap it in.

A failed build (invalid data, a broken link in strict mode) leaves the previous site untouched.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

from scripts.data import DataError, load_dataset

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_CONFIG = ROOT / "mkdocs.yml"


def build_site(site_dir: Path, config_file: Path = DEFAULT_CONFIG, data_dir: Path | None = None,
               quiet: bool = False) -> int:
    """Build the site into ``site_dir``. Returns a process exit status: 0 when the new site is in place."""
    site_dir = Path(site_dir).resolve()
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1")
    if data_dir is not None:
        env["GUIDELINES_DATA_DIR"] = str(Path(data_dir).resolve())
    try:
        load_dataset(Path(env.get("GUIDELINES_DATA_DIR") or config_file.parent / "guidelines_data"))
    except DataError as error:
        print(error.report(), file=sys.stderr)
        print(f"The build stopped; {site_dir} was left as it was.", file=sys.stderr)
        return 1

    site_dir.parent.mkdir(parents=True, exist_ok=True)
    fresh = site_dir.with_name(f".{site_dir.name}.new-{os.getpid()}")
    old = site_dir.with_name(f".{site_dir.name}.old-{os.getpid()}")
    shutil.rmtree(fresh, ignore_errors=True)
    command = [sys.executable, "-m", "mkdocs", "build", "--strict", "--clean",
               "--config-file", str(config_file), "--site-dir", str(fresh)]
    # Never pass --quiet to MkDocs: it hides warnings from the counter that makes --strict fail.
    result = subprocess.run(command, env=env, check=False, capture_output=quiet, text=True)
    if result.returncode != 0 or not (fresh / "index.html").is_file():
        shutil.rmtree(fresh, ignore_errors=True)
        if quiet:
            sys.stderr.write(result.stdout + result.stderr)
        print(f"The build failed; {site_dir} was left as it was.", file=sys.stderr)
        return result.returncode or 1

    if site_dir.exists():
        site_dir.rename(old)
    fresh.rename(site_dir)
    shutil.rmtree(old, ignore_errors=True)
    return 0
