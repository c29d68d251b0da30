"""Compiled Jinja2 templates, kept in memory for the process and, when a build asks, on disk between builds.

Every language builds its pages with a fresh Jinja2 environment (ours in :class:`RenderContext`, the theme's
in MkDocs), and compiling the ~150 templates (the theme's and ours) costs about 0.75 s. In memory, a template is
compiled once per process (the build compiles them before forking its workers, so they start with every template
compiled). On disk (:meth:`TemplateCache.keep_in`, which ``python -m scripts build`` and ``serve`` call unless
the caches are off), the next process reads the compiled code back instead: about 0.05 s.

What a compiled template depends on, and where each is in the key:

- its source: Jinja2 checks the checksum of the source stored with the code, and compiles a template whose
  source changed again (``mkdocs serve`` after an edit);
- its name and file name (Jinja2's key);
- the environment's settings that change the code the compiler writes: the delimiters, whitespace options,
  autoescaping of this template, the extensions, ``finalize``, and the names of the filters and tests with how
  each is called (with the context, the evaluation context, the environment or none), since the compiler writes
  the call into the code (:func:`_compile_settings`);
- the compiler itself, and the Python that runs the code (marshal's format): the folder on disk is chosen by the
  caller under a digest of Python's version, every installed library and the running code of the ``scripts``
  package (:func:`scripts.staging.cache.template_folder`).

A file that cannot be read or does not hold what Jinja2 expects is compiled again; one that cannot be written is
only not kept.
"""

from __future__ import annotations

import hashlib
from pathlib import Path
from typing import Any

import jinja2
from jinja2.bccache import Bucket

from scripts.files import replace_whole


def _call_kind(function: Any) -> str:
    """How Jinja2 calls a filter, a test or ``finalize``: with the context, the evaluation context, the
    environment, or with the value alone (Jinja2's ``jinja_pass_arg`` marker, set by ``pass_context`` & co)."""
    return str(getattr(function, "jinja_pass_arg", ""))


def _compile_settings(environment: jinja2.Environment, name: str | None) -> str:
    """What of ``environment`` the compiler writes into the code of the template ``name``."""
    escape = environment.autoescape
    settings = (
        environment.block_start_string, environment.block_end_string,
        environment.variable_start_string, environment.variable_end_string,
        environment.comment_start_string, environment.comment_end_string,
        environment.line_statement_prefix, environment.line_comment_prefix,
        environment.trim_blocks, environment.lstrip_blocks, environment.newline_sequence,
        environment.keep_trailing_newline, environment.optimized, environment.is_async,
        bool(escape(name)) if callable(escape) else bool(escape),
        sorted(environment.extensions),
        None if environment.finalize is None else _call_kind(environment.finalize),
        f"{environment.code_generator_class.__module__}.{environment.code_generator_class.__qualname__}",
        sorted((key, _call_kind(value)) for key, value in environment.filters.items()),
        sorted((key, _call_kind(value)) for key, value in environment.tests.items()),
    )
    return repr(settings)


class TemplateCache(jinja2.BytecodeCache):
    """Jinja2's bytecode cache: in memory, and in a folder on disk once :meth:`keep_in` names one."""

    def __init__(self) -> None:
        self._store: dict[str, bytes] = {}
        self.folder: Path | None = None

    def keep_in(self, folder: Path | None) -> None:
        """Read and write compiled templates in ``folder`` too (None: in memory only)."""
        self.folder = None if folder is None else Path(folder)

    def get_bucket(self, environment: jinja2.Environment, name: str, filename: str | None,
                   source: str) -> Bucket:
        key = hashlib.sha256("\0".join((name, filename or "", _compile_settings(environment, name))).encode())
        bucket = Bucket(environment, key.hexdigest(), self.get_source_checksum(source))
        self.load_bytecode(bucket)
        return bucket

    def _file(self, bucket: Bucket) -> Path | None:
        return None if self.folder is None else self.folder / f"{bucket.key}.jinja"

    def load_bytecode(self, bucket: Bucket) -> None:
        data = self._store.get(bucket.key)
        if data is not None:
            bucket.bytecode_from_string(data)  # Jinja2 leaves the code out when the source's checksum differs
            if bucket.code is not None:
                return
        path = self._file(bucket)
        if path is None:
            return
        try:
            data = path.read_bytes()
            bucket.bytecode_from_string(data)
        except Exception:  # noqa: BLE001 - missing, unreadable or damaged: compiled again
            bucket.reset()
            return
        if bucket.code is not None:
            self._store[bucket.key] = data

    def dump_bytecode(self, bucket: Bucket) -> None:
        data = bucket.bytecode_to_string()
        self._store[bucket.key] = data
        path = self._file(bucket)
        if path is not None:
            replace_whole(path, data)  # only a cache: if it cannot be written, the next process compiles

    def clear(self) -> None:
        self._store.clear()


#: shared by every Jinja2 environment of the build in this process
TEMPLATES = TemplateCache()


def precompile(env: jinja2.Environment) -> int:
    """Compile every template ``env`` can load into the cache (or read it from the cache); returns how many."""
    count = 0
    for name in env.list_templates(filter_func=lambda n: n.endswith((".html", ".j2", ".xml"))):
        try:
            env.get_template(name)
            count += 1
        except jinja2.TemplateError:
            pass  # a template only another theme version can compile; compiled (and reported) when used
    return count
