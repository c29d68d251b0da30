/*
 * Training quizzes: what is kept in this browser, and the arithmetic of scores.
 *
 * Everything the learner answers stays in this browser: progress is kept in localStorage under one
 * key (lea-isp-training-progress) and can be cleared from the "my progress" page. Storage blocked or
 * corrupt means starting empty, never an error. This file only defines window.Lea.quiz at load; the
 * questions (quiz-questions.js), "my progress" (quiz-progress.js) and the trainer view (quiz-trainer.js)
 * use it.
 */
(function () {
  "use strict";

  var Lea = window.Lea = window.Lea || {};
  var quiz = Lea.quiz = Lea.quiz || {};

  var STORE_KEY = "lea-isp-training-progress";
  var VERSION = 2;

  function emptyStore() { return { version: VERSION, quizzes: {}, modules: {} }; }

  quiz.readStore = function () {
    try {
      var raw = window.localStorage.getItem(STORE_KEY);
      var data = raw ? JSON.parse(raw) : null;
      if (data && typeof data === "object" && data.version === VERSION && data.quizzes && data.modules) return data;
    } catch (e) { /* storage blocked or corrupt: start empty */ }
    return emptyStore();
  };

  quiz.writeStore = function (data) {
    try { window.localStorage.setItem(STORE_KEY, JSON.stringify(data)); return true; } catch (e) { return false; }
  };

  quiz.clearStore = function () {
    try { window.localStorage.removeItem(STORE_KEY); } catch (e) { /* nothing to clear */ }
  };

  /* One quiz's saved state, with every part present. */
  quiz.quizState = function (store, id) {
    var state = store.quizzes[id];
    if (!state || typeof state !== "object") state = {};
    if (!state.answers || typeof state.answers !== "object") state.answers = {};
    if (!state.mastery || typeof state.mastery !== "object") state.mastery = {};
    state.attempts = Number(state.attempts) || 0;
    return state;
  };

  quiz.percent = function (score, total) {
    return total ? Math.round((score / total) * 100) : 0;
  };

  /* A score as shown: at most one decimal. */
  quiz.shown = function (score) {
    return String(Math.round(score * 10) / 10);
  };
})();
