"""Build one country edition: a standalone site in a folder that works from ``file://``, and its zip.

    python -m scripts edition albania            # -> build/editions/albania/ and build/editions/albania.zip

The build goes through the project's atomic build (validate, ``mkdocs build --strict``), then inlines each
search index as a script so that search works without a server.
"""

from __future__ import annotations

import shutil
import sys
import tempfile
import zipfile
from dataclasses import dataclass, replace
from pathlib import Path

from scripts.build import DEFAULT_CONFIG, ROOT, build_site
from scripts.data import DataError, load_dataset
from scripts.editions.config import edition_config, prepare_docs
from scripts.staging.site_config import load_site_config, write_config
from scripts.settings import Settings

DEFAULT_OUT = ROOT / "build" / "editions"


@dataclass(frozen=True)
class EditionResult:
    edition: str
    status: int
    site_dir: Path
    zip_file: Path | None
    log: str = ""


def inline_search_indexes(site_dir: Path) -> list[Path]:
    """Write ``search_index.js`` beside every ``search_index.json``: under file:// Material loads the index
    through a script tag (``var __index = ...``), because browsers refuse to fetch local files."""
    written = []
    for index in sorted(site_dir.rglob("search_index.json")):
        target = index.with_suffix(".js")
        target.write_text("var __index = " + index.read_text(encoding="utf-8"), encoding="utf-8")
        written.append(target)
    return written


#: Files that only make sense on a web server at a known address: the 404 page uses absolute links
#: (``/assets/...``) and the sitemap needs the site's absolute URL, which an edition does not have.
SERVER_ONLY_FILES = ("404.html", "sitemap.xml", "sitemap.xml.gz")


def drop_server_only_files(site_dir: Path) -> None:
    for name in SERVER_ONLY_FILES:
        for path in site_dir.rglob(name):
            path.unlink()


def zip_folder(folder: Path, zip_file: Path, top: str) -> Path:
    """Zip ``folder`` as ``top/...``, files in a stable order."""
    zip_file.parent.mkdir(parents=True, exist_ok=True)
    partial = zip_file.with_name(zip_file.name + ".part")
    with zipfile.ZipFile(partial, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for path in sorted(p for p in folder.rglob("*") if p.is_file()):
            archive.write(path, f"{top}/{path.relative_to(folder).as_posix()}")
    partial.replace(zip_file)
    return zip_file


def build_edition(edition_id: str, settings: Settings, out_dir: Path = DEFAULT_OUT,
                  config_file: Path = DEFAULT_CONFIG, make_zip: bool = True) -> EditionResult:
    """Build edition ``edition_id`` into ``out_dir/<id>/`` (and ``out_dir/<id>.zip``), with the data folder and
    options of ``settings`` (its languages are the edition's)."""
    data_dir = settings.data_dir
    out_dir = Path(out_dir).resolve()
    site_dir = out_dir / edition_id
    try:
        dataset = load_dataset(data_dir)
    except DataError as error:
        return EditionResult(edition_id, 1, site_dir, None, error.report())
    editions = {e.id: e for e in dataset.editions}
    edition = editions.get(edition_id)
    if edition is None:
        known = ", ".join(sorted(editions)) or "none"
        return EditionResult(edition_id, 2, site_dir, None,
                             f"no edition {edition_id!r} in {data_dir / 'editions'} (known: {known})")

    config_file = Path(config_file).resolve()
    site_config = load_site_config(config_file)
    with tempfile.TemporaryDirectory(prefix=f"edition-{edition_id}-") as work:
        work_dir = Path(work)
        docs_source = config_file.parent / site_config.get("docs_dir", "docs")
        prepare_docs(docs_source, work_dir / "docs")
        countries = {c.id: c for c in dataset.countries}
        country = countries.get(edition.country)
        config = edition_config(site_config, config_file.parent, edition, work_dir / "docs", data_dir,
                                country.name if country else "")
        derived = write_config(config, work_dir / "mkdocs.yml")
        status, log = _run_build(site_dir, derived, settings, edition.languages)
    if status != 0:
        return EditionResult(edition_id, status, site_dir, None, log)
    inline_search_indexes(site_dir)
    drop_server_only_files(site_dir)
    zip_file = zip_folder(site_dir, out_dir / f"{edition_id}.zip", edition_id) if make_zip else None
    return EditionResult(edition_id, 0, site_dir, zip_file, log)


def _run_build(site_dir: Path, config_file: Path, settings: Settings, languages: list[str]) -> tuple[int, str]:
    """The project's atomic build of the edition's languages; with ``settings.quiet`` MkDocs' output is shown
    only if the build fails."""
    # the edition opens in its first language: that one is the root, the others in <code>/
    return build_site(site_dir, replace(settings, languages=tuple(languages)), config_file,
                      root_language=languages[0], keep=False), ""


def report(result: EditionResult, stream=sys.stdout) -> None:  # noqa: ANN001
    if result.status == 0:
        where = f"{result.site_dir}" + (f" and {result.zip_file}" if result.zip_file else "")
        print(f"edition {result.edition}: built {where}", file=stream)
        print(f"  open {result.site_dir / 'index.html'} in a browser (file://), or serve the folder from any "
              f"static host", file=stream)
    else:
        if result.log:
            print(result.log.rstrip(), file=sys.stderr)
        print(f"edition {result.edition}: the build failed", file=sys.stderr)


def remove_edition(out_dir: Path, edition_id: str) -> None:
    shutil.rmtree(Path(out_dir) / edition_id, ignore_errors=True)
