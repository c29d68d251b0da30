"""The training pages in Debian's Chromium: quizzes, progress, the trainer view; all local, no server.

The expected texts come from ui.yaml and the quiz data, so the tests follow the data.
"""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from scripts.training.shuffle import display_order
from tests.conftest import real_dataset

pytestmark = pytest.mark.browser

DATASET = real_dataset()
LABELS = DATASET.ui.labels
QUIZZES = {q.id: q for q in DATASET.training_quiz}
STORE_KEY = "lea-isp-training-progress"


def fill(template: str, **values: object) -> str:
    for key, value in values.items():
        template = template.replace("{" + key + "}", str(value))
    return template


def quiz_url(site_url: str, quiz_id: str) -> str:
    return f"{site_url}training/quizzes/{quiz_id}/"


def form(page, quiz_id: str, question_id: str):  # noqa: ANN001, ANN201
    return page.locator(f"form[id='{quiz_id}--{question_id}']")


def first_single(quiz_id: str):  # noqa: ANN201
    return next(q for q in QUIZZES[quiz_id].questions if q.kind == "single")


def test_wrong_then_right_answer_gives_feedback_and_score(site_url: str, recorded_page) -> None:  # noqa: ANN001
    page = recorded_page.page
    quiz = QUIZZES["why-cooperation-quiz"]
    question = first_single(quiz.id)
    right = question.correct_indexes()[0]
    wrong = next(i for i in range(len(question.options)) if i != right)
    page.goto(quiz_url(site_url, quiz.id))
    q = form(page, quiz.id, question.id)
    score = page.locator(".quiz-score")

    q.locator(f"input[value='{wrong}']").check()
    q.get_by_role("button", name=LABELS["training.check"]).click()

    status = q.locator(".quiz-status")
    expect(status).to_have_text(LABELS["training.js.incorrect"])
    expect(status).to_have_attribute("aria-live", "polite")
    expect(q.locator(f"li[data-option='{wrong}']")).to_have_class(re.compile(r"\bis-wrong\b"))
    expect(q.locator(f"li[data-option='{wrong}'] .quiz-feedback")).to_be_visible()
    expect(q.locator(f"li[data-option='{wrong}'] .quiz-feedback")).to_contain_text(
        question.options[wrong].feedback.split(".")[0])
    expect(q.locator(".quiz-explanation")).to_be_visible()
    expect(score).to_have_text(fill(LABELS["training.js.score_running"], score=0, answered=1,
                                    total=len(quiz.questions)) + " "
                               + fill(LABELS["training.js.pass_mark"], **{"pass": quiz.pass_percent}))

    q.locator(f"input[value='{right}']").check()
    expect(q.locator(f"li[data-option='{wrong}'] .quiz-feedback")).to_be_hidden()
    q.get_by_role("button", name=LABELS["training.check"]).click()

    # The second try is practice: marked, labelled as practice, and the score keeps the first answer.
    expect(status).to_have_text(LABELS["training.js.practice"] + " " + LABELS["training.js.correct"])
    expect(q.locator(".quiz-scored")).to_have_text(LABELS["training.js.scored_wrong"])
    expect(q.locator(f"li[data-option='{right}']")).to_have_class(re.compile(r"\bis-correct\b"))
    expect(q.locator(f"li[data-option='{right}'] .quiz-feedback")).to_be_visible()
    expect(q.locator("input").first).to_be_disabled()
    expect(score).to_contain_text(fill(LABELS["training.js.score_running"], score=0, answered=1,
                                       total=len(quiz.questions)))

    # Reload: the answer, its feedback and the score are kept in this browser.
    page.reload()
    q = form(page, quiz.id, question.id)
    expect(q.locator(f"input[value='{right}']")).to_be_checked()
    expect(q.locator(".quiz-scored")).to_have_text(LABELS["training.js.scored_wrong"])
    expect(page.locator(".quiz-score")).to_contain_text(fill(LABELS["training.js.score_running"], score=0,
                                                             answered=1, total=len(quiz.questions)))
    assert recorded_page.foreign_requests() == []
    assert recorded_page.console_errors == []


def test_nothing_chosen_asks_for_an_answer(site_url: str, recorded_page) -> None:  # noqa: ANN001
    page = recorded_page.page
    question = first_single("legal-frame-quiz")
    page.goto(quiz_url(site_url, "legal-frame-quiz"))
    q = form(page, "legal-frame-quiz", question.id)
    q.get_by_role("button", name=LABELS["training.check"]).click()
    expect(q.locator(".quiz-status")).to_have_text(LABELS["training.js.choose_first"])
    assert page.evaluate(f"localStorage.getItem('{STORE_KEY}')") is None


