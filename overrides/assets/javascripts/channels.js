/*
 * "Which channel?": asks up to five questions and names the channels that fit, with a link to each form.
 * Everything happens in this page: no request is made, nothing is stored. The questions, answers and
 * results come from the JSON block .lea-guide-data (built from ui.yaml, already translated). The rules in
 * channelsFor() are the same as scripts/pages/channels.py:channels_for; a browser test compares them on
 * every path.
 */
(function () {
  "use strict";

  function nextQuestion(a) {
    if (!a.provider) return "provider";
    if (a.provider === "domestic") return null;
    if (a.provider === "eu" && !a.requester_eu) return "requester_eu";
    var euRoute = a.provider === "eu" && a.requester_eu === "yes";
    if (!euRoute && !a.protocol) return "protocol";
    if (!a.data) return "data";
    if (!a.emergency) return "emergency";
    return null;
  }

  function channelsFor(a) {
    if (a.provider === "domestic") return ["domestic"];
    if (a.provider === "eu" && a.requester_eu === "yes") return a.data === "preserve" ? ["epoc_pr"] : ["epoc"];
    var out = [];
    if (a.emergency === "yes") {
      if (a.protocol === "yes") out.push("art9", "art10");
      else if (a.protocol === "unsure") out.push("check_status");
      out.push("emergency_24_7");
      return out;
    }
    if (a.protocol === "yes") {
      if (a.data === "subscriber") out.push("art7");
      else if (a.data === "registration") out.push("art6");
    } else if (a.protocol === "unsure") {
      out.push("check_status");
    }
    if (a.data === "preserve") out.push("tcy_preservation");
    else if (a.data === "subscriber") out.push("tcy_mla");
    else out.push("mla");
    return out;
  }

  window.LeaChannelGuide = { nextQuestion: nextQuestion, channelsFor: channelsFor };

  function el(tag, cls, text) {
    var n = document.createElement(tag);
    if (cls) n.className = cls;
    if (text !== undefined && text !== null) n.textContent = text;
    return n;
  }

  function Guide(root) {
    var node = root.querySelector("script.lea-guide-data");
    if (!node) return;
    this.data = JSON.parse(node.textContent);
    this.root = root;
    this.steps = root.querySelector(".lea-guide-steps");
    this.result = root.querySelector(".lea-guide-result");
    this.answers = {};
    this.render(null);
  }

  Guide.prototype.question = function (id) {
    return this.data.questions.filter(function (q) { return q.id === id; })[0];
  };

  /* Draws every question asked so far (answered ones keep their choice) and the result when done. */
  Guide.prototype.render = function (focusQuestion) {
    var self = this;
    var a = this.answers;
    this.steps.textContent = "";
    this.result.textContent = "";
    var order = [];
    var probe = {};
    var q;
    while ((q = nextQuestion(probe)) !== null) {
      order.push(q);
      if (!a[q]) break;
      probe[q] = a[q];
    }
    order.forEach(function (qid) {
      var spec = self.question(qid);
      var fs = el("fieldset", "lea-guide-question");
      fs.setAttribute("data-question", qid);
      fs.appendChild(el("legend", null, spec.text));
      spec.options.forEach(function (o) {
        var id = "lea-guide-" + qid + "-" + o.id;
        var label = el("label", "lea-choice");
        label.setAttribute("for", id);
        var input = document.createElement("input");
        input.type = "radio";
        input.name = "lea-guide-" + qid;
        input.id = id;
        input.value = o.id;
        input.checked = a[qid] === o.id;
        input.addEventListener("change", function () {
          /* A changed answer clears the answers that came after it. */
          var idx = order.indexOf(qid);
          order.slice(idx + 1).forEach(function (later) { delete self.answers[later]; });
          ["requester_eu", "protocol", "data", "emergency"].forEach(function (k) {
            if (order.indexOf(k) === -1) delete self.answers[k];
          });
          self.answers[qid] = o.id;
          self.render(qid);
        });
        label.appendChild(input);
        label.appendChild(document.createTextNode(" " + o.label));
        fs.appendChild(label);
      });
      self.steps.appendChild(fs);
    });
    if (nextQuestion(a) === null) this.showResult();
    /* The answer just given keeps the focus, so that Tab moves on to the next question or the result. */
    if (focusQuestion) {
      var current = this.steps.querySelector('[data-question="' + focusQuestion + '"] input:checked');
      if (current) current.focus();
    }
  };

  Guide.prototype.showResult = function () {
    var self = this;
    var L = this.data.labels;
    var box = this.result;
    var ids = channelsFor(this.answers);
    box.setAttribute("data-channels", ids.join(" "));
    box.appendChild(el("h2", "lea-guide-result-title", L.result));
    var ul = el("ul", "lea-guide-channels");
    ids.forEach(function (rid) {
      var r = self.data.results[rid];
      var li = el("li", null, r.text);
      li.setAttribute("data-channel", rid);
      if (r.form) {
        li.appendChild(document.createTextNode(" "));
        var a = el("a", "lea-guide-form", L.open_form);
        a.href = r.form;
        li.appendChild(a);
      }
      ul.appendChild(li);
    });
    box.appendChild(ul);
    var restart = el("button", "lea-guide-restart", L.restart);
    restart.type = "button";
    restart.addEventListener("click", function () {
      self.answers = {};
      self.render(null);
      var first = self.steps.querySelector("input");
      if (first) first.focus();
    });
    box.appendChild(restart);
  };

  function init() {
    document.querySelectorAll(".lea-guide").forEach(function (root) {
      if (root.getAttribute("data-ready") === "1") return;
      root.setAttribute("data-ready", "1");
      root.classList.add("lea-js");
      new Guide(root);
    });
  }

  window.Lea.start(init, true);  // on every page, Material's instant navigation included (start.js)
})();
