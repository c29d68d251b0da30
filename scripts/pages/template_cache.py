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
- the environment's settings that change the code the compiler writes (:func:`_compile_settings`): its class
  (a sandbox), the delimiters, whitespace options, autoescaping of this template, the extensions and their
  settings, the policies, ``finalize``, and the filters and tests: how each is called (with the context, the
  evaluation context, the environment or none), since the compiler writes the call into the code, and which
  function each is, unless it takes the context, since the compiler runs it on constant arguments and writes the
  result into the code. A function is named by its compiled code (:func:`_code_digest`), its default arguments,
  the plain values of its module its code names and what its closure holds; a ``functools.partial`` by its
  function and arguments; an extension by its class's functions and plain values (:func:`_class`). So one edited
  between two builds in a file outside the ``scripts`` package, whose code is not in the folder's key (a file of
  ``mkdocs.yml``'s ``hooks``), gets code of its own. A cached function (``functools.cache``) is named by what it
  wraps, a class method by its class, an Enum by its name. Not covered: what a function calls (another function's
  code), a value of its module that is not plain (a dictionary, a set) or that the running code changes after the
  function was first named, and a class a closure holds (named by its name). What holds state of its own (a
  callable object, ``singledispatch``'s registry, nesting deeper than four) is named by its identity: correct, but
  not shared with the next process. An environment that cannot be named at all (a function whose ``__code__``
  raises) has its templates compiled each time and never kept;
- the compiler itself, and the Python that runs the code (marshal's format): the folder on disk is chosen by the
  caller under a digest of Python's version, every installed library and the running code of the ``scripts``
  package (:func:`scripts.staging.cache.template_folder`).

A file that cannot be read or does not hold what Jinja2 expects is compiled again; one that cannot be written is
only not kept.
"""

from __future__ import annotations

import functools
import hashlib
import re
import secrets
import weakref
from collections.abc import Callable
from enum import Enum
from pathlib import Path
from types import (BuiltinFunctionType, CodeType, MethodDescriptorType, MethodWrapperType, ModuleType,
                   WrapperDescriptorType)
from typing import Any

import jinja2
from jinja2.bccache import Bucket

from scripts.files import replace_whole


def _name(thing: Any) -> str:
    return f"{getattr(thing, '__module__', '')}.{getattr(thing, '__qualname__', type(thing).__qualname__)}"


def _function(function: Any, depth: int = 0) -> str:
    """A filter, a test or ``finalize`` as the compiler sees it: how Jinja2 calls it (with the context, the
    evaluation context, the environment, or with the value alone: the ``jinja_pass_arg`` marker) and, unless it
    takes the context, which function it is: Jinja2 then runs it on constant arguments while compiling and writes
    the result into the code. A function is named by its module, name and place in its file, its compiled code
    (:func:`_code_digest`), its default arguments, the plain values of its module that its code names, and what its
    closure holds (Jinja2 wraps many filters in one): the same in the next process of the same code. A
    ``functools.partial`` is named by its function and arguments. State of its own (a bound method's object, a
    callable object, a closure holding a mutable value) is named by its identity in this process, so its
    environments' templates are not shared on disk."""
    kind = str(getattr(function, "jinja_pass_arg", ""))
    if kind.endswith("context") and not kind.endswith("eval_context"):
        return kind  # never run while compiling: the same code for any function of that name
    function = getattr(function, "__func__", function) if isinstance(function, (staticmethod, classmethod)) \
        else function
    if isinstance(function, functools.partial):
        arguments = [_held(value, depth) for value in function.args]
        arguments += [f"{key}={_held(value, depth)}" for key, value in sorted(function.keywords.items())]
        return " ".join([kind, "functools.partial", _held(function.func, depth), *arguments])
    code = getattr(function, "__code__", None)
    parts = [kind, _name(function)]
    if isinstance(code, CodeType):
        parts.append(f"{code.co_filename}:{code.co_firstlineno}:{_code_digest(code)}")
        parts += [_held(value, depth) for value in getattr(function, "__defaults__", None) or ()]
        parts += [f"{key}={_held(value, depth)}"
                  for key, value in sorted((getattr(function, "__kwdefaults__", None) or {}).items())]
        module = getattr(function, "__globals__", {})
        parts += [f"{name}={_canonical(module[name])}" for name in _code_names(code)
                  if name in module and _literal(module[name])]
    elif callable(getattr(function, "__wrapped__", None)) and hasattr(function, "cache_info"):
        parts.append(_held(function.__wrapped__, depth))  # functools.cache, lru_cache: what they wrap
    elif not isinstance(function, _NATIVE):
        parts.append(f"#{id(function)}")  # an object with a __call__ of its own: state
    owner = getattr(function, "__self__", None)
    if owner is not None and not isinstance(owner, ModuleType):
        # ", ".join holds ", "; Markup.escape, a class method, its class
        parts.append(_canonical(owner) if _literal(owner) else _name(owner) if isinstance(owner, type)
                     else f"#{id(owner)}")
    for cell in getattr(function, "__closure__", None) or ():
        try:
            parts.append(_held(cell.cell_contents, depth))
        except ValueError:  # an empty cell
            parts.append("-")
    return " ".join(parts)


#: what a code object is named by (:func:`_code_digest`) and the names it and its nested code read, for as long as
#: the code exists (a ``serve`` loads edited code again and again: the old is not kept alive here)
_CODE_DIGESTS: weakref.WeakKeyDictionary[CodeType, tuple[str, tuple[str, ...]]] = weakref.WeakKeyDictionary()

#: callables without Python code that hold no state of their own but what ``__self__`` names: classes, functions
#: and methods written in C
_NATIVE = (type, BuiltinFunctionType, MethodWrapperType, WrapperDescriptorType, MethodDescriptorType)
#: the kinds of value named by what they hold (:func:`_literal`)
_PLAIN = (type(None), bool, int, float, complex, str, bytes)


def _literal(value: Any) -> bool:
    """Whether ``value`` is a plain value, or a tuple or frozen set of them: named by what it holds (a set or a
    list, which the running code may fill, is not)."""
    if isinstance(value, _PLAIN):
        return True
    return isinstance(value, (tuple, frozenset)) and all(_literal(item) for item in value)


def _canonical(value: Any) -> str:
    """A constant of compiled code, or a plain value, as text that is the same in every process: a set
    (``x in {"a", "b"}`` compiles to one) in sorted order, since string hashing, and so the order of a set,
    changes from process to process."""
    if isinstance(value, CodeType):
        parts = [value.co_code.hex(), getattr(value, "co_exceptiontable", b"").hex(), value.co_name,
                 getattr(value, "co_qualname", ""), repr(value.co_names), repr(value.co_varnames),
                 repr(value.co_freevars), repr(value.co_cellvars),
                 repr((value.co_argcount, value.co_posonlyargcount, value.co_kwonlyargcount, value.co_flags))]
        return "code(" + ",".join(parts + [_canonical(const) for const in value.co_consts]) + ")"
    if isinstance(value, (frozenset, set)):
        return "{" + ",".join(sorted(_canonical(item) for item in value)) + "}"
    if isinstance(value, tuple):
        return "(" + ",".join(_canonical(item) for item in value) + ")"
    return repr(value)


def _names_read(code: CodeType) -> tuple[str, ...]:
    names = set(code.co_names)
    for const in code.co_consts:
        if isinstance(const, CodeType):
            names.update(_names_read(const))
    return tuple(sorted(names))


def _known(code: CodeType) -> tuple[str, tuple[str, ...]]:
    known = _CODE_DIGESTS.get(code)
    if known is None:
        known = (hashlib.sha256(_canonical(code).encode()).hexdigest()[:16], _names_read(code))
        _CODE_DIGESTS[code] = known
    return known


def _code_digest(code: CodeType) -> str:
    """What a function does, as its compiled code says: its instructions, names and constants (its nested
    functions' too), the same in the next process of the same source. Not its default arguments, which the
    function holds (:func:`_function` names them)."""
    return _known(code)[0]


def _code_names(code: CodeType) -> tuple[str, ...]:
    """The names ``code`` and its nested code read (of its module, of objects), sorted."""
    return _known(code)[1]


#: each class's name and code, for as long as the class exists
_CLASSES: weakref.WeakKeyDictionary[type, str] = weakref.WeakKeyDictionary()


def _class(cls: type) -> str:
    """A Jinja2 extension's class, as the compiler sees it: its name, every function of it and of the classes it
    derives from (methods, properties, static and class methods; by :func:`_function`) and their plain values
    (``tags``, ``priority``): an extension parses and rewrites templates, and an edited one writes other code."""
    known = _CLASSES.get(cls)
    if known is not None:
        return known
    parts = []
    for owner in cls.__mro__[:-1]:  # not object
        for attribute, value in sorted(vars(owner).items()):
            if attribute in ("__doc__", "__module__", "__qualname__"):
                continue
            if isinstance(value, property):
                functions = [value.fget, value.fset, value.fdel]
            elif isinstance(value, functools.cached_property):
                functions = [value.func]
            else:
                functions = [getattr(value, "__func__", value)]  # a classmethod or staticmethod: what it wraps
            for function in functions:
                if isinstance(getattr(function, "__code__", None), CodeType):
                    parts.append(f"{_name(owner)}.{attribute}:{_function(function)}")
            if _literal(value):
                parts.append(f"{_name(owner)}.{attribute}={_canonical(value)}")
    named = f"{_name(cls)}[{' '.join(parts)}]"
    _CLASSES[cls] = named
    return named


def _held(value: Any, depth: int) -> str:
    """A value a function holds (its closure, its default arguments, a partial's arguments), named as stably as it
    is: plain values and compiled expressions by value, modules, classes and functions by name, anything else
    (state) by identity."""
    if isinstance(value, Enum):
        return f"{_name(type(value))}.{value.name}"
    if _literal(value):
        return _canonical(value)
    if isinstance(value, re.Pattern):  # a compiled expression, as a default argument often holds one
        return f"re.compile({value.pattern!r}, {value.flags})"
    if isinstance(value, (ModuleType, type)):
        return _name(value)
    if callable(value) and depth < 4:
        return f"({_function(value, depth + 1)})"
    return f"#{id(value)}"


def _value(value: Any) -> str:
    """A setting as the compiler reads it: a function by :func:`_function`, anything else by its ``repr``."""
    if callable(value):
        return _function(value)
    if isinstance(value, dict):
        return repr(sorted((key, _value(item)) for key, item in value.items()))
    if isinstance(value, (set, frozenset)) and all(_literal(item) for item in value):
        return _canonical(frozenset(value))  # a set's order changes from process to process
    return repr(value)


#: the attribute of an environment where :func:`_functions` keeps what it named (with the environment, so it lives
#: as long as the environment does: in ``serve``, every rebuild makes new ones)
_NAMED = "_guidelines_named_functions"


def _functions(environment: jinja2.Environment, kind: str) -> str:
    """The ``kind`` (``filters`` or ``tests``) of ``environment``, each by :func:`_function`, sorted by name, as
    text: named once while they are the same function objects, not at every template the environment loads. What
    a function holds is named as it was when it was first named (a value of its module that the running code
    changes later is not seen); a function edited between builds is another object."""
    functions = getattr(environment, kind)
    identity = (tuple(functions), tuple(map(id, functions.values())))
    named = environment.__dict__.setdefault(_NAMED, {})
    known = named.get(kind)
    if known is None or known[1] != identity:
        # the functions are kept with what names them: none of their identities is another object's meanwhile
        known = (tuple(functions.values()), identity,
                 repr(sorted((key, _function(value)) for key, value in functions.items())))
        named[kind] = known
    return known[2]


def _compile_settings(environment: jinja2.Environment, name: str | None) -> str:
    """What of ``environment`` the compiler reads when it writes the code of the template ``name``."""
    escape = environment.autoescape
    settings = (
        _name(type(environment)), environment.sandboxed,
        sorted(getattr(environment, "intercepted_binops", ())), sorted(getattr(environment, "intercepted_unops", ())),
        environment.block_start_string, environment.block_end_string,
        environment.variable_start_string, environment.variable_end_string,
        environment.comment_start_string, environment.comment_end_string,
        environment.line_statement_prefix, environment.line_comment_prefix,
        environment.trim_blocks, environment.lstrip_blocks, environment.newline_sequence,
        environment.keep_trailing_newline, environment.optimized, environment.is_async,
        bool(escape(name)) if callable(escape) else bool(escape),
        sorted((key, _class(type(extension))) for key, extension in environment.extensions.items()),
        getattr(environment, "newstyle_gettext", None),  # the i18n extension reads it as it parses {% trans %}
        _value(environment.policies),  # tojson, truncate, urlize and trimmed {% trans %} read them as they compile
        None if environment.finalize is None else _function(environment.finalize),
        _name(environment.code_generator_class),
    )
    return "\0".join((repr(settings), _functions(environment, "filters"), _functions(environment, "tests")))


#: the key of a template whose environment could not be named (:func:`_compile_settings` raised): compiled, not kept
_UNNAMED = "unnamed-"


class TemplateCache(jinja2.BytecodeCache):
    """Jinja2's bytecode cache: in memory, and in a folder on disk once :meth:`keep_in` names one."""

    def __init__(self) -> None:
        # key -> (the source's checksum, the compiled code): code objects are immutable, so every environment of
        # the process that loads the template runs the same one (no file read or unmarshalling again; a forked
        # worker inherits what its parent compiled or read)
        self._store: dict[str, tuple[str, CodeType]] = {}
        self.folder: Path | None = None

    def keep_in(self, folder: Path | None) -> None:
        """Read and write compiled templates in ``folder`` too (None: in memory only)."""
        self.folder = None if folder is None else Path(folder)

    def get_bucket(self, environment: jinja2.Environment, name: str, filename: str | None,
                   source: str) -> Bucket:
        try:
            settings = _compile_settings(environment, name)
        except Exception:  # noqa: BLE001 - a function that cannot be named: compiled each time, never kept
            return Bucket(environment, f"{_UNNAMED}{secrets.token_hex(16)}", self.get_source_checksum(source))
        key = hashlib.sha256("\0".join((name, filename or "", settings)).encode())
        bucket = Bucket(environment, key.hexdigest(), self.get_source_checksum(source))
        self.load_bytecode(bucket)
        return bucket

    def _file(self, bucket: Bucket) -> Path | None:
        return None if self.folder is None else self.folder / f"{bucket.key}.jinja"

    def load_bytecode(self, bucket: Bucket) -> None:
        kept = self._store.get(bucket.key)
        if kept is not None and kept[0] == bucket.checksum:  # a source whose checksum differs is compiled again
            bucket.code = kept[1]
            return
        path = self._file(bucket)
        if path is None:
            return
        try:
            bucket.bytecode_from_string(path.read_bytes())  # Jinja2 leaves the code out when the checksum differs
        except Exception:  # noqa: BLE001 - missing, unreadable or damaged: compiled again
            bucket.reset()
            return
        if not isinstance(bucket.code, CodeType):  # what unmarshals to something else is not a template's code
            bucket.reset()
            return
        self._store[bucket.key] = (bucket.checksum, bucket.code)

    def dump_bytecode(self, bucket: Bucket) -> None:
        if bucket.key.startswith(_UNNAMED):
            return
        self._store[bucket.key] = (bucket.checksum, bucket.code)
        path = self._file(bucket)
        if path is not None:  # marshalled only to be written: the process itself keeps the code object
            replace_whole(path, bucket.bytecode_to_string())  # only a cache: if not written, the next compiles


#: shared by every Jinja2 environment of the build in this process
TEMPLATES = TemplateCache()


def precompile(env: jinja2.Environment, skip: Callable[[str], bool] = lambda name: False) -> int:
    """Compile every template ``env`` can load into the cache (or read it from the cache), but those ``skip``
    names (they are compiled or read when first used); returns how many."""
    count = 0
    for name in env.list_templates(filter_func=lambda n: n.endswith((".html", ".j2", ".xml")) and not skip(n)):
        try:
            env.get_template(name)
            count += 1
        except jinja2.TemplateError:
            pass  # a template only another theme version can compile; compiled (and reported) when used
    return count
