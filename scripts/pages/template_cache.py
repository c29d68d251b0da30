"""A process-wide, in-memory cache of compiled Jinja2 templates.

Every language builds its pages with a fresh Jinja2 environment (ours in :class:`RenderContext`, the theme's
in MkDocs), and compiling ~80 templates costs a noticeable share of a language's build. With this cache a
template is compiled once per process (the build compiles them before forking its workers, so they start with
every template compiled). Entries are keyed by template name and a checksum of its source, so an edited
template is compiled again (``mkdocs serve``)."""

from __future__ import annotations

import jinja2


class MemoryBytecodeCache(jinja2.BytecodeCache):
    def __init__(self) -> None:
        self._store: dict[str, bytes] = {}

    def load_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        data = self._store.get(bucket.key)
        if data is not None:
            bucket.bytecode_from_string(data)

    def dump_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        self._store[bucket.key] = bucket.bytecode_to_string()

    def clear(self) -> None:
        self._store.clear()


#: shared by every Jinja2 environment of the build in this process
TEMPLATES = MemoryBytecodeCache()


def precompile(env: jinja2.Environment) -> int:
    """Compile every template ``env`` can load into the cache; returns how many."""
    count = 0
    for name in env.list_templates(filter_func=lambda n: n.endswith((".html", ".j2", ".xml"))):
        try:
            env.get_template(name)
            count += 1
        except jinja2.TemplateError:
            pass  # a template only another theme version can compile; compiled (and reported) when used
    return count
