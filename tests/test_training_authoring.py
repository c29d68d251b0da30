"""The authoring checks of ``training check``: answer-length bias and correct options that echo the stem.

Each case copies the real data, breaks one quiz on purpose, and expects the check to fail with a
positioned message; the real data itself passes.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
import yaml

from scripts.data.checks_training import LENGTH_BIAS_MAX_SHARE, longest_is_correct, stem_words
from tests.conftest import DATA, real_dataset, run_cli

QUIZ = "why-cooperation-quiz"


@pytest.fixture
def data_copy(tmp_path: Path) -> Path:
    target = tmp_path / "data"
    shutil.copytree(DATA, target, ignore=shutil.ignore_patterns("locales"))
    return target


def quiz_file(data: Path) -> Path:
    return data / "training" / "quizzes" / f"{QUIZ}.yaml"


def test_the_real_quizzes_pass_the_authoring_checks() -> None:
    # `training check` passing on the real data is test_training_check.py::test_real_training_data_passes_the_check
    for quiz in real_dataset().training_quiz:
        singles = [q for q in quiz.questions if q.kind == "single"]
        share = sum(longest_is_correct(q) for q in singles) / len(singles)
        assert share <= LENGTH_BIAS_MAX_SHARE, (quiz.id, share)


def test_check_reports_a_quiz_whose_right_answers_are_the_longest(data_copy: Path) -> None:
    path = quiz_file(data_copy)
    text = path.read_text(encoding="utf-8")
    quiz = yaml.safe_load(text)
    padded = []
    for question in quiz["questions"]:
        if question["kind"] != "single":
            continue
        right = next(o for o in question["options"] if o.get("correct"))
        longest = max(len(o["text"]) for o in question["options"])
        old = right["text"]
        new = old + " and so on" * (1 + (longest - len(old)) // 10 + 1)
        assert text.count(f"text: {old}\n") == 1, old
        text = text.replace(f"text: {old}\n", f"text: {new}\n")
        padded.append(question["id"])
    path.write_text(text, encoding="utf-8")

    result = run_cli("training", "--data", str(data_copy), "check", cwd=data_copy)

    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    line = next(line for line in result.stderr.splitlines() if "answer-length bias" in line)
    assert line.startswith(f"training/quizzes/{QUIZ}.yaml:") and ": questions: " in line
    assert f"the correct option is the longest in {len(padded)} of {len(padded)} single-choice questions" in line
    assert all(qid in line for qid in padded)


def test_check_reports_a_right_option_that_echoes_the_stem(data_copy: Path) -> None:
    path = quiz_file(data_copy)
    quiz = yaml.safe_load(path.read_text(encoding="utf-8"))
    index, question = next((i, q) for i, q in enumerate(quiz["questions"]) if q["kind"] == "single")
    right_index = next(i for i, o in enumerate(question["options"]) if o.get("correct"))
    word = "zebrafish"
    text = path.read_text(encoding="utf-8")
    text = text.replace(f"prompt: {question['prompt']}\n", f"prompt: {question['prompt'].rstrip('?')} zebrafish?\n", 1)
    old = question["options"][right_index]["text"]
    text = text.replace(f"text: {old}\n", f"text: {old} ({word})\n", 1)
    path.write_text(text, encoding="utf-8")

    result = run_cli("training", "--data", str(data_copy), "check", cwd=data_copy)

    assert result.returncode == 1
    assert f": questions[{index}].options[{right_index}].text: the correct option repeats words of the question " \
           f"({word})" in result.stderr


def test_stem_words_ignore_small_words_and_fold_plurals() -> None:
    assert stem_words("Which of the requests are urgent?") == {"request", "urgent"}
