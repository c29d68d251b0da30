"""Rendering a staged tree (:mod:`scripts.staging`) into a site: the MkDocs adapter (configuration, run, hooks),
the Zensical adapter, and the post-processing that works on the built files."""
