"""The project's build: validate, stage and render every language into a fresh folder, then swap it in.

Languages are independent. Each is built on its own, in a worker process (as many at a time as the machine
has cores), in three steps with one direction of flow:

1. **stage** (:mod:`scripts.staging`): the language's docs folder, generated pages and hand-written ones with
   their notices, and everything else its site needs, decided before any renderer runs;
2. **render** (:mod:`scripts.render`): a MkDocs configuration derived from ``mkdocs.yml`` for that folder, and
   plain ``mkdocs build --strict`` on it;
3. **post-process** the built files: the search index as UTF-8, the sitemap with every language, the PDFs
   (:mod:`scripts.paper`).

Each language writes its own folder; the default language's becomes the site root and every other one moves
in as ``<code>/``. A failed build (invalid data, a broken link in strict mode, in any language) leaves the
previous site untouched. The :class:`~scripts.settings.Settings` are passed down as arguments.
"""

from __future__ import annotations

import gc
import multiprocessing
import os
import shutil
import sys
import time
import traceback
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass
from pathlib import Path

from scripts.data import DataError
from scripts.files import process_running, remove_tree
from scripts.i18n.checks import CatalogError
from scripts.i18n.strings import source_texts
from scripts.pages.context import RenderContext
from scripts.pages.template_cache import TEMPLATES, precompile
from scripts.paper import make_paper
from scripts.paper.render import PaperCache
from scripts import kept
from scripts.render.mkdocs_config import derived_config, read_config
from scripts.render.mkdocs_run import render
from scripts.render.post import page_urls, rewrite_search_index, write_sitemap
from scripts.settings import Settings
from scripts.staging.cache import (keep_compiled_templates, load_dataset_cached, pending_suffix, settle_pending,
                                   sources_digest, sources_unchanged)
from scripts.staging.site_config import write_config
from scripts.staging.stage import StagingError, stage_language
from scripts.staging.write import Written, write_tree

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_CONFIG = ROOT / "mkdocs.yml"
#: generated pages kept between builds (scripts.staging.cache)
CACHE = ROOT / "build" / "cache"


@dataclass
class LanguageResult:
    language: str
    folder: Path
    returncode: int
    output: str
    seconds: float
    #: True when nothing the language's build reads had changed: its folder was taken from the previous site
    reused: bool = False


