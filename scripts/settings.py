"""The settings of a build, resolved once and passed down as an argument (issue 11: one settings object).

The command layer (:mod:`scripts.commands.settings`) makes a :class:`Settings` from the command's arguments and
the environment, once; everything below receives it (or the fields it needs) as arguments and reads no
environment variable. The only other reader is MkDocs' own entry point: ``mkdocs.yml`` passes the variables
below into the ``guidelines`` and ``i18n`` plugins' options (``!ENV``), and :meth:`Settings.mkdocs_environment`
is what a build sets for each MkDocs run it starts. This module imports nothing of ``scripts``: the lowest layer.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

#: the data folder (default: guidelines_data/)
DATA_DIR_ENV = "GUIDELINES_DATA_DIR"
#: makes a MkDocs run build one language only (the i18n plugin's ``build_only_locale``)
LANGUAGE_ENV = "GUIDELINES_LANGUAGE"
#: 1: generate every page and render every PDF afresh (a cold build)
NO_CACHE_ENV = "GUIDELINES_NO_CACHE"
#: 1: build without the PDFs (the book, blank forms, handouts): faster, for work on the pages only
NO_PAPER_ENV = "GUIDELINES_NO_PAPER"
#: another folder for the cache of PDFs (the benchmark measures a cold one)
PAPER_CACHE_ENV = "GUIDELINES_PAPER_CACHE"
#: 1: ``serve`` polls the watched folders instead of listening to the system's file events (``serve --poll``)
SERVE_POLL_ENV = "GUIDELINES_SERVE_POLL"

#: the values that switch a flag on: "1", and what YAML reads as true (mkdocs.yml's ``!ENV`` does)
_ON = {"1", "true", "yes", "on"}


def flag(value: object) -> bool:
    """A switch given as an environment variable or an option: ``1`` (or true) is on, anything else off."""
    if isinstance(value, bool):
        return value
    return value is not None and str(value).strip().lower() in _ON


@dataclass(frozen=True)
class Settings:
    """Where the data is, what to build and how; made once by the command layer."""

    #: the data folder, absolute
    data_dir: Path
    #: the languages to build (the default one is always built); empty: every language of site.yaml
    languages: tuple[str, ...] = ()
    #: regenerate every page and render every PDF (the caches are not read)
    no_cache: bool = False
    #: make no PDFs
    no_paper: bool = False
    #: the folder of the PDF cache; None: build/cache/paper/
    paper_cache: Path | None = None
    #: print MkDocs' output only when a language fails
    quiet: bool = False
    #: languages built at a time; None: one per core
    jobs: int | None = None

    def mkdocs_environment(self, language: str | None = None) -> dict[str, str]:
        """The variables ``mkdocs.yml`` reads, for a MkDocs run with these settings (``language``: that one
        alone). Every one is set, so that nothing from the caller's environment decides instead."""
        env = {DATA_DIR_ENV: str(self.data_dir), NO_CACHE_ENV: "1" if self.no_cache else "0",
               NO_PAPER_ENV: "1" if self.no_paper else "0", PAPER_CACHE_ENV: str(self.paper_cache or "")}
        if language is not None:
            env[LANGUAGE_ENV] = language
        return env
