/*
 * Search that costs nothing until the reader searches, and that forgives diacritics and script.
 *
 * Loaded before Material's bundle (extra.polyfills in mkdocs.yml). Two changes to Material's search, both
 * without touching its code:
 *
 * 1. Material requests <language>/search/search_index.json as soon as a page opens (over http; under
 *    file:// it already waits for the search to open). The index is most of a first page view (0.5 MB in
 *    English, 1.3 MB in Georgian), so its request is held back here until the reader starts a search: the
 *    search box gets focus, the search toggle opens (keyboard shortcut, the magnifier on a phone) or the
 *    reader types into it.
 * 2. Material's search worker is started through our small wrapper (workers/search-folding.js) that folds
 *    index terms and queries alike: lower case, Serbian Cyrillic -> Latin, diacritics removed. "cuvanje",
 *    "čuvanje" and "чување" then find the same pages, and Albanian "pergjigje" finds "përgjigje".
 *
 * Nothing here makes a request Material would not make; nothing is sent anywhere.
 */
(function () {
  "use strict";
  if (typeof window === "undefined" || typeof XMLHttpRequest === "undefined") {
    return;
  }

  var INDEX = /\/search\/search_index\.json(?:[?#].*)?$/;
  var started = false;
  var waiting = [];

  function start() {
    if (started) { return; }
    started = true;
    waiting.splice(0).forEach(function (send) { send(); });
  }
  window.__guidelinesSearchStarted = function () { return started; };

  var open = XMLHttpRequest.prototype.open;
  var send = XMLHttpRequest.prototype.send;
  XMLHttpRequest.prototype.open = function (method, url) {
    this.__guidelinesDefer = INDEX.test(String(url));
    return open.apply(this, arguments);
  };
  XMLHttpRequest.prototype.send = function () {
    var request = this;
    var args = arguments;
    if (!request.__guidelinesDefer || started) {
      return send.apply(request, args);
    }
    waiting.push(function () { send.apply(request, args); });
  };

  function isSearch(element) {
    return !!(element && element.closest && element.closest("[data-md-component=search], #__search"));
  }
  document.addEventListener("focusin", function (event) {
    if (isSearch(event.target)) { start(); }
  }, true);
  document.addEventListener("change", function (event) {
    if (event.target && event.target.id === "__search" && event.target.checked) { start(); }
  }, true);
  document.addEventListener("input", function (event) {
    if (isSearch(event.target)) { start(); }
  }, true);

  // The search worker, started through the folding wrapper next to it (same folder, so that Material's
  // worker finds its language files either way). The original's address travels in the hash.
  var Original = window.Worker;
  if (typeof Original === "function") {
    var Wrapped = function (url, options) {
      var address = String(url);
      var match = /^(.*\/workers\/)(search\.[^\/?#]+\.js)$/.exec(address);
      if (match) {
        address = match[1] + "search-folding.js#" + encodeURIComponent(match[2]);
      }
      return new Original(address, options);
    };
    Wrapped.prototype = Original.prototype;
    window.Worker = Wrapped;
  }
})();
