/*
 * The finished document of a request or response form: the live preview, the gate that offers print,
 * copy and download only for a complete form, printing, copy as plain text, and the filled .docx made in
 * this browser with the vendored docx library (assets/vendor/docx).
 *
 * These are methods of the form object of form-state.js, which puts them on its prototype: this file only
 * defines window.Lea.formDocument at load. Every text comes from the form's labels (the page, translated).
 * Privacy: nothing here talks to the network; the docx library is loaded from this site.
 */
(function () {
  "use strict";

  var Lea = window.Lea = window.Lea || {};
  var el = function (tag, cls, text) { return Lea.el(tag, cls, text); };
  var doc = {};

  /* Print, copy and download are offered only for a valid form. */
  doc.updateGate = function () {
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

  /* The print, copy and download buttons. */
  doc.bindDocument = function () {
    var self = this;
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
    act("download-docx", function () {
      self.downloadDocx();
    });
  };

  doc.display = function (f, v) {
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

  doc.render = function () {
    if (!this.preview) return;
    var self = this;
    var L = this.labels;
    var frag = document.createDocumentFragment();
    frag.appendChild(el("p", "lea-doc-draft-mark", L.draft_mark));
    if (this.tpl.study_copy) frag.appendChild(el("p", "lea-doc-study-mark", L.study_copy));
    var head = el("header", "lea-doc-head");
    head.appendChild(el("p", "lea-doc-kind", this.tpl.kind_label));
    head.appendChild(el("h3", "lea-doc-title", this.tpl.title));
    if (this.tpl.legal_basis_line) head.appendChild(el("p", "lea-doc-basis", this.tpl.legal_basis_line));
    frag.appendChild(head);
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
      frag.appendChild(sec);
    });
    if (this.tpl.notes && this.tpl.notes.length) {
      var notes = el("section", "lea-doc-notes");
      this.tpl.notes.forEach(function (n) {
        notes.appendChild(el("p", null, n));
      });
      frag.appendChild(notes);
    }
    var sign = el("div", "lea-doc-signature");
    sign.appendChild(el("span", "lea-doc-signature-line", L.signature));
    frag.appendChild(sign);
    this.preview.textContent = "";
    this.preview.appendChild(frag);
    this.updateGate();
  };

  doc.plainText = function () {
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

  doc.copy = function () {
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
  doc.showManualCopy = function (text) {
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
    var me = document.querySelector('script[src*="assets/javascripts/form-document.js"]');
    var src = me ? me.src.replace(/javascripts\/form-document\.js.*$/, "vendor/docx/docx.iife.js") : null;
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

  doc.buildDocx = function (D) {
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

  doc.downloadDocx = function () {
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

  Lea.formDocument = doc;
})();
