"""The translation catalogs: they compile, keep what must not change, go outdated when the English changes,
fall back to English with a notice, and a new language needs one command and its catalog."""

from __future__ import annotations

import math
import os
import shutil
import subprocess
from pathlib import Path

import polib
import pytest
import yaml

from scripts.data import load_dataset
from scripts.i18n.catalog import catalog_stats
from scripts.i18n.checks import check_catalog, kept
from scripts.i18n.translator import Status, Translator, load_translator
from scripts.pages.localized import generate_localized
from scripts.pages.names import with_notice
from tests.conftest import DATA, ROOT, TEST_DATA, run_cli, run_cli_process

CATALOGS = sorted((DATA / "locales").glob("*.po"))
SMALL_PO = TEST_DATA / "i18n" / "fr.po"


def with_french(data: Path, po: Path = SMALL_PO) -> Path:
    """The minimal data set with French declared (by the add-language command) and a small catalog."""
    config = data.parent / "mkdocs.yml"
    if not config.exists():
        config.write_text("plugins:\n  - i18n:\n      languages:\n        - {locale: en, name: English, default: true}\n",
                          encoding="utf-8")
    result = run_cli("i18n", "--data", str(data), "add-language", "fr", "--name", "Français",
                     "--english-name", "French", "--script", "Latn", "--plural-forms", "nplurals=2; plural=(n > 1);",
                     "--config-file", str(config))
    assert result.returncode == 0, result.stderr
    shutil.copy(po, data / "locales" / "fr.po")
    return data


# --- every catalog compiles and keeps links, URLs, placeholders and numbers ---------------------------------

def msgfmt_check(path: Path) -> None:
    """GNU gettext's ``msgfmt --check`` compiles ``path`` (when msgfmt is installed)."""
    if shutil.which("msgfmt"):
        result = subprocess.run(["msgfmt", "--check", "-o", "/dev/null", str(path)], capture_output=True, text=True,
                                check=False)
        assert result.returncode == 0, result.stderr


@pytest.mark.slow  # runs GNU msgfmt
@pytest.mark.parametrize("path", CATALOGS, ids=[p.stem for p in CATALOGS])
def test_every_catalog_compiles(path: Path) -> None:
    msgfmt_check(path)


@pytest.mark.parametrize("path", CATALOGS, ids=[p.stem for p in CATALOGS])
def test_every_catalog_keeps_what_must_not_change(path: Path) -> None:
    po = polib.pofile(str(path))
    assert po.metadata.get("Language") == path.stem
    assert "charset=UTF-8" in po.metadata.get("Content-Type", "")
    problems = check_catalog(path)
    assert not problems, "\n".join(map(str, problems[:20]))


def test_the_check_command_passes_on_the_catalogs() -> None:
    result = run_cli("i18n", "check")
    assert result.returncode == 0, result.stdout + result.stderr


@pytest.mark.parametrize(("english", "translation", "problem"), [
    ("See [paragraph 17](../guidelines/17.md).", "Voir le [paragraphe 17](../guidelines/17.md).", None),
    ("See [paragraph 17](../guidelines/17.md).", "Voir le [paragraphe 17](../guidelines/18.md).", "link target"),
    ("See [the source](https://example.org/a).", "Voir [la source](https://example.org/b).", "link target"),
    ("{answered} of {total} answered", "{answered} sur {total} répondues", None),
    ("{answered} of {total} answered", "{répondues} sur {total}", "placeholder"),
    ("Hello {{ name }}, %s", "Bonjour {{ name }}", "placeholder"),
    ("Articles 16 to 21, adopted on 1-2 April 2008", "Articles 16 à 21, adoptés les 1-2 avril 2008", None),
    ("Articles 16 to 21", "Articles 16 à 12", "numbers"),
    ("Visit https://www.coe.int/cybercrime today", "Visitez https://www.coe.int/cybercrime", None),
    ("Visit https://www.coe.int/cybercrime today", "Visitez https://coe.int", "URL"),
])
def test_links_placeholders_and_numbers_must_survive(english: str, translation: str, problem: str | None) -> None:
    problems = kept(english, translation)
    if problem is None:
        assert problems == []
    else:
        assert any(problem in p for p in problems), problems