def tab_to(page, target) -> None:  # noqa: ANN001
    """Press Tab until ``target`` has the keyboard focus (the way a keyboard user gets there)."""
    handle = target.element_handle()
    for _ in range(400):
        if page.evaluate("(el) => document.activeElement === el", handle):
            return
        page.keyboard.press("Tab")
    raise AssertionError(f"Tab never reached {target}")


def answer_by_keyboard(page, quiz, question) -> None:  # noqa: ANN001
    q = form(page, quiz.id, question.id)
    if question.kind in ("single", "true-false"):
        values = [str(i) for i in range(len(question.options))] if question.kind == "single" else ["true", "false"]
        target = str(question.correct_indexes()[0]) if question.kind == "single" else str(question.answer).lower()
        tab_to(page, q.locator("input").first)  # the group's first radio takes the focus
        for _ in range(values.index(target)):
            page.keyboard.press("ArrowDown")
        page.keyboard.press("Space")  # selects the focused radio (arrows already select, focus alone does not)
        expect(q.locator(f"input[value='{target}']")).to_be_checked()
    elif question.kind == "multiple":
        for index in question.correct_indexes():
            tab_to(page, q.locator(f"input[value='{index}']"))
            page.keyboard.press("Space")
    else:
        for position in range(len(question.steps)):
            order = [int(v) for v in q.locator("li.quiz-step").evaluate_all(
                "items => items.map(li => li.getAttribute('data-step'))")]
            current = order.index(position)
            if current == position:
                continue
            tab_to(page, q.locator(f"li[data-step='{position}'] button[data-move='up']"))
            for _ in range(current - position):
                page.keyboard.press("Enter")
        order = q.locator("li.quiz-step").evaluate_all("items => items.map(li => li.getAttribute('data-step'))")
        assert order == [str(i) for i in range(len(question.steps))]
    tab_to(page, q.get_by_role("button", name=LABELS["training.check"]))
    page.keyboard.press("Enter")
    expect(q.locator(".quiz-status")).to_have_text(LABELS["training.js.correct"])


@pytest.mark.parametrize("quiz_id", ["making-a-request-quiz"])
def test_a_whole_quiz_can_be_finished_by_keyboard_alone(site_url: str, recorded_page, quiz_id: str) -> None:  # noqa: ANN001
    quiz = QUIZZES[quiz_id]
    assert {q.kind for q in quiz.questions} == {"single", "multiple", "true-false", "ordering"}
    page = recorded_page.page
    page.goto(quiz_url(site_url, quiz_id))
    for question in quiz.questions:
        answer_by_keyboard(page, quiz, question)
    total = len(quiz.questions)
    expect(page.locator(".quiz-score")).to_have_text(
        fill(LABELS["training.js.score_first"], score=total, total=total, percent=100) + " "
        + fill(LABELS["training.js.passed"], **{"pass": quiz.pass_percent}))
    stored = page.evaluate(f"JSON.parse(localStorage.getItem('{STORE_KEY}'))")
    assert stored["quizzes"][quiz_id]["best"] == 100
    assert recorded_page.foreign_requests() == []
    assert recorded_page.console_errors == []


def test_ordering_question_is_shuffled_and_a_wrong_order_is_marked(site_url: str, recorded_page) -> None:  # noqa: ANN001
    quiz = QUIZZES["making-a-request-quiz"]
    question = next(q for q in quiz.questions if q.kind == "ordering")
    page = recorded_page.page
    page.goto(quiz_url(site_url, quiz.id))
    q = form(page, quiz.id, question.id)
    shown = q.locator("li.quiz-step").evaluate_all("items => items.map(li => Number(li.getAttribute('data-step')))")
    assert shown == display_order(question) and shown != sorted(shown)
    q.get_by_role("button", name=LABELS["training.check"]).click()
    expect(q.locator(".quiz-status")).to_have_text(LABELS["training.js.incorrect"])
    misplaced = [step for position, step in enumerate(shown) if step != position]
    expect(q.locator(f"li[data-step='{misplaced[0]}']")).to_have_class(re.compile(r"\bis-wrong\b"))
    expect(q.locator(f"li[data-step='{misplaced[0]}'] .quiz-feedback")).to_be_visible()


