"""Issue 16: a build keeps each parsed catalog (scripts.staging.cache.catalog_loader) and parses a catalog again
only when its bytes, the code or the libraries changed. A catalog that cannot be read is never kept."""

from __future__ import annotations

import shutil
from pathlib import Path

import polib
import pytest

from scripts.i18n.checks import CatalogError, load_catalog
from scripts.i18n.translator import ReadCatalog, Translator, entry_statuses
from scripts.staging import cache
from tests.conftest import DATA


@pytest.fixture
def catalog(tmp_path: Path) -> Path:
    path = tmp_path / "locales" / "fr.po"
    path.parent.mkdir()
    shutil.copy(DATA / "locales" / "fr.po", path)
    return path


@pytest.fixture
def parses(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The catalogs polib is asked to parse, in order."""
    parsed: list[str] = []
    real = polib.pofile

    def pofile(text: str, **kwargs: object) -> polib.POFile:
        parsed.append("parsed")
        return real(text, **kwargs)

    monkeypatch.setattr(polib, "pofile", pofile)
    return parsed


def entries(po: polib.POFile | ReadCatalog) -> list[tuple]:
    po = po.po if isinstance(po, ReadCatalog) else po
    return [(e.msgid, e.msgstr, e.msgid_plural, dict(e.msgstr_plural), tuple(e.flags), e.tcomment, e.obsolete,
             e.linenum) for e in po] + [tuple(sorted(po.metadata.items()))]


def test_a_kept_catalog_is_read_back_the_same_without_parsing(catalog: Path, tmp_path: Path,
                                                              parses: list[str]) -> None:
    load = cache.catalog_loader(tmp_path / "cache")
    first = load(catalog)
    assert len(parses) == 1 and list((tmp_path / "cache" / "catalogs").glob("catalog-fr-*.pickle"))
    again = cache.catalog_loader(tmp_path / "cache")(catalog)  # the next build
    assert len(parses) == 1
    assert entries(again) == entries(first) == entries(load_catalog(catalog))


def test_an_edited_catalog_is_parsed_again_and_only_its_last_version_is_kept(catalog: Path, tmp_path: Path,
                                                                             parses: list[str]) -> None:
    load = cache.catalog_loader(tmp_path / "cache")
    load(catalog)
    po = polib.pofile(str(catalog))
    entry = next(e for e in po if e.msgstr and not e.obsolete)
    entry.msgstr = "ÉDITÉ"
    po.save(str(catalog))
    parses.clear()
    edited = load(catalog)
    assert len(parses) == 1
    assert next(e for e in edited.po if e.msgid == entry.msgid).msgstr == "ÉDITÉ"
    assert len(list((tmp_path / "cache" / "catalogs").glob("catalog-fr-*.pickle"))) == 1


def test_other_code_or_libraries_parse_the_catalog_again(catalog: Path, tmp_path: Path, parses: list[str],
                                                         monkeypatch: pytest.MonkeyPatch) -> None:
    cache.catalog_loader(tmp_path / "cache")(catalog)
    monkeypatch.setattr(cache, "_RUNNING_CODE", "the code of another checkout")
    cache.catalog_loader(tmp_path / "cache")(catalog)
    assert len(parses) == 2
    monkeypatch.setattr(cache, "running_environment", lambda: "another polib")
    cache.catalog_loader(tmp_path / "cache")(catalog)
    assert len(parses) == 3


def test_a_broken_catalog_is_reported_at_every_build_and_never_kept(catalog: Path, tmp_path: Path) -> None:
    lines = catalog.read_text(encoding="utf-8").splitlines()
    number = next(i for i, line in enumerate(lines) if line.startswith("msgstr ")) + 1
    lines[number - 1] = 'msgstr "unclosed'
    catalog.write_text("\n".join(lines) + "\n", encoding="utf-8")
    for _ in range(2):
        with pytest.raises(CatalogError, match=rf"fr\.po:{number}: .*syntax error"):
            cache.catalog_loader(tmp_path / "cache")(catalog)
    assert not list((tmp_path / "cache").rglob("*.pickle"))


def test_a_damaged_kept_catalog_is_parsed_again(catalog: Path, tmp_path: Path, parses: list[str]) -> None:
    load = cache.catalog_loader(tmp_path / "cache")
    load(catalog)
    for kept in (tmp_path / "cache" / "catalogs").glob("*.pickle"):
        kept.write_bytes(b"not a pickle")
    assert entries(load(catalog)) == entries(load_catalog(catalog))
    assert len(parses) == 3  # the first build, the damaged entry, the reference


def test_without_a_cache_folder_every_build_parses(catalog: Path, parses: list[str]) -> None:
    load = cache.catalog_loader(None)
    load(catalog)
    load(catalog)
    assert len(parses) == 2


def test_a_kept_catalog_holds_each_entrys_status_as_the_translator_works_it_out(catalog: Path, tmp_path: Path) -> None:
    """The statuses kept with a catalog are the ones a translator without them gives, for every entry: reviewed,
    not reviewed, outdated (fuzzy) and refused (a placeholder lost) among them."""
    po = polib.pofile(str(catalog))
    entry = next(e for e in po if e.msgstr and not e.obsolete and "{" not in e.msgid)
    entry.msgid, entry.msgstr = "Sent on {date}.", "Envoyé."  # the placeholder lost: shown in English
    fuzzy = next(e for e in po if e.msgstr and not e.obsolete and e is not entry)
    fuzzy.flags.append("fuzzy")
    po.save(str(catalog))
    cache.catalog_loader(tmp_path / "cache")(catalog)
    kept = cache.catalog_loader(tmp_path / "cache")(catalog)  # read back
    assert isinstance(kept, ReadCatalog)
    plain = Translator("fr", load_catalog(catalog))
    assert kept.statuses == {e.msgid: plain.status(e.msgid) for e in kept.po if not e.obsolete}
    assert kept.statuses == entry_statuses(load_catalog(catalog))
    assert {status.value for status in kept.statuses.values()} >= {"missing", "outdated", "unreviewed"}
    given = Translator("fr", kept.po, statuses=kept.statuses)
    assert given(entry.msgid) == entry.msgid and given(fuzzy.msgid) == fuzzy.msgid  # both in English