def test_the_check_command_reports_a_broken_translation(minimal_data: Path) -> None:
    data = with_french(minimal_data)
    po = polib.pofile(str(data / "locales" / "fr.po"))
    po.append(polib.POEntry(msgid="See [paragraph 3](3.md) of 2008.", msgstr="Voir le [paragraphe 3](4.md).",
                            tcomment="machine-assisted, not reviewed"))
    po.save(str(data / "locales" / "fr.po"))
    result = run_cli("i18n", "--data", str(data), "check")
    assert result.returncode == 1
    assert "link targets differ: missing ['3.md']; unexpected ['4.md']" in result.stderr
    assert "numbers missing from the translation: 2008" in result.stderr
    assert "fr.po:" in result.stderr and "Traceback" not in result.stderr


# --- a changed English string makes its translation outdated -------------------------------------------------

def update_after_an_english_change(minimal_data: Path) -> Path:
    """The minimal data with French, brought up to date, then brought up to date again after an English change."""
    data = with_french(minimal_data)
    assert run_cli("i18n", "--data", str(data), "update").returncode == 0
    po = polib.pofile(str(data / "locales" / "fr.po"))
    entry = po.find("The purpose of the test guidelines.")
    assert entry.msgstr == "L'objet des lignes directrices de test." and "fuzzy" not in entry.flags
    assert po.find("Purpose").tcomment.startswith("reviewed:")  # the review is kept for unchanged strings
    assert po.find("Test guidelines").msgstr == ""  # new strings come in untranslated

    guidelines = data / "guidelines.yaml"
    text = guidelines.read_text(encoding="utf-8")
    guidelines.write_text(text.replace("summary: The purpose of the test guidelines.",
                                       "summary: The purpose and scope of the test guidelines."), encoding="utf-8")
    result = run_cli("i18n", "--data", str(data), "update", "fr")
    assert result.returncode == 0, result.stderr
    assert "1 marked outdated (fuzzy)" in result.stdout

    po = polib.pofile(str(data / "locales" / "fr.po"))
    changed = po.find("The purpose and scope of the test guidelines.")
    assert "fuzzy" in changed.flags
    assert changed.previous_msgid == "The purpose of the test guidelines."
    assert changed.msgstr == "L'objet des lignes directrices de test."
    assert po.find("The purpose of the test guidelines.") is None
    return data


@pytest.mark.slow  # runs GNU msgfmt
def test_an_updated_catalog_compiles(minimal_data: Path) -> None:
    msgfmt_check(update_after_an_english_change(minimal_data) / "locales" / "fr.po")


def test_update_marks_the_translation_of_a_changed_string_outdated(minimal_data: Path) -> None:
    data = update_after_an_english_change(minimal_data)
    translator = load_translator(data, "fr", "en")
    assert translator("The purpose and scope of the test guidelines.") == "The purpose and scope of the test guidelines."
    assert translator.status("The purpose and scope of the test guidelines.") is Status.OUTDATED
    stats = catalog_stats(data, "fr")
    assert stats.outdated == 2 and stats.reviewed == 1  # the fixture's fuzzy entry and the changed one

    status = run_cli("i18n", "--data", str(data), "status")
    assert status.returncode == 0
    complete = f"{math.floor(stats.complete * 1000) / 10:.1f}%"  # rounded down: 100% only when nothing lacks
    assert status.stdout.splitlines()[1].split()[:5] == ["fr", complete, "1", str(stats.unreviewed), "2"]


# --- missing and outdated translations fall back to English, and the page says so ---------------------------

def test_translator_statuses_and_fallback() -> None:
    catalog = polib.pofile(str(SMALL_PO))
    translate = Translator("fr", catalog)
    assert translate("Purpose") == "Objet"
    assert translate.status("Purpose") is Status.REVIEWED
    assert translate("Cooperation culture") == "Culture de coopération"
    assert translate.status("Cooperation culture") is Status.UNREVIEWED
    assert translate("Both sides cooperate.") == "Both sides cooperate."  # fuzzy: never shown
    assert translate.status("Both sides cooperate.") is Status.OUTDATED
    assert translate("Measures for both.") == "Measures for both."
    assert translate("Not in the catalog") == "Not in the catalog"
    assert translate.status("Not in the catalog") is Status.MISSING
    assert [u.status for u in translate.take()] == [Status.REVIEWED, Status.UNREVIEWED, Status.OUTDATED,
                                                   Status.MISSING, Status.MISSING]
    assert translate.take() == []


