"""``serve --lang`` uses its second core: a forked copy converts part of the pages (scripts.render.markdown_cache)
and then renders part of them into their templates (scripts.render.render_helper). The site it writes is the site a
build without either writes, file for file, and both copies did work.

The builds run in this process as ``serve`` runs them (MkDocs' ``build`` after ``on_startup("serve")``, the second
into the first's folder), on a copy of the real data, after an edit of one measure heading (the edit the benchmark
times) and of one interface label that 15 of the language's pages show (a measure's name is filled in after
conversion, scripts.pages.names: alone, the heading's edit converts only the measure's own page again, and leaves the
copy no conversion to do)."""

from __future__ import annotations

import gc
import logging
import os
import re
import shutil
import time
import zipfile
from collections.abc import Iterator
from pathlib import Path

import pytest
from mkdocs import utils as mkdocs_utils
from mkdocs.commands.build import build as mkdocs_build
from mkdocs.config import load_config
from mkdocs.structure.files import File
from mkdocs.structure.pages import Page

from scripts.benchmark.serve_rebuild import edit_heading
from scripts.commands.settings import current_settings
from scripts.mkdocs_plugin import plugin as plugin_module
from scripts.render import markdown_cache, page_helper, render_helper, serve_site
from tests.conftest import DATA, ROOT

pytestmark = pytest.mark.slow  # the copies are forked processes


def build(site: Path) -> None:
    config = load_config(config_file=str(ROOT / "mkdocs.yml"), site_dir=str(site))
    config.plugins.on_startup(command="serve", dirty=False)
    mkdocs_build(config, serve_url="http://127.0.0.1:8000/")


def files(site: Path) -> dict[str, object]:
    """Every file's bytes; a .docx form's parts (the forms are kept between builds in a store of their own,
    tests/test_docx_store.py, so a build that keeps nothing writes them again with other times in the archive)."""
    def content(path: Path) -> object:
        if path.suffix != ".docx":
            return path.read_bytes()
        with zipfile.ZipFile(path) as archive:
            return {name: archive.read(name) for name in archive.namelist()}
    return {str(path.relative_to(site)): content(path) for path in sorted(site.rglob("*")) if path.is_file()}


