"""The build's caches are invalidated by each kind of input they depend on, and only as designed.

Three caches (see README.md and CONTRIBUTING.md):

- the generated pages, kept in build/cache/ under :func:`pages_key` (every file of the data folder, the ``.py``
  and ``.j2`` files of the ``scripts`` package, Python's version and the installed libraries, and the
  language, edition and list of hand-written pages the language lacks), taken before the inputs are read and
  kept only if unchanged once the pages are generated;
- the PDFs, kept under :func:`scripts.paper.render.cache_key`: a digest of the very HTML and CSS rendered, the
  forms switch, WeasyPrint's version and the installed font files;
- the compiled Jinja2 templates (:mod:`scripts.pages.template_cache`), kept in memory and, between builds, in a
  folder of the running Python, libraries and code, under a template's name and the environment's settings the
  compiler reads, and checked against a checksum of its source.

Two finer caches, used when the pages of a language are generated or rendered again, have their own tests: the
.docx forms, each under a digest of what it prints (tests/test_docx_store.py), and each page's Markdown conversion,
under a digest of its Markdown and of the site's files and settings (tests/test_markdown_cache.py).

For each kind of input (data YAML, a catalog, a Jinja template, a hand-written page, code) a change must change
the key, so a cached entry is never reused for it; and a change that does not reach the cached output behaves as
designed (documented at each test). Every test works on copies in ``tmp_path``: no real file is edited.
(tests/test_generation_cache.py covers a data edit and an added catalog on the minimal data set, and the reuse of
an entry for the same key.)
"""

from __future__ import annotations

import functools
import importlib
import marshal
import os
import pickle
import re
import shutil
import subprocess
import sys
import time
from enum import Enum
from pathlib import Path
from types import ModuleType

import jinja2
import pytest

from scripts.pages import context as context_module
from scripts.pages.template_cache import TemplateCache
from tests.conftest import DATA, ROOT, TEST_DATA


def pages_cache() -> ModuleType:
    """The module with ``pages_key`` and ``cached_pages`` (the staging's cache of generated pages)."""
    return importlib.import_module("scripts.staging.cache")


def _replace(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} not in {path}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


@pytest.fixture
def data(tmp_path: Path) -> Path:
    """A copy of the real data folder (catalogs included)."""
    target = tmp_path / "data"
    shutil.copytree(DATA, target)
    return target