def test_a_translation_that_changes_a_placeholder_link_url_or_number_is_never_shown() -> None:
    """What ``i18n check`` reports is not shown either: a form would print "{numero}" where it fills in "{n}"."""
    catalog = polib.POFile()
    catalog.metadata = {"Content-Type": "text/plain; charset=UTF-8", "Plural-Forms": "nplurals=2; plural=(n > 1);"}
    for english, french in [("Identifier {n}", "Identifiant {numero}"),
                            ("Legal basis: {citations}", "Base juridique : {citations}"),
                            ("See [the form](forms/a.md).", "Voir [le formulaire](forms/b.md)."),
                            ("Write to https://example.org/a", "Écrire à https://example.org/b"),
                            ("Paragraph 17", "Paragraphe 71"),
                            ("Paragraphs 17 and 18", "Paragraphes 18 et 17")]:
        catalog.append(polib.POEntry(msgid=english, msgstr=french))
    catalog.append(polib.POEntry(msgid="{count} page", msgid_plural="{count} pages",
                                 msgstr_plural={0: "{count} page", 1: "{compte} pages"}))
    translate = Translator("fr", catalog)
    for english in ("Identifier {n}", "See [the form](forms/a.md).", "Write to https://example.org/a",
                    "Paragraph 17"):
        assert translate(english) == english
        assert translate.status(english) is Status.MISSING
    assert translate("Legal basis: {citations}") == "Base juridique : {citations}"
    assert translate("Paragraphs 17 and 18") == "Paragraphes 18 et 17"  # the same numbers, in another order
    assert translate.ngettext("{count} page", "{count} pages", 2) == "{count} pages"  # the English: a form is broken
    assert translate.status("{count} page") is Status.MISSING
    # an outdated translation (its English changed, here a number) stays outdated: shown in English all the same
    outdated = polib.POEntry(msgid="Paragraph 18", msgstr="Paragraphe 17", flags=["fuzzy"])
    catalog.append(outdated)
    translate = Translator("fr", catalog)
    assert translate("Paragraph 18") == "Paragraph 18"
    assert translate.status("Paragraph 18") is Status.OUTDATED


def test_pages_show_english_fallbacks_with_a_notice(minimal_data: Path) -> None:
    data = with_french(minimal_data)
    dataset = load_dataset(data)
    labels = dataset.ui.labels
    localized = generate_localized(dataset, load_translator(data, "fr", "en"))
    # each page as a reader gets it: its notice where its mark is (scripts.pages.names.with_notice)
    pages = {p.path: with_notice(p.content, p.notice) if isinstance(p.content, str) else p.content
             for p in localized.pages}

    one = pages["guidelines/introduction.md"]  # reviewed title, unreviewed summary, labels missing from the catalog
    assert "Objet" in one and "L'objet des lignes directrices de test." in one
    assert labels["i18n.notice.unreviewed"] in one
    assert labels["i18n.notice.english_title"] in one and "“Paragraph”" in one

    two = pages["guidelines/common-culture.md"]  # outdated guidance: shown in English, counted, listed
    assert "Culture de coopération" in two and "Both sides cooperate." in two
    assert labels["i18n.notice.english_title"] in two
    assert labels["i18n.notice.outdated_count"].one.replace("{count}", "1") in two  # ngettext: the singular
    assert "“Both sides cooperate.”" in two
    assert two.index(labels["i18n.notice.english_title"]) > two.index("# ")  # below the title
    assert 'data-search-exclude' in two  # the notice is kept out of the search index

    status = pages["translation-status.md"]
    assert labels["i18n.status.title"] in status
    assert "guidelines/common-culture.md" in status

    english = generate_localized(dataset, load_translator(data, "en", "en"))
    assert not any(p.notice or "translation-notice" in p.content for p in english.pages
                   if isinstance(p.content, str))


def test_notice_is_quiet_when_all_is_reviewed_and_short_when_only_unreviewed() -> None:
    from scripts.i18n.translator import Use
    from scripts.pages.translation_notice import PageReport, notice

    def label(key: str) -> str:
        return key

    report = PageReport("guidelines/1.md")
    report.add([Use("Purpose", "Objet", Status.REVIEWED)], "# Objet")
    assert notice(report, label, "guidelines/1.md") == ""
    report.add([Use("Summary", "Résumé", Status.UNREVIEWED)], "# Objet\nRésumé")
    text = notice(report, label, "guidelines/1.md")
    assert text.startswith('!!! info "i18n.notice.unreviewed_title"')
    assert "(../translation-status.md)" in text
    report.add([Use("Unused", "Unused", Status.MISSING)], "# Objet\nRésumé")  # not on this page: not counted
    assert notice(report, label, "guidelines/1.md") == text


