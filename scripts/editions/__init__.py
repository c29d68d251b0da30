"""Country editions: a standalone copy of the site for one country, declared in ``guidelines_data/editions/``.

``config.py`` derives the edition's MkDocs configuration from ``mkdocs.yml``; ``build.py`` builds one
edition (a folder that works from ``file://``, and a zip of it); ``parallel.py`` builds them all at once.
"""
