/*
 * Training quizzes, progress and the trainer view. Plain JavaScript, no server, no other host.
 *
 * Everything the learner answers stays in this browser: progress is kept in localStorage under one
 * key and can be cleared from the "my progress" page. Every text shown comes from the page (a JSON
 * block with id "training-labels"), so that it can be translated; nothing here is English.
 */
(function () {
  "use strict";

  var STORE_KEY = "lea-isp-training-progress";
  var TRAINER_KEY = "lea-isp-training-trainer";

  // ---- storage -------------------------------------------------------------------------------------
  function readStore() {
    try {
      var raw = window.localStorage.getItem(STORE_KEY);
      var data = raw ? JSON.parse(raw) : null;
      if (data && typeof data === "object" && data.version === 1) return data;
    } catch (e) { /* storage blocked or corrupt: start empty */ }
    return { version: 1, quizzes: {}, modules: {} };
  }

  function writeStore(data) {
    try { window.localStorage.setItem(STORE_KEY, JSON.stringify(data)); return true; } catch (e) { return false; }
  }

  function clearStore() {
    try { window.localStorage.removeItem(STORE_KEY); } catch (e) { /* nothing to clear */ }
  }

  function readLabels() {
    var node = document.getElementById("training-labels");
    if (!node) return {};
    try { return JSON.parse(node.textContent); } catch (e) { return {}; }
  }

  function fill(template, values) {
    return String(template || "").replace(/\{(\w+)\}/g, function (m, key) {
      return Object.prototype.hasOwnProperty.call(values, key) ? values[key] : m;
    });
  }

  function percent(score, total) {
    return total ? Math.round((score / total) * 100) : 0;
  }

  // ---- one question --------------------------------------------------------------------------------
  function Question(form, quiz) {
    this.form = form;
    this.quiz = quiz;
    this.id = form.getAttribute("data-question");
    this.kind = form.getAttribute("data-kind");
    this.key = JSON.parse(form.getAttribute("data-key"));
    this.status = form.querySelector(".quiz-status");
    this.explanation = form.querySelector(".quiz-explanation");
    this.checkButton = form.querySelector(".quiz-check");
    this.list = form.querySelector(".quiz-steps");
    var self = this;
    form.addEventListener("submit", function (event) { event.preventDefault(); self.check(true); });
    form.addEventListener("change", function () { self.clearMarks(); });
    if (this.list) {
      this.list.addEventListener("click", function (event) {
        var button = event.target.closest("button[data-move]");
        if (button) self.move(button.closest("li"), button.getAttribute("data-move") === "up" ? -1 : 1, button);
      });
      this.shownOrder = this.order();
    }
  }

  Question.prototype.inputs = function () {
    return Array.prototype.slice.call(this.form.querySelectorAll("input[name]"));
  };

  Question.prototype.order = function () {
    return Array.prototype.map.call(this.list.querySelectorAll("li"), function (li) {
      return Number(li.getAttribute("data-step"));
    });
  };

  Question.prototype.response = function () {
    if (this.kind === "ordering") return this.order();
    var chosen = this.inputs().filter(function (input) { return input.checked; }).map(function (input) {
      return input.value;
    });
    if (this.kind === "multiple") return chosen.map(Number);
    if (!chosen.length) return null;
    return this.kind === "true-false" ? chosen[0] === "true" : Number(chosen[0]);
  };

  Question.prototype.restore = function (response) {
    if (response === null || response === undefined) return;
    if (this.kind === "ordering") {
      var items = {};
      Array.prototype.forEach.call(this.list.querySelectorAll("li"), function (li) {
        items[li.getAttribute("data-step")] = li;
      });
      var list = this.list;
      response.forEach(function (step) { if (items[step]) list.appendChild(items[step]); });
      this.renumber();
      return;
    }
    var wanted = [].concat(response).map(String);
    this.inputs().forEach(function (input) { input.checked = wanted.indexOf(input.value) !== -1; });
  };

  Question.prototype.isCorrect = function (response) {
    var key = this.key;
    if (this.kind === "single") return response === key;
    if (this.kind === "true-false") return response === key;
    if (this.kind === "multiple") {
      var given = response.slice().sort().join(",");
      return given === key.slice().sort().join(",");
    }
    return response.every(function (step, index) { return step === index; });
  };

  Question.prototype.clearMarks = function () {
    if (this.form.classList.contains("is-right")) return;
    Array.prototype.forEach.call(this.form.querySelectorAll(".is-correct, .is-wrong, .is-missed"), function (el) {
      el.classList.remove("is-correct", "is-wrong", "is-missed");
    });
    Array.prototype.forEach.call(this.form.querySelectorAll(".quiz-feedback"), function (el) {
      el.hidden = true;
    });
  };

  Question.prototype.showFeedback = function (response, correct) {
    var form = this.form, key = this.key, kind = this.kind;
    this.clearMarksForce();
    function reveal(selector, cls) {
      var item = form.querySelector(selector);
      if (!item) return;
      item.classList.add(cls);
      var feedback = item.querySelector(".quiz-feedback");
      if (feedback) feedback.hidden = false;
    }
    if (kind === "single") {
      reveal('[data-option="' + response + '"]', correct ? "is-correct" : "is-wrong");
    } else if (kind === "true-false") {
      reveal('[data-option="' + String(response) + '"]', correct ? "is-correct" : "is-wrong");
    } else if (kind === "multiple") {
      this.inputs().forEach(function (input) {
        var index = Number(input.value), chosen = input.checked, right = key.indexOf(index) !== -1;
        // Only the options the learner ticked get feedback, so that a second try still means something.
        if (chosen) reveal('[data-option="' + index + '"]', right ? "is-correct" : "is-wrong");
      });
    } else {
      response.forEach(function (step, position) {
        reveal('[data-step="' + step + '"]', step === position ? "is-correct" : "is-wrong");
      });
    }
  };

  Question.prototype.clearMarksForce = function () {
    Array.prototype.forEach.call(this.form.querySelectorAll(".is-correct, .is-wrong, .is-missed"), function (el) {
      el.classList.remove("is-correct", "is-wrong", "is-missed");
    });
    Array.prototype.forEach.call(this.form.querySelectorAll(".quiz-feedback"), function (el) { el.hidden = true; });
  };

  Question.prototype.check = function (fromUser) {
    var labels = this.quiz.labels;
    var response = this.response();
    if (response === null || (this.kind === "multiple" && !response.length)) {
      this.status.textContent = labels.choose_first || "";
      this.status.className = "quiz-status is-info";
      return;
    }
    var correct = this.isCorrect(response);
    this.showFeedback(response, correct);
    this.form.classList.toggle("is-right", correct);
    this.form.classList.toggle("is-not-right", !correct);
    this.status.textContent = correct ? labels.correct : labels.incorrect;
    this.status.className = "quiz-status " + (correct ? "is-correct" : "is-wrong");
    if (this.explanation) this.explanation.hidden = false;
    var hadFocus = document.activeElement === this.checkButton;
    this.lock(correct);
    if (fromUser && correct && hadFocus) {
      // The button is now disabled and would drop the keyboard focus: keep it on the result instead.
      this.status.setAttribute("tabindex", "-1");
      this.status.focus();
    }
    if (fromUser) this.quiz.record(this.id, response, correct);
  };

  Question.prototype.lock = function (locked) {
    this.inputs().forEach(function (input) { input.disabled = locked; });
    Array.prototype.forEach.call(this.form.querySelectorAll("button[data-move]"), function (button) {
      button.disabled = locked;
    });
    this.checkButton.disabled = locked;
  };

  Question.prototype.reset = function () {
    this.clearMarksForce();
    this.form.classList.remove("is-right", "is-not-right");
    this.inputs().forEach(function (input) { input.checked = false; });
    if (this.list) this.restore(this.shownOrder);
    this.status.textContent = "";
    this.status.className = "quiz-status";
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
    Array.prototype.forEach.call(items, function (li, index) {
      var up = li.querySelector('button[data-move="up"]'), down = li.querySelector('button[data-move="down"]');
      if (up) up.disabled = index === 0;
      if (down) down.disabled = index === total - 1;
      var pos = li.querySelector(".quiz-step-position");
      if (pos) pos.textContent = String(index + 1);
    });
  };

  // ---- one quiz ------------------------------------------------------------------------------------
  function Quiz(root, labels) {
    this.root = root;
    this.labels = labels;
    this.id = root.getAttribute("data-quiz");
    this.module = root.getAttribute("data-module");
    this.pass = Number(root.getAttribute("data-pass-percent")) || 0;
    this.score = root.querySelector(".quiz-score");
    this.live = root.querySelector(".quiz-live");
    var self = this;
    this.questions = Array.prototype.map.call(root.querySelectorAll("form.quiz-question"), function (form) {
      return new Question(form, self);
    });
    root.classList.add("is-interactive");
    Array.prototype.forEach.call(root.querySelectorAll(".quiz-js-only"), function (el) { el.hidden = false; });
    Array.prototype.forEach.call(root.querySelectorAll(".quiz-nojs-answer"), function (el) { el.hidden = true; });
    var retry = root.querySelector(".quiz-retry");
    if (retry) retry.addEventListener("click", function () { self.retry(); });
    this.restore();
    this.updateScore(false);
  }

  Quiz.prototype.state = function (store) {
    store = store || readStore();
    var state = store.quizzes[this.id];
    if (!state || typeof state !== "object") {
      state = { module: this.module, answers: {}, best: null, total: this.questions.length };
    }
    if (!state.answers || typeof state.answers !== "object") state.answers = {};
    return state;
  };

  Quiz.prototype.restore = function () {
    var answers = this.state().answers;
    this.questions.forEach(function (question) {
      var saved = answers[question.id];
      if (saved && saved.response !== undefined) {
        question.restore(saved.response);
        question.check(false);
      }
    });
  };

  Quiz.prototype.counts = function () {
    var answered = 0, right = 0;
    this.questions.forEach(function (q) {
      if (q.form.classList.contains("is-right")) { right += 1; answered += 1; }
      else if (q.form.classList.contains("is-not-right")) answered += 1;
    });
    return { answered: answered, right: right, total: this.questions.length };
  };

  Quiz.prototype.record = function (questionId, response, correct) {
    var store = readStore();
    var state = this.state(store);
    state.answers[questionId] = { response: response, correct: correct };
    var counts = this.counts();
    state.total = counts.total;
    state.score = counts.right;
    state.answered = counts.answered;
    state.module = this.module;
    state.updated = new Date().toISOString();
    if (counts.answered === counts.total) {
      state.completed = true;
      state.best = Math.max(state.best || 0, percent(counts.right, counts.total));
    }
    store.quizzes[this.id] = state;
    writeStore(store);
    this.updateScore(true);
  };

  Quiz.prototype.updateScore = function (announce) {
    var c = this.counts(), labels = this.labels;
    var text;
    if (c.answered === c.total) {
      var p = percent(c.right, c.total);
      text = fill(labels.score_done, { score: c.right, total: c.total, percent: p }) + " " +
        (p >= this.pass ? fill(labels.passed, { pass: this.pass }) : fill(labels.not_passed, { pass: this.pass }));
    } else {
      text = fill(labels.score_running, { score: c.right, answered: c.answered, total: c.total });
    }
    this.score.textContent = text;
    this.score.setAttribute("data-score", String(c.right));
    this.score.setAttribute("data-answered", String(c.answered));
    if (announce && c.answered === c.total) this.announce(text);
  };

  Quiz.prototype.announce = function (text) {
    if (!this.live) return;
    this.live.textContent = "";
    var live = this.live;
    window.setTimeout(function () { live.textContent = text; }, 30);
  };

  Quiz.prototype.retry = function () {
    var store = readStore();
    var state = this.state(store);
    state.answers = {};
    state.score = 0;
    state.answered = 0;
    state.completed = false;
    store.quizzes[this.id] = state;
    writeStore(store);
    this.questions.forEach(function (q) { q.reset(); });
    this.updateScore(false);
    this.announce(this.labels.retried);
    var first = this.root.querySelector("form.quiz-question input, form.quiz-question button");
    if (first) first.focus();
  };

  // ---- my progress ---------------------------------------------------------------------------------
  function Progress(root, labels) {
    this.root = root;
    this.labels = labels;
    this.live = root.querySelector(".progress-live");
    var self = this;
    Array.prototype.forEach.call(root.querySelectorAll(".quiz-js-only"), function (el) { el.hidden = false; });
    var clear = root.querySelector(".progress-clear");
    if (clear) clear.addEventListener("click", function () { self.clear(); });
    this.render();
  }

  Progress.prototype.render = function () {
    var store = readStore(), labels = this.labels, any = false;
    var root = this.root;
    Array.prototype.forEach.call(root.querySelectorAll("[data-progress-quiz]"), function (row) {
      var id = row.getAttribute("data-progress-quiz");
      var state = store.quizzes[id];
      var status = row.querySelector(".progress-status"), best = root.querySelector('[data-best-for="' + id + '"]');
      var answered = state && state.answers ? Object.keys(state.answers).length : 0;
      if (state && (answered || state.best !== null && state.best !== undefined)) any = true;
      var total = Number(row.getAttribute("data-total"));
      var pass = Number(row.getAttribute("data-pass-percent"));
      if (!state || (!answered && (state.best === null || state.best === undefined))) {
        status.textContent = labels.status_not_started;
      } else if (state.best !== null && state.best !== undefined && state.best >= pass) {
        status.textContent = labels.status_passed;
      } else if (answered < total) {
        status.textContent = fill(labels.status_in_progress, { answered: answered, total: total });
      } else {
        status.textContent = labels.status_not_passed;
      }
      best.textContent = state && state.best !== null && state.best !== undefined ? state.best + "%" : "–";
    });
    Array.prototype.forEach.call(this.root.querySelectorAll("[data-progress-module]"), function (cell) {
      var visited = store.modules[cell.getAttribute("data-progress-module")];
      if (visited) any = true;
      cell.textContent = visited ? labels.module_opened : labels.module_not_opened;
    });
    var empty = this.root.querySelector(".progress-empty");
    if (empty) empty.hidden = any;
  };

  Progress.prototype.clear = function () {
    clearStore();
    this.render();
    if (this.live) this.live.textContent = this.labels.cleared;
  };

  // ---- trainer view --------------------------------------------------------------------------------
  function trainerEnabled() {
    var param = null;
    try { param = new URLSearchParams(window.location.search).get("trainer"); } catch (e) { param = null; }
    try {
      if (param === "1" || param === "true") window.localStorage.setItem(TRAINER_KEY, "1");
      if (param === "0" || param === "false") window.localStorage.removeItem(TRAINER_KEY);
      return window.localStorage.getItem(TRAINER_KEY) === "1";
    } catch (e) {
      return param === "1" || param === "true";
    }
  }

  function setTrainer(on, labels) {
    try {
      if (on) window.localStorage.setItem(TRAINER_KEY, "1"); else window.localStorage.removeItem(TRAINER_KEY);
    } catch (e) { /* the view still changes for this page */ }
    document.documentElement.classList.toggle("trainer-view", on);
    Array.prototype.forEach.call(document.querySelectorAll(".trainer-notes"), function (el) { el.hidden = !on; });
    Array.prototype.forEach.call(document.querySelectorAll(".trainer-toggle"), function (button) {
      button.setAttribute("aria-pressed", on ? "true" : "false");
      button.textContent = on ? labels.trainer_off : labels.trainer_on;
    });
  }

  function initModule(root, labels) {
    var store = readStore();
    var id = root.getAttribute("data-module");
    store.modules[id] = { opened: new Date().toISOString() };
    writeStore(store);
    Array.prototype.forEach.call(document.querySelectorAll(".trainer-toggle"), function (button) {
      button.hidden = false;
      button.addEventListener("click", function () {
        setTrainer(button.getAttribute("aria-pressed") !== "true", labels);
      });
    });
    setTrainer(trainerEnabled(), labels);
  }

  // ---- start ---------------------------------------------------------------------------------------
  function start() {
    var labels = readLabels();
    Array.prototype.forEach.call(document.querySelectorAll(".training-quiz[data-quiz]"), function (root) {
      new Quiz(root, labels);
    });
    Array.prototype.forEach.call(document.querySelectorAll(".training-progress"), function (root) {
      new Progress(root, labels);
    });
    Array.prototype.forEach.call(document.querySelectorAll(".training-module[data-module]"), function (root) {
      initModule(root, labels);
    });
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
})();
