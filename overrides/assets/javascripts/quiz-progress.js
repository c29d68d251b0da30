/*
 * Training: "my progress" (status, scores and mastery per measure, and clearing it all), the status of
 * each quiz on the training overview, and the record that a module was opened. Everything read and
 * written stays in this browser (quiz-storage.js); every text comes from the page's "training-labels".
 */
(function () {
  "use strict";

  var Lea = window.Lea;
  var storage = Lea.quiz;
  var readStore = storage.readStore, writeStore = storage.writeStore, clearStore = storage.clearStore;
  var percent = storage.percent, shown = storage.shown;
  var fill = Lea.fill, each = Lea.each;
  var MASTERY = 0.8;

  // ---- status of a quiz (my progress, the training overview) ---------------------------------------
  function statusText(state, total, pass, labels) {
    var answered = state ? Object.keys(state.answers || {}).length : 0;
    var hasResult = state && state.best !== null && state.best !== undefined;
    if (!state || (!answered && !hasResult)) return labels.status_not_started;
    if (hasResult && state.best >= pass) return labels.status_passed;
    if (answered && answered < total) return fill(labels.status_in_progress, { answered: answered, total: total });
    return labels.status_not_passed;
  }

  function result(value) {
    return value && value.total ? shown(value.score) + " / " + value.total + " (" + value.percent + "%)" : "–";
  }

  function renderStatuses(root, store, labels) {
    var any = false;
    each(root.querySelectorAll("[data-progress-quiz]"), function (row) {
      var id = row.getAttribute("data-progress-quiz");
      var state = store.quizzes[id];
      if (state && (Object.keys(state.answers || {}).length || state.attempts)) any = true;
      var status = row.querySelector(".progress-status") || row;
      status.textContent = statusText(state, Number(row.getAttribute("data-total")),
                                      Number(row.getAttribute("data-pass-percent")), labels);
      var cells = {
        best: state && state.best !== null && state.best !== undefined ? state.best + "%" : "–",
        first: result(state && state.firstAttempt),
        latest: result(state && state.latest),
        attempts: state && state.attempts ? String(state.attempts) : "0"
      };
      Object.keys(cells).forEach(function (name) {
        var cell = root.querySelector("[data-" + name + "-for=\"" + id + "\"]");
        if (cell) cell.textContent = cells[name];
      });
    });
    return any;
  }

  // ---- my progress ---------------------------------------------------------------------------------
  function Progress(root, labels, data) {
    this.root = root;
    this.labels = labels;
    this.data = data || {};
    this.live = root.querySelector(".progress-live");
    var self = this;
    each(root.querySelectorAll(".quiz-js-only"), function (el) { el.hidden = false; });
    var clear = root.querySelector(".progress-clear");
    if (clear) clear.addEventListener("click", function () { self.clear(); });
    this.render();
  }

  Progress.prototype.render = function () {
    var store = readStore(), labels = this.labels, root = this.root;
    var any = renderStatuses(root, store, labels);
    each(root.querySelectorAll("[data-progress-module]"), function (cell) {
      var visited = store.modules[cell.getAttribute("data-progress-module")];
      if (visited) any = true;
      cell.textContent = visited ? labels.module_opened : labels.module_not_opened;
    });
    this.renderMastery(store);
    var empty = root.querySelector(".progress-empty");
    if (empty) empty.hidden = any;
  };

  /** Per measure: how many of the questions on it have a first answer, and the share of marks earned. */
  Progress.prototype.renderMastery = function (store) {
    var quizzes = this.data.quizzes || {}, labels = this.labels, totals = {};
    Object.keys(quizzes).forEach(function (quizId) {
      var mastery = (store.quizzes[quizId] && store.quizzes[quizId].mastery) || {};
      (quizzes[quizId] || []).forEach(function (q) {
        (q.measures || []).forEach(function (measure) {
          var t = totals[measure] || (totals[measure] = { questions: 0, answered: 0, earned: 0 });
          t.questions += 1;
          if (Object.prototype.hasOwnProperty.call(mastery, q.id)) {
            t.answered += 1;
            t.earned += Number(mastery[q.id]) || 0;
          }
        });
      });
    });
    var root = this.root;
    each(root.querySelectorAll("[data-mastery-measure]"), function (row) {
      var id = row.getAttribute("data-mastery-measure");
      var t = totals[id] || { questions: 0, answered: 0, earned: 0 };
      var share = t.answered ? t.earned / t.answered : 0;
      var status = !t.answered ? labels.not_examined_yet
        : t.answered === t.questions && share >= MASTERY ? labels.mastered : labels.practise_more;
      row.querySelector(".mastery-answered").textContent = t.answered + " / " + t.questions;
      var earned = root.querySelector('[data-earned-for="' + id + '"]');
      var cell = root.querySelector('[data-mastery-status-for="' + id + '"]');
      if (earned) earned.textContent = t.answered ? percent(t.earned, t.answered) + "%" : "–";
      if (cell) cell.textContent = status;
      row.setAttribute("data-mastered", status === labels.mastered ? "true" : "false");
    });
  };

  Progress.prototype.clear = function () {
    clearStore();
    this.render();
    if (this.live) this.live.textContent = this.labels.cleared;
  };

  function initModule(root) {
    var store = readStore();
    store.modules[root.getAttribute("data-module")] = { opened: new Date().toISOString() };
    writeStore(store);
  }

  Lea.start(function () {
    var labels = Lea.readJson("training-labels");
    var progress = document.querySelectorAll(".training-progress");
    each(progress, function (root) { new Progress(root, labels, Lea.readJson("training-progress-data")); });
    if (!progress.length) {
      each(document.querySelectorAll(".training-status-list"), function (root) {
        renderStatuses(root, readStore(), labels);
      });
    }
    each(document.querySelectorAll(".training-module[data-module]"), function (root) { initModule(root); });
  });
})();
