/*
 * The memorandum-of-understanding outline builder.
 *
 * The page carries the whole outline already rendered, every practice clause and every measure
 * hidden until picked. This script only shows what the working group picks, copies the party names
 * into the outline and prints it. It holds no text of its own (every word comes from the page, so it
 * is translated with the page), stores nothing and sends nothing anywhere.
 */
(function () {
  "use strict";

  function init(root) {
    var form = root.querySelector("[data-mou-form]");
    var outline = root.querySelector("[data-mou-outline]");
    if (!form || !outline) { return; }
    root.classList.add("mou-builder--active");

    var practiceBoxes = Array.prototype.slice.call(form.querySelectorAll("input[data-mou-practice]"));
    var measureBoxes = Array.prototype.slice.call(form.querySelectorAll("input[data-mou-measure]"));
    var status = root.querySelector("[data-mou-status]");

    function checkedValues(boxes, attribute) {
      return boxes.filter(function (box) { return box.checked; })
        .map(function (box) { return box.getAttribute(attribute); });
    }

    function update() {
      var practices = checkedValues(practiceBoxes, "data-mou-practice");
      var measures = checkedValues(measureBoxes, "data-mou-measure");
      outline.querySelectorAll("[data-mou-clause]").forEach(function (item) {
        item.hidden = practices.indexOf(item.getAttribute("data-mou-clause")) === -1;
      });
      outline.querySelectorAll("[data-mou-commitment]").forEach(function (item) {
        item.hidden = measures.indexOf(item.getAttribute("data-mou-commitment")) === -1;
      });
      outline.querySelectorAll("[data-mou-commitments]").forEach(function (group) {
        group.hidden = measures.length === 0;
      });
      outline.querySelectorAll("[data-mou-section]").forEach(function (group) {
        var visible = group.querySelectorAll("[data-mou-commitment]:not([hidden])").length;
        group.hidden = visible === 0;
      });
      var empty = practices.length === 0 && measures.length === 0;
      outline.querySelectorAll("[data-mou-empty]").forEach(function (note) { note.hidden = !empty; });
      form.querySelectorAll("[data-mou-party]").forEach(function (input) {
        var name = input.getAttribute("data-mou-party");
        outline.querySelectorAll('[data-mou-party-name="' + name + '"]').forEach(function (slot) {
          var value = input.value.trim();
          slot.textContent = value || slot.getAttribute("data-mou-placeholder");
        });
      });
      if (status) {
        status.textContent = status.getAttribute("data-mou-template")
          .replace("{practices}", String(practices.length))
          .replace("{measures}", String(measures.length));
      }
    }

    practiceBoxes.forEach(function (box) {
      box.addEventListener("change", function () {
        if (box.checked) {
          var wanted = (box.getAttribute("data-mou-measures") || "").split(/\s+/);
          measureBoxes.forEach(function (p) {
            if (wanted.indexOf(p.getAttribute("data-mou-measure")) !== -1) { p.checked = true; }
          });
        }
        update();
      });
    });
    measureBoxes.forEach(function (box) { box.addEventListener("change", update); });
    form.querySelectorAll("[data-mou-party]").forEach(function (input) {
      input.addEventListener("input", update);
    });
    form.addEventListener("submit", function (event) { event.preventDefault(); update(); });
    form.querySelectorAll("[data-mou-clear]").forEach(function (button) {
      button.addEventListener("click", function () {
        practiceBoxes.concat(measureBoxes).forEach(function (box) { box.checked = false; });
        update();
      });
    });
    root.querySelectorAll("[data-mou-print]").forEach(function (button) {
      button.addEventListener("click", function () { update(); window.print(); });
    });

    // A link may preselect practices or measures: ...?practices=a,b&measures=12,13
    var query = decodeURIComponent(location.search.replace(/^\?/, ""));
    query.split("&").forEach(function (part) {
      var pair = part.split("=");
      var values = (pair[1] || "").split(",");
      if (pair[0] === "practices") {
        practiceBoxes.forEach(function (box) {
          if (values.indexOf(box.getAttribute("data-mou-practice")) !== -1) {
            box.checked = true;
            box.dispatchEvent(new Event("change"));
          }
        });
      } else if (pair[0] === "measures") {
        measureBoxes.forEach(function (box) {
          if (values.indexOf(box.getAttribute("data-mou-measure")) !== -1) { box.checked = true; }
        });
      }
    });
    update();
  }

  function start() {
    document.querySelectorAll("[data-mou-builder]").forEach(init);
    // A plain "print this page" button (the workshop handout).
    document.querySelectorAll("[data-print-page]").forEach(function (button) {
      if (button.getAttribute("data-print-ready")) { return; }
      button.setAttribute("data-print-ready", "1");
      button.addEventListener("click", function () { window.print(); });
    });
  }

  // On every page, Material's instant navigation included (start.js).
  window.Lea.start(start, true);
})();
