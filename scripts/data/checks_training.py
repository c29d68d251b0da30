"""Cross-checks for training modules and quizzes.

Registered as the checks of the ``training_module`` and ``training_quiz`` collections, so that
``validate``, the build and ``training check`` all report the same problems, each positioned at the
key that is wrong: a valid answer key for every question, unique options, references that exist, an
explanation, correct answers spread over positions, and the coverage of the 24 measures.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING

from scripts.data.crossrefs import article_numbers, guideline_references, references, term_ids, unique
from scripts.data.problems import Problem, display_path
from scripts.data.training_coverage import coverage

if TYPE_CHECKING:
    from scripts.data.records import Dataset
    from scripts.data.models.training import Module, Question, Quiz
    from scripts.data.yamlsource import YamlDocument

MIN_OPTIONS, MAX_OPTIONS = 2, 8
MIN_STEPS, MAX_STEPS = 3, 8
#: with at least this many single-choice questions, a quiz may not put every correct answer in one position
SPREAD_MIN_QUESTIONS = 3
#: across all quizzes, no position may hold more than this share of the single-choice correct answers
SPREAD_MAX_SHARE = 0.5
SPREAD_MIN_TOTAL = 10
#: a quiz's correct single-choice option may be the longest in at most this share of its single-choice questions
LENGTH_BIAS_MAX_SHARE = 0.4
LENGTH_BIAS_MIN_QUESTIONS = 3

KIND_KEYS = {
    "single": {"options"},
    "multiple": {"options"},
    "true-false": {"answer", "feedback_true", "feedback_false"},
    "ordering": {"steps"},
    "matching": {"pairs"},
}
OPTIONAL_KEYS = {"options", "answer", "feedback_true", "feedback_false", "steps", "pairs"}
MIN_PAIRS, MAX_PAIRS = 3, 8


def _modules(dataset: Dataset) -> list[Module]:
    return list(dataset.training_module)


def _quizzes(dataset: Dataset) -> list[Quiz]:
    return list(dataset.training_quiz)


def normalise(text: str) -> str:
    """Option texts that differ only in case, spacing or final punctuation count as duplicates."""
    return re.sub(r"\s+", " ", text).strip().rstrip(".!?;:").casefold()


# --- modules -------------------------------------------------------------------------------------------

def check_modules(dataset: Dataset) -> Iterator[Problem]:
    modules = _modules(dataset)
    documents = dataset.documents("training_module")
    articles, terms = article_numbers(dataset), term_ids(dataset)
    ids = {m.id for m in modules}

    yield from _unique_across(documents, [m.id for m in modules], ("id",), "module id")
    yield from _unique_across(documents, [m.order for m in modules], ("order",), "module order")
    for module, doc in zip(modules, documents):
        yield from _id_matches_file(doc, module.id)
        yield from unique(doc, module.lessons, lambda lesson: lesson.id, ("lessons",), "id", "lesson id")
        if "mixed" in module.audience and len(module.audience) > 1:
            yield doc.problem(("audience",), "'mixed' already means every audience; list it alone or list the "
                                             "audiences one by one")
        for index, prerequisite in enumerate(module.prerequisites):
            if prerequisite == module.id:
                yield doc.problem(("prerequisites", index), "a module cannot be its own prerequisite")
            elif prerequisite not in ids:
                yield doc.problem(("prerequisites", index),
                                  f"module {prerequisite!r} does not exist in guidelines_data/training/modules/")
        yield from guideline_references(dataset, doc, module, ())
        for li, lesson in enumerate(module.lessons):
            yield from guideline_references(dataset, doc, lesson, ("lessons", li))
        for ei, exercise in enumerate(module.exercises):
            yield from guideline_references(dataset, doc, exercise, ("exercises", ei))
        yield from references(doc, module.articles, ("articles",), articles, "article", "the convention data")
        yield from references(doc, module.terms, ("terms",), terms, "term", "the glossary")
        for key in ("measures", "sections", "paragraphs"):
            linked = set(getattr(module, key))
            for li, lesson in enumerate(module.lessons):
                for pi, value in enumerate(getattr(lesson, key)):
                    if value not in linked:
                        yield doc.problem(("lessons", li, key, pi),
                                          f"{value!r} is taught here but missing from the module's '{key}' list; "
                                          f"add it there")
    yield from _prerequisite_cycles(modules, documents)


def _prerequisite_cycles(modules: list[Module], documents: list[YamlDocument]) -> Iterator[Problem]:
    graph = {m.id: list(m.prerequisites) for m in modules}
    where = {m.id: doc for m, doc in zip(modules, documents)}
    reported: set[frozenset] = set()
    for start in graph:
        stack = [(start, [start])]
        while stack:
            node, path = stack.pop()
            for nxt in graph.get(node, []):
                if nxt == start and len(path) > 1:
                    cycle = frozenset(path)
                    if cycle not in reported:
                        reported.add(cycle)
                        yield where[start].problem(("prerequisites",), "prerequisites go round in a circle: "
                                                   + " -> ".join(path + [start]))
                elif nxt in graph and nxt not in path:
                    stack.append((nxt, path + [nxt]))


# --- quizzes -------------------------------------------------------------------------------------------

#: Moodle's columns: a category's and a question's name hold 255 characters, a question's idnumber 100
MOODLE_NAME_MAX = 255
MOODLE_IDNUMBER_MAX = 100


def moodle_limits(doc: YamlDocument, quiz: Quiz, title: str | None = None, language: str = "") -> Iterator[Problem]:
    """What the exports write into Moodle's length-limited columns: the quiz title as the category name
    (``title``: a translation of it), ``<quiz id>/<question id>`` as each question's name and idnumber."""
    title = quiz.title if title is None else title
    if len(title) > MOODLE_NAME_MAX:
        where = f"the {language} translation of the title" if language else "the title"
        yield doc.problem(("title",), f"{where} has {len(title)} characters; Moodle's category names hold at "
                                      f"most {MOODLE_NAME_MAX}: shorten it")
    if language:
        return
    for qi, question in enumerate(quiz.questions):
        name = f"{quiz.id}/{question.id}"
        if len(name) > MOODLE_IDNUMBER_MAX:
            yield doc.problem(("questions", qi, "id"), f"the export names this question {name!r} "
                                                      f"({len(name)} characters); Moodle's question idnumber holds "
                                                      f"at most {MOODLE_IDNUMBER_MAX}: shorten the quiz or question id")


