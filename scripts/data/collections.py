"""The registry of data files: which files hold which kind of record, and which checks cross them.

To add a kind of data, write its model in ``scripts/data/models/``, its cross-reference checks in a
module of its own, and add one :class:`Collection` to :data:`COLLECTIONS`.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from scripts.data import checks_countries, checks_instruments, checks_templates, checks_training, crossrefs
from scripts.data.models.base import Record
from scripts.data.records import CollectionName
from scripts.data.models.convention import Convention
from scripts.data.models.countries import Country
from scripts.data.models.editions import Edition
from scripts.data.models.glossary import Glossary
from scripts.data.models.guidelines import Guidelines
from scripts.data.models.instruments import Instruments
from scripts.data.models.practices import Practice
from scripts.data.models.site import Site, UiLabels
from scripts.data.models.training import Module, Quiz
from scripts.data.models.templates import Template
from scripts.data.models.workshops import Workshop

if TYPE_CHECKING:
    from scripts.data.records import Dataset
    from scripts.data.problems import Problem

Check = Callable[["Dataset"], Iterable["Problem"]]

#: The name of each collection below, which is also the name of its typed attribute on the Dataset.


@dataclass(frozen=True)
class Collection:
    """One kind of data file.

    ``pattern`` is a glob below the data folder. A collection with ``many=True`` holds one record per
    matching file (a list, in file-name order); otherwise exactly one file must match.
    """

    name: CollectionName
    pattern: str
    model: type[Record]
    many: bool = False
    required: bool = True
    checks: tuple[Check, ...] = field(default_factory=tuple)

    @property
    def schema_name(self) -> str:
        return self.name.replace("_", "-")


COLLECTIONS: list[Collection] = [
    Collection("site", "site.yaml", Site, checks=(crossrefs.check_site,)),
    Collection("ui", "ui.yaml", UiLabels),
    Collection("convention", "convention.yaml", Convention, checks=(crossrefs.check_convention,)),
    Collection("glossary", "glossary.yaml", Glossary, checks=(crossrefs.check_glossary,)),
    Collection("guidelines", "guidelines.yaml", Guidelines, checks=(crossrefs.check_guidelines,)),
    Collection("training_module", "training/modules/*.yaml", Module, many=True, required=False,
               checks=(checks_training.check_modules,)),
    Collection("training_quiz", "training/quizzes/*.yaml", Quiz, many=True, required=False,
               checks=(checks_training.check_quizzes,)),
    Collection("templates", "templates/*.yaml", Template, many=True, required=False,
               checks=(checks_templates.check_templates,)),
    Collection("countries", "countries/*.yaml", Country, many=True, required=False,
               checks=(checks_countries.check_countries,)),
    Collection("practices", "practices/*.yaml", Practice, many=True, required=False,
               checks=(checks_countries.check_practices,)),
    Collection("workshops", "workshops/*.yaml", Workshop, many=True, required=False,
               checks=(checks_countries.check_workshops,)),
    Collection("editions", "editions/*.yaml", Edition, many=True, required=False,
               checks=(checks_countries.check_editions,)),
    Collection("instruments", "instruments.yaml", Instruments, required=False,
               checks=(checks_instruments.check_instruments,)),
]

