/*
 * Request and response forms: validation next to each field, a live preview of the finished
 * document, printing, copy as plain text, and an opt-in draft kept in localStorage.
 *
 * Privacy: this script never talks to the network (no fetch, XHR, beacon, websocket, image
 * pings). Everything the user types stays in this page, or in localStorage when the user
 * ticks "keep a draft on this device".
 *
 * Every text shown to the user comes from the page: the JSON block #lea-form-data holds the
 * template (built from guidelines_data/templates/*.yaml) and the labels (guidelines_data/ui.yaml),
 * already translated for the page's language.
 */
(function () {
  "use strict";

  var DRAFT_PREFIX = "lea-form-draft:";

  /* ---------- validators (pure functions, also exercised by the browser tests) ---------- */

  function parseIPv4(s) {
    var parts = s.split(".");
    if (parts.length !== 4) return false;
    for (var i = 0; i < 4; i++) {
      if (!/^(0|[1-9][0-9]{0,2})$/.test(parts[i]) || Number(parts[i]) > 255) return false;
    }
    return true;
  }

  function parseIPv6(s) {
    if (!s || /[^0-9a-fA-F:.]/.test(s)) return false;
    var halves = s.split("::");
    if (halves.length > 2) return false;
    function groups(part) {
      return part === "" ? [] : part.split(":");
    }
    var head = groups(halves[0]);
    var tail = halves.length === 2 ? groups(halves[1]) : [];
    var all = head.concat(tail);
    var count = 0;
    for (var i = 0; i < all.length; i++) {
      var g = all[i];
      var last = i === all.length - 1;
      if (last && g.indexOf(".") !== -1) {
        if (!parseIPv4(g)) return false;
        count += 2;
      } else if (/^[0-9a-fA-F]{1,4}$/.test(g)) {
        count += 1;
      } else {
        return false;
      }
    }
    return halves.length === 2 ? count < 8 : count === 8;
  }

  function validPort(p) {
    return /^[0-9]{1,5}$/.test(p) && Number(p) >= 1 && Number(p) <= 65535;
  }

  /* Accepts 203.0.113.7, 203.0.113.7:51234, 2001:db8::7 and [2001:db8::7]:51234. */
  function checkIpPort(value, portRequired) {
    var v = value.trim();
    var m = /^\[([^\]]+)\](?::([0-9]+))?$/.exec(v);
    if (m) {
      if (!parseIPv6(m[1])) return "ip";
      if (m[2] === undefined) return portRequired ? "port_missing" : null;
      return validPort(m[2]) ? null : "port";
    }
    if (v.indexOf(":") !== -1 && v.indexOf(".") !== -1 && v.split(":").length === 2) {
      var hp = v.split(":");
      if (!parseIPv4(hp[0])) return "ip";
      return validPort(hp[1]) ? null : "port";
    }
    if (parseIPv4(v)) return portRequired ? "port_missing" : null;
    if (parseIPv6(v)) return portRequired ? "port_missing" : null;
    return "ip";
  }

  var DT_RE = /^(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2})(?::(\d{2})(?:[.,]\d{1,9})?)?(.*)$/i;
  var ZONE_RE = /^\s*(?:(Z)|(?:UTC|GMT)?\s*([+-])(\d{1,2})(?::?(\d{2}))?|(UTC|GMT))\s*$/i;

  function daysInMonth(y, m) {
    return new Date(Date.UTC(y, m, 0)).getUTCDate();
  }

  /* Returns {ms: epoch milliseconds} for a valid date-time with zone, or {error: key}. */
  function parseDateTime(value) {
    var v = value.trim();
    var m = DT_RE.exec(v);
    if (!m) return { error: "datetime" };
    var y = +m[1], mo = +m[2], d = +m[3], h = +m[4], mi = +m[5], s = m[6] ? +m[6] : 0;
    if (mo < 1 || mo > 12 || d < 1 || d > daysInMonth(y, mo) || h > 23 || mi > 59 || s > 59) {
      return { error: "datetime" };
    }
    var rest = m[7] || "";
    if (rest.trim() === "") return { error: "datetime_zone" };
    var z = ZONE_RE.exec(rest);
    if (!z) return { error: "datetime_zone" };
    var offset = 0;
    if (z[2]) {
      var oh = +z[3], om = z[4] ? +z[4] : 0;
      if (oh > 14 || om > 59) return { error: "datetime_zone" };
      offset = (oh * 60 + om) * (z[2] === "-" ? -1 : 1);
    }
    return { ms: Date.UTC(y, mo - 1, d, h, mi, s) - offset * 60000 };
  }

  function checkEmail(v) {
    return /^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(v.trim());
  }

  function checkPhone(v) {
    return /^\+?[0-9][0-9 ().\/-]{3,}[0-9]$/.test(v.trim());
  }

  window.LeaFormValidators = {
    ipPort: checkIpPort,
    dateTime: parseDateTime,
    email: checkEmail,
    phone: checkPhone
  };

  /* ---------- helpers ---------- */

  function fmt(template, values) {
    return String(template || "").replace(/\{(\w+)\}/g, function (all, key) {
      return Object.prototype.hasOwnProperty.call(values, key) ? values[key] : all;
    });
  }

  function el(tag, cls, text) {
    var node = document.createElement(tag);
    if (cls) node.className = cls;
    if (text !== undefined && text !== null) node.textContent = text;
    return node;
  }

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

  /* ---------- one form ---------- */

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
    this.bind();
    this.restoreDraft();
    this.render();
  }

  LeaForm.prototype.inputs = function (id) {
    return this.form.querySelectorAll('[name="' + id + '"]');
  };

  LeaForm.prototype.rawValue = function (f) {
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
    if (f.type === "multichoice") return v.length === 0;
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
      case "ip-port": {
        var r = checkIpPort(v, !!f.port_required);
        return r ? fmt(L[r], { label: f.label }) : null;
      }
      case "datetime": {
        var p = parseDateTime(v);
        if (p.error) return fmt(L[p.error], { label: f.label });
        break;
      }
      case "email":
        if (!checkEmail(v)) return fmt(L.email, { label: f.label });
        break;
      case "phone":
        if (!checkPhone(v)) return fmt(L.phone, { label: f.label });
        break;
      case "number": {
        var n = Number(v);
        if (!/^-?[0-9]+$/.test(String(v).trim()) ||
            (f.min !== null && f.min !== undefined && n < f.min) ||
            (f.max !== null && f.max !== undefined && n > f.max)) {
          var bounded = f.min !== null && f.min !== undefined && f.max !== null && f.max !== undefined;
          return fmt(bounded ? L.number_range : L.number, { label: f.label, min: f.min, max: f.max });
        }
        break;
      }
      case "date":
        if (!/^\d{4}-\d{2}-\d{2}$/.test(v) || isNaN(Date.parse(v + "T00:00:00Z"))) {
          return fmt(L.date, { label: f.label });
        }
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
      var p = parseDateTime(v);
      return p.error ? null : p.ms;
    }
    if (f.type === "date") {
      var t = Date.parse(v + "T00:00:00Z");
      return isNaN(t) ? null : t;
    }
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
    return !msg;
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
    if (!this.status) return;
    this.status.textContent = "";
    var s = this.status;
    window.setTimeout(function () {
      s.textContent = text;
    }, 30);
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
      var f = self.fieldFromEvent(ev);
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
    var act = function (name, fn) {
      self.root.querySelectorAll('[data-action="' + name + '"]').forEach(function (b) {
        b.addEventListener("click", fn);
      });
    };
    act("print", function () {
      window.print();
    });
    act("copy", function () {
      self.copy();
    });
    act("clear-draft", function () {
      self.clearDraft();
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

  LeaForm.prototype.setValue = function (f, v) {
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
    this.form.reset();
    this.announce(this.labels.draft_cleared);
  };

  /* ---------- the finished document ---------- */

  LeaForm.prototype.display = function (f, v) {
    if (f.type === "multichoice") {
      return f.options.filter(function (o) {
        return v.indexOf(o.id) !== -1;
      }).map(function (o) {
        return o.label;
      });
    }
    if (f.type === "choice") {
      var found = f.options.filter(function (o) {
        return o.id === v;
      })[0];
      return found ? found.label : "";
    }
    if (f.type === "checkbox") return v ? this.labels.yes : "";
    return String(v).trim();
  };

  LeaForm.prototype.render = function () {
    if (!this.preview) return;
    var self = this;
    var L = this.labels;
    var doc = document.createDocumentFragment();
    var head = el("header", "lea-doc-head");
    head.appendChild(el("p", "lea-doc-kind", this.tpl.kind_label));
    head.appendChild(el("h3", "lea-doc-title", this.tpl.title));
    if (this.tpl.legal_basis_line) head.appendChild(el("p", "lea-doc-basis", this.tpl.legal_basis_line));
    doc.appendChild(head);
    this.tpl.sections.forEach(function (section) {
      var sec = el("section", "lea-doc-section");
      sec.appendChild(el("h4", "lea-doc-section-title", section.title));
      var dl = el("dl", "lea-doc-fields");
      section.fields.forEach(function (f) {
        var shown = self.display(f, self.rawValue(f));
        var empty = Array.isArray(shown) ? shown.length === 0 : shown === "";
        var row = el("div", "lea-doc-row" + (empty ? " lea-doc-row--empty" : ""));
        row.setAttribute("data-field", f.id);
        row.appendChild(el("dt", null, f.label));
        var dd = el("dd");
        if (empty) {
          dd.appendChild(el("span", "lea-doc-blank", L.not_filled));
        } else if (Array.isArray(shown)) {
          var ul = el("ul");
          shown.forEach(function (s) {
            ul.appendChild(el("li", null, s));
          });
          dd.appendChild(ul);
        } else {
          shown.split("\n").forEach(function (line, i) {
            if (i) dd.appendChild(document.createElement("br"));
            dd.appendChild(document.createTextNode(line));
          });
        }
        row.appendChild(dd);
        dl.appendChild(row);
      });
      sec.appendChild(dl);
      doc.appendChild(sec);
    });
    if (this.tpl.notes && this.tpl.notes.length) {
      var notes = el("section", "lea-doc-notes");
      this.tpl.notes.forEach(function (n) {
        notes.appendChild(el("p", null, n));
      });
      doc.appendChild(notes);
    }
    var sign = el("div", "lea-doc-signature");
    sign.appendChild(el("span", "lea-doc-signature-line", L.signature));
    doc.appendChild(sign);
    this.preview.textContent = "";
    this.preview.appendChild(doc);
  };

  LeaForm.prototype.plainText = function () {
    var self = this;
    var L = this.labels;
    /* Titles are underlined, not upper-cased: case mapping is wrong for some languages (Turkish, Georgian). */
    var rule = function (text, ch) {
      return new Array(Math.min(text.length, 72) + 1).join(ch);
    };
    var lines = [this.tpl.title, rule(this.tpl.title, "="), ""];
    if (this.tpl.legal_basis_line) lines.push(this.tpl.legal_basis_line, "");
    this.tpl.sections.forEach(function (section) {
      lines.push(section.title, rule(section.title, "-"));
      section.fields.forEach(function (f) {
        var shown = self.display(f, self.rawValue(f));
        if (Array.isArray(shown)) shown = shown.join("; ");
        if (shown === "") shown = L.not_filled;
        lines.push(f.label + ": " + shown.replace(/\n/g, "\n    "));
      });
      lines.push("");
    });
    (this.tpl.notes || []).forEach(function (n) {
      lines.push(n);
    });
    return lines.join("\n").replace(/\n+$/, "") + "\n";
  };

  LeaForm.prototype.copy = function () {
    var self = this;
    var text = this.plainText();
    var fallback = function () {
      var area = el("textarea", "lea-copy-buffer");
      area.value = text;
      area.setAttribute("readonly", "");
      area.setAttribute("aria-hidden", "true");
      area.style.position = "fixed";
      area.style.top = "-1000px";
      document.body.appendChild(area);
      area.select();
      var ok = false;
      try {
        ok = document.execCommand("copy");
      } catch (e) {
        ok = false;
      }
      document.body.removeChild(area);
      if (ok) {
        self.announce(self.labels.copied);
      } else {
        self.showManualCopy(text);
      }
    };
    if (navigator.clipboard && window.isSecureContext) {
      navigator.clipboard.writeText(text).then(function () {
        self.announce(self.labels.copied);
      }, fallback);
    } else {
      fallback();
    }
  };

  /* Last resort: show the text selected so the user can copy it with the keyboard. */
  LeaForm.prototype.showManualCopy = function (text) {
    var box = this.root.querySelector(".lea-manual-copy");
    if (!box) return;
    var area = box.querySelector("textarea");
    area.value = text;
    box.hidden = false;
    area.focus();
    area.select();
    this.announce(this.labels.copy_failed);
  };

  function init() {
    document.querySelectorAll(".lea-form-root").forEach(function (root) {
      if (root.getAttribute("data-ready") === "1") return;
      root.setAttribute("data-ready", "1");
      root.classList.add("lea-js");
      document.documentElement.classList.add("lea-form-page");
      new LeaForm(root);
    });
  }

  if (window.document$ && typeof window.document$.subscribe === "function") {
    window.document$.subscribe(init);
  } else if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", init);
  } else {
    init();
  }
})();