def build_site(site_dir: Path, settings: Settings, config_file: Path = DEFAULT_CONFIG,
               root_language: str | None = None, keep: bool = True) -> int:
    """Build the site into ``site_dir`` with ``settings``. Returns a process exit status: 0 when the new site is
    in place.

    ``settings.languages`` limits the build to some of site.yaml's languages (the default language is always
    built: it is the site's root); ``settings.jobs`` is the number of languages built at a time (default: one per
    core); ``root_language`` puts another language than the default one at the root (a country edition's first);
    ``keep``: whether a later build may keep languages of this site (:mod:`scripts.kept`). An edition builds from a
    temporary configuration no later build has, so nothing of it could be kept: False takes no digests at all."""
    site_dir = Path(site_dir).resolve()
    quiet, languages = settings.quiet, list(settings.languages)
    os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")
    # compiled templates read from the previous build's (a cold build compiles every one)
    keep_compiled_templates(None if settings.no_cache else CACHE)
    # before any digest of the inputs is taken: a file written after this may be in the site, though the digests
    # do not show it (kept.inputs_changed_since, when the site is recorded)
    digests_taken = time.time_ns()
    # what the generated pages are made from, taken once for every language before the data is read
    # (scripts.staging.cache.cached_pages)
    sources = None if settings.no_cache else sources_digest(settings.data_dir)
    try:
        # Loaded once for the whole build: the forked workers reuse it (scripts.mkdocs_plugin.cache); the files
        # the last build parsed are read back (build/cache/records/)
        dataset = load_dataset_cached(settings.data_dir, None if settings.no_cache else CACHE)
    except DataError as error:
        print(error.report(), file=sys.stderr)
        print(f"The build stopped; {site_dir} was left as it was.", file=sys.stderr)
        return 1
    default = root_language or dataset.site.default_language
    codes = [lang.code for lang in dataset.site.languages]
    if languages:
        unknown = sorted(set(languages) - set(codes))
        if unknown:
            print(f"unknown language(s) {', '.join(unknown)}: site.yaml declares {', '.join(codes)}", file=sys.stderr)
            return 2
        codes = [c for c in codes if c == default or c in languages]

    try:
        base = read_config(Path(config_file).resolve())
    except (OSError, ValueError) as error:
        print(f"The configuration cannot be read: {error}", file=sys.stderr)
        print(f"The build stopped; {site_dir} was left as it was.", file=sys.stderr)
        return 1

    site_dir.parent.mkdir(parents=True, exist_ok=True)
    remove_stale_folders(site_dir)
    fresh = site_dir.with_name(f".{site_dir.name}.new-{os.getpid()}")
    old = site_dir.with_name(f".{site_dir.name}.old-{os.getpid()}")
    parts = {code: site_dir.with_name(f".{site_dir.name}.{code}-{os.getpid()}") for code in codes}
    staged = site_dir.with_name(f".{site_dir.name}.staged-{os.getpid()}")
    for folder in (fresh, staged, *parts.values()):
        shutil.rmtree(folder, ignore_errors=True)

    # One language per core at a time: as fast as two per core (the benchmark: 16.7 s either way on two cores), with
    # 0.6 of the memory (286 MiB against 470 MiB PSS).
    jobs = settings.jobs or min(len(codes), os.cpu_count() or 1)
    previous_handlers = _interrupt_on_signals()
    try:
        digests = ({} if settings.no_cache or not keep
                   else kept.language_digests(config_file, base, settings, codes, default))
        previous = kept.previous_record(site_dir, CACHE) if digests else {}
        reused = kept.reuse_unchanged(site_dir, default, parts, digests, previous)
        took = kept.build_seconds(previous)
        # the languages' generated pages are kept once all are built, if nothing they are made from changed
        # meanwhile: checked here once, not by each language (scripts.staging.cache.settle_pending)
        built = [c for c in codes if c not in reused]
        pending, settled = (pending_suffix() if sources and built else ""), False
        try:
            results = _build_languages(built, parts, staged, config_file, settings, root_language or "", jobs, quiet,
                                       sources, pending, took)
            results += [LanguageResult(code, parts[code], 0, "", 0.0, reused=True) for code in reused]
            results.sort(key=lambda result: codes.index(result.language))
            if pending:
                settle_pending(CACHE, pending, sources_unchanged(settings.data_dir, sources))
                settled = True
        except (BrokenProcessPool, KeyboardInterrupt) as error:
            reason = "interrupted" if isinstance(error, KeyboardInterrupt) else "a build worker died"
            print(f"The build failed ({reason}); {site_dir} was left as it was.", file=sys.stderr)
            return 130 if isinstance(error, KeyboardInterrupt) else 1
        finally:
            if pending and not settled:
                settle_pending(CACHE, pending, keep=False)
        failed = [r for r in results if r.returncode != 0 or not (r.folder / "index.html").is_file()]
        if failed:
            for result in failed:
                sys.stderr.write(f"--- {result.language}: mkdocs build failed ---\n{result.output}")
            print(f"The build failed ({', '.join(r.language for r in failed)}); {site_dir} was left as it was.",
                  file=sys.stderr)
            return next((r.returncode for r in failed if r.returncode), 1)
        # the record of what the current site was built from goes before the site does: a site is never
        # described by another build's record (a build interrupted after the swap leaves no record at all)
        kept.forget(site_dir, CACHE)
        prints = {code: kept.fingerprint(folder) for code, folder in parts.items()}
        status = _assemble(site_dir, default, parts, fresh, old, results, quiet)
        # an input written after the digests were taken (an edit, even one undone since: the same digests) may
        # or may not be in the site: not recorded, so the next build builds every language again
        if status == 0 and digests and kept.inputs_changed_since(digests_taken, config_file, base, settings):
            if not quiet:
                print("An input was written while the site was built: the next build builds every language again.")
        elif status == 0 and digests:
            # a language kept from the previous site keeps the time it took then
            seconds = {r.language: took[r.language] if r.reused else round(r.seconds, 3) for r in results
                       if not r.reused or r.language in took}
            kept.record(site_dir, default, digests, prints, CACHE, seconds)
        return status
    except KeyboardInterrupt:
        print(f"The build was interrupted; {site_dir} was left as it was.", file=sys.stderr)
        return 130
    finally:
        _restore_signals(previous_handlers)
        if old.exists() and not site_dir.exists():  # interrupted between the two renames: the old site back
            old.rename(site_dir)
        for folder in (fresh, old, staged, *parts.values()):
            shutil.rmtree(folder, ignore_errors=True)


