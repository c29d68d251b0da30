/*
 * Material's search worker with one change: index terms and queries are folded the same way, so that a
 * query finds a word whatever its diacritics or (for Serbian) its script. Started by search-lazy.js in
 * place of Material's worker, whose file name arrives in this script's hash (search.<hash>.min.js).
 *
 * Folding: lower case; Serbian Cyrillic letters to their Latin transliteration (so Latin queries find
 * Cyrillic pages and the other way round); then every diacritic removed (ë ç ş ğ č ć ž ...), and the
 * letters with a stroke or without a dot that Unicode does not decompose (đ, ı, ł) to their base letter.
 * Only the terms are folded: results show and highlight the text as written.
 */
(function (scope) {
  "use strict";

  var CYRILLIC = {
    "а": "a", "б": "b", "в": "v", "г": "g", "д": "d", "ђ": "đ", "е": "e", "ж": "ž", "з": "z", "и": "i",
    "ј": "j", "к": "k", "л": "l", "љ": "lj", "м": "m", "н": "n", "њ": "nj", "о": "o", "п": "p", "р": "r",
    "с": "s", "т": "t", "ћ": "ć", "у": "u", "ф": "f", "х": "h", "ц": "c", "ч": "č", "џ": "dž", "ш": "š"
  };
  var STROKES = { "đ": "d", "ı": "i", "ł": "l", "ø": "o", "ß": "ss", "æ": "ae", "œ": "oe" };

  function fold(text) {
    return String(text)
      .toLowerCase()
      .replace(/[\u0400-\u04ff]/g, function (c) { return CYRILLIC[c] || c; })
      .normalize("NFD")
      .replace(/[\u0300-\u036f]/g, "")
      .replace(/[đıłøßæœ]/g, function (c) { return STROKES[c]; });
  }
  scope.guidelinesFold = fold;

  // Queries: Material's worker handles {type: 2 (QUERY), data: "<query>"} in its "message" listener.
  var add = scope.addEventListener;
  scope.addEventListener = function (type, listener, options) {
    if (type !== "message") {
      return add.call(scope, type, listener, options);
    }
    return add.call(scope, type, function (event) {
      var message = event.data;
      if (message && message.type === 2 && typeof message.data === "string") {
        event = { data: { type: 2, data: fold(message.data) } };
      }
      return listener.call(scope, event);
    }, options);
  };

  // Index terms: every token a lunr pipeline emits, folded (positions, hence highlighting, are kept).
  function patch() {
    var lunr = scope.lunr;
    if (!lunr || lunr.Pipeline.prototype.__guidelinesFolded) { return; }
    var run = lunr.Pipeline.prototype.run;
    lunr.Pipeline.prototype.run = function (tokens) {
      return run.call(this, tokens).map(function (token) {
        return token.update(function (value) { return fold(value); });
      });
    };
    lunr.Pipeline.prototype.__guidelinesFolded = true;
  }

  var me = (typeof document !== "undefined" && document.currentScript && document.currentScript.src) ||
    scope.location.href;
  var hash = new URL(me).hash.slice(1);
  var original = decodeURIComponent(hash || "");
  if (!/^search\.[A-Za-z0-9]+\.min\.js$/.test(original)) {
    throw new Error("search-folding.js: expected Material's worker name in the hash, got " + original);
  }
  var loaded = scope.importScripts(new URL(original, me).href);
  if (loaded && typeof loaded.then === "function") {
    loaded.then(patch);  // the file:// stand-in loads scripts asynchronously
  } else {
    patch();
  }
})(self);