def test_a_page_report_lists_what_shows_in_english_and_only_whether_unreviewed_text_shows() -> None:
    from scripts.i18n.translator import Use
    from scripts.pages.translation_notice import PageReport

    report = PageReport("guidelines/1.md")
    page = "# Objet\nRésumé. Scope. Purpose"
    report.add([Use("Purpose", "Purpose", Status.OUTDATED), Use("Summary", "Résumé", Status.UNREVIEWED),
                Use("Aim", "Aim", Status.OUTDATED), Use("Scope", "Scope", Status.MISSING),
                Use("Hidden", "Caché", Status.UNREVIEWED), Use("Heading", "Objet", Status.REVIEWED)], page)
    # in the order the page asked for them; "Aim" is not shown; an unreviewed passage not shown changes nothing
    assert report.english() == [("Purpose", Status.OUTDATED), ("Scope", Status.MISSING)]
    assert (report.count(Status.MISSING), report.count(Status.OUTDATED), report.unreviewed) == (1, 1, True)
    for status in (Status.UNREVIEWED, Status.REVIEWED):
        with pytest.raises(ValueError, match=status.value):
            report.count(status)  # a notice says only whether there is some unreviewed text
    hidden = PageReport("guidelines/2.md")
    hidden.add([Use("Summary", "Résumé", Status.UNREVIEWED), Use("  ", "  ", Status.MISSING)], "# Objet")
    assert (hidden.english(), hidden.unreviewed) == ([], False)


def test_a_language_without_catalog_is_all_english_and_says_so(minimal_data: Path) -> None:
    dataset = load_dataset(minimal_data)
    translator = load_translator(minimal_data, "de", "en")
    localized = generate_localized(dataset, translator)
    page = next(with_notice(p.content, p.notice) for p in localized.pages if p.path == "guidelines/introduction.md")
    assert "The purpose of the test guidelines." in page
    assert dataset.ui.labels["i18n.notice.english_title"] in page


# --- an eighth language: one command plus its catalog, no code change ---------------------------------------

@pytest.mark.site  # builds of its own
def test_adding_an_eighth_language_is_one_command_and_its_catalog(tmp_path: Path) -> None:
    project = tmp_path / "project"
    shutil.copytree(ROOT, project, ignore=shutil.ignore_patterns(".venv", ".git", "site", ".site.*", "tests",
                                                                 "build", "*.egg-info", "__pycache__"))
    before = {p.relative_to(project) for p in (project / "scripts").rglob("*.py")}
    result = run_cli("i18n", "--data", str(project / "guidelines_data"), "add-language", "de", "--name", "Deutsch",
                     "--english-name", "German", "--script", "Latn", "--config-file", str(project / "mkdocs.yml"))
    assert result.returncode == 0, result.stderr
    site = yaml.safe_load((project / "guidelines_data" / "site.yaml").read_text(encoding="utf-8"))
    assert site["languages"][-1] == {"code": "de", "name": "Deutsch", "english_name": "German", "script": "Latn"}
    assert "- {locale: de, name: Deutsch}" in (project / "mkdocs.yml").read_text(encoding="utf-8")
    po_path = project / "guidelines_data" / "locales" / "de.po"
    po = polib.pofile(str(po_path))
    assert po.metadata["Language"] == "de" and len(po) > 100 and not po.translated_entries()

    # The translator fills the catalog (two strings are enough here).
    guidelines = yaml.safe_load((project / "guidelines_data" / "guidelines.yaml").read_text(encoding="utf-8"))
    heading = next(m["heading"] for m in guidelines["measures"] if m["id"] == "le-strategic-cooperation")
    po.find(heading).msgstr = "Eine breite und strategische Zusammenarbeit"
    po.find(heading).tcomment = "machine-assisted, not reviewed"
    po.save(str(po_path))

    out = tmp_path / "site"
    result = run_cli_process("build", "--quiet", "--lang", "de", "--site-dir", str(out),
                             "--config-file", str(project / "mkdocs.yml"), "--data", str(project / "guidelines_data"),
                             env={"GUIDELINES_NO_PAPER": "1"})  # PDFs: tests/test_books.py
    assert result.returncode == 0, result.stdout + result.stderr
    html = (out / "de" / "guidelines" / "le-strategic-cooperation" / "index.html").read_text(encoding="utf-8")
    assert '<html lang="de"' in html
    assert "Eine breite und strategische Zusammenarbeit" in html
    assert 'hreflang="de"' in html and "translation-notice" in html
    assert (out / "de" / "search" / "search_index.json").is_file()
    assert (out / "de" / "translation-status" / "index.html").is_file()
    english = (out / "guidelines" / "le-strategic-cooperation" / "index.html").read_text(encoding="utf-8")
    assert 'href="../../de/guidelines/le-strategic-cooperation/" hreflang="de"' in english
    assert {p.relative_to(project) for p in (project / "scripts").rglob("*.py")} == before