def test_retry_resets_answers_and_keeps_the_best_score(site_url: str, recorded_page) -> None:  # noqa: ANN001
    quiz = QUIZZES["building-cooperation-quiz"]
    page = recorded_page.page
    page.goto(quiz_url(site_url, quiz.id))
    for question in quiz.questions:
        answer_by_keyboard(page, quiz, question)
    page.get_by_role("button", name=LABELS["training.retry"]).click()
    expect(page.locator(".quiz-status").first).to_have_text("")
    expect(page.locator(".quiz-score")).to_contain_text(fill(LABELS["training.js.score_running"], score=0, answered=0,
                                                             total=len(quiz.questions)))
    expect(page.locator(".quiz-live")).to_have_text(LABELS["training.js.retried"])
    stored = page.evaluate(f"JSON.parse(localStorage.getItem('{STORE_KEY}'))")
    assert stored["quizzes"][quiz.id]["answers"] == {} and stored["quizzes"][quiz.id]["best"] == 100


def test_my_progress_shows_and_clears_progress(site_url: str, recorded_page) -> None:  # noqa: ANN001
    page = recorded_page.page
    quiz = QUIZZES["why-cooperation-quiz"]
    page.goto(f"{site_url}training/modules/why-cooperation/")
    page.goto(quiz_url(site_url, quiz.id))
    question = first_single(quiz.id)
    answer_by_keyboard(page, quiz, question)

    page.goto(f"{site_url}training/progress/")
    row = page.locator(f"[data-progress-quiz='{quiz.id}']")
    expect(row).to_have_text(fill(LABELS["training.js.status_in_progress"], answered=1, total=len(quiz.questions)))
    expect(page.locator("[data-progress-module='why-cooperation']")).to_have_text(LABELS["training.js.module_opened"])
    expect(page.locator("[data-progress-module='legal-frame']")).to_have_text(LABELS["training.js.module_not_opened"])
    expect(page.locator(".progress-empty")).to_be_hidden()

    clear = page.get_by_role("button", name=LABELS["training.progress.clear"])
    tab_to(page, clear)
    page.keyboard.press("Enter")

    expect(row).to_have_text(LABELS["training.js.status_not_started"])
    expect(page.locator(".progress-live")).to_have_text(LABELS["training.js.cleared"])
    expect(page.locator(".progress-empty")).to_be_visible()
    assert page.evaluate(f"localStorage.getItem('{STORE_KEY}')") is None
    page.goto(quiz_url(site_url, quiz.id))
    expect(form(page, quiz.id, question.id).locator(".quiz-status")).to_have_text("")
    assert recorded_page.foreign_requests() == []


def test_trainer_view_shows_notes_only_when_asked(site_url: str, recorded_page) -> None:  # noqa: ANN001
    page = recorded_page.page
    url = f"{site_url}training/modules/legal-frame/"
    page.goto(url)
    notes = page.locator(".trainer-notes")
    toggle = page.locator("button.trainer-toggle")
    expect(notes).to_be_hidden()
    expect(toggle).to_have_attribute("aria-pressed", "false")

    toggle.click()
    expect(notes).to_be_visible()
    expect(notes).to_contain_text(LABELS["training.instructor_notes"])
    expect(toggle).to_have_attribute("aria-pressed", "true")
    page.reload()
    expect(page.locator(".trainer-notes")).to_be_visible()  # the choice is kept in this browser

    page.goto(url + "?trainer=0")
    expect(page.locator(".trainer-notes")).to_be_hidden()
    page.goto(url + "?trainer=1")
    expect(page.locator(".trainer-notes")).to_be_visible()
    page.goto(f"{site_url}training/modules/why-cooperation/")
    expect(page.locator(".trainer-notes")).to_be_visible()


def test_model_answer_stays_folded_until_asked_for(site_url: str, recorded_page) -> None:  # noqa: ANN001
    page = recorded_page.page
    module = next(m for m in DATASET.training_module if m.id == "making-a-request")
    page.goto(f"{site_url}training/modules/{module.id}/")
    details = page.locator("details.model-answer").first
    first_words = " ".join(module.exercises[0].steps[0].model_answer.replace("*", "").split()[:3])
    expect(details).not_to_have_attribute("open", "")
    expect(details.get_by_text(first_words, exact=False).first).to_be_hidden()
    details.locator("summary").click()
    expect(details.get_by_text(first_words, exact=False).first).to_be_visible()


