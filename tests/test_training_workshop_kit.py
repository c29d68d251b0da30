"""``training workshop``: a workshop kit from chosen modules and a date.

The agenda's times come from the minutes in the data; the participant pack carries the lessons, measures,
exercise steps and quiz questions but no model answer and no answer key; the trainer pack carries them. The
pages print: in print media the navigation disappears and each module starts on a new page (screenshots of
a two-module workshop are written to the test's folder for a person to look at).
"""

from __future__ import annotations

import copy
import datetime
import html
import re
import shutil
import subprocess
from pathlib import Path

import pytest

from scripts.training.workshop_kit import (
    COFFEE_MINUTES,
    LUNCH_MINUTES,
    Block,
    build_kit,
    quiz_minutes,
    schedule,
    teaching_blocks,
)
from tests.conftest import DATA, real_dataset, run_cli

DATASET = real_dataset()
LABELS = dict(DATASET.ui.labels)
MODULES = {m.id: m for m in DATASET.training_module}
CHOSEN = ["why-cooperation", "legal-frame"]
MONDAY = datetime.date(2027, 3, 15)


def text_of(page: str) -> str:
    """What a reader sees: the page without tags, entities decoded, spaces collapsed."""
    return " ".join(html.unescape(re.sub(r"<[^>]+>", " ", page)).split())


def phrase(markdown_text: str, words: int = 6) -> str:
    return " ".join(markdown_text.replace("*", "").lstrip("- ").split()[:words])


def minutes(clock: str) -> int:
    h, m = clock.split(":")
    return int(h) * 60 + int(m)


def test_schedule_times_come_from_the_minutes_with_breaks_and_days() -> None:
    blocks = [Block("lesson", f"L{i}", 50) for i in range(10)]  # 500 minutes of teaching: two days
    days = schedule(blocks, MONDAY - datetime.timedelta(days=3), LABELS)  # a Friday: the second day is Monday
    assert [d.date for d in days] == [MONDAY - datetime.timedelta(days=3), MONDAY]
    slots = [s for d in days for s in d.slots]
    assert slots[0].start == "09:00" and slots[0].end == "09:50"
    for day in days:
        for before, after in zip(day.slots, day.slots[1:]):
            assert before.end == after.start  # no gap, no overlap
        for slot in day.slots:
            assert minutes(slot.end) - minutes(slot.start) == slot.block.minutes
            assert minutes(slot.end) <= minutes("17:30")
        kinds = [s.block.kind for s in day.slots]
        assert kinds.count("lunch") <= 1
    breaks = [s for s in slots if s.block.kind in ("coffee", "lunch")]
    assert breaks and all(s.number is None for s in breaks)
    assert {s.block.minutes for s in breaks} <= {COFFEE_MINUTES, LUNCH_MINUTES}
    assert any(s.block.kind == "lunch" for s in slots)
    numbered = [s.number for s in slots if s.number is not None]
    assert numbered == list(range(1, 11))
    with pytest.raises(ValueError, match="longer than a day"):
        schedule([Block("lesson", "too long", 600)], MONDAY, LABELS)


def test_teaching_blocks_follow_the_modules() -> None:
    modules = [MODULES[m] for m in CHOSEN]
    quizzes = {m.id: [q for q in DATASET.training_quiz if q.module == m.id] for m in modules}
    blocks = teaching_blocks(modules, quizzes, LABELS)
    assert blocks[0].kind == "opening" and blocks[-1].kind == "closing"
    total = sum(b.minutes for b in blocks)
    expected = sum(m.duration_minutes for m in modules) + sum(quiz_minutes(q) for qs in quizzes.values() for q in qs)
    assert total == expected + blocks[0].minutes + blocks[-1].minutes
    assert MODULES["legal-frame"].duration_minutes == sum(lesson.minutes for lesson in MODULES["legal-frame"].lessons) \
        + sum(e.minutes for e in MODULES["legal-frame"].exercises)


