"""Finding the translatable strings of a dataset: every value of a field typed ``Line`` or ``Text``.

Types carry the decision (:data:`scripts.data.models.base.TRANSLATABLE`), so a new model needs no
extraction code: use ``Line``/``Text`` for text people read, ``Name``/``Id``/``Url`` for what stays as is.
"""

from __future__ import annotations

import typing
import weakref
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Annotated, Any, Union, get_args, get_origin

from pydantic import BaseModel

from scripts.data.collections import COLLECTIONS
from scripts.data.dataset import Dataset
from scripts.data.models.base import TRANSLATABLE
from scripts.data.yamlsource import YamlDocument


@dataclass(frozen=True)
class SourceString:
    text: str
    document: YamlDocument
    key_path: tuple
    #: the English plural form (``msgid_plural``) of a count label (``PluralLabel``), else None
    plural: str | None = None

    @property
    def reference(self) -> tuple[str, int]:
        """(file relative to the data folder's parent, line) for a ``#:`` comment."""
        return self.document.name, self.document.position(self.key_path)[0]


def source_strings(dataset: Dataset) -> Iterator[SourceString]:
    """Every translatable string, in collection and file order."""
    for coll in COLLECTIONS:
        for record, document in zip(dataset.records(coll.name), dataset.documents(coll.name)):
            for key_path, text in _walk(record, type(record), ()):
                if isinstance(text, tuple):
                    yield SourceString(text[0], document, key_path, plural=text[1])
                else:
                    yield SourceString(text, document, key_path)


#: :func:`source_texts` of each dataset alive (its records are frozen models, and a loaded dataset is not changed)
_TEXTS: "weakref.WeakKeyDictionary[Dataset, tuple[str, ...]]" = weakref.WeakKeyDictionary()


def source_texts(dataset: Dataset) -> tuple[str, ...]:
    """Every distinct translatable string of ``dataset``, sorted: worked out once per dataset (the build does it
    before it forks its workers, and every language's status page reads it), from each record's strings
    (:func:`_record_texts`)."""
    texts = _TEXTS.get(dataset)
    if texts is None:
        found: set[str] = set()
        for coll in COLLECTIONS:
            for record in dataset.records(coll.name):
                found |= _record_texts(record)
        texts = _TEXTS[dataset] = tuple(sorted(found))
    return texts


def _by_identity(memo: dict, key: tuple, value: Any, make: Callable[[], Any], kept: int | None = None) -> Any:
    """``make()``, worked out once per object ``value`` (``key`` starts with its ``id``): the entry keeps the object,
    so that its id stays its own while the entry lasts. With ``kept``, the oldest entries beyond it are dropped."""
    entry = memo.get(key)
    if entry is None or entry[0] is not value:
        entry = memo[key] = (value, make())
        while kept is not None and len(memo) > kept:
            del memo[next(iter(memo))]
    return entry[1]


#: :func:`_record_texts` of the records seen last, by the record object. A record is a frozen model, and a loaded
#: one is never changed; after a data edit, the records of the files that did not change are the same objects
#: (:func:`scripts.data.dataset.read_record`), and are not walked again.
_RECORD_TEXTS: dict[tuple[int], tuple[Any, frozenset[str]]] = {}
RECORDS_KEPT = 4096


def _record_texts(record: Any) -> frozenset[str]:
    """The distinct translatable strings of one record (a count label by its singular, as :func:`source_strings`
    gives it)."""
    return _by_identity(_RECORD_TEXTS, (id(record),), record, lambda: frozenset(
        text[0] if isinstance(text, tuple) else text for _, text in _walk(record, type(record), ())), RECORDS_KEPT)


def _walk(value: Any, annotation: Any, path: tuple, translatable: bool = False) -> Iterator[tuple[tuple, str]]:
    annotation, translatable = _unwrap(annotation, translatable)
    if value is None:
        return
    if type(value).__name__ == "PluralLabel":
        yield path, (value.one, value.other)
    elif isinstance(value, BaseModel):
        for name, field in type(value).model_fields.items():
            marked = any(m is TRANSLATABLE for m in field.metadata)
            yield from _walk(getattr(value, name), field.annotation, path + (name,), marked)
    elif isinstance(value, str):
        if translatable and value.strip():
            yield path, value
    elif isinstance(value, (list, tuple)):
        item = _pick(get_args(annotation), 0)
        for index, element in enumerate(value):
            yield from _walk(element, item, path + (index,))
    elif isinstance(value, dict):
        item = _pick(get_args(annotation), 1)
        for key, element in value.items():
            yield from _walk(element, item, path + (key,))


#: :func:`_unwrap`'s answers, by the annotation object (:func:`_by_identity`): a field's
#: annotation is unwrapped once per process, not once per value. Not by equality: ``Union[A, B] == Union[B, A]``,
#: but their arguments come in their own order, which :func:`_pick` reads.
_UNWRAPPED: dict[tuple[int, bool], tuple[Any, tuple[Any, bool]]] = {}


def _unwrap(annotation: Any, translatable: bool) -> tuple[Any, bool]:
    """Strip ``Annotated`` and ``Optional`` layers, noting a TRANSLATABLE marker on the way."""
    return _by_identity(_UNWRAPPED, (id(annotation), translatable), annotation,
                        lambda: _unwrap_now(annotation, translatable))


def _unwrap_now(annotation: Any, translatable: bool) -> tuple[Any, bool]:
    while True:
        origin = get_origin(annotation)
        if origin is Annotated:
            args = get_args(annotation)
            translatable = translatable or any(a is TRANSLATABLE for a in args[1:])
            annotation = args[0]
        elif origin in (Union, getattr(typing, "UnionType", None)) or type(annotation).__name__ == "UnionType":
            options = [a for a in get_args(annotation) if a is not type(None)]
            if len(options) != 1:
                # e.g. ui.yaml's ``Line | PluralLabel``: a plain string in it is translatable when the union
                # offers a translatable string type (records are walked by their own fields)
                marked = any(get_origin(o) is Annotated and any(a is TRANSLATABLE for a in get_args(o)[1:])
                             for o in options)
                return annotation, translatable or marked
            annotation = options[0]
        else:
            return annotation, translatable


def _pick(args: tuple, index: int) -> Any:
    return args[index] if len(args) > index else Any
