"""The Python and the libraries this process runs with, as the caches' keys name them: a cache entry made by
other code, another Python or another version of any installed library is never used (not a chosen few libraries,
which might miss the one that changes the output)."""

from __future__ import annotations

import functools
import sys
from importlib import metadata


def libraries() -> str:
    """Every installed distribution and its version, as ``Name==version`` lines."""
    found = sorted({f"{name}=={version}" for name, version in map(_name_and_version, metadata.distributions())
                    if name})
    return "\n".join(found)


def _name_and_version(distribution: metadata.Distribution) -> tuple[str | None, str | None]:
    """The ``Name`` and ``Version`` fields of a distribution's metadata (what ``distribution.metadata["Name"]``
    and ``distribution.version`` give), read from the header lines alone: parsing the whole file as an email
    message, as ``metadata`` does, took most of a build's first 0.05 s with 80 libraries installed."""
    text = distribution.read_text("METADATA") or distribution.read_text("PKG-INFO") or ""
    name = version = None
    for line in text.splitlines():
        if not line:  # the end of the header lines
            break
        if name is None and line.startswith("Name:"):
            name = line[len("Name:"):].strip()
        elif version is None and line.startswith("Version:"):
            version = line[len("Version:"):].strip()
    return name, version


@functools.cache
def running_environment() -> str:
    """Python's version and :func:`libraries`, read once per process: the ones this process runs with."""
    return f"{sys.version}\n{libraries()}"
