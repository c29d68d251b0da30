"""Issue 16: a rebuild with nothing changed keeps every language from the previous site, and any change to what
a language's build reads builds it again (never a stale page)."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest
from playwright.sync_api import expect

from scripts.build import build_site
from scripts.settings import Settings
from scripts.staging import inputs
from tests.conftest import ROOT


def _digest(folder: Path, config: Path, options: object = ()) -> str:
    return inputs.inputs_digest([folder], [config], options)


@pytest.fixture
def tree(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> tuple[Path, Path, Path]:
    """A data folder, a configuration file and a stand-in for the scripts package."""
    data, code = tmp_path / "data", tmp_path / "code"
    (data / "locales").mkdir(parents=True)
    code.mkdir()
    (data / "site.yaml").write_text("title: T\n", encoding="utf-8")
    (data / "locales" / "fr.po").write_text('msgid "a"\nmsgstr "b"\n', encoding="utf-8")
    (code / "page.j2").write_text("{{ x }}\n", encoding="utf-8")
    (code / "gen.py").write_text("X = 1\n", encoding="utf-8")
    config = tmp_path / "mkdocs.yml"
    config.write_text("site_name: T\n", encoding="utf-8")
    monkeypatch.setattr(inputs, "CODE", code)
    monkeypatch.setattr(inputs, "running_environment", lambda: "3.11\nmkdocs==1.6.1")  # Python and the libraries
    return data, config, code


@pytest.mark.parametrize("change", [
    "data", "new data file", "catalog", "template", "code", "configuration", "library", "option"])
def test_every_kind_of_input_changes_the_digest(tree, monkeypatch: pytest.MonkeyPatch, change: str) -> None:
    data, config, code = tree
    before = _digest(data, config, ("fr",))
    options = ("fr",)
    if change == "data":
        (data / "site.yaml").write_text("title: U\n", encoding="utf-8")
    elif change == "new data file":
        (data / "countries").mkdir()
        (data / "countries" / "x.yaml").write_text("id: x\n", encoding="utf-8")
    elif change == "catalog":
        (data / "locales" / "fr.po").write_text('msgid "a"\nmsgstr "c"\n', encoding="utf-8")
    elif change == "template":
        (code / "page.j2").write_text("{{ y }}\n", encoding="utf-8")
    elif change == "code":
        (code / "gen.py").write_text("X = 2\n", encoding="utf-8")
    elif change == "configuration":
        config.write_text("site_name: U\n", encoding="utf-8")
    elif change == "library":
        monkeypatch.setattr(inputs, "running_environment", lambda: "3.11\nmkdocs==1.6.2")
    elif change == "option":
        options = ("fr", "sr")
    assert _digest(data, config, options) != before


def test_the_digest_ignores_compiled_python_and_is_stable(tree) -> None:
    data, config, code = tree
    before = _digest(data, config)
    (code / "__pycache__").mkdir()
    (code / "__pycache__" / "gen.cpython-311.pyc").write_bytes(b"\0")
    assert _digest(data, config) == before


def test_a_hooks_file_of_the_configuration_is_an_input(tree, monkeypatch: pytest.MonkeyPatch) -> None:
    """MkDocs runs the ``hooks`` that mkdocs.yml lists: a change to one must build the languages again."""
    from scripts import kept

    data, config, _ = tree
    monkeypatch.setattr(kept, "git_commit", lambda folder: "")
    monkeypatch.setattr(kept, "book_date", lambda: "2026-12-06")  # with PDFs, their date (a git call) counts too
    hooks = config.parent / "my_hooks.py"
    hooks.write_text("def on_page_markdown(markdown, **kwargs):\n    return markdown\n", encoding="utf-8")
    base = {"site_name": "T", "hooks": ["my_hooks.py"]}

    def digests() -> dict[str, str]:
        return kept.language_digests(config, base, Settings(data_dir=data), ["en", "fr"], "en")

    before = digests()
    hooks.write_text("def on_page_markdown(markdown, **kwargs):\n    return markdown + 'x'\n", encoding="utf-8")
    after = digests()
    assert after["en"] != before["en"] and after["fr"] != before["fr"]


@pytest.mark.parametrize("undone", ["data", "hand-written page", "configuration", "code", "data file added"])
def test_an_edit_undone_while_the_languages_are_built_is_seen(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                              undone: str) -> None:
    """The digests after the edit is undone are the ones taken before, but the languages may have been built from
    the edit: the inputs' change times tell, and the build then records nothing (scripts.build.build_site)."""
    import time

    from scripts import kept

    data, docs, code = tmp_path / "data", tmp_path / "docs", tmp_path / "code"
    for folder in (data, docs, code):
        folder.mkdir()
    (data / "site.yaml").write_text("title: T\n", encoding="utf-8")
    (docs / "about.md").write_text("# About\n", encoding="utf-8")
    (code / "build.py").write_text("X = 1\n", encoding="utf-8")
    config = tmp_path / "mkdocs.yml"
    config.write_text("site_name: T\n", encoding="utf-8")
    monkeypatch.setattr(kept, "CODE", code)
    settings, base = Settings(data_dir=data), {"site_name": "T"}
    time.sleep(0.05)  # the files above are older than the digests, by more than the clock's lag
    taken = time.time_ns()
    assert not kept.inputs_changed_since(taken, config, base, settings)
    (code / "__pycache__").mkdir()
    (code / "__pycache__" / "build.cpython-311.pyc").write_bytes(b"\0")  # Python compiling: not an edit
    assert not kept.inputs_changed_since(taken, config, base, settings)
    if undone == "data file added":
        (data / "extra.yaml").write_text("id: extra\n", encoding="utf-8")
        (data / "extra.yaml").unlink()
    else:
        path = {"data": data / "site.yaml", "hand-written page": docs / "about.md", "configuration": config,
                "code": code / "build.py"}[undone]
        before = path.read_bytes()
        path.write_bytes(before + b"\n")
        path.write_bytes(before)
    assert kept.inputs_changed_since(taken, config, base, settings)


