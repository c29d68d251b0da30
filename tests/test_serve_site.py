"""``serve`` writes its site over the last build's instead of emptying the folder first, and removes what the build
did not write (scripts.render.serve_site). Each test builds a small MkDocs site in this process, as MkDocs' server
builds it (``mkdocs.commands.build.build``), twice into the same folder."""

from __future__ import annotations

import os
import re
import time
from pathlib import Path

import pytest
import yaml
from mkdocs.commands.build import build
from mkdocs import utils as mkdocs_utils
from mkdocs.config import load_config

from scripts.render import serve_site


def make_site(root: Path) -> Path:
    docs = root / "docs"
    (docs / "part").mkdir(parents=True)
    (docs / "index.md").write_text("# Home\n\nSee [the part](part/one.md).\n", encoding="utf-8")
    (docs / "part" / "one.md").write_text("# One\n", encoding="utf-8")
    (docs / "part" / "picture.txt").write_text("a static file\n", encoding="utf-8")
    # what the plugin does once the site's files are known (scripts.mkdocs_plugin.plugin, on_nav)
    hooks = root / "hooks.py"
    hooks.write_text("from scripts.render import serve_site\n\n\n"
                     "def on_nav(nav, config, files):\n"
                     "    serve_site.make_way(config.site_dir, [f.abs_dest_path for f in files])\n"
                     "    return nav\n\n\n"
                     "def on_post_page(output, page, config):\n"
                     "    if 'FAIL-THE-BUILD' in output:\n"
                     "        raise OSError('the disk is full')\n"
                     "    return output\n", encoding="utf-8")
    config = root / "mkdocs.yml"
    config.write_text(yaml.safe_dump({"site_name": "Test", "docs_dir": str(docs), "theme": {"name": "mkdocs"},
                                      "hooks": [str(hooks)]}), encoding="utf-8")
    return config


def build_into(config: Path, site: Path, in_place: bool) -> None:
    loaded = load_config(config_file=str(config), site_dir=str(site))
    if in_place:
        serve_site.build_in_place(str(site))
    try:
        build(loaded, serve_url="http://127.0.0.1:8000/")
    except BaseException:
        serve_site.failed(str(site))
        raise
    if in_place:
        serve_site.sweep(str(site))


def listing(site: Path) -> dict[str, bytes]:
    """Every file's bytes, without the build's time (the theme prints it)."""
    return {p.relative_to(site).as_posix(): re.sub(rb"Build Date UTC : .*", b"", p.read_bytes())
            for p in sorted(site.rglob("*")) if p.is_file()}


@pytest.fixture(autouse=True)
def _mkdocs_cleans_again(monkeypatch: pytest.MonkeyPatch) -> None:
    """What a test leaves built in place does not outlive it (the module keeps each folder until its sweep, and
    puts its own function in the place of MkDocs')."""
    monkeypatch.setattr(serve_site, "_IN_PLACE", {})
    monkeypatch.setattr(mkdocs_utils, "clean_directory", mkdocs_utils.clean_directory)


def test_a_build_in_place_writes_over_each_file_and_leaves_what_an_emptied_folder_would(tmp_path: Path) -> None:
    config = make_site(tmp_path)
    site = tmp_path / "site"
    build_into(config, site, in_place=True)
    # a second name for a page: written over where it is, the page shows under both; made again, it does not
    os.link(site / "index.html", tmp_path / "second-name.html")
    (tmp_path / "docs" / "index.md").write_text("# Home, edited\n", encoding="utf-8")
    # what the last build wrote and this one does not: a page removed, a file left there, a folder of them
    (tmp_path / "docs" / "part" / "one.md").unlink()
    (site / "stray.html").write_text("left from before", encoding="utf-8")
    (site / "old" / "deeper").mkdir(parents=True)
    (site / "old" / "deeper" / "file.txt").write_text("left from before", encoding="utf-8")
    (site / ".kept").write_text("hidden at the top: MkDocs leaves it too", encoding="utf-8")
    (site / "part" / ".stale").write_text("hidden below: MkDocs removes it with its folder", encoding="utf-8")
    time.sleep(0.05)  # as serve's builds are apart (the edit settles first): past a step of the clock
    build_into(config, site, in_place=True)

    clean = tmp_path / "clean"
    build_into(config, clean, in_place=False)
    assert listing(site) == {**listing(clean), ".kept": b"hidden at the top: MkDocs leaves it too"}  # no mark
    assert not (site / "old").exists() and not (site / "part" / "one").exists()
    # written over where it was, not made again (that is what is saved)
    assert b"Home, edited" in (tmp_path / "second-name.html").read_bytes()


def test_a_folder_not_built_in_place_is_emptied_by_mkdocs_as_before(tmp_path: Path) -> None:
    config = make_site(tmp_path)
    site, other = tmp_path / "site", tmp_path / "other"
    build_into(config, other, in_place=False)
    (other / "stray.html").write_text("left from before", encoding="utf-8")
    os.link(other / "index.html", tmp_path / "second-name.html")
    (tmp_path / "docs" / "index.md").write_text("# Home, edited\n", encoding="utf-8")
    serve_site.build_in_place(str(site))  # another folder is built in place meanwhile
    build_into(config, other, in_place=False)
    assert not (other / "stray.html").exists()
    assert b"Home, edited" in (other / "index.html").read_bytes()
    assert b"Home, edited" not in (tmp_path / "second-name.html").read_bytes()  # made again
    assert serve_site.sweep(str(other)) == 0  # never built in place: nothing of it is swept


