"""Site generator for the Council of Europe's 2008 LEA/ISP cooperation guidelines.

The flow runs one way: YAML (``guidelines_data/``) -> validated models (:mod:`scripts.data`)
-> Markdown pages (:mod:`scripts.pages`) -> MkDocs (:mod:`scripts.mkdocs_plugin`) -> site.
"""

__version__ = "0.1.0"