def _assemble(site_dir: Path, default: str, parts: dict[str, Path], fresh: Path, old: Path,
              results: list[LanguageResult], quiet: bool) -> int:
    # Assemble: the default language is the root, every other language a folder in it.
    parts[default].rename(fresh)
    for code, folder in parts.items():
        if code != default:
            folder.rename(fresh / code)
    if site_dir.exists():
        site_dir.rename(old)
    fresh.rename(site_dir)
    remove_tree(old, jobs=max(1, min(len(parts), os.cpu_count() or 1)))  # the previous site, in parallel
    if not quiet:
        print(f"Built {len(results)} language(s) into {site_dir}:")
        for r in results:
            index = site_dir / ("" if r.language == default else r.language) / "search" / "search_index.json"
            size = index.stat().st_size / 1024 if index.is_file() else 0
            done = "unchanged, kept from the previous build" if r.reused else f"{r.seconds:.1f}s"
            print(f"  {r.language}: {done}, search index {size:.0f} KiB")
    return 0


#: the temporary folders of a build beside the site: .site.new-PID, .site.old-PID, .site.<lang>-PID and
#: .site.staged-PID (each language's staged tree: docs/, staged.json and its derived mkdocs.yml)
def _temporary_folder(site_dir: Path):
    import re

    return re.compile(rf"^\.{re.escape(site_dir.name)}\.(new|old|[A-Za-z][A-Za-z0-9_-]*)-(\d+)$")


def remove_stale_folders(site_dir: Path) -> list[Path]:
    """Remove what a killed build left beside ``site_dir`` (its process is gone). Should a build have been
    killed between moving the old site aside and moving the new one in, the old site is put back first."""
    pattern = _temporary_folder(site_dir)
    removed = []
    try:
        entries = sorted(site_dir.parent.iterdir())
    except OSError:
        return removed
    for entry in entries:
        match = pattern.match(entry.name)
        if not match or not entry.is_dir() or entry.is_symlink() or process_running(int(match.group(2))):
            continue
        if match.group(1) == "old" and not site_dir.exists():
            entry.rename(site_dir)
            continue
        shutil.rmtree(entry, ignore_errors=True)
        removed.append(entry)
    return removed


def _interrupt_on_signals() -> dict:
    """SIGTERM and SIGHUP end the build as Ctrl-C does, so that its temporary folders are removed."""
    import signal
    import threading

    if threading.current_thread() is not threading.main_thread():
        return {}

    def interrupt(signum, frame):  # noqa: ANN001, ARG001
        raise KeyboardInterrupt

    previous = {}
    for name in ("SIGTERM", "SIGHUP"):
        number = getattr(signal, name, None)
        if number is not None:
            previous[number] = signal.signal(number, interrupt)
    return previous


def _restore_signals(previous: dict) -> None:
    import signal

    for number, handler in previous.items():
        signal.signal(number, handler)


def _build_languages(codes: list[str], parts: dict[str, Path], staged: Path, config_file: Path,
                     settings: Settings, root_language: str, jobs: int, quiet: bool,
                     sources: str | None = None, pending: str = "",
                     took: dict[str, float] | None = None) -> list[LanguageResult]:
    """Build every language, ``jobs`` at a time, in worker processes forked from this one once it has imported
    MkDocs and loaded the data (each worker reuses both for every language it builds). The workers take the
    slowest first (``took``: each one's seconds in the last build, :func:`kept.slowest_first`); the logs are
    shown in the order of ``codes``. Each language's log is kept apart and shown whole, never interleaved; always
    when it fails."""
    if not codes:
        return []
    _warm_up(settings.data_dir, config_file)
    tasks = [(code, parts[code], staged / code, config_file, settings, root_language, sources, pending)
             for code in kept.slowest_first(codes, took or {})]
    try:
        context = multiprocessing.get_context("fork")
    except ValueError:  # no fork on this platform: fresh processes, same result
        context = multiprocessing.get_context()
    workers = max(1, min(jobs, len(codes)))
    results: list[LanguageResult] = []
    # What the workers inherit stays shared with this process until it is written to, and the cyclic
    # collector's passes write to every object they visit: frozen, the inherited objects are left alone
    # (the benchmark: about 30 MiB less PSS in the whole build).
    gc.freeze()
    try:
        with ProcessPoolExecutor(max_workers=workers, mp_context=context) as pool:
            for code, returncode, output, seconds in pool.map(_build_one, tasks):
                results.append(LanguageResult(code, parts[code], returncode, output, seconds))
    finally:
        gc.unfreeze()
        # in the site's order, whichever finished first, and the languages built before an interruption too;
        # a language that failed is shown once, with its failure (build_site)
        if not quiet:
            for result in sorted(results, key=lambda result: codes.index(result.language)):
                if result.returncode == 0 and (result.folder / "index.html").is_file():
                    sys.stdout.write(result.output)
    return results


