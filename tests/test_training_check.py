"""``training check`` on the real data and on a corpus of broken quizzes (tests/data/broken_quizzes/).

Each corpus quiz is dropped next to a valid module into a copy of the minimal data set. Every line
that must be reported ends with ``# ERROR``; the check must report exactly those lines, each as
``file:line:column: key.path: message``, and fail.
"""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest
import yaml

from scripts.data.training_coverage import coverage
from tests.conftest import DATA, TEST_DATA, real_dataset, run_cli

CORPUS = TEST_DATA / "broken_quizzes"

#: case -> (key path, fragment of the message) for each problem expected
EXPECTED: dict[str, list[tuple[str, str]]] = {
    "no-correct-option": [("questions[0].options", "no option is marked 'correct: true'")],
    "two-correct-single": [("questions[0].options[1].correct", "needs exactly one correct option, got 2")],
    "duplicate-options": [("questions[0].options[2].text", "duplicate option 'a production order'")],
    "dangling-reference": [("questions[0].measures[1]", "measure 'no-such-measure' does not exist in guidelines.yaml")],
    # issue 10: only a paragraph whose content a source establishes may be cited
    "unestablished-paragraph": [("questions[0].paragraphs[1]", "paragraph 3 is not established (its content is unknown)")],
    "unknown-module": [("module", "module 'no-such-module' does not exist")],
    "missing-explanation": [("questions[0].explanation", "required key 'explanation' is missing")],
    "wrong-keys-for-kind": [("questions[0].kind", "a true-false question needs the key 'answer'"),
                            ("questions[0].kind", "needs the key 'feedback_true'"),
                            ("questions[0].kind", "needs the key 'feedback_false'"),
                            ("questions[0].options", "a true-false question does not use 'options'")],
    "same-position": [("questions", "the correct option of all 3 single-choice questions is option 1")],
    "duplicate-question-id": [("questions[1].id", "duplicate question id 'q1'")],
    "all-options-correct": [("questions[0].options", "every option is marked correct")],
    "unknown-kind": [("questions[0].kind", "expected one of 'single', 'multiple', 'true-false', 'ordering' or 'matching'")],
    "duplicate-steps": [("questions[0].steps[2].text", "duplicate step 'preserve'")],
    "misspelt-key": [("questions[0].feedbak_false", "unknown key 'feedbak_false' (did you mean 'feedback_false'?)")],
}


def error_lines(path: Path) -> set[int]:
    return {n for n, line in enumerate(path.read_text(encoding="utf-8").split("\n"), 1)
            if line.rstrip().endswith("# ERROR")}


@pytest.fixture
def training_data(minimal_data: Path) -> Path:
    """The minimal data set with one valid module and no quiz yet."""
    shutil.copytree(CORPUS / "base", minimal_data / "training")
    (minimal_data / "training" / "quizzes").mkdir()
    return minimal_data


def test_every_corpus_file_has_an_expectation() -> None:
    assert {p.stem for p in CORPUS.glob("*.yaml")} == set(EXPECTED)


def test_base_module_alone_is_valid(training_data: Path) -> None:
    result = run_cli("training", "--data", str(training_data), "check", cwd=training_data)
    assert result.returncode == 0, result.stderr
    assert "1 modules, 0 quizzes" in result.stdout


@pytest.mark.parametrize("case", sorted(EXPECTED))
def test_broken_quiz_gives_precise_messages(case: str, training_data: Path) -> None:
    target = training_data / "training" / "quizzes" / f"{case}.yaml"
    shutil.copyfile(CORPUS / f"{case}.yaml", target)

    result = run_cli("training", "--data", str(training_data), "check", cwd=training_data)

    assert result.returncode == 1, result.stdout
    assert "Traceback" not in result.stderr
    # one quiz cannot examine every measure of the minimal data: coverage problems are not this test's subject
    problems = [line for line in result.stderr.splitlines() if re.match(r"^\S+:\d+:\d+: ", line)
                and "is examined by no quiz question" not in line]
    assert len(problems) == len(EXPECTED[case]), result.stderr
    reported = {int(line.split(":")[1]) for line in problems}
    assert all(line.startswith(f"training/quizzes/{case}.yaml:") for line in problems), result.stderr
    assert reported == error_lines(target), result.stderr
    for key_path, fragment in EXPECTED[case]:
        assert any(f": {key_path}: " in p and fragment in p for p in problems), (key_path, fragment, result.stderr)


def test_file_name_must_match_quiz_id(training_data: Path) -> None:
    source = (CORPUS / "unknown-module.yaml").read_text(encoding="utf-8")
    fixed = source.replace("module: no-such-module  # ERROR", "module: basics")
    (training_data / "training" / "quizzes" / "renamed.yaml").write_text(fixed, encoding="utf-8")
    result = run_cli("training", "--data", str(training_data), "check", cwd=training_data)
    assert result.returncode == 1
    assert "training/quizzes/renamed.yaml:1:1: id: the id 'unknown-module' differs from the file name 'renamed.yaml'" in result.stderr


