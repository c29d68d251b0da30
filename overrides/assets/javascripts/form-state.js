/*
 * Request and response forms: the form's state, validation next to each field, the opt-in draft kept in
 * localStorage (with its confirm-clear), the warning before leaving a page with typed input, and the
 * start-up of every form on the page. The checks themselves are form-validators.js; the preview, print,
 * copy and .docx download are form-document.js, whose methods this file puts on the form's prototype.
 *
 * Privacy: these scripts never talk to the network (no fetch, XHR, beacon, websocket, image pings).
 * Everything the user types stays in this page, or in localStorage when the user ticks "keep a draft on
 * this device".
 *
 * Every text shown to the user comes from the page: the JSON block #lea-form-data holds the
 * template (built from guidelines_data/templates/*.yaml) and the labels (guidelines_data/ui.yaml),
 * already translated for the page's language.
 */
(function () {
  "use strict";

  var Lea = window.Lea;
  var V = Lea.validators;
  var fmt = Lea.fill;
  var DRAFT_PREFIX = "lea-form-draft:";

  function storageAvailable() {
    try {
      var k = DRAFT_PREFIX + "test";
      window.localStorage.setItem(k, "1");
      window.localStorage.removeItem(k);
      return true;
    } catch (e) {
      return false;
    }
  }

  /* ---------- one form: its fields, their values and the messages at each field ---------- */

  function LeaForm(root) {
    var dataNode = root.querySelector("script.lea-form-data");
    if (!dataNode) return;
    var data = JSON.parse(dataNode.textContent);
    this.root = root;
    this.tpl = data.template;
    this.labels = data.labels;
    this.form = root.querySelector("form.lea-form");
    this.preview = root.querySelector(".lea-document");
    this.status = root.querySelector(".lea-status");
    this.fields = {};
    var self = this;
    this.tpl.sections.forEach(function (section) {
      section.fields.forEach(function (f) {
        self.fields[f.id] = f;
      });
    });
    this.draftKey = DRAFT_PREFIX + this.tpl.id;
    this.dirty = false;
    for (var fid in this.fields) {
      if (this.fields[fid].type === "identifiers") this.numberRows(this.fields[fid]);
    }
    this.bind();
    this.restoreDraft();
    this.render();
  }

  LeaForm.prototype.inputs = function (id) {
    return this.form.querySelectorAll('[name="' + id + '"]');
  };

  LeaForm.prototype.rows = function (f) {
    var body = this.root.querySelector('tbody[data-rows="' + f.id + '"]');
    return body ? Array.prototype.slice.call(body.querySelectorAll("tr[data-row]")) : [];
  };

  LeaForm.prototype.rawValue = function (f) {
    if (f.type === "identifiers") {
      return this.rows(f).map(function (tr) {
        var get = function (part) {
          var input = tr.querySelector('[data-part="' + part + '"]');
          return input ? input.value.trim() : "";
        };
        return { ip: get("ip"), port: get("port"), time: get("time") };
      }).filter(function (r) {
        return r.ip || r.port || r.time;
      });
    }
    var nodes = this.inputs(f.id);
    if (f.type === "multichoice") {
      var out = [];
      nodes.forEach(function (n) {
        if (n.checked) out.push(n.value);
      });
      return out;
    }
    if (f.type === "choice") {
      var chosen = "";
      nodes.forEach(function (n) {
        if (n.checked) chosen = n.value;
      });
      return chosen;
    }
    if (f.type === "checkbox") return nodes.length && nodes[0].checked;
    return nodes.length ? nodes[0].value : "";
  };

  LeaForm.prototype.isEmpty = function (f, v) {
    if (f.type === "multichoice" || f.type === "identifiers") return v.length === 0;
    if (f.type === "checkbox") return !v;
    return String(v).trim() === "";
  };

  /* Returns an error message (already filled in) or null. */
  LeaForm.prototype.check = function (f) {
    var L = this.labels;
    var v = this.rawValue(f);
    if (this.isEmpty(f, v)) {
      var needed = f.required;
      if (!needed && f.required_with && this.fields[f.required_with]) {
        var lead = this.fields[f.required_with];
        needed = !this.isEmpty(lead, this.rawValue(lead));
        if (needed) return fmt(L.required_with, { label: f.label, other: lead.label });
      }
      return needed ? fmt(L.required, { label: f.label }) : null;
    }
    switch (f.type) {
      case "identifiers": {
        for (var i = 0; i < v.length; i++) {
          var name = fmt(L.identifier_row, { n: i + 1 });
          var wrong = V.identifier(v[i], f.port_required);
          if (wrong) {
            var where = wrong.column ? name + " - " + Lea.label(L, wrong.column) : name;
            return fmt(Lea.label(L, wrong.error), { label: where });
          }
        }
        break;
      }
      case "ip-port": {
        var r = V.ipPort(v, !!f.port_required);
        return r ? fmt(Lea.label(L, r), { label: f.label }) : null;
      }
      case "datetime": {
        var p = V.dateTime(v);
        if (p.error) return fmt(Lea.label(L, p.error), { label: f.label });
        break;
      }
      case "email":
        if (!V.email(v)) return fmt(L.email, { label: f.label });
        break;
      case "phone":
        if (!V.phone(v)) return fmt(L.phone, { label: f.label });
        break;
      case "number": {
        var bad = V.number(v, f.min, f.max);
        if (bad) return fmt(Lea.label(L, bad), { label: f.label, min: f.min, max: f.max });
        break;
      }
      case "date":
        if (!V.date(v)) return fmt(L.date, { label: f.label });
        break;
      default:
        break;
    }
    if (f.not_before) {
      var other = this.fields[f.not_before];
      var ov = other ? this.rawValue(other) : "";
      if (other && !this.isEmpty(other, ov)) {
        var a = this.comparable(other, ov);
        var b = this.comparable(f, v);
        if (a !== null && b !== null && b < a) {
          return fmt(L.order, { label: f.label, other: other.label });
        }
      }
    }
    return null;
  };

  LeaForm.prototype.comparable = function (f, v) {
    if (f.type === "datetime") {
      var p = V.dateTime(v);
      return p.error ? null : p.ms;
    }
    if (f.type === "date") return V.dateValue(v);
    return null;
  };

  LeaForm.prototype.showError = function (f, message) {
    var box = this.root.querySelector("#" + this.tpl.id + "--" + f.id + "--error");
    if (!box) return;
    box.textContent = message || "";
    box.hidden = !message;
    this.inputs(f.id).forEach(function (input) {
      if (message) input.setAttribute("aria-invalid", "true");
      else input.removeAttribute("aria-invalid");
    });
    var wrapper = this.root.querySelector('[data-field="' + f.id + '"]');
    if (wrapper) wrapper.classList.toggle("lea-field--invalid", !!message);
  };

  LeaForm.prototype.validateField = function (f) {
    var msg = this.check(f);
    this.showError(f, msg);
    this.showWarning(f);
    return !msg;
  };

  /* Warnings never block: they point at addresses that cannot identify a user on the internet. */
  LeaForm.prototype.showWarning = function (f) {
    if (f.type !== "ip-port" && f.type !== "identifiers") return;
    var box = this.root.querySelector("#" + this.tpl.id + "--" + f.id + "--warning");
    if (!box) return;
    var L = this.labels;
    var v = this.rawValue(f);
    var messages = [];
    if (f.type === "ip-port") {
      var w = v ? V.addressWarning(v) : null;
      if (w) messages.push(fmt(Lea.label(L, w), { label: f.label }));
    } else {
      v.forEach(function (row, i) {
        var k = row.ip ? V.addressWarning(row.ip) : null;
        if (k) messages.push(fmt(Lea.label(L, k), { label: fmt(L.identifier_row, { n: i + 1 }) }));
      });
    }
    box.textContent = messages.join(" ");
    box.hidden = messages.length === 0;
  };

  /* True when every field passes, without showing any message. */
  LeaForm.prototype.isValid = function () {
    for (var k in this.fields) {
      if (this.check(this.fields[k])) return false;
    }
    return true;
  };

  /* Fields whose "not before" rule points at this field are checked again with it. */
  LeaForm.prototype.dependants = function (id) {
    var out = [];
    for (var k in this.fields) {
      if (this.fields[k].not_before === id || this.fields[k].required_with === id) out.push(this.fields[k]);
    }
    return out;
  };

  LeaForm.prototype.validateAll = function () {
    var first = null;
    var count = 0;
    for (var k in this.fields) {
      if (!this.validateField(this.fields[k])) {
        count += 1;
        if (!first) first = this.fields[k];
      }
    }
    return { count: count, first: first };
  };

  LeaForm.prototype.announce = function (text) {
    Lea.announce(this.status, text);
  };

  LeaForm.prototype.fieldFromEvent = function (ev) {
    var name = ev.target && ev.target.getAttribute("name");
    return name && this.fields[name] ? this.fields[name] : null;
  };

  LeaForm.prototype.bind = function () {
    var self = this;
    this.form.addEventListener("focusout", function (ev) {
      var f = self.fieldFromEvent(ev);
      if (!f) return;
      /* For radio and checkbox groups, wait until focus leaves the whole group. */
      var group = self.root.querySelector('[data-field="' + f.id + '"]');
      window.setTimeout(function () {
        if (group && group.contains(document.activeElement)) return;
        self.validateField(f);
        self.dependants(f.id).forEach(function (d) {
          var shown = self.root.querySelector('[data-field="' + d.id + '"]');
          if (!self.isEmpty(d, self.rawValue(d)) || (shown && shown.classList.contains("lea-field--invalid"))) {
            self.validateField(d);
          }
        });
      }, 0);
    });
    this.form.addEventListener("input", function (ev) {
      self.dirty = true;
      var f = self.fieldFromEvent(ev);
      if (f && (f.type === "ip-port" || f.type === "identifiers")) self.showWarning(f);
      if (f) {
        var wrapper = self.root.querySelector('[data-field="' + f.id + '"]');
        if (wrapper && wrapper.classList.contains("lea-field--invalid")) self.validateField(f);
      }
      self.render();
      self.saveDraft();
    });
    this.form.addEventListener("change", function (ev) {
      var f = self.fieldFromEvent(ev);
      if (f && (f.type === "choice" || f.type === "multichoice" || f.type === "checkbox")) {
        self.validateField(f);
      }
      self.render();
      self.saveDraft();
    });
    this.form.addEventListener("submit", function (ev) {
      ev.preventDefault();
      var result = self.validateAll();
      self.render();
      if (result.count) {
        self.announce(fmt(self.labels.errors_summary, { count: result.count }));
        var focusable = self.inputs(result.first.id)[0];
        if (focusable) focusable.focus();
      } else {
        self.announce(self.labels.valid);
        var heading = self.root.querySelector(".lea-preview-heading");
        if (heading) {
          heading.setAttribute("tabindex", "-1");
          heading.focus();
        }
      }
    });
    this.form.addEventListener("reset", function () {
      window.setTimeout(function () {
        for (var k in self.fields) self.showError(self.fields[k], null);
        self.render();
      }, 0);
    });
    this.bindDocument();
    this.root.querySelectorAll('[data-action="clear-draft"]').forEach(function (b) {
      b.addEventListener("click", function () {
        if (!window.confirm(self.labels.confirm_clear)) return;
        self.clearDraft();
      });
    });
    this.root.addEventListener("click", function (ev) {
      var button = ev.target.closest && ev.target.closest("button[data-action]");
      if (!button) return;
      var name = button.getAttribute("data-action");
      if (name === "add-row") {
        var f = self.fields[button.getAttribute("data-rows-for")];
        if (f) self.addRow(f, null, true);
      } else if (name === "remove-row") {
        var tr = button.closest("tr[data-row]");
        var body = tr && tr.parentNode;
        var field = body && self.fields[body.getAttribute("data-rows")];
        if (!field) return;
        if (body.querySelectorAll("tr[data-row]").length > 1) {
          body.removeChild(tr);
        } else {
          tr.querySelectorAll("input").forEach(function (i) { i.value = ""; });
        }
        self.numberRows(field);
        self.validateField(field);
        self.render();
        self.saveDraft();
        var focus = body.querySelector("tr[data-row] input");
        if (focus) focus.focus();
      }
    });
    window.addEventListener("beforeunload", function (ev) {
      /* Nothing is lost when the input is kept as a draft on this device. */
      if (!self.dirty || (self.keep && self.keep.checked)) return undefined;
      ev.preventDefault();
      ev.returnValue = self.labels.leave_warning;
      return self.labels.leave_warning;
    });
    this.keep = this.root.querySelector('input[data-role="keep-draft"]');
    if (this.keep) {
      if (!storageAvailable()) {
        this.keep.disabled = true;
      }
      this.keep.addEventListener("change", function () {
        if (self.keep.checked) {
          self.saveDraft();
          self.announce(self.labels.draft_on);
        } else {
          self.removeDraft();
          self.announce(self.labels.draft_off);
        }
      });
    }
  };

  /* ---------- draft (opt-in) ---------- */

  LeaForm.prototype.values = function () {
    var out = {};
    for (var k in this.fields) out[k] = this.rawValue(this.fields[k]);
    return out;
  };

  LeaForm.prototype.saveDraft = function () {
    if (!this.keep || !this.keep.checked) return;
    try {
      window.localStorage.setItem(this.draftKey, JSON.stringify({ v: 1, values: this.values() }));
    } catch (e) {
      /* storage full or blocked: the form keeps working without a draft */
    }
  };

  LeaForm.prototype.removeDraft = function () {
    try {
      window.localStorage.removeItem(this.draftKey);
    } catch (e) {
      /* nothing stored */
    }
  };

  LeaForm.prototype.numberRows = function (f) {
    var L = this.labels;
    this.rows(f).forEach(function (tr, i) {
      var name = fmt(L.identifier_row, { n: i + 1 });
      var cols = { ip: L.col_ip, port: L.col_port, time: L.col_time };
      tr.querySelectorAll("input[data-part]").forEach(function (input) {
        input.setAttribute("aria-label", name + ": " + cols[input.getAttribute("data-part")]);
      });
      var rm = tr.querySelector('[data-action="remove-row"]');
      if (rm) rm.setAttribute("aria-label", rm.textContent.replace(/\s*\(.*$/, "") + " (" + name + ")");
    });
  };

  LeaForm.prototype.addRow = function (f, value, focus) {
    var rows = this.rows(f);
    var tr = rows[0].cloneNode(true);
    tr.querySelectorAll("input").forEach(function (input) {
      input.value = value ? value[input.getAttribute("data-part")] || "" : "";
    });
    rows[0].parentNode.appendChild(tr);
    this.numberRows(f);
    if (focus) tr.querySelector("input").focus();
    return tr;
  };

  LeaForm.prototype.setValue = function (f, v) {
    if (f.type === "identifiers") {
      var rows = this.rows(f);
      for (var i = rows.length - 1; i > 0; i--) rows[i].parentNode.removeChild(rows[i]);
      var list = Array.isArray(v) ? v : [];
      var first = this.rows(f)[0];
      first.querySelectorAll("input").forEach(function (input) {
        input.value = list[0] ? list[0][input.getAttribute("data-part")] || "" : "";
      });
      for (var j = 1; j < list.length; j++) this.addRow(f, list[j], false);
      this.numberRows(f);
      return;
    }
    var nodes = this.inputs(f.id);
    if (f.type === "multichoice") {
      nodes.forEach(function (n) {
        n.checked = Array.isArray(v) && v.indexOf(n.value) !== -1;
      });
    } else if (f.type === "choice") {
      nodes.forEach(function (n) {
        n.checked = n.value === v;
      });
    } else if (f.type === "checkbox") {
      if (nodes.length) nodes[0].checked = !!v;
    } else if (nodes.length && typeof v === "string") {
      nodes[0].value = v;
    }
  };

  LeaForm.prototype.restoreDraft = function () {
    if (!this.keep) return;
    var raw = null;
    try {
      raw = window.localStorage.getItem(this.draftKey);
    } catch (e) {
      return;
    }
    if (!raw) return;
    try {
      var saved = JSON.parse(raw);
      for (var k in saved.values) {
        if (this.fields[k]) this.setValue(this.fields[k], saved.values[k]);
      }
      this.keep.checked = true;
      this.announce(this.labels.draft_restored);
    } catch (e) {
      this.removeDraft();
    }
  };

  LeaForm.prototype.clearDraft = function () {
    this.removeDraft();
    if (this.keep) this.keep.checked = false;
    for (var k in this.fields) {
      if (this.fields[k].type === "identifiers") this.setValue(this.fields[k], []);
    }
    this.form.reset();
    this.dirty = false;
    this.announce(this.labels.draft_cleared);
  };

  /* The preview, print, copy and download (form-document.js). */
  Object.keys(Lea.formDocument).forEach(function (name) {
    LeaForm.prototype[name] = Lea.formDocument[name];
  });

  function init() {
    document.querySelectorAll(".lea-form-root").forEach(function (root) {
      if (root.getAttribute("data-ready") === "1") return;
      root.setAttribute("data-ready", "1");
      root.classList.add("lea-js");
      document.documentElement.classList.add("lea-form-page");
      new LeaForm(root);
    });
  }

  Lea.start(init, true);
})();