# ---- the build itself: a project copy in English and French, without PDFs ----------------------------------

@pytest.fixture(scope="module")
def project(tmp_path_factory: pytest.TempPathFactory) -> Path:
    import time

    target = tmp_path_factory.mktemp("reuse") / "project"
    shutil.copytree(ROOT, target, ignore=shutil.ignore_patterns(".venv*", ".git", "site", ".site.*", "tests", "build"))
    # A build records the site only if no input was written after its first digest, allowing for the clock that
    # stamps files (scripts.staging.inputs.STAMP_LAG_NS): a copy made a few milliseconds before the build counts
    # as written during it. No project is checked out that close to its build; this one is made just before.
    time.sleep(0.1)
    return target


def _build(project: Path, capsys: pytest.CaptureFixture, no_cache: bool = False) -> str:
    settings = Settings(data_dir=project / "guidelines_data", languages=("fr",), no_paper=True, no_cache=no_cache)
    status = build_site(project / "site", settings, project / "mkdocs.yml")
    output = capsys.readouterr().out
    assert status == 0, output
    return output


@pytest.mark.site
def test_an_unchanged_rebuild_keeps_every_language_and_a_change_builds_again(project: Path, capsys,
                                                                             monkeypatch: pytest.MonkeyPatch) -> None:
    from scripts import build, kept

    _build(project, capsys)
    page = project / "site" / "fr" / "about" / "index.html"
    first = page.read_text(encoding="utf-8")
    def times() -> dict[str, float]:  # each language's, in the record of the site built last
        return kept.build_seconds(kept.previous_record(project / "site", build.CACHE))

    took = times()
    assert sorted(took) == ["en", "fr"] and all(seconds > 0 for seconds in took.values()), took

    again = _build(project, capsys)
    assert again.count("unchanged, kept from the previous build") == 2, again
    assert page.read_text(encoding="utf-8") == first
    assert (project / "site" / "fr" / "glossary" / "index.html").is_file()
    assert not (project / "site" / "fr" / "fr").exists() and (project / "site" / "index.html").is_file()
    assert times() == took  # kept languages keep their times

    # a hand-written page: its new text is published (no stale page); the language that took longer goes first
    handed: list[list[str]] = []
    order = kept.slowest_first
    monkeypatch.setattr(kept, "slowest_first", lambda *args: handed.append(order(*args)) or handed[-1])
    with (project / "docs" / "about.fr.md").open("a", encoding="utf-8") as out:
        out.write("\nPhrase ajoutée par le test de reconstruction.\n")
    changed = _build(project, capsys)
    assert "unchanged" not in changed
    assert handed == [sorted(took, key=lambda code: -took[code])]
    # reported in the site's order all the same: the languages' logs, then the summary
    assert changed.index("directory: " + str(project / ".site.en-")) < changed.index(
        "directory: " + str(project / ".site.fr-")) < changed.index("  en: ") < changed.index("  fr: ")
    assert "Phrase ajoutée par le test de reconstruction." in page.read_text(encoding="utf-8")

    # the data: a glossary definition changed is on the English glossary page
    glossary = project / "guidelines_data" / "glossary.yaml"
    text = glossary.read_text(encoding="utf-8")
    marker = "definition: "
    at = text.index(marker) + len(marker)
    glossary.write_text(text[:at] + "Zebra-striped test definition. " + text[at:], encoding="utf-8")
    _build(project, capsys)
    assert "Zebra-striped test definition." in (project / "site" / "glossary" / "index.html").read_text(encoding="utf-8")

    # without the caches nothing is kept
    assert "unchanged" not in _build(project, capsys, no_cache=True)


