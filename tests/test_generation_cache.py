"""Generated pages are reused only while nothing they are made from changed."""

from __future__ import annotations

from pathlib import Path

from scripts.staging.cache import cached_pages, pages_key
from tests.conftest import TEST_DATA


def test_any_change_of_data_or_catalog_changes_the_key(minimal_data: Path) -> None:
    key = pages_key(minimal_data, "fr", "", ())
    assert pages_key(minimal_data, "fr", "", ()) == key
    assert pages_key(minimal_data, "sq", "", ()) != key
    assert pages_key(minimal_data, "fr", "", ("about.md",)) != key
    (minimal_data / "locales").mkdir()
    (minimal_data / "locales" / "fr.po").write_bytes((TEST_DATA / "i18n" / "fr.po").read_bytes())
    with_catalog = pages_key(minimal_data, "fr", "", ())
    assert with_catalog != key
    guidelines = minimal_data / "guidelines.yaml"
    guidelines.write_text(guidelines.read_text(encoding="utf-8").replace("Purpose", "Aim"), encoding="utf-8")
    assert pages_key(minimal_data, "fr", "", ()) != with_catalog


def test_cached_pages_are_reused_for_the_same_key_only(tmp_path: Path) -> None:
    calls = []

    def generate() -> list[str]:
        calls.append(1)
        return ["page"]

    assert cached_pages(tmp_path, "pages-fr-", "a" * 64, generate) == ["page"]
    assert cached_pages(tmp_path, "pages-fr-", "a" * 64, generate) == ["page"]
    assert len(calls) == 1
    cached_pages(tmp_path, "pages-fr-", "b" * 64, generate)
    assert len(calls) == 2
    assert len(list(tmp_path.glob("pages-fr-*.pickle"))) == 1  # the old entry is replaced
    cached_pages(tmp_path, "pages-fr-", "b" * 64, generate, use_cache=False)  # GUIDELINES_NO_CACHE=1
    assert len(calls) == 3