def test_module_prerequisite_must_exist(training_data: Path) -> None:
    path = training_data / "training" / "modules" / "basics.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace("order: 1\n", "order: 1\nprerequisites: [missing]\n"))
    result = run_cli("training", "--data", str(training_data), "check", cwd=training_data)
    assert result.returncode == 1
    assert "prerequisites[0]: module 'missing' does not exist" in result.stderr


# --- the real data -------------------------------------------------------------------------------------

@pytest.fixture(scope="module")
def dataset():
    return real_dataset()


def test_real_training_data_passes_the_check() -> None:
    result = run_cli("training", "check")
    assert result.returncode == 0, result.stderr
    assert re.search(r"(\d+) modules, (\d+) quizzes, (\d+) questions", result.stdout)


def test_real_data_has_the_content_the_issue_asks_for(dataset) -> None:  # noqa: ANN001
    modules, quizzes = dataset.training_module, dataset.training_quiz
    assert len(modules) >= 6
    questions = [q for quiz in quizzes for q in quiz.questions]
    assert len(questions) >= 60
    assert {q.kind for q in questions} == {"single", "multiple", "true-false", "ordering", "matching"}
    assert {m.id for m in modules} <= {quiz.module for quiz in quizzes}, "every module has a quiz"
    for module in modules:
        assert all(e.steps and all(s.model_answer.strip() for s in e.steps) for e in module.exercises)
        assert module.instructor_notes.strip()
        assert module.objectives and module.key_points and module.lessons
    for question in questions:
        assert question.explanation.strip() and question.has_references()
    audiences = {a for m in modules for a in m.audience}
    assert {"law-enforcement", "service-providers", "prosecutors", "mixed"} <= audiences


def test_real_data_covers_every_measure(dataset) -> None:  # noqa: ANN001
    report = coverage(dataset.training_module, dataset.training_quiz,
                      [m.id for m in dataset.guidelines.ordered_measures()])
    assert len(report.measures) == 24
    assert report.untaught() == [] and report.unexamined() == []


def test_no_question_cites_an_unestablished_paragraph(dataset) -> None:  # noqa: ANN001
    established = dataset.guidelines.established_numbers()
    cited = {n for quiz in dataset.training_quiz for q in quiz.questions for n in q.paragraphs}
    cited |= {n for m in dataset.training_module for item in [m, *m.exercises, *m.lessons] for n in item.paragraphs}
    assert cited <= established, sorted(cited - established)


def test_coverage_command_reports_and_fails_on_a_gap(tmp_path: Path) -> None:
    result = run_cli("training", "coverage")
    assert result.returncode == 0, result.stderr
    assert "24 measures: 0 not taught, 0 not examined" in result.stdout

    data = tmp_path / "data"
    shutil.copytree(DATA, data)
    quiz_file = data / "training" / "quizzes" / "making-a-request-quiz.yaml"
    quiz = yaml.safe_load(quiz_file.read_text(encoding="utf-8"))
    examined_elsewhere = {m for f in (data / "training" / "quizzes").glob("*.yaml") if f != quiz_file
                          for q in yaml.safe_load(f.read_text(encoding="utf-8"))["questions"]
                          for m in q.get("measures", [])}
    only_here = sorted({m for q in quiz["questions"] for m in q.get("measures", [])} - examined_elsewhere)
    assert only_here, "the test needs a measure examined by this quiz alone"
    quiz_file.unlink()
    result = run_cli("training", "--data", str(data), "check")
    assert result.returncode == 1
    assert f"measure {only_here[0]!r} is examined by no quiz question" in result.stderr


def test_correct_answers_are_spread_over_positions(dataset) -> None:  # noqa: ANN001
    positions = [q.correct_indexes()[0] for quiz in dataset.training_quiz for q in quiz.questions
                 if q.kind == "single"]
    assert len(set(positions)) >= 3
    assert max(positions.count(p) for p in set(positions)) / len(positions) <= 0.5


def test_validate_and_check_report_the_same_problem(training_data: Path) -> None:
    """The training checks are part of the data checks: `validate` (and so the build) fails on them too."""
    shutil.copyfile(CORPUS / "no-correct-option.yaml", training_data / "training" / "quizzes" / "no-correct-option.yaml")
    check = run_cli("training", "--data", str(training_data), "check", cwd=training_data)
    validate = run_cli("validate", "--data", str(training_data), cwd=training_data)
    assert validate.returncode == check.returncode == 1
    assert validate.stderr == check.stderr
