"""The data layer: YAML files -> validated, cross-checked models. Knows nothing of pages or MkDocs."""

from scripts.data.dataset import Dataset, load_dataset
from scripts.data.problems import DataError, Problem

__all__ = ["DataError", "Dataset", "Problem", "load_dataset"]
