"""The project's build: validate, build every language with MkDocs into a fresh folder, then swap it in.

Languages are independent, so each is built on its own, as ``mkdocs build --strict`` would (the environment
variable ``GUIDELINES_LANGUAGE`` makes mkdocs-static-i18n build only that language, see
:mod:`scripts.mkdocs_plugin.languages`; the build's :class:`~scripts.settings.Settings` reach each MkDocs run
as the variables ``mkdocs.yml`` reads, :meth:`~scripts.settings.Settings.mkdocs_environment`), in worker
processes, as many at a time as the machine has cores. Each writes its own folder; the default language's
becomes the site root and every other one moves in as ``<code>/``. A failed build (invalid data, a broken link in
strict mode, in any language) leaves the previous site untouched.
"""

from __future__ import annotations

import io
import logging
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
from scripts.mkdocs_plugin.cache import load_dataset_cached
from scripts.pages.context import RenderContext
from scripts.pages.template_cache import TEMPLATES, precompile
from scripts.settings import LANGUAGE_ENV, Settings

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_CONFIG = ROOT / "mkdocs.yml"


@dataclass
class LanguageResult:
    language: str
    folder: Path
    returncode: int
    output: str
    seconds: float


def build_site(site_dir: Path, settings: Settings, config_file: Path = DEFAULT_CONFIG,
               root_language: str | None = None) -> int:
    """Build the site into ``site_dir`` with ``settings``. Returns a process exit status: 0 when the new site is
    in place.

    ``settings.languages`` limits the build to some of site.yaml's languages (the default language is always
    built: it is the site's root); ``settings.jobs`` is the number of languages built at a time (default: two per
    core); ``root_language`` puts another language than the default one at the root (a country edition's first)."""
    site_dir = Path(site_dir).resolve()
    quiet, languages = settings.quiet, list(settings.languages)
    # what each MkDocs run reads (mkdocs.yml's !ENV tags); the workers add GUIDELINES_LANGUAGE
    env = dict(settings.mkdocs_environment(), NO_MKDOCS_2_WARNING="1")
    try:
        # Loaded once for the whole build: the forked workers reuse it (scripts.mkdocs_plugin.cache).
        dataset = load_dataset_cached(settings.data_dir)
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

    site_dir.parent.mkdir(parents=True, exist_ok=True)
    remove_stale_folders(site_dir)
    fresh = site_dir.with_name(f".{site_dir.name}.new-{os.getpid()}")
    old = site_dir.with_name(f".{site_dir.name}.old-{os.getpid()}")
    parts = {code: site_dir.with_name(f".{site_dir.name}.{code}-{os.getpid()}") for code in codes}
    for folder in (fresh, *parts.values()):
        shutil.rmtree(folder, ignore_errors=True)

    # Two languages per core: with 7 languages on 2 cores, 2 workers would leave one core idle for the last
    # language; 4 keep both busy to the end.
    jobs = settings.jobs or min(len(codes), 2 * (os.cpu_count() or 1))
    previous_handlers = _interrupt_on_signals()
    try:
        try:
            results = _build_languages(codes, parts, config_file, env, settings.data_dir, jobs, quiet)
        except (BrokenProcessPool, KeyboardInterrupt) as error:
            reason = "interrupted" if isinstance(error, KeyboardInterrupt) else "a build worker died"
            print(f"The build failed ({reason}); {site_dir} was left as it was.", file=sys.stderr)
            return 130 if isinstance(error, KeyboardInterrupt) else 1
        failed = [r for r in results if r.returncode != 0 or not (r.folder / "index.html").is_file()]
        if failed:
            for result in failed:
                sys.stderr.write(f"--- {result.language}: mkdocs build failed ---\n{result.output}")
            print(f"The build failed ({', '.join(r.language for r in failed)}); {site_dir} was left as it was.",
                  file=sys.stderr)
            return next((r.returncode for r in failed if r.returncode), 1)
        return _assemble(site_dir, default, parts, fresh, old, results, quiet)
    except KeyboardInterrupt:
        print(f"The build was interrupted; {site_dir} was left as it was.", file=sys.stderr)
        return 130
    finally:
        _restore_signals(previous_handlers)
        if old.exists() and not site_dir.exists():  # interrupted between the two renames: the old site back
            old.rename(site_dir)
        for folder in (fresh, old, *parts.values()):
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
    shutil.rmtree(old, ignore_errors=True)
    if not quiet:
        print(f"Built {len(results)} language(s) into {site_dir}:")
        for r in results:
            index = site_dir / ("" if r.language == default else r.language) / "search" / "search_index.json"
            size = index.stat().st_size / 1024 if index.is_file() else 0
            print(f"  {r.language}: {r.seconds:.1f}s, search index {size:.0f} KiB")
    return 0