def _committed_one_by_one(docs: Path, path: str) -> float | None:
    """What a page's date was before the calls were batched, one file at a time (the reference)."""
    full = str(docs / path)
    status = subprocess.run(["git", "status", "--porcelain", "--", full], cwd=docs, capture_output=True, text=True,
                            check=False)
    if status.returncode != 0:
        return None
    if status.stdout.strip():
        return float("inf")
    log = subprocess.run(["git", "log", "-1", "--format=%ct", "--", full], cwd=docs, capture_output=True, text=True,
                         check=False)
    return float(log.stdout.strip()) if log.returncode == 0 and log.stdout.strip() else None


@pytest.mark.slow  # git
def test_the_dates_of_pages_read_in_one_go_are_the_ones_git_gives_file_by_file(tmp_path: Path) -> None:
    """Committed, edited, staged, renamed, untracked and ignored files, a name with a space and a non-ASCII
    letter, a file in a sub-folder, a change merged from a branch, in a docs folder below the repository's top."""
    from scripts.staging.languages import commit_times

    repo = tmp_path / "repo"
    docs = repo / "site docs"
    (docs / "guides").mkdir(parents=True)
    git = ["git", "-c", "user.name=t", "-c", "user.email=t@example.org", "-c", "init.defaultBranch=main"]

    def run(*args: str, when: int | None = None) -> None:
        env = {**os.environ, **({"GIT_COMMITTER_DATE": f"{when} +0000", "GIT_AUTHOR_DATE": f"{when} +0000"}
                                if when else {})}
        subprocess.run([*git, *args], cwd=repo, check=True, capture_output=True, env=env)

    def write(name: str, text: str) -> None:
        (docs / name).write_text(text, encoding="utf-8")

    run("init", "-q")
    for name in ("about.md", "about.fr.md", "a page é.md", "guides/one.md", "old.md", "index.md", "index.fr.md",
                 "@home.md"):
        write(name, f"# {name}\n")
    (repo / ".gitignore").write_text("*.tmp.md\n", encoding="utf-8")
    run("add", ".")
    run("commit", "-q", "-m", "first", when=1_700_000_000)
    write("about.md", "# About, later\n")
    run("commit", "-q", "-am", "second", when=1_700_000_100)

    def change(name: str, text: str, when: int, branch: str = "main") -> None:
        """``name`` changed in a commit at ``when``, on ``branch`` (a new one, made from main), then back on main."""
        if branch != "main":
            run("checkout", "-q", "-b", branch)
        write(name, text)
        run("commit", "-q", "-am", f"{name} on {branch}", when=when)
        run("checkout", "-q", "main")

    change("guides/one.md", "# One, on a branch\n", 1_700_000_200, branch="branch")
    change("a page é.md", "# A page, on main\n", 1_700_000_300)
    run("merge", "-q", "--no-ff", "-m", "merge", "branch", when=1_700_000_400)
    # a conflict resolved in a merge: the page's date is the merge's
    change("index.fr.md", "# Index, on the other branch\n", 1_700_000_500, branch="other")
    change("index.fr.md", "# Index, on main\n", 1_700_000_600)
    subprocess.run([*git, "merge", "-q", "other"], cwd=repo, capture_output=True, check=False)  # a conflict
    write("index.fr.md", "# Index, both\n")
    run("add", ".")
    run("commit", "-q", "-m", "resolved", when=1_700_000_700)
    write("index.md", "# Index, edited\n")  # not committed
    write("new.md", "# New\n")  # not tracked
    write("scratch.tmp.md", "# Ignored\n")
    run("mv", "site docs/old.md", "site docs/renamed.md")  # staged
    run("config", "log.showRoot", "false")  # a setting that would hide the first commit's files from `git log`
    names = ["about.md", "about.fr.md", "a page é.md", "guides/one.md", "renamed.md", "index.md", "new.md",
             "scratch.tmp.md", "missing.md", "index.fr.md", "@home.md"]
    expected = {name: _committed_one_by_one(docs, name) for name in names}
    assert expected["guides/one.md"] == 1_700_000_200 and expected["about.md"] == 1_700_000_100
    assert expected["index.fr.md"] == 1_700_000_700 and expected["@home.md"] == 1_700_000_000
    assert expected["index.md"] == expected["new.md"] == expected["renamed.md"] == float("inf")
    times = commit_times(str(docs), names)
    assert {name: times.get(name) for name in names} == expected
    # before the merges, in a history of one line: the same in one reading of it
    assert {name: commit_times(str(docs), ["about.md", "@home.md", "a page é.md"]).get(name)
            for name in ("about.md", "@home.md")} == {"about.md": 1_700_000_100, "@home.md": 1_700_000_000}
    # outside a repository, git cannot tell: nothing is known
    outside = tmp_path / "outside"
    outside.mkdir()
    (outside / "about.md").write_text("# About\n", encoding="utf-8")
    assert commit_times(str(outside), ["about.md"]) == {}


