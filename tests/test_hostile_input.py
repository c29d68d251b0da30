"""Issue 17, no traceback on any input: hostile and careless catalogs, links, loops and stray files in the data
folder, problems in several files at once, interrupted builds. (The YAML corpus is tests/data/broken/, run by
test_validation.py; this file runs it through the build as well.)"""

from __future__ import annotations

import os
import re
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from scripts.build import remove_stale_folders
from tests.conftest import ROOT, TEST_DATA, run_cli, run_cli_process
from tests.test_i18n_catalogs import with_french

HOSTILE_PO = TEST_DATA / "i18n" / "hostile"
BROKEN = TEST_DATA / "broken"


def error_lines(path: Path) -> set[int]:
    return {n for n, line in enumerate(path.read_bytes().split(b"\n"), 1) if b"ERROR" in line and n > 1}


# --- catalogs ------------------------------------------------------------------------------------------------

@pytest.mark.parametrize("corpus", sorted(HOSTILE_PO.glob("*.po")), ids=lambda p: p.stem)
def test_i18n_check_reports_every_hostile_or_broken_catalog_entry_at_its_line(corpus: Path,
                                                                              minimal_data: Path) -> None:
    data = with_french(minimal_data, corpus)
    result = run_cli("i18n", "--data", str(data), "check", cwd=data)
    assert result.returncode == 1, result.stdout + result.stderr
    assert "Traceback" not in result.stderr + result.stdout
    reported = {int(m) for m in re.findall(r"fr\.po:(\d+): ", result.stderr)}
    assert reported == error_lines(corpus), result.stderr


def test_hostile_translations_are_named_with_their_msgid(minimal_data: Path) -> None:
    data = with_french(minimal_data, HOSTILE_PO / "markup.fr.po")
    stderr = run_cli("i18n", "--data", str(data), "check", cwd=data).stderr
    for msgid, what in [("Purpose", "raw HTML (<script"), ("The purpose of the test guidelines.", "'javascript:'"),
                        ("Cooperation culture", "attribute list"), ("Both sides cooperate.", "an image"),
                        ("Measures for both.", "control character")]:
        assert re.search(rf"fr\.po:\d+: msgid {re.escape(repr(msgid))}: the translation holds .*{re.escape(what)}",
                         stderr), (msgid, stderr)


def test_a_hostile_translation_is_never_shown() -> None:
    import polib

    from scripts.i18n.translator import Status, Translator

    catalog = polib.pofile(str(HOSTILE_PO / "markup.fr.po"))
    translate = Translator("fr", catalog)
    assert translate("Purpose") == "Purpose"  # the English, not the script
    assert translate.status("Purpose") is Status.MISSING


@pytest.mark.site  # builds of its own
@pytest.mark.parametrize("corpus", sorted(p for p in HOSTILE_PO.glob("*.po") if p.stem != "markup.fr"),
                         ids=lambda p: p.stem)
def test_a_broken_catalog_stops_the_build_with_its_line_and_keeps_the_site(corpus: Path, minimal_data: Path,
                                                                          tmp_path: Path) -> None:
    data = with_french(minimal_data, corpus)
    site = tmp_path / "site"
    site.mkdir()
    (site / "index.html").write_text("previous site", encoding="utf-8")
    result = run_cli_process("build", "--site-dir", str(site), "--data", str(data), "--jobs", "1")
    assert result.returncode != 0
    assert "Traceback" not in result.stdout + result.stderr
    line = min(error_lines(corpus))
    assert re.search(rf"fr\.po:{line}: ", result.stderr), result.stderr
    assert (site / "index.html").read_text(encoding="utf-8") == "previous site"
    assert not list(tmp_path.glob(".site.*")), "the build left temporary folders behind"


# --- the YAML corpus through the build -------------------------------------------------------------------------

@pytest.mark.parametrize("corpus", sorted(BROKEN.glob("*.yaml")), ids=lambda p: p.name.split(".")[0])
def test_build_never_prints_a_traceback_for_a_corpus_file(corpus: Path, minimal_data: Path, tmp_path: Path) -> None:
    shutil.copyfile(corpus, minimal_data / (corpus.name.split(".")[1] + ".yaml"))
    result = run_cli("build", "--site-dir", str(tmp_path / "site"), "--data", str(minimal_data), cwd=minimal_data)
    assert result.returncode == 1
    assert "Traceback" not in result.stdout + result.stderr
    assert re.search(r"^\S+\.yaml:\d+:\d+: ", result.stderr, re.MULTILINE), result.stderr
    assert not (tmp_path / "site").exists()


# --- the data folder -------------------------------------------------------------------------------------------