def check_quizzes(dataset: Dataset) -> Iterator[Problem]:
    quizzes = _quizzes(dataset)
    documents = dataset.documents("training_quiz")
    module_ids = {m.id for m in _modules(dataset)}

    yield from _unique_across(documents, [q.id for q in quizzes], ("id",), "quiz id")
    for quiz, doc in zip(quizzes, documents):
        yield from _id_matches_file(doc, quiz.id)
        if quiz.module not in module_ids:
            yield doc.problem(("module",), f"module {quiz.module!r} does not exist in "
                                           f"guidelines_data/training/modules/")
        yield from unique(doc, quiz.questions, lambda q: q.id, ("questions",), "id", "question id")
        for qi, question in enumerate(quiz.questions):
            path = ("questions", qi)
            yield from guideline_references(dataset, doc, question, path)
            yield from check_question(doc, question, path)
            yield from _stem_echo(doc, question, path)
        yield from moodle_limits(doc, quiz)
        yield from _spread_in_quiz(doc, quiz)
        yield from _length_bias(doc, quiz)
    yield from _spread_overall(quizzes, documents)
    yield from check_coverage(dataset)


def check_question(doc: YamlDocument, question: Question, path: tuple) -> Iterator[Problem]:
    """The answer key and the keys that belong to the question's kind."""
    needed = KIND_KEYS[question.kind]
    for key in sorted(needed):
        if getattr(question, key) is None:
            yield doc.problem(path + ("kind",), f"a {question.kind} question needs the key '{key}'")
    for key in sorted(OPTIONAL_KEYS - needed):
        if getattr(question, key) is not None:
            yield doc.problem(path + (key,), f"a {question.kind} question does not use '{key}'; "
                                             f"expected only: {', '.join(sorted(needed))}")
    if not question.explanation.strip():
        yield doc.problem(path + ("explanation",), "the explanation is empty; say why the answer is right")

    if question.kind in ("single", "multiple") and question.options is not None:
        options = question.options
        if not MIN_OPTIONS <= len(options) <= MAX_OPTIONS:
            yield doc.problem(path + ("options",), f"expected {MIN_OPTIONS} to {MAX_OPTIONS} options, "
                                                   f"got {len(options)}")
        yield from unique(doc, options, lambda o: normalise(o.text), path + ("options",), "text", "option")
        correct = question.correct_indexes()
        if not correct:
            yield doc.problem(path + ("options",), "no option is marked 'correct: true'; the question has "
                                                   "no valid answer key")
        elif question.kind == "single" and len(correct) > 1:
            yield doc.problem(path + ("options", correct[1], "correct"),
                              f"a single-choice question needs exactly one correct option, got {len(correct)} "
                              f"(options {', '.join(str(i + 1) for i in correct)}); use kind 'multiple' "
                              f"or unmark all but one")
        elif question.kind == "multiple" and len(correct) == len(options):
            yield doc.problem(path + ("options",), "every option is marked correct; a multiple-choice question "
                                                   "needs at least one wrong option")
        for oi, option in enumerate(options):
            if not option.feedback.strip():
                yield doc.problem(path + ("options", oi, "feedback"), "the feedback is empty")

    if question.kind == "ordering" and question.steps is not None:
        steps = question.steps
        if not MIN_STEPS <= len(steps) <= MAX_STEPS:
            yield doc.problem(path + ("steps",), f"expected {MIN_STEPS} to {MAX_STEPS} steps, got {len(steps)}")
        yield from unique(doc, steps, lambda s: normalise(s.text), path + ("steps",), "text", "step")

    if question.kind == "matching" and question.pairs is not None:
        pairs = question.pairs
        if not MIN_PAIRS <= len(pairs) <= MAX_PAIRS:
            yield doc.problem(path + ("pairs",), f"expected {MIN_PAIRS} to {MAX_PAIRS} pairs, got {len(pairs)}")
        yield from unique(doc, pairs, lambda p: normalise(p.item), path + ("pairs",), "item", "item")
        yield from unique(doc, pairs, lambda p: normalise(p.answer), path + ("pairs",), "answer", "answer")