@pytest.mark.site  # a build of its own, in a git repository of its own
def test_a_reader_sees_the_outdated_notice_on_a_translation_older_than_its_english(tmp_path: Path,
                                                                                   browser) -> None:  # noqa: ANN001
    """End to end, in Chromium: in a copy of the project committed to git, the English about page is committed
    after its French translation; the French about page then says so, and the French home page (committed with
    its English) does not."""
    from playwright.sync_api import expect

    from scripts.build import build_site
    from scripts.settings import Settings
    from tests.conftest import serve

    project = tmp_path / "project"
    shutil.copytree(ROOT, project, ignore=shutil.ignore_patterns(".venv*", ".git", "site", ".site.*", "tests",
                                                                 "build", "benchmark-results"))
    git = ["git", "-c", "user.name=t", "-c", "user.email=t@example.org", "-c", "init.defaultBranch=main"]

    def commit(message: str, when: int) -> None:
        env = {**os.environ, "GIT_COMMITTER_DATE": f"{when} +0000", "GIT_AUTHOR_DATE": f"{when} +0000"}
        subprocess.run([*git, "add", "."], cwd=project, check=True, capture_output=True)
        subprocess.run([*git, "commit", "-q", "-m", message], cwd=project, check=True, capture_output=True, env=env)

    subprocess.run([*git, "init", "-q"], cwd=project, check=True, capture_output=True)
    commit("everything", 1_700_000_000)
    with (project / "docs" / "about.md").open("a", encoding="utf-8") as out:
        out.write("\nA sentence the French translation does not have yet.\n")
    commit("the English about page, later", 1_700_000_100)
    settings = Settings(data_dir=project / "guidelines_data", languages=("fr",), no_paper=True, quiet=True)
    assert build_site(project / "site", settings, project / "mkdocs.yml") == 0
    title = "La version anglaise de cette page a été modifiée après sa traduction"  # fr.po's, of ui.yaml's label
    server = serve(project / "site")
    url = next(server)
    try:
        page = browser.new_page()
        page.goto(url + "fr/about/")
        expect(page.locator("article .admonition.warning .admonition-title")).to_contain_text(title)
        page.goto(url + "fr/")
        expect(page.locator("article")).to_be_visible()
        expect(page.locator("article")).not_to_contain_text(title)
        page.close()
    finally:
        next(server, None)


@pytest.mark.slow  # the date of a page comes from git (git log and git status)
def test_a_hand_written_translation_is_outdated_when_its_english_changes_later(tmp_path: Path) -> None:
    from scripts.staging.languages import outdated_translations

    docs = tmp_path / "docs"
    docs.mkdir()
    (docs / "about.md").write_text("# About\n", encoding="utf-8")
    (docs / "about.fr.md").write_text("# À propos\n", encoding="utf-8")
    git = ["git", "-c", "user.name=t", "-c", "user.email=t@example.org"]
    subprocess.run([*git, "init", "-q"], cwd=docs, check=True)
    subprocess.run([*git, "add", "."], cwd=docs, check=True)
    subprocess.run([*git, "commit", "-q", "-m", "both"], cwd=docs, check=True)
    pairs = [("about.md", "about.fr.md", "about.md")]
    assert outdated_translations(str(docs), pairs) == set()
    (docs / "about.md").write_text("# About this site\n", encoding="utf-8")
    assert outdated_translations(str(docs), pairs) == {"about.md"}