def test_links_loops_and_stray_files_in_the_data_folder_are_reported(minimal_data: Path) -> None:
    (minimal_data / "countries").mkdir()
    (minimal_data / "countries" / "loop").symlink_to("loop")
    (minimal_data / "countries" / "itself").symlink_to("..")
    (minimal_data / "practices").symlink_to("/etc")
    (minimal_data / "convention.yml").write_text("articles: []\n", encoding="utf-8")
    (minimal_data / "countries" / "notes.txt").write_text("notes\n", encoding="utf-8")
    (minimal_data / "stray.yaml").write_text("a: 1\n", encoding="utf-8")
    result = run_cli("validate", "--data", str(minimal_data), cwd=minimal_data)
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    for name, what in [("countries/loop", "a link in the data folder"),
                       ("countries/itself", "a link in the data folder"),
                       ("practices", "a link in the data folder"),
                       ("convention.yml", "rename it to .yaml"),
                       ("countries/notes.txt", "unexpected file in the data folder (.txt)"),
                       ("stray.yaml", "no kind of data is read from here")]:
        assert re.search(rf"^{re.escape(name)}:1:1: .*{re.escape(what)}", result.stderr, re.MULTILINE), \
            (name, result.stderr)
    assert "6 problems found" in result.stderr


def test_schema_errors_do_not_hide_reference_checks_elsewhere(minimal_data: Path) -> None:
    """Broken guidelines: their own problem, and in the same run the convention's duplicate article and the
    glossary's reference to the article that is gone (checks that do not read the guidelines); nothing that
    refers to paragraphs is reported as dangling, since the paragraphs did not load."""
    shutil.copyfile(BROKEN / "wrong-type.guidelines.yaml", minimal_data / "guidelines.yaml")
    convention = minimal_data / "convention.yaml"
    text = convention.read_text(encoding="utf-8")
    numbers = re.findall(r"number: (\d+)", text)
    convention.write_text(text.replace(f"number: {numbers[1]}", f"number: {numbers[0]}"), encoding="utf-8")
    result = run_cli("validate", "--data", str(minimal_data), cwd=minimal_data)
    assert result.returncode == 1
    assert "guidelines.yaml:" in result.stderr and "expected a whole number" in result.stderr
    assert re.search(r"convention\.yaml:\d+:\d+: articles\[1\]\.number: duplicate article", result.stderr), \
        result.stderr
    assert re.search(r"glossary\.yaml:\d+:\d+: terms\[0\]\.articles\[0\]: article 18 does not exist",
                     result.stderr), result.stderr
    assert "paragraph" not in result.stderr.replace("paragraphs[3].number", "")
    assert "3 problems found" in result.stderr


# --- interrupted builds ----------------------------------------------------------------------------------------

def a_pid_without_a_process() -> int:
    """The pid of a process that is gone, as a killed build's would be (found without starting one)."""
    pid_max = int(Path("/proc/sys/kernel/pid_max").read_text()) if Path("/proc/sys/kernel/pid_max").is_file() \
        else 32768
    for pid in range(pid_max - 1, 1, -1):
        try:
            os.kill(pid, 0)
        except ProcessLookupError:
            return pid
        except OSError:
            continue
    raise AssertionError("every pid is taken")


def test_a_killed_build_leaves_nothing_behind_after_the_next_build(tmp_path: Path) -> None:
    site = tmp_path / "site"
    pid = a_pid_without_a_process()
    for name in (f".site.en-{pid}", f".site.new-{pid}"):
        (tmp_path / name).mkdir()
        (tmp_path / name / "index.html").write_text("half built", encoding="utf-8")
    (tmp_path / f".site.old-{pid}").mkdir()  # killed between moving the site aside and moving the new one in
    (tmp_path / f".site.old-{pid}" / "index.html").write_text("previous site", encoding="utf-8")
    (tmp_path / f".site.fr-{os.getpid()}").mkdir()  # a build still running: left alone
    remove_stale_folders(site)
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted([f".site.fr-{os.getpid()}", "site"])
    assert (site / "index.html").read_text(encoding="utf-8") == "previous site"


@pytest.mark.site  # builds of its own
def test_a_terminated_build_removes_its_temporary_folders(tmp_path: Path) -> None:
    site = tmp_path / "site"
    process = subprocess.Popen([sys.executable, "-m", "scripts", "build", "--quiet", "--site-dir", str(site),
                                "--data", str(TEST_DATA / "minimal")], cwd=ROOT, stdout=subprocess.PIPE,
                               stderr=subprocess.PIPE, text=True, env={**os.environ, "GUIDELINES_NO_CACHE": "1"})
    deadline = time.monotonic() + 120
    while not list(tmp_path.glob(".site.*")) and time.monotonic() < deadline and process.poll() is None:
        time.sleep(0.05)
    assert process.poll() is None, "the build ended before it could be interrupted"
    process.send_signal(signal.SIGTERM)
    _, stderr = process.communicate(timeout=120)
    assert process.returncode != 0
    assert "Traceback" not in stderr
    assert not list(tmp_path.glob(".site.*")), list(tmp_path.iterdir())
    assert not site.exists()