def _spread_in_quiz(doc: YamlDocument, quiz: Quiz) -> Iterator[Problem]:
    singles = [q for q in quiz.questions if q.kind == "single" and len(q.correct_indexes()) == 1]
    positions = {q.correct_indexes()[0] for q in singles}
    if len(singles) >= SPREAD_MIN_QUESTIONS and len(positions) == 1:
        yield doc.problem(("questions",), f"the correct option of all {len(singles)} single-choice questions is "
                                          f"option {positions.pop() + 1}; vary the position of correct answers")
    answers = [q.answer for q in quiz.questions if q.kind == "true-false" and q.answer is not None]
    if len(answers) >= 4 and len(set(answers)) == 1:
        yield doc.problem(("questions",), f"all {len(answers)} true-false questions have the answer "
                                          f"{str(answers[0]).lower()}; vary the answers")


def longest_is_correct(question: Question) -> bool:
    """True when the one correct option is strictly longer than every other option."""
    options = question.options or []
    correct = question.correct_indexes()
    if len(correct) != 1 or len(options) < 2:
        return False
    length = len(options[correct[0]].text.strip())
    return all(length > len(o.text.strip()) for i, o in enumerate(options) if i != correct[0])


def _length_bias(doc: YamlDocument, quiz: Quiz) -> Iterator[Problem]:
    """A quiz whose correct options tend to be the longest teaches learners to pick the longest option."""
    singles = [(qi, q) for qi, q in enumerate(quiz.questions) if q.kind == "single" and len(q.correct_indexes()) == 1]
    longest = [(qi, q) for qi, q in singles if longest_is_correct(q)]
    if len(singles) >= LENGTH_BIAS_MIN_QUESTIONS and len(longest) / len(singles) > LENGTH_BIAS_MAX_SHARE:
        ids = ", ".join(q.id for _, q in longest)
        yield doc.problem(("questions",), f"answer-length bias: the correct option is the longest in {len(longest)} of "
                                          f"{len(singles)} single-choice questions ({ids}); at most "
                                          f"{int(LENGTH_BIAS_MAX_SHARE * 100)}% may be; lengthen the wrong options "
                                          f"or shorten the right ones")