def test_a_failed_build_empties_the_folder_and_the_next_one_builds(tmp_path: Path) -> None:
    config = make_site(tmp_path)
    site = tmp_path / "site"
    build_into(config, site, in_place=True)
    (site / ".kept").write_text("hidden", encoding="utf-8")
    (tmp_path / "docs" / "part" / "one.md").write_text("# One\n\nFAIL-THE-BUILD\n", encoding="utf-8")
    with pytest.raises(OSError, match="the disk is full"):
        build_into(config, site, in_place=True)  # after it wrote part of the pages
    assert sorted(p.name for p in site.iterdir()) == [".kept"]
    assert serve_site.sweep(str(site)) == 0  # the failed build is forgotten
    (tmp_path / "docs" / "part" / "one.md").write_text("# One\n", encoding="utf-8")
    build_into(config, site, in_place=True)
    assert (site / "index.html").is_file() and (site / "part" / "one" / "index.html").is_file()


@pytest.mark.parametrize(("command", "dirty", "alone", "in_place"), [
    ("serve", False, True, True),
    ("serve", True, False, False),
    ("serve", True, True, False),  # --dirty: MkDocs writes only the pages it takes for changed; none is removed
    ("serve", False, False, False),  # serve --all: MkDocs empties the folder, as before
    ("build", False, True, False),
])
def test_only_serve_of_one_language_builds_in_place(command: str, dirty: bool, alone: bool, in_place: bool,
                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    from types import SimpleNamespace

    from scripts.mkdocs_plugin.plugin import GuidelinesPlugin

    plugin = GuidelinesPlugin()
    plugin.command, plugin.dirty = command, dirty  # as on_startup sets them
    plugin.build = SimpleNamespace(alone=alone)
    assert plugin._builds_in_place() is in_place
    monkeypatch.setattr(serve_site, "SUPPORTED", False)  # Windows: a file's change time is when it was made
    assert plugin._builds_in_place() is False


def test_what_stands_where_a_file_goes_is_removed_first(tmp_path: Path) -> None:
    config = make_site(tmp_path)
    site = tmp_path / "site"
    build_into(config, site, in_place=True)
    docs = tmp_path / "docs"
    # a static file becomes a folder, and a folder of pages a file: the last build's output stands in the way
    (docs / "part" / "picture.txt").unlink()
    (docs / "part" / "picture.txt").mkdir()
    (docs / "part" / "picture.txt" / "inside.txt").write_text("now a folder\n", encoding="utf-8")
    (docs / "part" / "one.md").unlink()
    (docs / "part" / "one").write_text("now a file\n", encoding="utf-8")
    time.sleep(0.05)
    build_into(config, site, in_place=True)
    clean = tmp_path / "clean"
    build_into(config, clean, in_place=False)
    assert listing(site) == listing(clean)
    assert (site / "part" / "picture.txt" / "inside.txt").is_file() and (site / "part" / "one").is_file()


def test_a_file_of_the_site_is_never_swept(tmp_path: Path) -> None:
    site = tmp_path / "site"
    (site / "assets").mkdir(parents=True)
    (site / "assets" / "known.css").write_text("kept", encoding="utf-8")
    (site / "assets" / "stray.css").write_text("removed", encoding="utf-8")
    time.sleep(0.05)
    serve_site.build_in_place(str(site))  # neither is written by the build that follows
    assert serve_site.sweep(str(site), [str(site / "assets" / "known.css")]) == 1
    assert sorted(p.name for p in site.rglob("*")) == ["assets", "known.css"]


def test_a_file_written_just_after_the_build_starts_is_never_swept(tmp_path: Path) -> None:
    site = tmp_path / "site"
    assert serve_site.build_in_place(str(site))
    (site / "written.html").write_text("by the build", encoding="utf-8")
    # stamped in the same step of the clock as the mark (which a coarse clock gives): still the build's own
    serve_site._IN_PLACE[serve_site._absolute(site)] = (site / "written.html").stat().st_ctime_ns
    assert serve_site.sweep(str(site)) == 0
    assert sorted(p.name for p in site.iterdir()) == ["written.html"]  # and the mark is gone


def test_a_file_system_that_stamps_whole_steps_is_emptied_by_mkdocs(tmp_path: Path,
                                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(serve_site, "_SECOND_NS", 1)  # every time a whole step: as ext3 or HFS+ stamp seconds
    config = make_site(tmp_path)
    site = tmp_path / "site"
    build_into(config, site, in_place=False)
    (site / "stray.html").write_text("left from before", encoding="utf-8")
    assert not serve_site.build_in_place(str(site))
    build(load_config(config_file=str(config), site_dir=str(site)), serve_url="http://127.0.0.1:8000/")
    assert not (site / "stray.html").exists() and not (site / serve_site.MARK).exists()


def test_making_way_never_follows_a_link_nor_leaves_the_folder(tmp_path: Path) -> None:
    site, outside = tmp_path / "site", tmp_path / "outside"
    (outside / "b").mkdir(parents=True)
    (outside / "b" / "c.html").mkdir()  # where the link would lead a page
    (outside / "b" / "c.html" / "keep.txt").write_text("not the site's", encoding="utf-8")
    site.mkdir()
    (site / "a").symlink_to(outside, target_is_directory=True)
    (site / ".hidden").mkdir()  # hidden at the top: only the sweep leaves it alone; no path here names it
    assert serve_site.build_in_place(str(site))
    serve_site.make_way(str(site), [str(site / "a" / "b" / "c.html"), str(site / ".." / "outside" / "b"),
                                    str(site)])
    assert not (site / "a").exists() and not (site / "a").is_symlink()  # a link where a folder goes: removed
    assert (outside / "b" / "c.html" / "keep.txt").is_file()  # and not followed
    assert (outside / "b").is_dir() and site.is_dir() and (site / ".hidden").is_dir()