def test_quiz_without_javascript_still_shows_questions_and_answers(browser, site_url: str) -> None:  # noqa: ANN001
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    try:
        quiz = QUIZZES["legal-frame-quiz"]
        page.goto(quiz_url(site_url, quiz.id))
        expect(page.locator("form.quiz-question")).to_have_count(len(quiz.questions))
        expect(page.get_by_role("button", name=LABELS["training.check"])).to_have_count(0)
        first = page.locator("details.quiz-nojs-answer").first
        first.locator("summary").click()
        expect(first).to_contain_text(LABELS["training.correct_answer"])
    finally:
        context.close()


THEME_PARTS = ("md-search", "md-copyright", "md-nav", "md-ellipsis", "md-footer", "md-header", "md-sidebar")


@pytest.mark.parametrize("path", ["training/", "training/modules/legal-frame/?trainer=1",
                                  "training/quizzes/making-a-request-quiz/", "training/progress/",
                                  "training/coverage/"])
def test_training_pages_have_no_axe_violations(site_url: str, recorded_page, path: str) -> None:  # noqa: ANN001
    """axe-core (WCAG 2.1 A and AA) finds nothing in the training content, in a state with feedback shown."""
    from pathlib import Path

    import axe_playwright_python as axe_package

    axe_js = (Path(axe_package.__file__).parent / "axe.min.js").read_text(encoding="utf-8")
    page = recorded_page.page
    page.goto(site_url + path)
    if "quizzes" in path:
        first = page.locator("form.quiz-question").first
        first.locator("input").first.check()
        first.get_by_role("button", name=LABELS["training.check"]).click()
        page.locator("form[data-kind=ordering] button.quiz-check").first.click()
    page.evaluate(axe_js)  # evaluate: the CSP rightly refuses an injected <script>
    violations = page.evaluate("""async () => {
        const result = await axe.run(document, {runOnly: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']});
        return result.violations.flatMap(v => v.nodes.map(n => v.id + ' ' + n.target.join(' ')));
    }""")
    ours = [v for v in violations if not any(part in v for part in THEME_PARTS)]
    assert ours == []


def test_keyboard_focus_stays_on_the_result_after_a_right_answer(site_url: str, recorded_page) -> None:  # noqa: ANN001
    quiz = QUIZZES["legal-frame-quiz"]
    question = quiz.questions[0]
    page = recorded_page.page
    page.goto(quiz_url(site_url, quiz.id))
    answer_by_keyboard(page, quiz, question)
    focused = page.evaluate("document.activeElement.className")
    assert "quiz-status" in focused, focused
    page.keyboard.press("Tab")  # and Tab goes on to the next question, not back to the top of the page
    inside = page.evaluate(f"!!document.activeElement.closest(\"form[id='{quiz.id}--{quiz.questions[1].id}']\")"
                           " || !!document.activeElement.closest('.quiz-explanation')")
    assert inside


# --- honest scoring, review, exam mode, hints, matching, progress per measure (issue 13) ----------------

def answer_by_mouse(page, quiz, question, right: bool) -> None:  # noqa: ANN001
    """Give a right or a wrong answer with the mouse (no checking)."""
    q = form(page, quiz.id, question.id)
    if question.kind == "single":
        key = question.correct_indexes()[0]
        value = key if right else next(i for i in range(len(question.options)) if i != key)
        q.locator(f"input[value='{value}']").check()
    elif question.kind == "true-false":
        q.locator(f"input[value='{str(question.answer if right else not question.answer).lower()}']").check()
    elif question.kind == "multiple":
        for index, option in enumerate(question.options):
            box = q.locator(f"input[value='{index}']")
            box.set_checked(option.correct if right else not option.correct)
    elif question.kind == "matching":
        count = len(question.pairs)
        for index in range(count):
            q.locator("select").nth(index).select_option(str(index if right else (index + 1) % count))
    elif right:  # ordering: move each step up into its place; the shown order is never the right one
        for position in range(len(question.steps)):
            order = [int(v) for v in q.locator("li.quiz-step").evaluate_all(
                "items => items.map(li => li.getAttribute('data-step'))")]
            for _ in range(order.index(position) - position):
                q.locator(f"li[data-step='{position}'] button[data-move='up']").click()


def check(page, quiz, question) -> None:  # noqa: ANN001
    form(page, quiz.id, question.id).get_by_role("button", name=LABELS["training.check"]).click()