#: the temporary folders of a build beside the site: .site.new-PID, .site.old-PID, .site.<lang>-PID
def _temporary_folder(site_dir: Path):
    import re

    return re.compile(rf"^\.{re.escape(site_dir.name)}\.(new|old|[A-Za-z][A-Za-z0-9_-]*)-(\d+)$")


def _alive(pid: int) -> bool:
    if pid == os.getpid():
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except OSError:  # exists, owned by someone else
        return True
    return True


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
        if not match or not entry.is_dir() or entry.is_symlink() or _alive(int(match.group(2))):
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


def _build_languages(codes: list[str], parts: dict[str, Path], config_file: Path, env: dict[str, str],
                     data_dir: Path, jobs: int, quiet: bool) -> list[LanguageResult]:
    """Build every language, ``jobs`` at a time, in worker processes forked from this one once it has imported
    MkDocs and loaded the data (each worker reuses both for every language it builds). Each language's log
    is kept apart and shown whole, never interleaved; always when it fails."""
    _warm_up(env, config_file, data_dir)
    tasks = [(code, str(parts[code]), str(config_file), env) for code in codes]
    try:
        context = multiprocessing.get_context("fork")
    except ValueError:  # no fork on this platform: fresh processes, same result
        context = multiprocessing.get_context()
    workers = max(1, min(jobs, len(codes)))
    results: list[LanguageResult] = []
    with ProcessPoolExecutor(max_workers=workers, mp_context=context) as pool:
        for code, returncode, output, seconds in pool.map(_build_one, tasks):
            result = LanguageResult(code, parts[code], returncode, output, seconds)
            results.append(result)
            if not quiet and returncode == 0:
                sys.stdout.write(output)
    return results


def _warm_up(env: dict[str, str], config_file: Path, data_dir: Path) -> None:
    """Import what every language build needs and load the data once, before the workers are forked."""
    # Imported here on purpose: loading them in the parent, only when a parallel build forks workers, is the warm-up.
    import material.plugins.search.plugin  # noqa: F401
    import mkdocs.commands.build  # noqa: F401
    import mkdocs_static_i18n.plugin  # noqa: F401

    from scripts.mkdocs_plugin import plugin  # noqa: F401

    # Compile every template once here rather than once per language in each worker.
    from mkdocs.config import load_config

    saved = dict(os.environ)  # to put back as it was: MkDocs' configuration reads the variables of ``env``
    try:
        os.environ.update(env)
        config = load_config(str(config_file))
        theme_env = config.theme.get_env()
        theme_env.bytecode_cache = TEMPLATES
        precompile(theme_env)
    except Exception:  # noqa: BLE001 - only a head start: the real build reports any problem
        pass
    finally:
        os.environ.clear()
        os.environ.update(saved)
    dataset = load_dataset_cached(data_dir)
    precompile(RenderContext(dataset, dataset.site.default_language).env)


def _build_one(task: tuple[str, str, str, dict]) -> tuple[str, int, str, float]:
    """``mkdocs build --strict --clean`` for one language, in this worker process (what MkDocs' own command
    does, without --quiet: warnings must reach the counter that makes --strict fail)."""
    from mkdocs.commands.build import build
    from mkdocs.config import load_config
    from mkdocs.exceptions import MkDocsException

    code, site_dir, config_file, env = task
    started = time.monotonic()
    # This worker's MkDocs run reads the build's settings from here (mkdocs.yml's !ENV tags), and nothing else.
    os.environ.update({**env, LANGUAGE_ENV: code})
    stream = io.StringIO()
    handler = logging.StreamHandler(stream)
    handler.setFormatter(logging.Formatter("%(levelname)-7s -  %(message)s"))
    logger = logging.getLogger("mkdocs")
    logger.addHandler(handler)
    logger.setLevel(logging.INFO)
    returncode = 0
    try:
        config = load_config(config_file, site_dir=site_dir, strict=True)
        config.plugins.on_startup(command="build", dirty=False)
        try:
            build(config, dirty=False)
        finally:
            config.plugins.on_shutdown()
    except MkDocsException as error:
        stream.write(f"ERROR   -  {error}\n")
        returncode = 1
    except Exception:  # noqa: BLE001 - a crash in one language must be reported, not hang the pool
        stream.write(traceback.format_exc())
        returncode = 1
    finally:
        logger.removeHandler(handler)
    return code, returncode, stream.getvalue(), time.monotonic() - started
