"""The dataset: every validated record, one typed attribute per collection (:class:`Dataset`), and the names of
the collections. Filled by :func:`scripts.data.dataset.load_dataset`; the checks and everything above read it."""

from __future__ import annotations

from pathlib import Path
from typing import Any, Literal, get_args

from scripts.data.models.base import Record
from scripts.data.models.convention import Convention
from scripts.data.models.countries import Country
from scripts.data.models.editions import Edition
from scripts.data.models.glossary import Glossary
from scripts.data.models.guidelines import Guidelines
from scripts.data.models.instruments import Instruments
from scripts.data.models.practices import Practice
from scripts.data.models.site import Site, UiLabels
from scripts.data.models.templates import Template
from scripts.data.models.training import Module, Quiz
from scripts.data.models.workshops import Workshop
from scripts.data.yamlsource import YamlDocument

#: the name of every collection of :data:`scripts.data.collections.COLLECTIONS`, one attribute of :class:`Dataset` each
CollectionName = Literal["site", "ui", "convention", "glossary", "guidelines", "training_module", "training_quiz",
                         "templates", "countries", "practices", "workshops", "editions", "instruments"]


class Dataset:
    """All records, one typed attribute per collection of :data:`~scripts.data.collections.COLLECTIONS`.

    The required collections are always there on a dataset :func:`load_dataset` returns. An optional one the
    data folder lacks is empty (``[]``, or ``None`` for a single file), so nothing needs to ask whether a
    collection exists: there is no ``"countries" in dataset`` (it raises ``TypeError``).

    Each record keeps the document it was read from (:meth:`documents`), so that checks can say where a
    problem stands.

    Once :func:`load_dataset` has returned it, a dataset is not changed (its records are frozen models): what is
    worked out from one is kept for it (:func:`scripts.i18n.strings.source_texts`). To change data, load it again.
    """

    # required (only the partial dataset a failed load builds for its checks may lack one: reading it then
    # raises AttributeError, and the check is dropped, see _checked)
    site: Site
    ui: UiLabels
    convention: Convention
    glossary: Glossary
    guidelines: Guidelines
    # optional: empty when the data folder has none (or none that loaded)
    training_module: list[Module]
    training_quiz: list[Quiz]
    templates: list[Template]
    countries: list[Country]
    practices: list[Practice]
    workshops: list[Workshop]
    editions: list[Edition]
    instruments: Instruments | None

    def __init__(self, data_dir: Path) -> None:
        self.data_dir = data_dir
        self.training_module, self.training_quiz, self.templates = [], [], []
        self.countries, self.practices, self.workshops, self.editions = [], [], [], []
        self.instruments = None
        self._documents: dict[str, list[YamlDocument]] = {}

    def add(self, name: CollectionName, records: Any, documents: list[YamlDocument]) -> None:
        """Set collection ``name`` (the loader's use: a list for a collection of many files, else one record)."""
        if name not in get_args(CollectionName):
            raise ValueError(f"the dataset has no collection named {name!r}")
        setattr(self, name, records)
        self._documents[name] = documents

    def records(self, name: CollectionName) -> list[Record]:
        """The records of collection ``name`` as a list (one or none for a single file), for code that walks
        every collection in turn (message extraction)."""
        value = self.__dict__.get(name)
        return value if isinstance(value, list) else [] if value is None else [value]

    def documents(self, name: CollectionName) -> list[YamlDocument]:
        """The documents of collection ``name``, in the order of its records."""
        return self._documents.get(name, [])

    def document(self, name: CollectionName, index: int = 0) -> YamlDocument:
        return self._documents[name][index]