def test_only_first_answers_count_and_the_review_lists_every_miss(site_url: str, recorded_page) -> None:  # noqa: ANN001
    page = recorded_page.page
    quiz = QUIZZES["why-cooperation-quiz"]
    page.goto(quiz_url(site_url, quiz.id))
    missed = [q for q in quiz.questions if q.kind != "ordering"][:4]
    for question in quiz.questions:
        if question in missed:
            answer_by_mouse(page, quiz, question, right=False)
            check(page, quiz, question)
            answer_by_mouse(page, quiz, question, right=True)  # then correct it: practice only
        else:
            answer_by_mouse(page, quiz, question, right=True)
        check(page, quiz, question)
        expect(form(page, quiz.id, question.id).locator(".quiz-status")).to_contain_text(LABELS["training.js.correct"])

    total = len(quiz.questions)
    right = total - len(missed)
    percent = round(right / total * 100)
    verdict = "passed" if percent >= quiz.pass_percent else "not_passed"
    expect(page.locator(".quiz-score")).to_have_text(
        fill(LABELS["training.js.score_first"], score=right, total=total, percent=percent) + " "
        + fill(LABELS[f"training.js.{verdict}"], **{"pass": quiz.pass_percent}))
    review = page.locator(".quiz-review")
    expect(review).to_be_visible()
    expect(review.get_by_role("heading", level=2)).to_have_text(LABELS["training.review.title"])
    items = review.locator(".quiz-review-list > li")
    expect(items).to_have_count(len(missed))
    for item, question in zip(items.all(), missed):
        expect(item).to_have_attribute("data-review", question.id)
        expect(item).to_contain_text(question.prompt.strip())
        expect(item).to_contain_text(question.explanation.strip()[:60])
        expect(item.locator(".quiz-review-question a")).to_have_attribute("href", f"#{quiz.id}--{question.id}")
    stored = page.evaluate(f"JSON.parse(localStorage.getItem('{STORE_KEY}'))")["quizzes"][quiz.id]
    assert stored["firstAttempt"]["score"] == right and stored["attempts"] == 1
    assert stored["best"] == percent

    # My progress: the first attempt, the attempts, and mastery from the measures the questions examine.
    page.goto(f"{site_url}training/progress/")
    expect(page.locator(f"[data-first-for='{quiz.id}']")).to_have_text(f"{right} / {total} ({percent}%)")
    expect(page.locator(f"[data-attempts-for='{quiz.id}']")).to_have_text("1")
    measure = next(m for q in missed for m in q.measures)
    on_measure = [q for z in QUIZZES.values() for q in z.questions if measure in q.measures]
    answered = [q for q in quiz.questions if measure in q.measures]
    expect(page.locator(f"[data-mastery-measure='{measure}']")).to_have_text(f"{len(answered)} / {len(on_measure)}")
    expect(page.locator(f"[data-mastery-status-for='{measure}']")).to_have_text(LABELS["training.js.practise_more"])

    # The training index shows the quiz's status.
    page.goto(f"{site_url}training/")
    status = LABELS["training.js.status_passed" if verdict == "passed" else "training.js.status_not_passed"]
    expect(page.locator(f".training-status[data-progress-quiz='{quiz.id}']")).to_have_text(status)
    assert recorded_page.foreign_requests() == []
    assert recorded_page.console_errors == []


