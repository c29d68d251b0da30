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

  function v4num(s) {
    var p = s.split(".").map(Number);
    return ((p[0] * 256 + p[1]) * 256 + p[2]) * 256 + p[3];
  }

  function inV4(n, base, bits) {
    var size = Math.pow(2, 32 - bits);
    return n >= v4num(base) && n < v4num(base) + size;
  }

  /* The address part of "203.0.113.7:51234", "[2001:db8::7]:51234", "2001:db8::7" or "203.0.113.7". */
  function bareAddress(value) {
    var v = value.trim();
    var m = /^\[([^\]]+)\]/.exec(v);
    if (m) return m[1];
    if (v.indexOf(".") !== -1 && v.split(":").length === 2) return v.split(":")[0];
    return v;
  }

  /* A warning key for addresses that cannot identify a user on the internet, or null. */
  function addressWarning(value) {
    var a = bareAddress(value);
    if (parseIPv4(a)) {
      var n = v4num(a);
      if (inV4(n, "10.0.0.0", 8) || inV4(n, "172.16.0.0", 12) || inV4(n, "192.168.0.0", 16)) return "ip_private";
      if (inV4(n, "100.64.0.0", 10)) return "ip_cgnat";
      if (inV4(n, "192.0.2.0", 24) || inV4(n, "198.51.100.0", 24) || inV4(n, "203.0.113.0", 24)) return "ip_documentation";
      if (inV4(n, "0.0.0.0", 8) || inV4(n, "127.0.0.0", 8) || inV4(n, "169.254.0.0", 16) || inV4(n, "192.0.0.0", 24) ||
          inV4(n, "198.18.0.0", 15) || inV4(n, "224.0.0.0", 4) || inV4(n, "240.0.0.0", 4)) return "ip_reserved";
      return null;
    }
    if (parseIPv6(a)) {
      var low = a.toLowerCase();
      var first = low.split(":")[0];
      if (low === "::" || low === "::1") return "ip_reserved";
      if (/^2001:0?db8(:|$)/.test(low) || /^3fff:/.test(low)) return "ip_documentation";
      var f = parseInt(first || "0", 16);
      if ((f & 0xfe00) === 0xfc00) return "ip_private";
      if ((f & 0xffc0) === 0xfe80 || (f & 0xff00) === 0xff00) return "ip_reserved";
      if (/^::ffff:/.test(low)) return addressWarning(low.replace(/^::ffff:/, ""));
      return null;
    }
    return null;
  }

  window.LeaFormValidators = {
    addressWarning: addressWarning,
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
          var row = v[i];
          var name = fmt(L.identifier_row, { n: i + 1 });
          if (!row.ip) return fmt(L.required, { label: name + " - " + L.col_ip });
          if (!parseIPv4(row.ip) && !parseIPv6(row.ip)) return fmt(L.ip, { label: name });
          if (!row.port && f.port_required) return fmt(L.port_missing, { label: name });
          if (row.port && !validPort(row.port)) return fmt(L.port, { label: name });
          if (!row.time) return fmt(L.required, { label: name + " - " + L.col_time });
          var pt = parseDateTime(row.time);
          if (pt.error) return fmt(L[pt.error], { label: name });
        }
        break;
      }
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
      var w = v ? addressWarning(v) : null;
      if (w) messages.push(fmt(L[w], { label: f.label }));
    } else {
      v.forEach(function (row, i) {
        var k = row.ip ? addressWarning(row.ip) : null;
        if (k) messages.push(fmt(L[k], { label: fmt(L.identifier_row, { n: i + 1 }) }));
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

  /* Print, copy and download are offered only for a valid form. */
  LeaForm.prototype.updateGate = function () {
    var ok = this.isValid();
    this.root.querySelectorAll('[data-action="print"], [data-action="copy"], [data-action="download-docx"]')
      .forEach(function (b) {
        b.disabled = !ok;
      });
    var note = this.root.querySelector(".lea-gated-note");
    if (note) note.hidden = ok;
    if (this.preview) this.preview.classList.toggle("lea-document--draft", !ok);
    return ok;
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
    var act = function (name, fn) {
      self.root.querySelectorAll('[data-action="' + name + '"]').forEach(function (b) {
        b.addEventListener("click", fn);
      });
    };
    act("print", function () {
      if (self.updateGate()) window.print();
    });
    act("copy", function () {
      if (self.updateGate()) self.copy();
    });
    act("clear-draft", function () {
      if (!window.confirm(self.labels.confirm_clear)) return;
      self.clearDraft();
    });
    act("download-docx", function () {
      self.downloadDocx();
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

  /* ---------- the finished document ---------- */

  LeaForm.prototype.display = function (f, v) {
    if (f.type === "identifiers") {
      var L = this.labels;
      return v.map(function (r) {
        return [r.ip, r.port ? L.col_port + " " + r.port : "", r.time].filter(Boolean).join(", ");
      });
    }
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
    doc.appendChild(el("p", "lea-doc-draft-mark", L.draft_mark));
    if (this.tpl.study_copy) doc.appendChild(el("p", "lea-doc-study-mark", L.study_copy));
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
    this.updateGate();
  };

  LeaForm.prototype.plainText = function () {
    var self = this;
    var L = this.labels;
    /* Titles are underlined, not upper-cased: case mapping is wrong for some languages (Turkish, Georgian). */
    var rule = function (text, ch) {
      return new Array(Math.min(text.length, 72) + 1).join(ch);
    };
    var lines = [this.tpl.title, rule(this.tpl.title, "="), ""];
    if (this.tpl.study_copy) lines.unshift(L.study_copy, "");
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

  /* ---------- the filled .docx, made in the browser with the vendored docx library ---------- */

  var docxLoading = null;

  /* The library lives on this site, next to this script: assets/vendor/docx/docx.iife.js. */
  function loadDocx() {
    if (window.docx) return Promise.resolve(window.docx);
    if (docxLoading) return docxLoading;
    var me = document.querySelector('script[src*="assets/javascripts/forms.js"]');
    var src = me ? me.src.replace(/javascripts\/forms\.js.*$/, "vendor/docx/docx.iife.js") : null;
    docxLoading = new Promise(function (resolve, reject) {
      if (!src) return reject(new Error("no script path"));
      var s = document.createElement("script");
      s.src = src;
      s.onload = function () { return window.docx ? resolve(window.docx) : reject(new Error("docx missing")); };
      s.onerror = function () { docxLoading = null; reject(new Error("docx failed to load")); };
      document.head.appendChild(s);
    });
    return docxLoading;
  }

  LeaForm.prototype.buildDocx = function (D) {
    var self = this;
    var L = this.labels;
    var children = [];
    var para = function (text, opts) {
      return new D.Paragraph({ children: [new D.TextRun(Object.assign({ text: text }, opts || {}))] });
    };
    if (this.tpl.study_copy) children.push(para(L.study_copy, { bold: true, color: "A00000" }));
    children.push(para(this.tpl.kind_label, { bold: true, size: 18 }));
    children.push(new D.Paragraph({ heading: D.HeadingLevel.TITLE, children: [new D.TextRun(this.tpl.title)] }));
    if (this.tpl.legal_basis_line) children.push(para(this.tpl.legal_basis_line, { italics: true }));
    var cell = function (paragraphs, width) {
      return new D.TableCell({ children: paragraphs, width: { size: width, type: D.WidthType.PERCENTAGE } });
    };
    this.tpl.sections.forEach(function (section) {
      children.push(new D.Paragraph({ heading: D.HeadingLevel.HEADING_2, children: [new D.TextRun(section.title)] }));
      var rows = section.fields.map(function (f) {
        var shown = self.display(f, self.rawValue(f));
        var lines = Array.isArray(shown) ? shown : String(shown).split("\n");
        if (lines.length === 0 || (lines.length === 1 && lines[0] === "")) lines = [L.not_filled];
        return new D.TableRow({ children: [
          cell([para(f.label, { bold: true })], 35),
          cell(lines.map(function (line) { return para(line); }), 65)
        ] });
      });
      children.push(new D.Table({ rows: rows, width: { size: 100, type: D.WidthType.PERCENTAGE } }));
    });
    (this.tpl.notes || []).forEach(function (n) { children.push(para(n)); });
    children.push(para(""));
    children.push(para("________________________________________"));
    children.push(para(L.signature));
    return new D.Document({ title: this.tpl.title, sections: [{ children: children }] });
  };

  LeaForm.prototype.downloadDocx = function () {
    var self = this;
    if (!this.updateGate()) {
      this.announce(this.labels.invalid_first);
      return;
    }
    loadDocx().then(function (D) {
      return D.Packer.toBlob(self.buildDocx(D));
    }).then(function (blob) {
      var url = URL.createObjectURL(blob);
      var a = el("a");
      a.href = url;
      a.download = self.tpl.id + ".docx";
      a.hidden = true;
      document.body.appendChild(a);
      a.click();
      document.body.removeChild(a);
      window.setTimeout(function () { URL.revokeObjectURL(url); }, 10000);
      self.announce(self.labels.docx_made);
    }).catch(function () {
      self.announce(self.labels.docx_failed);
    });
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