def _warm_up(data_dir: Path, config_file: Path) -> None:
    """Import what every language build needs, compile the theme's and our templates, load the data and list its
    translatable strings once, before the workers are forked."""
    # Imported here on purpose: loading them in the parent, only when a parallel build forks workers, is the warm-up.
    import material.plugins.search.plugin  # noqa: F401
    import mkdocs.commands.build  # noqa: F401
    from mkdocs.config import load_config

    import scripts.render.hooks  # noqa: F401

    dataset = load_dataset_cached(data_dir)
    try:  # the theme's templates, compiled (or read back) once here rather than once per language in each worker;
        # of the interface texts (69 files of Material's), only those of the site's languages and English
        theme_env = load_config(str(config_file)).theme.get_env()
        theme_env.bytecode_cache = TEMPLATES
        texts = {"en", *(code.split("-")[0] for code in (lang.code for lang in dataset.site.languages))}
        precompile(theme_env, lambda name: name.startswith("partials/languages/")
                   and name.removeprefix("partials/languages/").removesuffix(".html").split("-")[0] not in texts)
    except Exception:  # noqa: BLE001 - only a head start: the real build reports any problem
        pass

    precompile(RenderContext(dataset, dataset.site.default_language).env)
    source_texts(dataset)  # every language's translation status counts them


def build_language(code: str, site_dir: Path, work: Path, config_file: Path, settings: Settings,
                   root_language: str = "", sources: str | None = None, pending: str = "") -> tuple[int, str]:
    """Stage ``code`` into ``work`` (``docs/``, ``staged.json``, the derived ``mkdocs.yml``), render it into
    ``site_dir`` and post-process the built files; returns the exit status and the log. ``sources``: the
    digest of what the pages are generated from, when taken already; ``pending``: the suffix of generated pages
    the caller keeps or drops (see :func:`stage_language`)."""
    config_file = Path(config_file).resolve()
    base = read_config(config_file)
    cache_dir = None if settings.no_cache else CACHE
    try:
        tree = stage_language(base, config_file.parent, settings.data_dir, code, root_language, cache_dir, sources,
                              pending)
    except (StagingError, CatalogError, DataError) as error:
        report = error.report() if isinstance(error, DataError) else str(error)
        return 1, f"ERROR   -  {code} could not be staged: {report}\n"
    try:
        # without kept conversions, a notice converted apart would only cost time: written into its page
        docs = write_tree(tree, work, Written.NOTICES if cache_dir is None else Written.MARKS)
    except StagingError as error:
        return 1, f"ERROR   -  {code} could not be staged: {error}\n"
    options = derived_config(base, config_file.parent, tree, docs, site_dir,
                             cache_dir / "markdown" if cache_dir else None)
    derived = write_config(options, work / "mkdocs.yml")  # what MkDocs is given, as a file (to read, or to build)
    tree.files.clear()  # on disk now: MkDocs reads them from there (the memory goes back to the render)
    returncode, log = render(derived, site_dir, options)
    if returncode != 0:
        return returncode, log
    rewrite_search_index(site_dir)
    if len(tree.build.languages) > 1:
        write_sitemap(site_dir, tree.build, page_urls(site_dir, tree.use_directory_urls))
    if not settings.no_paper:
        # the book and the printed pages of this language, from the pages just built
        try:
            made = make_paper(Path(site_dir), tree.context, tree.use_directory_urls,
                              PaperCache(settings.paper_cache, reuse=not settings.no_cache))
        except Exception as error:  # noqa: BLE001 - a PDF that cannot be made fails the build, with its cause
            return 1, log + f"ERROR   -  the PDFs of {code} could not be made: {error}\n"
        log += f"INFO    -  {made.line()}\n"
    return 0, log


def _build_one(task: tuple[str, Path, Path, Path, Settings, str, str | None, str]) -> tuple[str, int, str, float]:
    """One language, in this worker process."""
    code, site_dir, work, config_file, settings, root_language, sources, pending = task
    started = time.monotonic()
    try:
        returncode, output = build_language(code, site_dir, work, config_file, settings, root_language, sources,
                                            pending)
    except Exception:  # noqa: BLE001 - a crash in one language must be reported, not hang the pool
        returncode, output = 1, traceback.format_exc()
    return code, returncode, output, time.monotonic() - started
