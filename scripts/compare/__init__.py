"""Comparing two built sites page by page (:mod:`scripts.compare.pages`)."""