@pytest.fixture
def serve_environment(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    # serve's own: what it holds is this test's, written only when the test ends; no SIGTERM handler in pytest
    held = markdown_cache._Held()
    monkeypatch.setattr(markdown_cache, "HELD", held)
    monkeypatch.setattr(plugin_module, "stop_on_terminate", lambda: None)
    monkeypatch.setattr(mkdocs_utils, "clean_directory", mkdocs_utils.clean_directory)
    data = tmp_path / "data"
    shutil.copytree(DATA, data)
    monkeypatch.chdir(ROOT)
    monkeypatch.setenv("NO_MKDOCS_2_WARNING", "1")
    monkeypatch.delenv("GUIDELINES_LANGUAGE", raising=False)
    for name, value in current_settings(data_dir=data).mkdocs_environment("en").items():
        monkeypatch.setenv(name, value)
    yield data
    held.pause()


def gave_work(value: object) -> bool:
    """Whether a value the copy sent is work the build counts: a page's HTML (the templates' copy), or conversions
    (the first part of what the conversions' copy sends, scripts.render.markdown_cache.ConversionCache.fresh; a page
    whose conversion was kept sends only its sanitized HTML and search sections, which the log does not count). A
    notice converted apart by the copy would count here and not in the log (which counts the notices this process
    converts); the English pages built here have none."""
    return isinstance(value, str) or (isinstance(value, tuple) and bool(value) and bool(value[0]))


def the_copy_goes_first(monkeypatch: pytest.MonkeyPatch) -> None:
    """At its first page, the build waits until the copy has sent work it counts (:func:`gave_work`), or has ended,
    or for as long as the build would wait for it: unless the machine stalls the copy that long, the copy then has
    work. Without this, a build that reaches every changed page before the copy reaches one leaves the copy nothing
    to convert, and the counts the test reads depend on timing (it happened in CI)."""
    real = page_helper.PageHelper.claim

    def claim(self: page_helper.PageHelper, page: object) -> object:
        # marked on the helper itself (an id() could be a freed helper's, taken again by the next one)
        if os.getpid() == self._build_pid and not getattr(self, "_test_waited", False):
            self._test_waited = True
            deadline = time.monotonic() + page_helper.STALL_SECONDS
            with self._condition:
                while (not any(gave_work(value) for value in self._received.values()) and not self._ended
                       and time.monotonic() < deadline):
                    self._condition.wait(timeout=0.5)
        return real(self, page)

    monkeypatch.setattr(page_helper.PageHelper, "claim", claim)


def test_the_site_is_the_one_a_build_without_the_second_process_writes(
        serve_environment: Path, tmp_path: Path, caplog: pytest.LogCaptureFixture,
        monkeypatch: pytest.MonkeyPatch) -> None:
    if not page_helper.spare_core():
        pytest.skip("one core (or no fork): serve has no second process")
    the_copy_goes_first(monkeypatch)
    data = serve_environment
    build(tmp_path / "helped")  # the conversions of the unedited pages are kept
    # the next build writes over this one's files (scripts.render.serve_site) and removes what it does not write
    (tmp_path / "helped" / "guidelines" / "stray.html").write_text("left from before", encoding="utf-8")
    measure = "guidelines/le-strategic-cooperation/index.html"
    os.link(tmp_path / "helped" / measure, tmp_path / "second-name.html")  # shows the edit only if written over
    css = tmp_path / "helped" / "assets" / "stylesheets" / "site.css"  # a folder where a file goes
    css.unlink()
    css.mkdir()
    (css / "left.txt").write_text("left from before", encoding="utf-8")
    time.sleep(0.1)  # as serve's builds are apart (the edit settles first)
    edit_heading(data / "guidelines.yaml", "le-strategic-cooperation", "EDITED-IN-TEST")
    ui = data / "ui.yaml"
    label = "  addressee.law-enforcement: Law enforcement\n"
    assert label in ui.read_text(encoding="utf-8")
    ui.write_text(ui.read_text(encoding="utf-8").replace(label, label[:-1] + " EDITED\n"), encoding="utf-8")
    with caplog.at_level(logging.INFO):
        build(tmp_path / "helped")
    said = caplog.text
    converted = re.search(r"Markdown: (\d+) page\(s\) converted \((\d+) of them by a second process\)", said)
    rendered = re.search(r"Templates: (\d+) page\(s\) rendered by a second process", said)
    assert converted and int(converted[2]) > 0, said
    assert rendered and int(rendered[1]) > 0, said

    os.environ["GUIDELINES_NO_CACHE"] = "1"  # converts every page here, one process (monkeypatch restores it)
    caplog.clear()
    with caplog.at_level(logging.INFO):
        build(tmp_path / "alone")
    assert "second process" not in caplog.text

    helped, alone = files(tmp_path / "helped"), files(tmp_path / "alone")
    assert sorted(helped) == sorted(alone)
    assert "EDITED-IN-TEST" in helped["guidelines/le-strategic-cooperation/index.html"].decode()  # type: ignore[union-attr]
    # the plugin filled the measure's name into the pages that name it by its mark (scripts.render.names)
    assert "EDITED-IN-TEST" in helped["countries/albania/index.html"].decode()  # type: ignore[union-attr]
    left = [name for name, content in helped.items() if isinstance(content, bytes)
            and ("\ue000".encode() in content or "\ue001".encode() in content)]
    assert not left, left
    differing = [name for name in alone if helped[name] != alone[name]]
    assert not differing, differing[:20]
    assert (tmp_path / "second-name.html").read_bytes() == helped[measure]


def test_the_sites_pages_and_files_outlive_a_mark_stamped_after_them(serve_environment: Path, tmp_path: Path,
                                                                     monkeypatch: pytest.MonkeyPatch) -> None:
    # what the sweep never removes, whatever the times say: the pages and static files MkDocs knows the site has
    site = tmp_path / "site"
    build(site)
    real = serve_site.build_in_place

    def stamped_later(site_dir: str) -> bool:
        in_place = real(site_dir)
        serve_site._IN_PLACE[serve_site._absolute(site_dir)] += 3600 * 10**9  # an hour after any file
        return in_place

    monkeypatch.setattr(serve_site, "build_in_place", stamped_later)
    build(site)
    for page in ("index.html", "guidelines/le-strategic-cooperation/index.html", "assets/stylesheets/site.css"):
        assert (site / page).is_file(), page


@pytest.mark.parametrize("where", ["while the pages are read", "while the pages are written"])
def test_a_failed_build_leaves_no_second_process(serve_environment: Path, tmp_path: Path,
                                                 monkeypatch: pytest.MonkeyPatch, where: str) -> None:
    if not page_helper.spare_core():
        pytest.skip("one core (or no fork): serve has no second process")
    if where == "while the pages are written":  # over a site a build wrote before (scripts.render.serve_site)
        build(tmp_path / "broken")
        assert (tmp_path / "broken" / "index.html").is_file()
    started = []
    real = page_helper.PageHelper

    def recorded(*args, **kwargs):  # noqa: ANN002, ANN003, ANN202
        helper = real(*args, **kwargs)
        started.append(helper.pid)
        return helper

    monkeypatch.setattr(render_helper, "PageHelper", recorded)
    monkeypatch.setattr(markdown_cache, "PageHelper", recorded)

    def broken(*args, **kwargs):  # noqa: ANN002, ANN003, ANN202
        raise OSError("disk full")

    if where == "while the pages are read":  # the conversion copy runs
        real_read = Page.read_source

        def read_source(self, config):  # noqa: ANN001, ANN202
            if self.file.src_uri.startswith("training/"):
                broken()
            return real_read(self, config)

        monkeypatch.setattr(Page, "read_source", read_source)
    else:  # after every page is populated: the render copy runs
        monkeypatch.setattr(File, "copy_file", broken)
    with pytest.raises(Exception):  # noqa: B017 - MkDocs' own error
        build(tmp_path / "broken")
    assert len(started) == (1 if where == "while the pages are read" else 2), started
    for pid in started:
        with pytest.raises(ChildProcessError):  # waited for: stopped by on_build_error
            os.waitpid(pid, os.WNOHANG)
    assert gc.get_freeze_count() == 0
    # emptied (not left half written over), so that the next build starts from nothing
    assert not [p.name for p in (tmp_path / "broken").iterdir() if not p.name.startswith(".")]
