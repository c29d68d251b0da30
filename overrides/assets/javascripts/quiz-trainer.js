/*
 * Training: the trainer view, which shows the trainer notes on modules and quizzes. It is switched on
 * with ?trainer=1 (off with ?trainer=0) or the page's button, and remembered in this browser's
 * localStorage (lea-isp-training-trainer); the button's labels come from the page's "training-labels".
 */
(function () {
  "use strict";

  var Lea = window.Lea;
  var each = Lea.each;
  var TRAINER_KEY = "lea-isp-training-trainer";

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
    each(document.querySelectorAll(".trainer-notes"), function (el) { el.hidden = !on; });
    each(document.querySelectorAll(".trainer-toggle"), function (button) {
      button.setAttribute("aria-pressed", on ? "true" : "false");
      button.textContent = on ? labels.trainer_off : labels.trainer_on;
    });
  }

  function initTrainer(labels) {
    var buttons = document.querySelectorAll(".trainer-toggle");
    if (!buttons.length) return;
    each(buttons, function (button) {
      button.hidden = false;
      button.addEventListener("click", function () {
        setTrainer(button.getAttribute("aria-pressed") !== "true", labels);
      });
    });
    setTrainer(trainerEnabled(), labels);
  }

  Lea.start(function () { initTrainer(Lea.readJson("training-labels")); });
})();
