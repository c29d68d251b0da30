/*
 * Training quizzes: the questions and the quiz they belong to. Plain JavaScript, no server, no other host.
 *
 * Every text shown comes from the page (a JSON block with id "training-labels"), so that it can be
 * translated; nothing here is English. Answers are kept through quiz-storage.js.
 *
 * Honest scoring: in each attempt at a quiz, the FIRST answer submitted to a question is what counts
 * (partial credit for multiple-answer and matching questions). The learner may try again after the
 * feedback, but those tries are labelled as practice and change nothing in the score. In exam mode the
 * questions and options are shuffled, hints are hidden, and nothing is marked until the whole quiz is
 * submitted. "My progress" (quiz-progress.js) shows the first attempt, the number of attempts, the latest
 * and best scores, and mastery per measure from the measures each question examines (the page's quiz data).
 */
(function () {
  "use strict";

  var Lea = window.Lea;
  var storage = Lea.quiz;
  var readStore = storage.readStore, writeStore = storage.writeStore, quizState = storage.quizState;
  var percent = storage.percent, shown = storage.shown;
  var fill = Lea.fill, each = Lea.each;

  function shuffle(items) {
    var a = items.slice();
    for (var i = a.length - 1; i > 0; i -= 1) {
      var j = Math.floor(Math.random() * (i + 1));
      var t = a[i]; a[i] = a[j]; a[j] = t;
    }
    return a;
  }

  // ---- one question --------------------------------------------------------------------------------
  function Question(form, quiz) {
    this.form = form;
    this.quiz = quiz;
    this.id = form.getAttribute("data-question");
    this.kind = form.getAttribute("data-kind");
    this.key = JSON.parse(form.getAttribute("data-key"));
    this.status = form.querySelector(".quiz-status");
    this.scored = form.querySelector(".quiz-scored");
    this.explanation = form.querySelector(".quiz-explanation");
    this.checkButton = form.querySelector(".quiz-check");
    this.hint = form.querySelector(".quiz-hint-request");
    this.number = form.querySelector(".quiz-number");
    this.prompt = form.querySelector(".quiz-prompt");
    this.list = form.querySelector(".quiz-steps");
    this.optionList = form.querySelector(".quiz-options");
    this.first = null;  // {response, credit}: the first answer of this attempt, the one that counts
    this.tries = 0;
    var self = this;
    form.addEventListener("submit", function (event) { event.preventDefault(); self.submit(); });
    form.addEventListener("change", function () {
      if (self.quiz.mode === "exam") self.quiz.updateScore(false);
      else self.clearMarks();
    });
    if (this.list) {
      this.list.addEventListener("click", function (event) {
        var button = event.target.closest("button[data-move]");
        if (button) self.move(button.closest("li"), button.getAttribute("data-move") === "up" ? -1 : 1, button);
      });
      this.shownOrder = this.order();
    }
    if (this.optionList) this.optionOrder = Array.prototype.slice.call(this.optionList.children);
  }

  Question.prototype.inputs = function () {
    return Array.prototype.slice.call(this.form.querySelectorAll("input[name], select[name]"));
  };

  Question.prototype.selects = function () {
    return Array.prototype.slice.call(this.form.querySelectorAll("select[name]"));
  };

  Question.prototype.order = function () {
    return Array.prototype.map.call(this.list.querySelectorAll("li"), function (li) {
      return Number(li.getAttribute("data-step"));
    });
  };

  Question.prototype.response = function () {
    if (this.kind === "ordering") return this.order();
    if (this.kind === "matching") {
      return this.selects().map(function (select) { return select.value === "" ? null : Number(select.value); });
    }
    var chosen = this.inputs().filter(function (input) { return input.checked; }).map(function (input) {
      return input.value;
    });
    if (this.kind === "multiple") return chosen.map(Number);
    if (!chosen.length) return null;
    return this.kind === "true-false" ? chosen[0] === "true" : Number(chosen[0]);
  };

  /** True when the response is complete enough to be marked. */
  Question.prototype.isAnswered = function (response) {
    if (response === null || response === undefined) return false;
    if (this.kind === "multiple") return response.length > 0;
    if (this.kind === "matching") return response.every(function (value) { return value !== null; });
    return true;
  };

  /** Whether the learner has touched the question at all (for the exam's running count). */
  Question.prototype.isTouched = function () {
    var response = this.response();
    if (this.kind === "ordering") return false;
    if (this.kind === "matching") return response.some(function (value) { return value !== null; });
    return this.isAnswered(response);
  };

  Question.prototype.restore = function (response) {
    if (response === null || response === undefined) return;
    if (this.kind === "ordering") {
      var items = {};
      each(this.list.querySelectorAll("li"), function (li) { items[li.getAttribute("data-step")] = li; });
      var list = this.list;
      response.forEach(function (step) { if (items[step]) list.appendChild(items[step]); });
      this.renumber();
      return;
    }
    if (this.kind === "matching") {
      this.selects().forEach(function (select, index) {
        select.value = response[index] === null || response[index] === undefined ? "" : String(response[index]);
      });
      return;
    }
    var wanted = [].concat(response).map(String);
    this.inputs().forEach(function (input) { input.checked = wanted.indexOf(input.value) !== -1; });
  };

  /** The share of the mark a response earns: 0 to 1 (partial for multiple-answer and matching questions). */
  Question.prototype.credit = function (response) {
    var key = this.key;
    if (!this.isAnswered(response)) {
      if (this.kind !== "matching" || !response) return 0;
    }
    if (this.kind === "single" || this.kind === "true-false") return response === key ? 1 : 0;
    if (this.kind === "multiple") {
      var options = this.form.querySelectorAll("input[name]").length;
      var right = key.length, wrong = options - right, hits = 0, misses = 0;
      response.forEach(function (index) { if (key.indexOf(index) !== -1) hits += 1; else misses += 1; });
      // The same weights as the Moodle export: right options share +100%, wrong ones share -100%.
      return Math.max(0, hits / right - (wrong ? misses / wrong : 0));
    }
    if (this.kind === "matching") {
      var good = 0;
      response.forEach(function (value, index) { if (value === index) good += 1; });
      return response.length ? good / response.length : 0;
    }
    return response.every(function (step, index) { return step === index; }) ? 1 : 0;
  };

  Question.prototype.clearMarks = function () {
    if (this.form.classList.contains("is-right") || this.form.classList.contains("is-locked")) return;
    this.clearMarksForce();
  };

  Question.prototype.clearMarksForce = function () {
    each(this.form.querySelectorAll(".is-correct, .is-wrong, .is-missed"), function (el) {
      el.classList.remove("is-correct", "is-wrong", "is-missed");
    });
    each(this.form.querySelectorAll(".quiz-feedback"), function (el) { el.hidden = true; });
  };

  Question.prototype.showFeedback = function (response) {
    var form = this.form, key = this.key, kind = this.kind;
    this.clearMarksForce();
    function reveal(selector, cls) {
      var item = form.querySelector(selector);
      if (!item) return;
      item.classList.add(cls);
      var feedback = item.querySelector(".quiz-feedback");
      if (feedback) feedback.hidden = false;
    }
    if (response === null || response === undefined) return;
    if (kind === "single" || kind === "true-false") {
      reveal('[data-option="' + String(response) + '"]', response === key ? "is-correct" : "is-wrong");
    } else if (kind === "multiple") {
      response.forEach(function (index) {
        // Only the options the learner ticked get feedback, so that a second try still means something.
        reveal('[data-option="' + index + '"]', key.indexOf(index) !== -1 ? "is-correct" : "is-wrong");
      });
    } else if (kind === "matching") {
      response.forEach(function (value, index) {
        if (value !== null) reveal('[data-pair="' + index + '"]', value === index ? "is-correct" : "is-wrong");
      });
    } else {
      response.forEach(function (step, position) {
        reveal('[data-step="' + step + '"]', step === position ? "is-correct" : "is-wrong");
      });
    }
  };

  /** Mark a response: feedback, status line and explanation. */
  Question.prototype.display = function (response, credit, practice) {
    var labels = this.quiz.labels;
    this.showFeedback(response);
    this.form.classList.toggle("is-right", credit === 1);
    this.form.classList.toggle("is-not-right", credit !== 1);
    var text = credit === 1 ? labels.correct
      : credit > 0 ? fill(labels.partial, { percent: percent(credit, 1) }) : labels.incorrect;
    this.status.textContent = practice ? labels.practice + " " + text : text;
    this.status.className = "quiz-status " + (credit === 1 ? "is-correct" : "is-wrong");
    if (this.explanation) this.explanation.hidden = false;
  };

  Question.prototype.showScored = function () {
    var labels = this.quiz.labels, credit = this.first ? this.first.credit : null;
    if (!this.scored) return;
    if (credit === null) { this.scored.textContent = ""; return; }
    this.scored.textContent = credit === 1 ? labels.scored_right : credit === 0 ? labels.scored_wrong
      : fill(labels.scored_partial, { percent: percent(credit, 1) });
  };

  /** The learner pressed "Check answer" (practice mode). */
  Question.prototype.submit = function () {
    if (this.quiz.mode === "exam") return;
    var labels = this.quiz.labels;
    var response = this.response();
    if (!this.isAnswered(response)) {
      this.status.textContent = labels.choose_first || "";
      this.status.className = "quiz-status is-info";
      return;
    }
    var credit = this.credit(response);
    var practice = this.first !== null;
    this.tries += 1;
    if (!practice) this.first = { response: response, credit: credit };
    this.display(response, credit, practice);
    this.showScored();
    var hadFocus = document.activeElement === this.checkButton;
    this.lock(credit === 1);
    if (credit === 1 && hadFocus) {
      // The button is now disabled and would drop the keyboard focus: keep it on the result instead.
      this.status.setAttribute("tabindex", "-1");
      this.status.focus();
    }
    this.quiz.record(this, response);
  };

  Question.prototype.lock = function (locked) {
    this.form.classList.toggle("is-locked", locked);
    this.inputs().forEach(function (input) { input.disabled = locked; });
    each(this.form.querySelectorAll("button[data-move]"), function (button) { button.disabled = locked; });
    if (this.checkButton) this.checkButton.disabled = locked;
    if (!locked && this.list) this.renumber();
  };

  Question.prototype.reset = function () {
    this.clearMarksForce();
    this.first = null;
    this.tries = 0;
    this.form.classList.remove("is-right", "is-not-right");
    this.inputs().forEach(function (input) {
      if (input.tagName === "SELECT") input.value = ""; else input.checked = false;
    });
    if (this.list) this.restore(this.shownOrder);
    this.status.textContent = "";
    this.status.className = "quiz-status";
    this.showScored();
    if (this.explanation) this.explanation.hidden = true;
    this.lock(false);
  };

  Question.prototype.move = function (li, delta, button) {
    var items = Array.prototype.slice.call(this.list.children);
    var index = items.indexOf(li), target = index + delta;
    if (target < 0 || target >= items.length) return;
    if (delta < 0) this.list.insertBefore(li, items[target]);
    else this.list.insertBefore(items[target], li);
    this.clearMarks();
    this.renumber();
    // Keep the keyboard where it was: on the same button of the moved step, or its twin at the ends.
    var again = li.querySelector('button[data-move="' + button.getAttribute("data-move") + '"]');
    if (again && !again.disabled) again.focus();
    else { var other = li.querySelector("button[data-move]:not([disabled])"); if (other) other.focus(); }
    var text = li.querySelector(".quiz-step-text").textContent;
    this.quiz.announce(fill(this.quiz.labels.moved, { step: text, position: target + 1, total: items.length }));
  };

  Question.prototype.renumber = function () {
    var items = this.list.children, total = items.length;
    each(items, function (li, index) {
      var up = li.querySelector('button[data-move="up"]'), down = li.querySelector('button[data-move="down"]');
      if (up) up.disabled = index === 0;
      if (down) down.disabled = index === total - 1;
      var pos = li.querySelector(".quiz-step-position");
      if (pos) pos.textContent = String(index + 1);
    });
  };

  /** Exam mode shows options in a new order; practice mode in the order of the page. */
  Question.prototype.arrangeOptions = function (shuffled) {
    if (!this.optionList || this.kind === "true-false") return;
    var list = this.optionList;
    (shuffled ? shuffle(this.optionOrder) : this.optionOrder).forEach(function (li) { list.appendChild(li); });
  };

  // ---- one quiz ------------------------------------------------------------------------------------
  function Quiz(root, labels, data) {
    this.root = root;
    this.labels = labels;
    this.id = root.getAttribute("data-quiz");
    this.module = root.getAttribute("data-module");
    this.pass = Number(root.getAttribute("data-pass-percent")) || 0;
    this.score = root.querySelector(".quiz-score");
    this.live = root.querySelector(".quiz-live");
    this.summary = root.querySelector(".quiz-summary");
    this.review = root.querySelector(".quiz-review");
    this.examStart = root.querySelector(".quiz-exam-start");
    this.examSubmit = root.querySelector(".quiz-exam-submit");
    this.modeBar = root.querySelector(".quiz-mode");
    this.mode = "practice";
    this.measures = {};
    var self = this;
    ((data && data.questions) || []).forEach(function (q) { self.measures[q.id] = q.measures || []; });
    this.questions = Array.prototype.map.call(root.querySelectorAll("form.quiz-question"), function (form) {
      return new Question(form, self);
    });
    this.pageOrder = this.questions.slice();
    root.classList.add("is-interactive");
    each(root.querySelectorAll(".quiz-js-only"), function (el) { el.hidden = false; });
    each(root.querySelectorAll(".quiz-nojs-answer"), function (el) { el.hidden = true; });
    if (this.examSubmit) this.examSubmit.hidden = true;
    var retry = root.querySelector(".quiz-retry");
    if (retry) retry.addEventListener("click", function () { self.retry(); });
    if (this.examStart) this.examStart.addEventListener("click", function () { self.startExam(); });
    if (this.examSubmit) this.examSubmit.addEventListener("click", function () { self.submitExam(); });
    this.restore();
    this.updateScore(false);
  }

  Quiz.prototype.restore = function () {
    var state = quizState(readStore(), this.id);
    this.questions.forEach(function (question) {
      var saved = state.answers[question.id];
      if (!saved || !saved.first) return;
      question.first = { response: saved.first.response, credit: Number(saved.first.credit) || 0 };
      question.tries = Number(saved.tries) || 1;
      var last = saved.last !== undefined ? saved.last : saved.first.response;
      question.restore(last);
      var credit = question.credit(last);
      question.display(last, credit, question.tries > 1);
      question.showScored();
      question.lock(credit === 1 || saved.mode === "exam");
    });
  };

  Quiz.prototype.counts = function () {
    var answered = 0, score = 0;
    this.questions.forEach(function (q) {
      if (q.first) { answered += 1; score += q.first.credit; }
    });
    return { answered: answered, score: score, total: this.questions.length };
  };

  /** Save one question's first answer (or a practice try) and, when the attempt is complete, its score. */
  Quiz.prototype.record = function (question, response, mode) {
    var store = readStore();
    var state = quizState(store, this.id);
    if (!state.open) { state.attempts += 1; state.open = true; }
    var saved = state.answers[question.id] || {};
    saved.first = question.first;
    saved.last = response;
    saved.tries = question.tries;
    saved.mode = mode || "practice";
    state.answers[question.id] = saved;
    state.mastery[question.id] = question.first.credit;
    this.finishIfComplete(state, mode || "practice");
    state.module = this.module;
    state.total = this.questions.length;
    state.pass = this.pass;
    state.updated = new Date().toISOString();
    store.quizzes[this.id] = state;
    writeStore(store);
    this.updateScore(true);
  };

  Quiz.prototype.finishIfComplete = function (state, mode) {
    var c = this.counts();
    if (c.answered !== c.total || state.finished) return;
    var result = { score: Math.round(c.score * 100) / 100, total: c.total, percent: percent(c.score, c.total),
                   mode: mode, date: new Date().toISOString() };
    state.finished = true;
    state.latest = result;
    if (!state.firstAttempt) state.firstAttempt = result;
    state.best = Math.max(state.best || 0, result.percent);
  };

  Quiz.prototype.updateScore = function (announce) {
    var c = this.counts(), labels = this.labels, text;
    if (this.mode === "exam") {
      var touched = this.questions.filter(function (q) { return q.isTouched(); }).length;
      this.score.textContent = fill(labels.exam_running, { answered: touched, total: c.total });
      this.showReview(false);
      return;
    }
    if (c.answered === c.total) {
      var p = percent(c.score, c.total);
      text = fill(labels.score_first, { score: shown(c.score), total: c.total, percent: p }) + " " +
        (p >= this.pass ? fill(labels.passed, { pass: this.pass }) : fill(labels.not_passed, { pass: this.pass }));
    } else {
      text = fill(labels.score_running, { score: shown(c.score), answered: c.answered, total: c.total }) + " " +
        fill(labels.pass_mark, { pass: this.pass });
    }
    this.score.textContent = text;
    this.score.setAttribute("data-score", shown(c.score));
    this.score.setAttribute("data-answered", String(c.answered));
    this.showReview(c.answered === c.total);
    if (announce && c.answered === c.total) this.announce(text);
  };

  /** Every question whose first answer did not earn the full mark, with its explanation. */
  Quiz.prototype.showReview = function (visible) {
    if (!this.review) return;
    var list = this.review.querySelector(".quiz-review-list");
    var none = this.review.querySelector(".quiz-review-none");
    list.textContent = "";
    this.review.hidden = !visible;
    if (!visible) return;
    var labels = this.labels, missed = 0;
    this.questions.forEach(function (q, index) {
      if (!q.first || q.first.credit === 1) return;
      missed += 1;
      var li = document.createElement("li");
      li.setAttribute("data-review", q.id);
      var link = document.createElement("a");
      link.href = "#" + q.form.id;
      link.textContent = fill(labels.review_item, { n: index + 1, prompt: q.prompt ? q.prompt.textContent : q.id });
      var heading = document.createElement("p");
      heading.className = "quiz-review-question";
      heading.appendChild(link);
      li.appendChild(heading);
      var scored = document.createElement("p");
      scored.className = "quiz-review-scored";
      scored.textContent = q.scored ? q.scored.textContent : "";
      li.appendChild(scored);
      if (q.explanation) {
        // A copy of the page's own explanation (generated at build time), not text put together here.
        var copy = q.explanation.cloneNode(true);
        copy.hidden = false;
        copy.className = "quiz-review-explanation";
        each(copy.querySelectorAll("[id]"), function (el) { el.removeAttribute("id"); });
        li.appendChild(copy);
      }
      list.appendChild(li);
    });
    if (none) none.hidden = missed !== 0;
  };

  Quiz.prototype.announce = function (text) {
    Lea.announce(this.live, text);
  };

  Quiz.prototype.clearAttempt = function () {
    var store = readStore();
    var state = quizState(store, this.id);
    state.answers = {};
    state.open = false;
    state.finished = false;
    store.quizzes[this.id] = state;
    writeStore(store);
    this.questions.forEach(function (q) { q.reset(); });
  };

  Quiz.prototype.arrange = function (questions) {
    var root = this.root, before = this.root.querySelector(".quiz-summary"), labels = this.labels;
    var total = questions.length;
    questions.forEach(function (q, index) {
      root.insertBefore(q.form, before);
      if (q.number) q.number.textContent = fill(labels.question_of, { n: index + 1, total: total });
    });
    this.questions = questions;
  };

  Quiz.prototype.setMode = function (mode) {
    this.mode = mode;
    var exam = mode === "exam";
    this.root.classList.toggle("is-exam", exam);
    if (this.modeBar) this.modeBar.hidden = exam;
    if (this.examSubmit) this.examSubmit.hidden = !exam;
    this.questions.forEach(function (q) {
      if (q.checkButton) q.checkButton.closest(".quiz-actions").hidden = exam;
      if (q.hint) { q.hint.open = false; q.hint.hidden = exam; }
    });
  };

  Quiz.prototype.retry = function () {
    this.clearAttempt();
    this.questions.forEach(function (q) { q.arrangeOptions(false); });
    this.arrange(this.pageOrder.slice());
    this.setMode("practice");
    this.examConfirm = false;
    this.updateScore(false);
    this.announce(this.labels.retried);
    var first = this.root.querySelector("form.quiz-question input, form.quiz-question select, form.quiz-question button");
    if (first) first.focus();
  };

  Quiz.prototype.startExam = function () {
    this.clearAttempt();
    this.arrange(shuffle(this.pageOrder));
    this.questions.forEach(function (q) { q.arrangeOptions(true); });
    this.setMode("exam");
    this.examConfirm = false;
    this.updateScore(false);
    var first = this.questions[0].form.querySelector("input, select, button");
    if (first) first.focus();
  };

  Quiz.prototype.submitExam = function () {
    var unanswered = this.questions.filter(function (q) { return !q.isAnswered(q.response()) && q.kind !== "ordering"; });
    if (unanswered.length && !this.examConfirm) {
      this.examConfirm = true;
      this.score.textContent = fill(this.labels.exam_unanswered, { count: unanswered.length });
      return;
    }
    var store = readStore();
    var state = quizState(store, this.id);
    state.attempts += 1;
    state.open = true;
    state.finished = false;
    this.questions.forEach(function (q) {
      var response = q.response();
      var credit = q.credit(response);
      q.first = { response: response, credit: credit };
      q.tries = 1;
      q.display(response, credit, false);
      q.showScored();
      q.lock(true);
      state.answers[q.id] = { first: q.first, last: response, tries: 1, mode: "exam" };
      state.mastery[q.id] = credit;
    });
    this.setMode("practice");
    this.questions.forEach(function (q) { if (q.checkButton) q.checkButton.closest(".quiz-actions").hidden = true; });
    this.finishIfComplete(state, "exam");
    state.module = this.module;
    state.total = this.questions.length;
    state.pass = this.pass;
    state.updated = new Date().toISOString();
    store.quizzes[this.id] = state;
    writeStore(store);
    this.updateScore(true);
    this.score.setAttribute("tabindex", "-1");
    this.score.focus();
  };

  Lea.start(function () {
    var labels = Lea.readJson("training-labels");
    var quizData = Lea.readJson("training-quiz-data");
    each(document.querySelectorAll(".training-quiz[data-quiz]"), function (root) {
      new Quiz(root, labels, quizData.quiz === root.getAttribute("data-quiz") ? quizData : {});
    });
  });
})();