def test_exam_mode_shows_no_feedback_until_the_end(site_url: str, recorded_page) -> None:  # noqa: ANN001
    page = recorded_page.page
    quiz = QUIZZES["legal-frame-quiz"]
    page.goto(quiz_url(site_url, quiz.id))
    expect(page.locator(".quiz-exam-intro")).to_contain_text(LABELS["training.exam.title"])
    page.get_by_role("button", name=LABELS["training.exam.start"]).click()

    forms = page.locator("form.quiz-question")
    shown = forms.evaluate_all("fs => fs.map(f => f.getAttribute('data-question'))")
    assert sorted(shown) == sorted(q.id for q in quiz.questions)
    expect(forms.first.locator(".quiz-number")).to_have_text(fill(LABELS["training.js.question_of"], n=1,
                                                                  total=len(quiz.questions)))
    expect(page.get_by_role("button", name=LABELS["training.check"])).to_have_count(0)
    expect(page.locator("details.quiz-hint-request").first).to_be_hidden()
    by_id = {q.id: q for q in quiz.questions}
    wrong = [by_id[qid] for qid in shown if by_id[qid].kind != "ordering"][:2]
    for qid in shown:
        answer_by_mouse(page, quiz, by_id[qid], right=by_id[qid] not in wrong)
    # Nothing is marked while the exam runs.
    expect(page.locator(".quiz-feedback:visible")).to_have_count(0)
    expect(page.locator(".quiz-explanation:visible")).to_have_count(0)
    expect(page.locator(".is-wrong, .is-correct")).to_have_count(0)
    for qid in shown:
        expect(form(page, quiz.id, qid).locator(".quiz-status")).to_have_text("")
    expect(page.locator(".quiz-score")).to_have_text(fill(LABELS["training.js.exam_running"],
                                                          answered=sum(by_id[q].kind != "ordering" for q in shown),
                                                          total=len(quiz.questions)))

    page.get_by_role("button", name=LABELS["training.exam.submit"]).click()

    total = len(quiz.questions)
    right = total - len(wrong)
    percent = round(right / total * 100)
    expect(page.locator(".quiz-score")).to_contain_text(
        fill(LABELS["training.js.score_first"], score=right, total=total, percent=percent))
    expect(page.locator(".quiz-score")).to_contain_text(f"{quiz.pass_percent}%")
    expect(page.locator(".quiz-review-list > li")).to_have_count(len(wrong))
    for question in wrong:
        expect(form(page, quiz.id, question.id).locator(".quiz-explanation")).to_be_visible()
        expect(form(page, quiz.id, question.id).locator(".quiz-scored")).to_have_text(
            LABELS["training.js.scored_wrong"])
    expect(page.locator(".is-wrong").first).to_be_visible()
    assert recorded_page.console_errors == []


def test_a_hint_appears_only_on_request(site_url: str, recorded_page) -> None:  # noqa: ANN001
    page = recorded_page.page
    quiz = QUIZZES["legal-frame-quiz"]
    question = next(q for q in quiz.questions if q.hint)
    page.goto(quiz_url(site_url, quiz.id))
    hint = form(page, quiz.id, question.id).locator("details.quiz-hint-request")
    words = " ".join(question.hint.split()[:4])
    expect(hint.get_by_text(words, exact=False)).to_be_hidden()
    expect(form(page, quiz.id, next(q for q in quiz.questions if not q.hint).id)
           .locator("details.quiz-hint-request")).to_have_count(0)
    hint.get_by_text(LABELS["training.hint"]).click()
    expect(hint.get_by_text(words, exact=False)).to_be_visible()


def test_matching_question_gives_partial_credit(site_url: str, recorded_page) -> None:  # noqa: ANN001
    page = recorded_page.page
    quiz = QUIZZES["legal-frame-quiz"]
    question = next(q for q in quiz.questions if q.kind == "matching")
    page.goto(quiz_url(site_url, quiz.id))
    q = form(page, quiz.id, question.id)
    selects = q.locator("select")
    expect(selects).to_have_count(len(question.pairs))
    selects.nth(0).select_option("0")  # right
    selects.nth(1).select_option("2")  # the other two swapped
    selects.nth(2).select_option("1")
    check(page, quiz, question)
    share = round(100 / len(question.pairs))
    expect(q.locator(".quiz-status")).to_have_text(fill(LABELS["training.js.partial"], percent=share))
    expect(q.locator(".quiz-scored")).to_have_text(fill(LABELS["training.js.scored_partial"], percent=share))
    expect(q.locator("li[data-pair='0']")).to_have_class(re.compile(r"\bis-correct\b"))
    expect(q.locator("li[data-pair='1']")).to_have_class(re.compile(r"\bis-wrong\b"))
    expect(q.locator("li[data-pair='1'] .quiz-feedback")).to_contain_text(question.pairs[1].feedback.split(".")[0])


def test_trainer_view_of_a_quiz_explains_how_to_run_the_exam(site_url: str, recorded_page) -> None:  # noqa: ANN001
    page = recorded_page.page
    page.goto(quiz_url(site_url, "legal-frame-quiz") + "?trainer=0")
    notes = page.locator(".trainer-notes")
    expect(notes).to_be_hidden()
    page.locator("button.trainer-toggle").click()
    expect(notes).to_be_visible()
    expect(notes).to_contain_text(" ".join(LABELS["training.exam.trainer"].split()[:6]))
    page.goto(quiz_url(site_url, "legal-frame-quiz") + "?trainer=0")