STOP_WORDS = frozenset("""
a about above after again against all also an and any are as at be because been before being below between both
but by can could did do does doing down during each few for from further had has have having he her here hers him
his how i if in into is it its itself just may me might more most must my no nor not now of off on once only or
other our ours out over own same shall she should so some such than that the their theirs them then there these
they this those through to too under until up very was we were what when where which while who whom why will with
would you your yours one two three first second every many much which whose within without already yet still
""".split())


def stem_words(text: str) -> set[str]:
    """The content words of a text, folded to a crude stem (case, plural -s) so that 'request' matches 'requests'."""
    words = set()
    for word in re.findall(r"[^\W\d_]+", text.casefold()):
        if len(word) < 4 or word in STOP_WORDS:
            continue
        words.add(word[:-1] if word.endswith("s") and len(word) > 4 else word)
    return words


def _stem_echo(doc: YamlDocument, question: Question, path: tuple) -> Iterator[Problem]:
    """A correct option that repeats words of the stem which no wrong option repeats gives itself away
    (a "clang" cue): the learner can match words instead of knowing the answer."""
    if question.kind not in ("single", "multiple") or not question.options:
        return
    stem = stem_words(question.prompt)
    wrong = set().union(*(stem_words(o.text) for o in question.options if not o.correct))
    for oi, option in enumerate(question.options):
        if not option.correct:
            continue
        own = (stem & stem_words(option.text)) - wrong
        if own:
            words = ", ".join(sorted(own))
            yield doc.problem(path + ("options", oi, "text"),
                              f"the correct option repeats words of the question ({words}) that no wrong option "
                              f"uses, which gives it away; reword it, or use those words in a wrong option too")


def _spread_overall(quizzes: list[Quiz], documents: list[YamlDocument]) -> Iterator[Problem]:
    counts: Counter[int] = Counter()
    for quiz in quizzes:
        for question in quiz.questions:
            if question.kind == "single" and len(question.correct_indexes()) == 1:
                counts[question.correct_indexes()[0]] += 1
    total = sum(counts.values())
    if total >= SPREAD_MIN_TOTAL and documents:
        position, count = counts.most_common(1)[0]
        if count / total > SPREAD_MAX_SHARE:
            folder = display_path(Path(documents[0].path).parent)
            yield Problem(folder, 1, 1, "", f"{count} of {total} single-choice questions have their correct "
                                            f"answer in position {position + 1}; at most "
                                            f"{int(SPREAD_MAX_SHARE * 100)}% may share one position")


def check_coverage(dataset: Dataset) -> Iterator[Problem]:
    """Every measure must be taught by a lesson and examined by a question."""
    modules, quizzes = _modules(dataset), _quizzes(dataset)
    if not modules or not quizzes:
        return
    report = coverage(modules, quizzes, [m.id for m in dataset.guidelines.ordered_measures()])
    module_dir = display_path(Path(dataset.documents("training_module")[0].path).parent)
    quiz_dir = display_path(Path(dataset.documents("training_quiz")[0].path).parent)
    for measure in report.untaught():
        yield Problem(module_dir, 1, 1, "", f"measure {measure!r} is taught by no module lesson; every measure "
                                            f"must be taught")
    for measure in report.unexamined():
        yield Problem(quiz_dir, 1, 1, "", f"measure {measure!r} is examined by no quiz question; every measure "
                                          f"must be examined")


# --- helpers -------------------------------------------------------------------------------------------

def _unique_across(documents: list[YamlDocument], values: list, path: tuple, what: str) -> Iterator[Problem]:
    first: dict[object, YamlDocument] = {}
    for doc, value in zip(documents, values):
        if value in first:
            other = first[value]
            yield doc.problem(path, f"duplicate {what} {value!r} (already used in {other.name}:"
                                    f"{other.position(path)[0]}); each must be unique")
        else:
            first[value] = doc


def _id_matches_file(doc: YamlDocument, record_id: str) -> Iterator[Problem]:
    stem = Path(doc.path).name.removesuffix(".yaml")
    if stem != record_id:
        yield doc.problem(("id",), f"the id {record_id!r} differs from the file name '{stem}.yaml'; "
                                   f"name the file after the id")
