"""Typed records for each kind of data file. Plain data: no I/O, no rendering."""