@pytest.fixture(scope="module")
def kit(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("kit")
    result = run_cli("training", "workshop", "--modules", *CHOSEN, "--date", MONDAY.isoformat(), "--out", str(out),
                     "--lang", "en")
    assert result.returncode == 0, result.stderr
    return out


def test_command_writes_agenda_participant_and_trainer_pack(kit: Path) -> None:
    assert sorted(p.name for p in kit.iterdir()) == ["agenda.en.html", "kit.css", "participant-pack.en.html",
                                                     "trainer-pack.en.html"]
    agenda = (kit / "agenda.en.html").read_text(encoding="utf-8")
    assert "09:00–09:15" in agenda and MONDAY.isoformat() in agenda
    for module in CHOSEN:
        assert MODULES[module].lessons[0].title in agenda
    participant = text_of((kit / "participant-pack.en.html").read_text(encoding="utf-8"))
    trainer = text_of((kit / "trainer-pack.en.html").read_text(encoding="utf-8"))
    for module_id in CHOSEN:
        module = MODULES[module_id]
        first_words = phrase(module.exercises[0].steps[-1].model_answer)
        note_words = phrase(module.instructor_notes)
        assert phrase(module.exercises[0].steps[0].task) in participant
        assert first_words not in participant and first_words in trainer
        assert note_words not in participant and note_words in trainer
    quiz = next(q for q in DATASET.training_quiz if q.module == CHOSEN[0])
    assert quiz.questions[0].prompt in participant and quiz.questions[0].prompt in trainer
    assert LABELS["training.correct_answer"] not in participant and LABELS["training.correct_answer"] in trainer
    assert quiz.questions[0].explanation.split(".")[0] in trainer
    assert quiz.questions[0].explanation.split(".")[0] not in participant
    for name in ("agenda", "participant-pack", "trainer-pack"):
        page = (kit / f"{name}.en.html").read_text(encoding="utf-8")
        assert not re.search(r"(src|href)=\"(https?:)?//", page) and "https://" not in page  # nothing loaded from another host
        assert '<link rel="stylesheet" href="kit.css">' in page


def test_command_refuses_an_unknown_module_and_a_bad_date(tmp_path: Path) -> None:
    result = run_cli("training", "workshop", "--modules", "no-such-module", "--date", "2027-03-15", "--out",
                     str(tmp_path))
    assert result.returncode == 2 and "unknown module no-such-module" in result.stderr
    result = run_cli("training", "workshop", "--modules", CHOSEN[0], "--date", "15/03/2027", "--out", str(tmp_path))
    assert result.returncode == 2 and "expected YYYY-MM-DD" in result.stderr and "Traceback" not in result.stderr


def test_the_kit_follows_the_language() -> None:
    from scripts.i18n.translator import load_translator

    translate = load_translator(DATA, "fr", DATASET.site.default_language)
    files = build_kit(DATASET, CHOSEN, MONDAY, "fr", translate)
    agenda = files["agenda.fr.html"].decode("utf-8")
    assert '<html lang="fr">' in agenda
    title = MODULES[CHOSEN[1]].title
    assert translate(title) != title and translate(title) in agenda


def test_data_markup_is_escaped() -> None:
    module = MODULES["legal-frame"]
    evil = module.model_copy(update={"lessons": [module.lessons[0].model_copy(
        update={"body": "<script>alert(1)</script> and <img src=x onerror=alert(2)>"})] + module.lessons[1:]})
    dataset = copy.copy(DATASET)  # a shallow copy: the shared dataset keeps its modules
    dataset.training_module = [evil if m.id == evil.id else m for m in DATASET.training_module]
    page = build_kit(dataset, ["legal-frame"], MONDAY, "en", lambda t: t)["participant-pack.en.html"].decode()
    assert "<script>" not in page and "<img" not in page and "&lt;script&gt;" in page


@pytest.mark.browser
def test_two_module_workshop_prints(kit: Path, tmp_path: Path, browser) -> None:  # noqa: ANN001
    """Print media: the navigation is hidden, each module starts a page; screenshots and PDFs for a person."""
    page = browser.new_page(viewport={"width": 794, "height": 1123})
    try:
        for name in ("agenda", "participant-pack", "trainer-pack"):
            page.goto((kit / f"{name}.en.html").as_uri())
            page.emulate_media(media="print")
            assert page.locator(".kit-nav").is_hidden()
            breaks = page.locator(".kit-module").evaluate_all("els => els.map(e => getComputedStyle(e).breakBefore)")
            assert all(b == "page" for b in breaks)
            page.screenshot(path=str(tmp_path / f"{name}.png"), full_page=True)
            pdf = tmp_path / f"{name}.pdf"
            page.pdf(path=str(pdf), format="A4", print_background=True)
            if shutil.which("pdftotext"):
                text = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
                assert "09:00" in text
    finally:
        page.close()


@pytest.mark.site  # builds of its own
def test_the_packs_print_to_pdf_in_their_language(tmp_path: Path) -> None:
    """Issue 14 with issue 13: the participant and trainer packs (and the agenda) as PDFs, per language."""
    import io

    import pypdf

    out = tmp_path / "kit"
    result = run_cli("training", "workshop", "--modules", *CHOSEN, "--date", MONDAY.isoformat(), "--out", str(out),
                     "--lang", "ka", "--pdf")
    assert result.returncode == 0, result.stderr
    texts = {}
    for name in ("agenda", "participant-pack", "trainer-pack"):
        reader = pypdf.PdfReader(io.BytesIO((out / f"{name}.ka.pdf").read_bytes()))
        assert 1 <= len(reader.pages) <= 80, name
        texts[name] = " ".join(" ".join((page.extract_text() or "").split()) for page in reader.pages)
        for page in reader.pages:  # every font embedded: the Georgian prints on any machine
            for font in (page.get("/Resources") or {}).get("/Font", {}).values():
                descriptor = font.get_object().get("/FontDescriptor") or next(
                    (d.get_object().get("/FontDescriptor") for d in font.get_object().get("/DescendantFonts", [])),
                    None)
                if descriptor is not None:
                    assert any(k in descriptor.get_object() for k in ("/FontFile", "/FontFile2", "/FontFile3"))
    assert re.search(r"[\u10d0-\u10ff]{4}", texts["participant-pack"]), "the Georgian pack prints Georgian"
    from scripts.i18n.translator import load_translator

    # the instructor notes, in Georgian, are in the trainer pack only
    notes = " ".join(load_translator(DATA, "ka", "en")(MODULES[CHOSEN[0]].instructor_notes).lstrip("- ").split()[:3])
    assert notes in texts["trainer-pack"] and notes not in texts["participant-pack"]
    assert "09:00" in texts["agenda"]