@pytest.mark.site
def test_a_build_during_which_an_input_was_written_records_nothing(project: Path, capsys,
                                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    """An edit saved and undone while the languages were built (seen by the change times, tested above): the site
    is in place, but no record says what it was built from, so the next build keeps no language from it."""
    import time

    from scripts import build, kept

    seen: list[int] = []
    monkeypatch.setattr(kept, "inputs_changed_since", lambda taken, *args: seen.append(taken) or True)
    # the time checked is from before the first digest of the inputs (the generated pages')
    digested: list[int] = []
    digest = build.sources_digest
    monkeypatch.setattr(build, "sources_digest", lambda *args: digested.append(time.time_ns()) or digest(*args))
    output = _build(project, capsys)
    assert "An input was written while the site was built" in output
    assert seen and digested and seen[0] <= digested[0], (seen, digested)
    assert (project / "site" / "fr" / "index.html").is_file()
    assert kept.previous_record(project / "site", build.CACHE) == {}
    monkeypatch.undo()
    assert "unchanged" not in _build(project, capsys)


@pytest.mark.site
def test_a_site_another_build_wrote_is_not_kept(project: Path, capsys) -> None:
    """Plain `mkdocs build` into the same folder (or a concurrent build) replaces the files: the record no longer
    describes them, so nothing is kept."""
    _build(project, capsys)
    home = project / "site" / "index.html"
    text = home.read_text(encoding="utf-8")
    home.unlink()
    home.write_text(text.replace("</body>", "<p>written by another build</p></body>"), encoding="utf-8")
    again = _build(project, capsys)
    assert "unchanged" not in again.split("Built")[-1].splitlines()[1], again  # the root language was built
    assert "written by another build" not in home.read_text(encoding="utf-8")


def test_a_configuration_that_cannot_be_read_stops_the_build_without_a_traceback(tmp_path: Path, capsys) -> None:
    site = tmp_path / "site"
    site.mkdir()
    (site / "index.html").write_text("previous site", encoding="utf-8")
    for config, expected in ((tmp_path / "missing.yml", "missing.yml"),
                             (tmp_path / "broken.yml", "not valid YAML")):
        if config.name == "broken.yml":
            config.write_text("site_name: [unclosed\n", encoding="utf-8")
        status = build_site(site, Settings(data_dir=ROOT / "guidelines_data", quiet=True), config)
        err = capsys.readouterr().err
        assert status == 1
        assert expected in err and "Traceback" not in err
        assert (site / "index.html").read_text(encoding="utf-8") == "previous site"


@pytest.mark.site
def test_search_in_chromium_finds_what_an_edit_wrote_and_not_what_it_replaced(project: Path, capsys, browser,  # noqa: ANN001
                                                                             tmp_path: Path,
                                                                             monkeypatch: pytest.MonkeyPatch) -> None:
    """The search sections kept between builds (scripts.render.markdown_cache): after an edit of one page, the
    next build divides only the pages whose HTML changed, and a reader's search finds the new word, not the old."""
    from scripts.render import markdown_cache
    from tests.conftest import serve
    from tests.test_i18n_site import search

    divided = tmp_path / "divided.txt"
    divide = markdown_cache.divide_sections

    def counting(html: str):  # noqa: ANN202 - in the forked workers: counted in a file
        with divided.open("a", encoding="utf-8") as out:
            out.write("page\n")
        return divide(html)

    monkeypatch.setattr(markdown_cache, "divide_sections", counting)
    about = project / "docs" / "about.md"
    original = about.read_text(encoding="utf-8")
    try:
        about.write_text(original + "\nQuokkaword stands in this paragraph.\n", encoding="utf-8")
        _build(project, capsys)
        about.write_text(original + "\nWombatword stands in this paragraph.\n", encoding="utf-8")
        divided.write_text("", encoding="utf-8")
        _build(project, capsys)
        pages = len(list((project / "site").rglob("index.html")))
        count = len(divided.read_text(encoding="utf-8").splitlines())
        assert 1 <= count < pages // 4, (count, pages)  # the edited page and the few that changed with it

        server = serve(project / "site")
        url = next(server)
        try:
            page = browser.new_page()
            page.goto(url)
            search(page, "Wombatword")
            results = page.locator(".md-search-result__item a.md-search-result__link")
            expect(results.first).to_be_visible(timeout=30_000)
            assert "about/" in results.first.get_attribute("href")
            page.goto(url)
            none = search(page, "Quokkaword")
            expect(page.locator(".md-search-result__meta")).to_have_text(none)
            expect(page.locator(".md-search-result__item")).to_have_count(0)
            page.close()
        finally:
            next(server, None)
    finally:
        about.write_text(original, encoding="utf-8")


@pytest.mark.site
def test_a_renamed_measure_shows_in_chromium_on_the_pages_whose_html_was_kept(project: Path, capsys,
                                                                             browser) -> None:  # noqa: ANN001
    """After a measure's heading is edited, the theme renders again only that measure's page (and French its
    status page; scripts.render.rendered_pages): the pages whose template HTML was kept still show the new name,
    filled in after the template, where a reader sees it: in the navigation, in the measure's links, in the
    browser's title of the measure's page, and in search."""
    from scripts.benchmark.serve_rebuild import edit_heading
    from tests.conftest import serve
    from tests.test_i18n_site import search

    guidelines = project / "guidelines_data" / "guidelines.yaml"
    original = guidelines.read_text(encoding="utf-8")
    try:
        _build(project, capsys)
        edit_heading(guidelines, "le-strategic-cooperation", "Quetzalword")
        log = _build(project, capsys)
        assert re.findall(r"Templates: (\d+) page\(s\) rendered", log) == ["1", "2"], log
        server = serve(project / "site")
        url = next(server)
        try:
            page = browser.new_page()
            page.goto(url + "guidelines/le-binding-requests/")  # kept: the measure is its neighbour in the nav
            link = page.locator('nav.md-nav--primary a.md-nav__link[href="../le-strategic-cooperation/"]')
            expect(link).to_contain_text("Quetzalword")
            page.goto(url + "fr/countries/albania/")  # kept: it names the measure in its text, with a notice
            expect(page.locator("article")).to_contain_text("Quetzalword")
            expect(page.locator("article .translation-notice")).to_be_visible()
            page.goto(url + "guidelines/le-strategic-cooperation/")
            expect(page).to_have_title(re.compile("Quetzalword"))
            assert "\ue000" not in page.content()
            search(page, "Quetzalword")
            results = page.locator(".md-search-result__item a.md-search-result__link")
            expect(results.first).to_be_visible(timeout=30_000)
            assert "le-strategic-cooperation/" in results.first.get_attribute("href")
            page.close()
        finally:
            next(server, None)
    finally:
        guidelines.write_text(original, encoding="utf-8")


def test_languages_go_to_the_workers_slowest_first_and_unknown_ones_before_them() -> None:
    from scripts.kept import slowest_first

    assert slowest_first(["en", "fr", "ka", "sq"], {"en": 0.5, "fr": 0.7, "ka": 0.9}) == ["sq", "ka", "fr", "en"]
    assert slowest_first(["en", "fr"], {}) == ["en", "fr"]


def test_the_record_keeps_each_languages_time_and_ignores_what_is_not_one(tmp_path: Path) -> None:
    from scripts import kept

    site, cache = tmp_path / "site", tmp_path / "cache"

    def times() -> dict[str, float]:
        return kept.build_seconds(kept.previous_record(site, cache))

    assert times() == {}  # no record yet
    kept.record(site, "en", {"en": "d1", "fr": "d2"}, {}, cache, {"en": 0.5, "fr": 1.25})
    assert times() == {"en": 0.5, "fr": 1.25}
    record = kept._record_file(site, cache)
    record.write_text('{"seconds": {"en": "slow", "fr": -1, "ka": 2}}', encoding="utf-8")
    assert times() == {"ka": 2.0}
    for damaged in ('{"seconds": [1, 2]}', "[1, 2]", "not json"):
        record.write_text(damaged, encoding="utf-8")
        assert times() == {} and kept.previous_record(site, cache) in ({}, {"seconds": [1, 2]})


@pytest.mark.parametrize("keep", [True, False])
def test_an_edition_takes_no_digests(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, keep: bool) -> None:
    """An edition builds from a temporary configuration that no later build has, so no language of it could be
    kept: its build takes no digests (``keep=False``), and records nothing. The project's build takes them."""
    from scripts import build, kept
    from scripts.editions import build as editions

    class Stop(Exception):
        pass

    def digests(*args: object) -> dict[str, str]:
        raise Stop("digests taken")

    def languages(*args: object, **kwargs: object) -> list:
        raise Stop("languages built")

    monkeypatch.setattr(kept, "language_digests", digests)
    monkeypatch.setattr(build, "_build_languages", languages)
    settings = Settings(data_dir=ROOT / "guidelines_data", languages=("fr",), no_paper=True, quiet=True)
    with pytest.raises(Stop) as stopped:
        build.build_site(tmp_path / "site", settings, keep=keep)
    assert str(stopped.value) == ("digests taken" if keep else "languages built")

    given: dict[str, object] = {}
    monkeypatch.setattr(editions, "build_site", lambda *args, **kwargs: given.update(kwargs) or 0)
    editions._run_build(tmp_path / "edition", tmp_path / "mkdocs.yml", settings, ["fr", "en"])
    assert given == {"root_language": "fr", "keep": False}
