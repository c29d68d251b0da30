"""The benchmark (``python -m scripts benchmark``): our build against stock MkDocs + Material +
mkdocs-static-i18n on the same content; see :mod:`scripts.benchmark.run`. A script, not a timed test."""