@pytest.fixture
def code(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A copy of the ``scripts`` package that :func:`pages_key` reads as the code and templates."""
    target = tmp_path / "scripts"
    shutil.copytree(ROOT / "scripts", target, ignore=shutil.ignore_patterns("__pycache__"))
    monkeypatch.setattr(pages_cache(), "_CODE", target)
    return target


def key(data: Path, language: str = "ka", untranslated: tuple[str, ...] = ()) -> str:
    return pages_cache().pages_key(data, language, "", untranslated)


# --------------------------------------------------------------------------------------------------------------
# Generated pages


def test_a_data_yaml_edit_changes_the_key_in_any_file_of_the_data_folder(data: Path, code: Path) -> None:
    before = key(data)
    country = sorted((data / "countries").glob("*.yaml"))[0]
    _replace(country, "id:", "id: ")  # one string, in a file below a sub-folder
    assert key(data) != before
    # a new YAML file is an input too (a country, a practice)
    restored = key(data)
    shutil.copyfile(country, data / "countries" / "zz-new.yaml")
    assert key(data) != restored


def test_the_key_is_of_contents_not_of_times_or_place(data: Path, code: Path, tmp_path: Path) -> None:
    """By design the key digests bytes and relative paths: touching a file, or copying the data folder
    elsewhere (the benchmark's copies, a second checkout), reuses the cached pages."""
    before = key(data)
    guidelines = data / "guidelines.yaml"
    os.utime(guidelines, ns=(1, 1))
    assert key(data) == before
    moved = tmp_path / "elsewhere" / "data"
    shutil.copytree(data, moved)
    assert key(moved) == before


def test_a_catalog_edit_changes_the_key_of_every_language(data: Path, code: Path) -> None:
    """The key is not per language: it digests every file of the data folder, so a change to the Georgian
    catalog also changes the French key. By design (coarse, never stale): the French pages are generated again,
    the same as before."""
    ka, fr = key(data, "ka"), key(data, "fr")
    catalog = data / "locales" / "ka.po"
    text = catalog.read_text(encoding="utf-8")
    first = text.index('msgstr "', text.index("msgid", text.index("\n\n"))) + len('msgstr "')
    catalog.write_text(text[:first] + "X" + text[first:], encoding="utf-8")
    assert key(data, "ka") != ka
    assert key(data, "fr") != fr


def test_any_file_of_the_data_folder_is_an_input_even_one_no_generator_reads(data: Path, code: Path) -> None:
    """The terminology notes and pofilter exceptions beside the catalogs are not read by page generation, but
    the key does not know which files are: every file counts (so a new kind of input can never be missed)."""
    before = key(data)
    _replace(data / "locales" / "ka.terms.md", "", "<!-- a note -->\n")
    assert key(data) != before


def test_a_jinja_template_edit_changes_the_key(data: Path, code: Path) -> None:
    before = key(data)
    _replace(code / "pages" / "templates" / "measure.md.j2", "{", "{# an edit #}{", )
    assert key(data) != before


def test_a_code_edit_changes_the_key(data: Path, code: Path) -> None:
    before = key(data)
    for path in (code / "pages" / "guidelines.py", code / "i18n" / "translator.py", code / "data" / "dataset.py"):
        _replace(path, '"""', '"""An edit. ')
        changed = key(data)
        assert changed != before, path
        before = changed


def test_files_of_the_scripts_package_that_are_not_code_or_templates_leave_the_key(data: Path, code: Path) -> None:
    """Only ``.py`` and ``.j2`` files of ``scripts`` feed page generation. The PDF stylesheets are keyed by the
    PDF cache itself (below), the workshop kit's CSS goes into the kit only (``training`` command), the
    benchmark's record is no input at all, and compiled bytecode follows its ``.py``."""
    before = key(data)
    _replace(code / "paper" / "styles" / "paper.css", "", "/* an edit */\n")
    _replace(code / "training" / "kit" / "kit.css", "", "/* an edit */\n")
    _replace(code / "benchmark" / "last-run.json", "{", "{ ")
    (code / "pages" / "__pycache__").mkdir(exist_ok=True)
    (code / "pages" / "__pycache__" / "guidelines.cpython-311.pyc").write_bytes(b"stale")
    assert key(data) == before


@pytest.mark.parametrize("environment", ["Babel==2.12.1", "Jinja2==99.0", "python 3.99"])
def test_a_library_upgrade_or_another_python_changes_the_key(data: Path, code: Path, monkeypatch: pytest.MonkeyPatch,
                                                             environment: str) -> None:
    """Every installed library counts, not a chosen few: Babel writes the dates, and a new Python (its Unicode
    tables) can sort the glossary differently."""
    from scripts.staging import inputs

    before = key(data)
    real = inputs.running_environment()
    assert "babel==" in real.lower() and "jinja2==" in real.lower() and sys.version in real
    monkeypatch.setattr(pages_cache(), "running_environment", lambda: real + "\n" + environment)
    assert key(data) != before


def test_the_markdown_conversions_are_keyed_by_every_library_and_python(monkeypatch: pytest.MonkeyPatch) -> None:
    """The conversion cache (scripts.render.markdown_cache) takes the same environment as the page cache: any
    library, not only the five that convert, and Python's version (heading slugs follow its Unicode tables)."""
    from scripts.render import markdown_cache

    config = {"markdown_extensions": ["toc"], "mdx_configs": {}, "use_directory_urls": True, "validation": {}}
    before = markdown_cache.site_digest(config, [])
    assert markdown_cache.site_digest(config, []) == before
    real = markdown_cache.running_environment()
    assert sys.version in real
    monkeypatch.setattr(markdown_cache, "running_environment", lambda: real.replace(sys.version, "3.99"))
    assert markdown_cache.site_digest(config, []) != before


def test_the_libraries_are_named_as_their_full_metadata_names_them(tmp_path: Path) -> None:
    """Only the header lines of each distribution's metadata are read, with the same result as the email parser
    of ``importlib.metadata``: here, for every library installed, and for a file whose description (after the
    blank line that ends the headers) says ``Name:`` again."""
    from importlib import metadata

    from scripts import environment

    full = sorted({f"{d.metadata['Name']}=={d.version}" for d in metadata.distributions() if d.metadata["Name"]})
    assert environment.libraries().splitlines() == full
    info = tmp_path / "demo-1.0.dist-info"
    info.mkdir()
    (info / "METADATA").write_text("Metadata-Version: 2.1\nName: demo\nSummary: a demo\nVersion: 1.0\n\n"
                                   "Name: not-this\nVersion: 9\n", encoding="utf-8")
    distribution = metadata.PathDistribution(info)
    assert environment._name_and_version(distribution) == (distribution.metadata["Name"], distribution.version)
    assert environment._name_and_version(distribution) == ("demo", "1.0")


def test_the_installed_libraries_are_read_once_per_process(monkeypatch: pytest.MonkeyPatch) -> None:
    """The libraries a process runs with: one that is upgraded while it runs is not imported again."""
    from scripts import environment

    first = environment.running_environment()
    monkeypatch.setattr(environment, "libraries", lambda: "changed==1")
    assert environment.running_environment() == first


# Hand-written pages: the key holds the list of the ones a language lacks, never their content


def _untranslated(docs: Path, language: str) -> tuple[str, ...]:
    from scripts.staging.handwritten import shown_in_english, versions
    from scripts.staging.languages import LanguageBuild

    names = {"en": "English", "fr": "Français", "ka": "ქართული"}
    build = LanguageBuild(language=language, default="en", languages=list(names), names=names, alone=True)
    return tuple(sorted(shown_in_english(versions(docs, build), build)))  # what stage_language puts in the key


def test_a_hand_written_page_changes_the_key_only_by_gaining_or_losing_a_translation(tmp_path: Path,
                                                                                     data: Path,
                                                                                     code: Path) -> None:
    """The generated pages never contain a hand-written page: the only thing of ``docs/`` they show is the list
    of pages a language still shows in English (the Translation status page). So editing ``docs/about.md``, or
    its Georgian translation, does NOT change the key (their text is rendered by MkDocs in every build, and the
    "outdated translation" notice is added at render time, not cached); adding or removing a translation does."""
    docs = tmp_path / "docs"
    shutil.copytree(ROOT / "docs", docs)
    before = _untranslated(docs, "ka")
    ka = key(data, "ka", before)
    _replace(docs / "about.md", "", "An edit of the English page.\n\n")
    _replace(docs / "about.ka.md", "", "An edit of the Georgian page.\n\n")
    assert _untranslated(docs, "ka") == before
    assert key(data, "ka", _untranslated(docs, "ka")) == ka
    (docs / "about.ka.md").unlink()
    assert "about.md" in _untranslated(docs, "ka")
    assert key(data, "ka", _untranslated(docs, "ka")) != ka
    shutil.copyfile(docs / "about.md", docs / "new-page.md")  # a new page no language has yet
    assert "new-page.md" in _untranslated(docs, "fr")


def test_a_changed_key_is_not_served_from_the_cache(tmp_path: Path, data: Path, code: Path) -> None:
    """End to end on the cache: the entry stored for the old key is not returned for the new one."""
    cached_pages = pages_cache().cached_pages
    first = key(data)
    assert cached_pages(tmp_path / "cache", "pages-ka-", first, lambda: "old pages") == "old pages"
    _replace(data / "guidelines.yaml", "heading:", "heading: ")
    assert cached_pages(tmp_path / "cache", "pages-ka-", key(data), lambda: "new pages") == "new pages"


def test_pages_generated_while_an_input_changed_are_not_kept(tmp_path: Path, data: Path, code: Path) -> None:
    """An edit saved while a language's pages are generated (an editor during ``serve``, a ``git pull``): the
    pages may be of the old data, so they must not be kept under the key, taken before, of either version."""
    cache = pages_cache()
    sources = cache.sources_digest(data)
    first = cache.pages_key(data, "ka", "", (), sources=sources)

    def generate_while_editing() -> str:
        _replace(data / "guidelines.yaml", "heading:", "heading: ")
        return "pages of the old data"

    def still_valid() -> bool:
        return cache.sources_digest(data) == sources

    folder = tmp_path / "cache"
    assert cache.cached_pages(folder, "pages-ka-", first, generate_while_editing,
                              still_valid=still_valid) == "pages of the old data"
    assert not list(folder.glob("*.pickle"))
    # nothing is kept under the new key either: the next build generates them
    assert cache.cached_pages(folder, "pages-ka-", key(data), lambda: "new pages") == "new pages"


@pytest.mark.parametrize("undone", ["a data file", "a catalog", "a page template", "a data file added"])
def test_an_edit_saved_and_undone_while_pages_are_generated_keeps_no_pages(data: Path, code: Path,
                                                                          undone: str) -> None:
    """After the edit is undone the bytes are as they were, so the digest is the one taken before; but the pages
    may have been generated from the edit. The files' change times tell: nothing is kept."""
    import time

    cache = pages_cache()
    time.sleep(0.05)  # the copies of the data and the code were made just now: older than the digest, by more
    sources = cache.sources_digest(data)  # than the clock's lag
    assert cache.sources_unchanged(data, sources)  # nothing happened
    (code / "__pycache__").mkdir(exist_ok=True)
    (code / "__pycache__" / "build.cpython-311.pyc").write_bytes(b"\0")  # Python compiling: not an edit
    assert cache.sources_unchanged(data, sources)
    if undone == "a data file added":
        (data / "extra.yaml").write_text("id: extra\n", encoding="utf-8")
        (data / "extra.yaml").unlink()
    else:
        path = {"a data file": data / "guidelines.yaml", "a catalog": data / "locales" / "fr.po",
                "a page template": code / "pages" / "templates" / "measure.md.j2"}[undone]
        before = path.read_bytes()
        path.write_bytes(before + b"\n")
        path.write_bytes(before)
    assert cache._sources(data) == sources  # the same bytes: the same digest
    assert not cache.sources_unchanged(data, sources)


def test_pages_are_not_kept_under_a_digest_this_process_did_not_take(data: Path, code: Path,
                                                                      monkeypatch: pytest.MonkeyPatch) -> None:
    """When the digest was taken is known only to the process that took it (and the workers it forks): another
    one cannot tell an edit undone since, so it keeps nothing."""
    import time

    cache = pages_cache()
    time.sleep(0.05)
    sources = cache.sources_digest(data)
    assert cache.sources_unchanged(data, sources)
    monkeypatch.setattr(cache, "_TAKEN", {})
    assert not cache.sources_unchanged(data, sources)


@pytest.mark.parametrize("moment", ["right after the data is read", "while hand-written pages are resolved"])
def test_the_stage_takes_its_key_before_it_reads_the_data(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                         moment: str) -> None:
    """End to end on stage_language: a data edit landing after the data is read, before the pages are generated,
    leaves no cache entry; the next stage shows the edit."""
    from scripts.render.mkdocs_config import read_config
    from scripts.staging import stage as stage_module

    data = tmp_path / "data"
    shutil.copytree(DATA, data)
    cache_dir = tmp_path / "cache"
    base = read_config(ROOT / "mkdocs.yml")
    glossary = data / "glossary.yaml"
    old = "The common name"
    assert old in glossary.read_text(encoding="utf-8")
    owner, name = ((stage_module, "load_dataset_cached") if moment.startswith("right after")
                   else (stage_module.handwritten, "resolve"))
    real = getattr(owner, name)

    def then_edit(*args, **kwargs):  # noqa: ANN002, ANN003, ANN202 - wraps the real one
        result = real(*args, **kwargs)
        _replace(glossary, old, "The usual name")
        return result

    monkeypatch.setattr(owner, name, then_edit)
    stage_module.stage_language(base, ROOT, data, "en", "", cache_dir)
    assert not list(cache_dir.glob("pages-*.pickle"))
    monkeypatch.setattr(owner, name, real)
    tree = stage_module.stage_language(base, ROOT, data, "en", "", cache_dir)
    assert "The usual name" in tree.files["glossary.md"]
    assert list(cache_dir.glob("pages-en-*.pickle"))  # nothing changed during this one: kept


def test_a_digest_the_build_took_before_an_edit_keeps_no_pages(tmp_path: Path, data: Path) -> None:
    """A build takes the digest of the data once, before it reads the data, and gives it to every language
    (``stage_language(..., sources=...)``): an edit saved after that, even before a language is staged, leaves
    no cache entry, though the language shows the edit."""
    from scripts.render.mkdocs_config import read_config
    from scripts.staging.stage import stage_language

    cache, cache_dir, base = pages_cache(), tmp_path / "cache", read_config(ROOT / "mkdocs.yml")
    taken = cache.sources_digest(data)
    _replace(data / "glossary.yaml", "The common name", "The usual name")
    tree = stage_language(base, ROOT, data, "en", "", cache_dir, taken)
    assert "The usual name" in tree.files["glossary.md"]
    assert not list(cache_dir.glob("pages-*.pickle"))
    stage_language(base, ROOT, data, "en", "", cache_dir, cache.sources_digest(data))  # taken after the edit
    assert list(cache_dir.glob("pages-en-*.pickle"))


def test_pages_written_pending_take_their_place_only_when_the_build_keeps_them(tmp_path: Path) -> None:
    """A build checks its inputs once, after every language is staged: until then each language's pages wait
    under a suffix of the build; kept, they replace the entry of the same name; dropped, nothing is left. What
    another build left pending is never put in place: removed once its process has ended, or once a day old
    (a process id is used again, as in a container where every build is process 1)."""
    cache, folder = pages_cache(), tmp_path / "cache"
    assert cache.cached_pages(folder, "pages-fr-", "a" * 40, lambda: "old") == "old"
    pending = cache.pending_suffix()
    assert pending != cache.pending_suffix() and pending.startswith(f".pending-{os.getpid()}-")
    assert cache.cached_pages(folder, "pages-fr-", "b" * 40, lambda: "new", pending=pending) == "new"
    assert cache.cached_pages(folder, "pages-sr-Latn-", "c" * 40, lambda: "latin", pending=pending) == "latin"
    assert sorted(p.name for p in folder.iterdir()) == [
        f"pages-fr--{'a' * 32}.pickle", f"pages-fr--{'b' * 32}.pickle{pending}",
        f"pages-sr-Latn--{'c' * 32}.pickle{pending}"]
    # another build of the same process id, still running: its pages stay pending, not adopted
    other = cache.pending_suffix()
    cache.cached_pages(folder, "pages-ka-", "f" * 40, lambda: "of another build", pending=other)
    cache.settle_pending(folder, pending, keep=True)
    assert sorted(p.name for p in folder.iterdir()) == [f"pages-fr--{'b' * 32}.pickle",
                                                        f"pages-ka--{'f' * 32}.pickle{other}",
                                                        f"pages-sr-Latn--{'c' * 32}.pickle"]
    assert cache.cached_pages(folder, "pages-fr-", "b" * 40, lambda: "generated again") == "new"

    cache.cached_pages(folder, "pages-fr-", "d" * 40, lambda: "of changed inputs", pending=pending)
    cache.settle_pending(folder, pending, keep=False)
    assert not list(folder.glob(f"*{pending}"))
    assert cache.cached_pages(folder, "pages-fr-", "d" * 40, lambda: "generated again") == "generated again"

    # the entries of an edition whose id begins with another's are not the other's
    longer = cache.cached_pages(folder, "pages-en-bosnia-and-herzegovina", "1" * 40, lambda: "the longer id")
    cache.cached_pages(folder, "pages-en-bosnia", "2" * 40, lambda: "the shorter id", pending=pending)
    cache.settle_pending(folder, pending, keep=True)
    cache.cached_pages(folder, "pages-en-bosnia", "3" * 40, lambda: "the shorter id, later")
    assert cache.cached_pages(folder, "pages-en-bosnia-and-herzegovina", "1" * 40, lambda: "again") == longer
    assert sorted(p.name for p in folder.glob("pages-en-bosnia*")) == [
        f"pages-en-bosnia-{'3' * 32}.pickle", f"pages-en-bosnia-and-herzegovina-{'1' * 32}.pickle"]

    gone = 4_999_999  # above any process id Linux gives (2**22 at most): no process has it
    (folder / f"pages-ka--{'e' * 32}.pickle.pending-{gone}-0a0b").write_bytes(b"left by a killed build")
    stale = folder / f"pages-tr--{'e' * 32}.pickle.pending-{os.getpid()}-0c0d"
    stale.write_bytes(b"left a day ago by a build with this process id")
    os.utime(stale, (time.time() - cache.PENDING_SECONDS - 60,) * 2)
    cache.settle_pending(folder, cache.pending_suffix(), keep=True)
    assert [p.name for p in folder.glob("*.pending-*")] == [f"pages-ka--{'f' * 32}.pickle{other}"]


@pytest.mark.slow  # a build of its own (English and French, no PDFs)
def test_a_build_keeps_no_pages_when_the_data_changed_while_a_language_was_staged(
        tmp_path: Path, data: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The build's one check, end to end: a data edit landing in a worker after the language read the data
    leaves no generated pages (the workers are forked from this process: the wrapped function is theirs too)."""
    from scripts import build
    from scripts.settings import Settings
    from scripts.staging import stage as stage_module

    cache_dir = tmp_path / "cache"
    monkeypatch.setattr(build, "CACHE", cache_dir)
    real = stage_module.handwritten.resolve

    def then_edit(*args, **kwargs):  # noqa: ANN002, ANN003, ANN202 - wraps the real one
        result = real(*args, **kwargs)
        glossary = data / "glossary.yaml"
        glossary.write_text(glossary.read_text(encoding="utf-8") + "\n# an edit\n", encoding="utf-8")
        return result

    settings = Settings(data_dir=data, languages=("fr",), no_paper=True, quiet=True)
    monkeypatch.setattr(stage_module.handwritten, "resolve", then_edit)
    assert build.build_site(tmp_path / "site", settings) == 0
    assert not list(cache_dir.glob("pages-*"))  # neither kept nor left pending
    monkeypatch.setattr(stage_module.handwritten, "resolve", real)
    assert build.build_site(tmp_path / "site", settings) == 0
    assert sorted(p.name.split("--")[0] for p in cache_dir.glob("pages-*")) == ["pages-en", "pages-fr"]


def test_pages_are_not_kept_while_the_code_on_disk_is_not_the_code_running(
        tmp_path: Path, data: Path, code: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """``serve`` keeps running the code it imported: after an edit of a ``.py`` file the key reads the new code,
    so pages the old code generates must not be kept under it."""
    cache = pages_cache()
    assert cache.running_code_on_disk()  # the copy is the code this process imported
    _replace(code / "pages" / "guidelines.py", '"""', '"""An edit. ')
    assert not cache.running_code_on_disk()
    _replace(code / "pages" / "guidelines.py", '"""An edit. ', '"""')
    assert cache.running_code_on_disk()
    # and the stage keeps no pages then (as if the process had imported other code than the copy now holds)
    from scripts.render.mkdocs_config import read_config
    from scripts.staging.stage import stage_language

    monkeypatch.setattr(cache, "_RUNNING_CODE", "the code of an older checkout")
    tree = stage_language(read_config(ROOT / "mkdocs.yml"), ROOT, data, "en", "", tmp_path / "cache")
    assert "glossary.md" in tree.files
    assert not list((tmp_path / "cache").glob("pages-*.pickle"))


def test_the_loaded_data_is_loaded_again_after_an_edit_that_keeps_size_and_time(data: Path) -> None:
    """The data loaded once per process (``serve``, forked workers) is keyed by the bytes of its YAML files: an
    edit of the same length with the old modification time (``cp -p``, ``rsync -a``, a restored backup) is seen."""
    cache = pages_cache()
    glossary = data / "glossary.yaml"
    first = cache.load_dataset_cached(data)
    assert cache.load_dataset_cached(data) is first
    stat = glossary.stat()
    _replace(glossary, "The common name", "The COMMON name")
    os.utime(glossary, ns=(stat.st_atime_ns, stat.st_mtime_ns))
    assert glossary.stat().st_size == stat.st_size and glossary.stat().st_mtime_ns == stat.st_mtime_ns
    again = cache.load_dataset_cached(data)
    assert again is not first
    assert "The COMMON name" in repr(again.glossary)


def test_a_stray_file_added_after_the_data_was_loaded_is_refused(data: Path) -> None:
    """As a fresh load refuses it: a long-lived process does not keep showing data a build would refuse."""
    from scripts.data import DataError

    cache = pages_cache()
    cache.load_dataset_cached(data)
    (data / "locales" / "de.po.bak").write_text("", encoding="utf-8")
    with pytest.raises(DataError, match=r"de\.po\.bak"):
        cache.load_dataset_cached(data)


def test_a_data_file_that_cannot_be_read_is_reported_by_the_data_checks(data: Path,
                                                                         monkeypatch: pytest.MonkeyPatch) -> None:
    """The caches read the data's bytes before the data is loaded: what they cannot read must reach the data's
    checks (file, line, what), not stop the build with an OSError."""
    from scripts.data import DataError

    cache = pages_cache()
    (data / "countries" / "zz.yaml").symlink_to("/proc/self/mem")  # a regular file that no read succeeds on
    cache.sources_digest(data)  # no OSError
    with pytest.raises(DataError, match=r"zz\.yaml:1:1: "):
        cache.load_dataset_cached(data)
    # a plain file this user may not read (EACCES; simulated, since root reads anything)
    (data / "countries" / "zz.yaml").unlink()
    shutil.copyfile(sorted((data / "countries").glob("*.yaml"))[0], data / "countries" / "zz.yaml")
    real = Path.read_bytes

    def refuse(path: Path) -> bytes:
        if path.name == "zz.yaml":
            raise PermissionError(13, "Permission denied", str(path))
        return real(path)

    monkeypatch.setattr(Path, "read_bytes", refuse)
    cache.sources_digest(data)
    with pytest.raises(DataError, match=r"zz\.yaml:1:1: cannot read the file: Permission denied"):
        cache.load_dataset_cached(data)


def test_the_font_folders_are_listed_once_even_with_links_back_up(tmp_path: Path,
                                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    from scripts.paper import render

    fonts = tmp_path / "fonts"
    fonts.mkdir()
    (fonts / "Sans.ttf").write_bytes(b"font")
    (fonts / "a").symlink_to(fonts, target_is_directory=True)
    (fonts / "b").symlink_to(fonts, target_is_directory=True)
    monkeypatch.setattr(render, "FONT_FOLDERS", (fonts,))
    render.installed_fonts.cache_clear()
    try:
        assert [line.split("\t")[0] for line in render.installed_fonts().splitlines()] == [str(fonts / "Sans.ttf")]
    finally:
        render.installed_fonts.cache_clear()


def test_a_folder_linked_into_an_input_folder_is_digested(tmp_path: Path) -> None:
    """MkDocs and Jinja read through a symbolic link to a folder (``overrides/partials`` kept elsewhere): an edit
    there must change the digest that decides whether a language is built again. A link back up is walked once."""
    from scripts.staging import inputs

    elsewhere, overrides = tmp_path / "elsewhere", tmp_path / "overrides"
    elsewhere.mkdir()
    overrides.mkdir()
    (elsewhere / "search.html").write_text("<div></div>\n", encoding="utf-8")
    (overrides / "partials").symlink_to(elsewhere, target_is_directory=True)
    (elsewhere / "loop").symlink_to(overrides, target_is_directory=True)

    def digest() -> str:
        value = inputs.hashlib.sha256()
        inputs.folder_digest(value, overrides)
        return value.hexdigest()

    assert [relative for relative, _ in inputs.files_below(overrides)] == ["partials/search.html"]
    before = digest()
    (elsewhere / "search.html").write_text('<div data-marker="x"></div>\n', encoding="utf-8")
    assert digest() != before


# --------------------------------------------------------------------------------------------------------------
# PDFs: keyed by what is rendered. Data, catalogs, templates, hand-written pages and code reach a PDF only through
# the built page's HTML (or, for the paper stylesheets, the CSS): a change to any of them that changes the
# printed page changes the key, and one that does not (a catalog string the page does not show) reuses the PDF.


@pytest.fixture
def fake_render(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    from scripts.paper import render

    calls: list[str] = []

    def _render(html: str, base_url: str, css: list[str], forms: bool) -> bytes:
        calls.append(html)
        return b"%PDF-" + html.encode()

    monkeypatch.setattr(render, "_render", _render)
    return calls


def test_the_pdf_key_changes_with_the_html_the_css_the_forms_weasyprint_and_the_fonts(
        monkeypatch: pytest.MonkeyPatch) -> None:
    from scripts.paper import render

    html, css = "<h1>Measure</h1>", [render.stylesheet("paper.css")]
    before = render.cache_key(html, css, False)
    assert render.cache_key(html, list(css), False) == before
    assert render.cache_key("<h1>Measure (edited)</h1>", css, False) != before  # data, catalog, template, page
    assert render.cache_key(html, [css[0] + "/* edit */"], False) != before  # code: the paper stylesheets
    assert render.cache_key(html, [*css, render.stylesheet("book.css")], False) != before
    assert render.cache_key(html, css, True) != before  # fillable forms
    assert "DejaVuSans" in render.installed_fonts()  # the fonts the PDFs are set in (make fonts)
    monkeypatch.setattr(render, "installed_fonts", lambda: "/usr/share/fonts/other.ttf\t1\t1")  # a font changed
    assert render.cache_key(html, css, False) != before
    monkeypatch.undo()
    assert render.cache_key(html, css, False) == before
    for name in ("running_environment", "system_libraries"):  # another WeasyPrint or library of it; another Pango
        monkeypatch.setattr(render, name, lambda: "changed")
        assert render.cache_key(html, css, False) != before
        monkeypatch.undo()
    assert render.cache_key(html, css, False) == before


def test_the_pdf_key_reads_each_local_image_by_its_bytes_not_its_address(tmp_path: Path) -> None:
    """The paper code gives WeasyPrint each image of a page by its absolute address in the language's site
    folder, whose name changes with every build: the key holds the image's bytes instead."""
    from scripts.paper import render

    first, second = tmp_path / ".site.en-101" / "img", tmp_path / ".site.en-202" / "img"
    for folder in (first, second):
        folder.mkdir(parents=True)
        (folder / "map of cooperation.png").write_bytes(b"PNG one")

    def page(folder: Path) -> str:
        return f'<p>A map</p><img alt="" src="{(folder / "map of cooperation.png").as_uri()}">'

    css = [render.stylesheet("paper.css")]
    before = render.cache_key(page(first), css, False)
    assert render.cache_key(page(second), css, False) == before  # another build, the same image
    (second / "map of cooperation.png").write_bytes(b"PNG two")
    assert render.cache_key(page(second), css, False) != before  # the image edited under the same name
    edited = render.cache_key(page(second), css, False)
    (second / "map of cooperation.png").unlink()
    assert render.cache_key(page(second), css, False) not in (before, edited)  # gone: neither one


@pytest.mark.slow  # WeasyPrint finds Pango through ldconfig, a process
def test_a_pdf_shows_an_image_edited_under_its_name_and_is_kept_while_only_the_address_changes(
        tmp_path: Path) -> None:
    """Rendered by WeasyPrint and read back as a reader's viewer would show it: the image in the PDF is the one
    the page shows now. Three builds, each in a site folder of its own: a red map; the same map (the PDF is
    copied from the cache, not rendered); the map edited to blue under the same name (rendered again)."""
    import io

    from PIL import Image
    from pypdf import PdfReader

    from scripts.paper import render

    cache = render.PaperCache(tmp_path / "cache")
    css = [render.stylesheet("paper.css")]

    def build(number: int, colour: tuple[int, int, int]) -> tuple[bool, tuple[int, int, int]]:
        folder = tmp_path / f".site.en-{number}" / "img"
        folder.mkdir(parents=True)
        picture = io.BytesIO()
        Image.new("RGB", (40, 20), colour).save(picture, "PNG")
        (folder / "map.png").write_bytes(picture.getvalue())
        html = f'<html><body><h1>Map</h1><img alt="" src="{(folder / "map.png").as_uri()}"></body></html>'
        target = tmp_path / f"map-{number}.pdf"
        rendered = render.write_pdf(html, target, "map", folder.parent.as_uri() + "/", css, cache=cache)
        (shown,) = PdfReader(target).pages[0].images
        return rendered, shown.image.convert("RGB").getpixel((5, 5))

    red, blue = (200, 0, 0), (0, 0, 200)
    assert build(1, red) == (True, red)
    assert build(2, red) == (False, red)  # another build's folder, the same bytes: copied from the cache
    assert build(3, blue) == (True, blue)  # edited under the same name: rendered again, and it shows


def test_the_pdf_renderer_is_python_every_library_and_the_system_text_libraries() -> None:
    """What lays out, subsets fonts for and compresses a PDF: Python and every installed library (WeasyPrint and
    all it requires among them, as every cache names them), and the system's Pango and HarfBuzz it loads."""
    import sys
    from importlib import metadata

    from scripts.paper import render

    inputs = render.renderer_inputs()
    assert sys.version in inputs
    for name in ("weasyprint", "pydyf", "fonttools", "pillow", "tinycss2", "brotli"):
        assert f"{metadata.distribution(name).metadata['Name']}=={metadata.version(name)}" in inputs, name
    assert "libpango-1.0" in inputs and "libharfbuzz" in inputs and "DejaVuSans" in inputs


@pytest.mark.parametrize("change", ["fonts", "system libraries", "date outside git"])
def test_with_the_pdfs_a_language_is_built_again_when_what_renders_them_or_their_date_changes(
        change: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A language kept from the previous site keeps its PDFs (scripts.kept): with PDFs, the languages' digests
    hold what renders them besides the libraries (in every digest already: test_build_reuse.py) and, outside a
    git checkout, the date they print (today's); without PDFs, none of it."""
    from scripts import kept
    from scripts.settings import Settings

    config = tmp_path / "mkdocs.yml"
    config.write_text("site_name: T\n", encoding="utf-8")
    data = tmp_path / "data"
    data.mkdir()
    monkeypatch.setattr(kept, "git_commit", lambda folder: "")  # outside a git checkout: the date is today's
    monkeypatch.setattr(kept, "book_date", lambda: "2026-12-06")

    def digests(no_paper: bool) -> dict[str, str]:
        return kept.language_digests(config, {"site_name": "T"}, Settings(data_dir=data, no_paper=no_paper),
                                     ["en", "fr"], "en")

    with_pdfs, without = digests(False), digests(True)
    if change == "date outside git":
        monkeypatch.setattr(kept, "book_date", lambda: "2026-12-07")  # the next day
    else:
        monkeypatch.setattr(kept, {"fonts": "installed_fonts", "system libraries": "system_libraries"}[change],
                            lambda: "changed")
    assert digests(False)["en"] != with_pdfs["en"] and digests(False)["fr"] != with_pdfs["fr"]
    assert digests(True) == without  # no PDFs: nothing of theirs counts


def test_in_a_git_checkout_the_pdfs_date_is_the_commits(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """In a checkout the PDFs print the last commit's date, which the commit in the digest decides: the date is
    not asked for (a git call less in every build)."""
    from scripts import kept
    from scripts.settings import Settings

    config = tmp_path / "mkdocs.yml"
    config.write_text("site_name: T\n", encoding="utf-8")
    monkeypatch.setattr(kept, "git_commit", lambda folder: "0123abcd")

    def not_asked() -> str:
        raise AssertionError("book_date was called in a git checkout")

    monkeypatch.setattr(kept, "book_date", not_asked)
    kept.language_digests(config, {"site_name": "T"}, Settings(data_dir=tmp_path), ["en"], "en")


def test_a_pdf_is_rendered_again_only_when_what_it_prints_changed(tmp_path: Path, fake_render: list[str]) -> None:
    from scripts.paper.render import PaperCache, write_pdf

    cache = PaperCache(tmp_path / "cache")
    target = tmp_path / "site" / "book.pdf"
    assert write_pdf("<p>one</p>", target, "book-en", "file:///", ["css"], cache=cache) is True
    assert write_pdf("<p>one</p>", target, "book-en", "file:///", ["css"], cache=cache) is False  # reused
    assert write_pdf("<p>two</p>", target, "book-en", "file:///", ["css"], cache=cache) is True
    assert target.read_bytes() == b"%PDF-<p>two</p>"
    assert write_pdf("<p>two</p>", target, "book-en", "file:///", ["css2"], cache=cache) is True
    assert len(list((tmp_path / "cache").glob("book-en-*.pdf"))) == 1  # the older entries are replaced
    assert write_pdf("<p>two</p>", target, "book-en", "file:///", ["css2"],
                     cache=PaperCache(tmp_path / "cache", reuse=False)) is True  # GUIDELINES_NO_CACHE=1
    assert fake_render == ["<p>one</p>", "<p>two</p>", "<p>two</p>", "<p>two</p>"]


# --------------------------------------------------------------------------------------------------------------
# Compiled Jinja templates: in memory for one process and on disk between builds; an entry is a template's name
# and the environment's compile settings, and holds a checksum of its source


class _Counting(TemplateCache):
    def __init__(self) -> None:
        super().__init__()
        self.compiled: list[str] = []

    def dump_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        self.compiled.append(bucket.key)
        super().dump_bytecode(bucket)


@pytest.fixture
def templates(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> tuple[Path, _Counting]:
    """A copy of scripts/pages/templates with a probe template, and a fresh bytecode cache that counts what it
    compiles, for :class:`RenderContext`."""
    folder = tmp_path / "templates"
    shutil.copytree(context_module.TEMPLATE_DIR, folder)
    (folder / "probe.md.j2").write_text("{{ 'Purpose' | t }}: {{ ctx.dataset.site.title }}\n", encoding="utf-8")
    cache = _Counting()
    monkeypatch.setattr(context_module, "TEMPLATE_DIR", folder)
    monkeypatch.setattr(context_module, "TEMPLATES", cache)
    return folder, cache


def _context(language: str = "fr", translate=None):  # noqa: ANN001, ANN202
    from scripts.data import load_dataset

    dataset = load_dataset(TEST_DATA / "minimal")
    return context_module.RenderContext(dataset, language, translate or (lambda text: f"[{language}] {text}"))


def test_an_edited_template_is_compiled_again(templates: tuple[Path, _Counting]) -> None:
    folder, cache = templates
    assert _context().render("probe.md.j2", "x.md").startswith("[fr] Purpose: ")
    assert len(cache.compiled) == 1
    _context().render("probe.md.j2", "x.md")  # a new environment (another language's build): no compiling
    assert len(cache.compiled) == 1
    _replace(folder / "probe.md.j2", ": ", " -- ")
    assert " -- " in _context().render("probe.md.j2", "x.md")  # the same name, a new checksum: compiled again
    assert len(cache.compiled) == 2


def test_data_and_catalogs_are_not_compiled_into_a_template(templates: tuple[Path, _Counting]) -> None:
    """Translations (the ``t`` filter of each language) and data are read when a template renders, not when it
    is compiled: a compiled template is right for every language and any data, so neither a catalog nor a data
    edit invalidates it, by design (nor does hand-written content, which no template of ours includes). Even a
    literal piped through ``t`` is translated at render time: Jinja2 folds a filter on constants into the
    compiled code unless the filter takes the render context (scripts/pages/context.py), and the bytecode
    would then carry the first language's translation to every other."""
    _, cache = templates
    french = _context("fr").render("probe.md.j2", "x.md")
    georgian = _context("ka", lambda text: "მიზანი" if text == "Purpose" else text).render("probe.md.j2", "x.md")
    assert french.startswith("[fr] Purpose") and georgian.startswith("მიზანი")
    assert len(cache.compiled) == 1


def test_a_stale_entry_is_never_used_for_another_source() -> None:
    """An entry holds its source's checksum: an entry compiled from other source is compiled again instead of
    run. (A new Jinja2, Python or code of ours reads another folder: see the tests below.)"""
    cache = _Counting()
    loader = jinja2.DictLoader({"page.j2": "old {{ x }}"})
    assert jinja2.Environment(loader=loader, bytecode_cache=cache).get_template("page.j2").render(x=1) == "old 1"
    loader.mapping["page.j2"] = "new {{ x }}"
    assert jinja2.Environment(loader=loader, bytecode_cache=cache).get_template("page.j2").render(x=1) == "new 1"
    assert len(cache.compiled) == 2 and len(set(cache.compiled)) == 1  # one entry, replaced
    assert TemplateCache()._store == {}


def _render(cache: TemplateCache, templates: dict[str, str], name: str = "page.j2", filters: dict | None = None,
            **settings: object) -> str:
    environment = jinja2.Environment(loader=jinja2.DictLoader(templates), bytecode_cache=cache, **settings)
    environment.filters.update(filters or {})
    return environment.get_template(name).render(x="X")


def test_compiled_templates_are_read_back_from_disk_by_the_next_process(tmp_path: Path) -> None:
    first = _Counting()
    first.keep_in(tmp_path / "compiled")
    assert _render(first, {"page.j2": "one {{ x }}"}) == "one X"
    assert len(first.compiled) == 1 and len(list((tmp_path / "compiled").iterdir())) == 1
    later = _Counting()  # another process: nothing in memory
    later.keep_in(tmp_path / "compiled")
    assert _render(later, {"page.j2": "one {{ x }}"}) == "one X"
    assert later.compiled == []  # read back, not compiled
    memory_only = _Counting()
    assert _render(memory_only, {"page.j2": "one {{ x }}"}) == "one X"
    assert len(memory_only.compiled) == 1  # a cold build compiles


def test_every_environment_of_a_process_runs_the_code_read_or_compiled_once(tmp_path: Path) -> None:
    """Each language's build makes new environments: a template the process has read back or compiled is not
    read from disk or unmarshalled again, the very code object is run (a forked worker inherits it)."""
    folder = tmp_path / "compiled"
    writer = TemplateCache()
    writer.keep_in(folder)
    _render(writer, {"page.j2": "one {{ x }}"})
    cache = _Counting()  # another process
    cache.keep_in(folder)

    def code(templates: dict[str, str]) -> object:
        environment = jinja2.Environment(loader=jinja2.DictLoader(templates), bytecode_cache=cache)
        template = environment.get_template("page.j2")
        assert template.render(x="X") == templates["page.j2"].replace("{{ x }}", "X")
        return template.root_render_func.__code__

    first = code({"page.j2": "one {{ x }}"})
    assert cache.compiled == []  # read back from disk
    shutil.rmtree(folder)
    assert code({"page.j2": "one {{ x }}"}) is first and cache.compiled == []  # neither read nor compiled again
    code({"page.j2": "two {{ x }}"})  # another source under the same key: compiled (and its output checked)
    assert len(cache.compiled) == 1
    assert code({"page.j2": "one {{ x }}"}) is not first and len(cache.compiled) == 2  # the entry held the other


def test_a_template_edited_between_builds_is_compiled_again(tmp_path: Path) -> None:
    first = _Counting()
    first.keep_in(tmp_path / "compiled")
    _render(first, {"page.j2": "old {{ x }}"})
    later = _Counting()
    later.keep_in(tmp_path / "compiled")
    assert _render(later, {"page.j2": "new {{ x }}"}) == "new X"
    assert len(later.compiled) == 1
    again = _Counting()
    again.keep_in(tmp_path / "compiled")
    assert _render(again, {"page.j2": "new {{ x }}"}) == "new X" and again.compiled == []


@pytest.mark.parametrize("memory", [True, False], ids=["in memory", "on disk"])
def test_environments_that_compile_differently_never_share_an_entry(tmp_path: Path, memory: bool) -> None:
    """The same template name and source, in environments whose settings change the code Jinja2 writes: each
    gets code of its own (our environment and the theme's differ so, and a settings edit must not meet the code
    of the old settings on disk)."""
    def cache() -> TemplateCache:
        made = TemplateCache()
        made.keep_in(None if memory else tmp_path / "compiled")
        return made

    shared = cache()
    source = {"page.j2": "{% if x %}\n<b>{{ x }}</b>{% endif %}|{{ x | mark }}"}
    plain = {"filters": {"mark": lambda value: f"[{value}]"}}
    with_context = {"filters": {"mark": jinja2.pass_context(lambda context, value: f"({context['x']}{value})")}}
    first = _render(shared, source, **plain)
    assert first == "\n<b>X</b>|[X]"
    second = shared if memory else cache()
    assert _render(second, source, trim_blocks=True, **plain) == "<b>X</b>|[X]"
    assert _render(second if memory else cache(), source, **with_context) == "\n<b>X</b>|(XX)"
    assert _render(second if memory else cache(), {"page.j2": "{{ '<i>' }}"}, autoescape=True) == "&lt;i&gt;"
    assert _render(second if memory else cache(), {"page.j2": "{{ '<i>' }}"}) == "<i>"
    assert _render(second if memory else cache(), source, **plain) == first


def _marker(prefix: str):  # noqa: ANN202 - a filter factory: its closures differ only by what they hold
    return lambda value: f"{prefix}({value})"


def _wrapping(function):  # noqa: ANN001, ANN202 - a wrapper without functools.wraps
    return lambda value: function(value)


def _held_marker(held: list[str]):  # noqa: ANN202 - the same, holding state of its own
    return lambda value: f"{held[0]}({value})"


@pytest.mark.parametrize("memory", [True, False], ids=["in memory", "on disk"])
def test_functions_jinja2_runs_while_compiling_are_part_of_the_key(tmp_path: Path, memory: bool) -> None:
    """Jinja2 runs a filter, a test or ``finalize`` that does not take the context on constant arguments while it
    compiles, and writes the result into the code; so do the policies (``tojson``). Environments alike in all
    but which function, or which policy, never share code."""
    def cache() -> TemplateCache:
        made = TemplateCache()
        made.keep_in(None if memory else tmp_path / "compiled")
        return made

    shared = cache()

    def fresh() -> TemplateCache:
        return shared if memory else cache()

    constant = {"page.j2": "{{ 'x' | mark }}"}
    assert _render(fresh(), constant, filters={"mark": lambda value: f"[{value}]"}) == "[x]"
    assert _render(fresh(), constant, filters={"mark": lambda value: f"<{value}>"}) == "<x>"  # another function
    assert _render(fresh(), constant, filters={"mark": _marker("A")}) == "A(x)"
    assert _render(fresh(), constant, filters={"mark": _marker("B")}) == "B(x)"  # the same code, holding "B"
    wrapped = {"page.j2": "{{ 'x' | mark }}"}  # the same wrapper, around another function (as Jinja2 wraps)
    assert _render(fresh(), wrapped, filters={"mark": _wrapping(str.upper)}) == "X"
    assert _render(fresh(), wrapped, filters={"mark": _wrapping(str.title)}) == "X"
    assert _render(fresh(), {"page.j2": "{{ 'xy' | mark }}"}, filters={"mark": _wrapping(str.upper)}) == "XY"
    assert _render(fresh(), {"page.j2": "{{ 'xy' | mark }}"}, filters={"mark": _wrapping(str.title)}) == "Xy"
    c, d = ["C"], ["D"]  # both alive: their identities differ
    assert _render(fresh(), constant, filters={"mark": _held_marker(c)}) == "C(x)"
    assert _render(fresh(), constant, filters={"mark": _held_marker(d)}) == "D(x)"  # holds another object

    printed = {"page.j2": "{{ 'x' }}"}
    assert _render(fresh(), printed, finalize=lambda value: f"A{value}") == "Ax"
    assert _render(fresh(), printed, finalize=lambda value: f"B{value}") == "Bx"

    as_json = {"page.j2": "{{ {'b': 1, 'a': 2} | tojson }}"}
    assert _render(fresh(), as_json) == '{"a": 2, "b": 1}'
    unsorted = jinja2.Environment(loader=jinja2.DictLoader(as_json), bytecode_cache=fresh())
    unsorted.policies["json.dumps_kwargs"] = {"sort_keys": False}
    assert unsorted.get_template("page.j2").render() == '{"b": 1, "a": 2}'


def test_the_key_of_this_projects_environments_names_no_object_of_this_process() -> None:
    """The theme's environment and ours hold no function whose name depends on the process (an address, an
    identity): otherwise no later build could read their templates back from disk."""
    from mkdocs.config import load_config

    from scripts.pages.template_cache import _compile_settings

    theme = load_config(str(ROOT / "mkdocs.yml")).theme.get_env()
    ours = _context().env
    for environment in (theme, ours):
        settings = _compile_settings(environment, "main.html")
        assert not re.search(r"#\d|0x[0-9a-f]{6}", settings), settings


def _hooks(path: Path, source: str) -> ModuleType:
    """``path`` written with ``source`` and run as a module of its own, as MkDocs runs a file of ``hooks``: from its
    path, outside any package. Run from the source itself, not from a ``.pyc``: Python tells a ``.pyc`` stale by
    the source's size and its time in whole seconds, and these edits keep the size within a second."""
    path.write_text(source, encoding="utf-8")
    module = ModuleType("hooks")
    module.__file__ = str(path)
    exec(compile(source, str(path), "exec"), module.__dict__)  # noqa: S102 - the test's own source
    return module


_SWAP = "import jinja2.ext\n\n\nclass Swap(jinja2.ext.Extension):\n"

#: a file of ``hooks`` as it is and after an edit, and what the template shows with each: a filter Jinja2 runs on
#: a constant while compiling (its body, a default argument, a value of its module, a partial's argument), and an
#: extension that rewrites the template's source while it is parsed (its method, a value of its class, a property)
_EDITS = {
    "filter body": ("def shout(value):\n    return value + '!'\n", "def shout(value):\n    return value + '?'\n"),
    "default argument": ("def shout(value, end='!'):\n    return value + end\n",
                         "def shout(value, end='?'):\n    return value + end\n"),
    "value of its module": ("END = '!'\n\n\ndef shout(value):\n    return value + END\n",
                            "END = '?'\n\n\ndef shout(value):\n    return value + END\n"),
    "partial": ("import functools\n\n\ndef add(value, end):\n    return value + end\n\n\n"
                "shout = functools.partial(add, end='!')\n",
                "import functools\n\n\ndef add(value, end):\n    return value + end\n\n\n"
                "shout = functools.partial(add, end='?')\n"),
    "extension method": (_SWAP + "    def preprocess(self, source, name, filename=None):\n"
                         "        return source.replace('old', '!')\n",
                         _SWAP + "    def preprocess(self, source, name, filename=None):\n"
                         "        return source.replace('old', '?')\n"),
    "extension value": (_SWAP + "    NEW = '!'\n\n    def preprocess(self, source, name, filename=None):\n"
                        "        return source.replace('old', self.NEW)\n",
                        _SWAP + "    NEW = '?'\n\n    def preprocess(self, source, name, filename=None):\n"
                        "        return source.replace('old', self.NEW)\n"),
    "extension property": (_SWAP + "    @property\n    def new(self):\n        return '!'\n\n"
                           "    def preprocess(self, source, name, filename=None):\n"
                           "        return source.replace('old', self.new)\n",
                           _SWAP + "    @property\n    def new(self):\n        return '?'\n\n"
                           "    def preprocess(self, source, name, filename=None):\n"
                           "        return source.replace('old', self.new)\n"),
}


@pytest.mark.parametrize("edit", list(_EDITS))
def test_a_hooks_file_edited_between_builds_gets_templates_compiled_anew(tmp_path: Path, edit: str) -> None:
    """A filter or an extension of a ``hooks`` file is outside the code the folder's key digests: its name, file
    and line stay the same when it is edited, and what Jinja2 compiled with it (a filter's result on a constant,
    an extension's rewriting) is in the compiled code. The next process reads back only code compiled with the
    same filter or extension."""
    before, after = _EDITS[edit]
    hooks = tmp_path / "hooks.py"
    extension = edit.startswith("extension")

    def build(source: str) -> tuple[str, _Counting]:
        cache = _Counting()
        cache.keep_in(tmp_path / "compiled")
        module = _hooks(hooks, source)
        if extension:
            return _render(cache, {"page.j2": "old {{ x }}"}, extensions=[module.Swap]), cache
        return _render(cache, {"page.j2": "{{ 'x' | shout }} {{ x | shout }}"}, filters={"shout": module.shout}), cache

    assert build(before)[0] == ("! X" if extension else "x! X!")
    shown, later = build(after)  # the next build, after the edit
    assert shown == ("? X" if extension else "x? X?") and len(later.compiled) == 1
    shown, unchanged = build(after)  # and the one after it, with the file as it is: read back
    assert shown == ("? X" if extension else "x? X?") and unchanged.compiled == []


def test_a_filter_replaced_in_an_environment_is_named_anew() -> None:
    """An environment's filters are named once while they are the same functions: one replaced later (an
    ``on_env`` event may) is named again, and a template loaded after it is compiled with it."""
    cache = _Counting()
    environment = jinja2.Environment(loader=jinja2.DictLoader({"page.j2": "{{ 'x' | mark }}"}), bytecode_cache=cache)
    environment.filters["mark"] = lambda value: f"[{value}]"
    assert environment.get_template("page.j2").render() == "[x]"
    environment.filters["mark"] = lambda value: f"<{value}>"
    environment.cache.clear()  # loaded again, from the bytecode cache
    assert environment.get_template("page.j2").render() == "<x>"
    assert len(cache.compiled) == 2


class _Colour(Enum):
    RED = object()  # a value whose repr holds an address


def test_functions_of_common_shapes_are_named_without_anything_of_this_process() -> None:
    """Filters as libraries and hooks files write them: a class method of a class (markupsafe's ``Markup.escape``),
    a cached function, a ``staticmethod`` object, an Enum default, a set among the policies. Each is named by what
    it is, with no identity or address (which would differ in the next process, so no build would read back what
    the last one compiled), and two that differ are named apart."""
    from markupsafe import Markup

    from scripts.pages.template_cache import _function, _value

    def shade(value, colour=_Colour.RED):  # noqa: ANN001, ANN202
        return f"{value}{colour.name}"

    named = [_function(Markup.escape), _function(int.from_bytes), _function(functools.cache(str.upper)),
             _function(staticmethod(shade)), _function(shade), _value({"urlize.extra_schemes": {"ftp:", "irc:", "x:"}})]
    for name in named:
        assert not re.search(r"#\d|0x[0-9a-f]{6}", name), name
    assert _function(functools.cache(str.upper)) != _function(functools.cache(str.lower))
    assert _function(staticmethod(shade)) == _function(shade)
    assert "'ftp:','irc:','x:'" in named[-1]


def test_a_template_whose_environment_cannot_be_named_is_compiled_and_never_kept(tmp_path: Path) -> None:
    """A filter that cannot be named (its ``__code__`` raises) costs compiling, not the build: the template is
    compiled each time and nothing of it is kept, in memory or on disk."""
    class Odd:
        @property
        def __code__(self):  # noqa: ANN204
            raise RuntimeError("no code to show")

        def __call__(self, value: str) -> str:
            return f"odd {value}"

    cache = _Counting()
    cache.keep_in(tmp_path / "compiled")
    template = {"page.j2": "{{ 'x' | odd }}"}
    assert _render(cache, template, filters={"odd": Odd()}) == "odd x"
    assert _render(cache, template, filters={"odd": Odd()}) == "odd x"
    assert len(cache.compiled) == 2
    assert not (tmp_path / "compiled").exists() or not any((tmp_path / "compiled").iterdir())
    assert cache._store == {}


def test_what_names_code_and_classes_does_not_keep_them_alive() -> None:
    """``serve`` runs a hooks file again at every rebuild: its old code and classes go when nothing else holds
    them, not kept by what named them."""
    import gc
    import weakref

    from scripts.pages import template_cache

    namespace: dict = {}
    exec(compile("import jinja2.ext\nclass Gone(jinja2.ext.Extension):\n    def f(self):\n        return 1\n",  # noqa: S102
                 "hooks.py", "exec"), namespace)
    template_cache._class(namespace["Gone"])
    code = namespace["Gone"].f.__code__
    assert namespace["Gone"] in template_cache._CLASSES and code in template_cache._CODE_DIGESTS
    gone, gone_code = weakref.ref(namespace["Gone"]), weakref.ref(code)
    del namespace, code
    gc.collect()
    assert gone() is None and gone_code() is None


def test_a_set_in_a_functions_code_is_named_in_sorted_order() -> None:
    """The key names a function's code by text that does not depend on the process: a set among its constants
    (string hashing, and so a set's order, changes from process to process) is named in sorted order."""
    from scripts.pages.template_cache import _canonical, _code_digest

    def member(value):  # noqa: ANN001, ANN202 - compiled with a frozenset constant
        return value in {"alpha", "beta", "gamma", "delta"}

    constants = [const for const in member.__code__.co_consts if isinstance(const, frozenset)]
    assert constants, "the test needs a set among the constants"
    text = _canonical(member.__code__)
    assert "{'alpha','beta','delta','gamma'}" in text
    assert _code_digest(member.__code__) == _code_digest(member.__code__)

    def other(value):  # noqa: ANN001, ANN202 - the same but for one name
        return value in {"alpha", "beta", "gamma", "epsilon"}

    assert _code_digest(other.__code__) != _code_digest(member.__code__)


def test_a_method_of_a_string_is_named_by_the_string() -> None:
    """A filter may be a method of a constant (Jinja2 runs ``", ".join`` on constants too): named by the
    constant it belongs to, the same in every process."""
    from scripts.pages.template_cache import _function

    assert _function(", ".join) != _function("-".join)
    assert not re.search(r"#\d", _function(", ".join))


_KEY_OF_THE_ENVIRONMENTS = """
import hashlib
from pathlib import Path
from mkdocs.config import load_config
from scripts.data import load_dataset
from scripts.i18n.translator import load_translator
from scripts.pages.context import RenderContext
from scripts.pages.template_cache import _code_digest, _compile_settings
def member(value):
    return value in {"alpha", "beta", "gamma", "delta", "epsilon", "zeta"}
dataset = load_dataset(DATA)
theme = load_config("mkdocs.yml").theme.get_env()
ours = RenderContext(dataset, "fr", load_translator(Path(DATA), "fr", dataset.site.default_language)).env
print(hashlib.sha256((_compile_settings(theme, "main.html") + _compile_settings(ours, "x.md.j2")).encode()).hexdigest(),
      _code_digest(member.__code__))
"""


@pytest.mark.slow  # two processes of their own, with other string hashing
def test_the_key_of_this_projects_environments_is_the_same_in_every_process() -> None:
    """What names the filters and tests of the theme's environment and ours (their code included) is the same
    in two processes whose string hashing differs, and so is a function's code with a set among its constants:
    otherwise no build could read back the templates the last one compiled."""
    keys = set()
    for seed in ("1", "2"):
        done = subprocess.run([sys.executable, "-c", f"DATA = {str(DATA)!r}\n" + _KEY_OF_THE_ENVIRONMENTS],
                              cwd=ROOT, env={**os.environ, "PYTHONHASHSEED": seed}, capture_output=True, text=True,
                              check=True)
        keys.add(done.stdout.strip())
    assert len(keys) == 1 and len(next(iter(keys)).split()) == 2, keys


def test_a_damaged_or_foreign_file_on_disk_is_compiled_again(tmp_path: Path) -> None:
    first = TemplateCache()
    first.keep_in(tmp_path / "compiled")
    _render(first, {"page.j2": "one {{ x }}"})
    (stored,) = (tmp_path / "compiled").iterdir()
    checksum = pickle.loads(stored.read_bytes()[len(jinja2.bccache.bc_magic):])  # noqa: S301 - written above
    not_code = jinja2.bccache.bc_magic + pickle.dumps(checksum, 2) + marshal.dumps(42)  # the right source, no code
    for content in (b"", b"j2 not what jinja wrote", stored.read_bytes()[:20], not_code):
        stored.write_bytes(content)
        later = _Counting()
        later.keep_in(tmp_path / "compiled")
        assert _render(later, {"page.j2": "one {{ x }}"}) == "one X"
        assert len(later.compiled) == 1


def test_the_folder_of_compiled_templates_changes_with_python_the_libraries_and_the_running_code(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    cache_module = pages_cache()
    base = cache_module.template_folder(tmp_path)
    assert base.parent == tmp_path / "templates"
    monkeypatch.setattr(cache_module, "running_environment", lambda: "3.99\nJinja2==99.0")
    other_libraries = cache_module.template_folder(tmp_path)
    monkeypatch.undo()
    monkeypatch.setattr(cache_module, "_RUNNING_CODE", "another scripts package")
    other_code = cache_module.template_folder(tmp_path)
    assert len({base, other_libraries, other_code}) == 3


def test_a_build_keeps_compiled_templates_in_its_own_folder_only_with_the_caches_on(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    cache_module = pages_cache()
    monkeypatch.setattr(cache_module, "TEMPLATES", TemplateCache())
    others = [tmp_path / "templates" / f"of-other-code-{n}" for n in range(6)]
    for age, other in enumerate(others):  # of-other-code-0 used last
        other.mkdir(parents=True)
        (other / "entry.jinja").write_bytes(b"old")
        os.utime(other, (1_000_000_000 - age, 1_000_000_000 - age))
    cache_module.keep_compiled_templates(tmp_path)
    own = cache_module.template_folder(tmp_path)
    assert cache_module.TEMPLATES.folder == own and own.is_dir()
    kept_folders = sorted(p.name for p in (tmp_path / "templates").iterdir())
    # the other code's folders used last are kept (a serve of older code still running), the older ones removed
    assert kept_folders == sorted([own.name, *(o.name for o in others[:cache_module.TEMPLATE_FOLDERS - 1])])
    cache_module.keep_compiled_templates(None)  # GUIDELINES_NO_CACHE=1: compiled afresh, kept in memory only
    assert cache_module.TEMPLATES.folder is None


def test_templates_left_out_of_the_head_start_are_compiled_when_first_used() -> None:
    """The build's warm-up compiles the theme's templates but the interface texts of languages the site does not
    have (``scripts.build._warm_up``): those are compiled if a page ever uses one, and render the same."""
    from scripts.pages.template_cache import precompile

    env = jinja2.Environment(loader=jinja2.DictLoader({
        "main.html": "{% import 'partials/languages/xx.html' as lang %}{{ lang.hello }}",
        "partials/languages/xx.html": "{% set hello = 'salut' %}"}))
    assert precompile(env, lambda name: name.startswith("partials/languages/")) == 1
    assert [template.name for template in env.cache.values()] == ["main.html"]
    assert env.get_template("main.html").render() == "salut"
