/*
 * The shared start-up of this site's scripts (listed first in mkdocs.yml's extra_javascript).
 *
 * It defines the one namespace object the other scripts share, window.Lea, with:
 *   Lea.start(fn)    run fn once the page is ready: on DOMContentLoaded, or through Material's document$
 *                    when the theme provides it (it emits the first page and, with instant navigation,
 *                    every later one), or at once when the page is already parsed;
 *   Lea.fill         fill a translated label's {placeholders};
 *   Lea.label        a translated label from a labels object, or "" when it is missing;
 *   Lea.readJson     the JSON data block with that id (labels and data come from the page, translated);
 *   Lea.el, Lea.each small DOM helpers;
 *   Lea.announce     say a text through a live region (emptied first, so that the same text is said again).
 *
 * It touches nothing at load but window.Lea, and never talks to the network.
 */
(function () {
  "use strict";

  var Lea = window.Lea = window.Lea || {};

  /* Fills {name} placeholders; unknown ones are left as they are, so that a missing value shows. */
  Lea.fill = function (template, values) {
    return String(template || "").replace(/\{(\w+)\}/g, function (all, key) {
      return Object.prototype.hasOwnProperty.call(values, key) ? values[key] : all;
    });
  };

  Lea.label = function (labels, key) {
    return labels && Object.prototype.hasOwnProperty.call(labels, key) ? labels[key] : "";
  };

  Lea.readJson = function (id) {
    var node = document.getElementById(id);
    if (!node) return {};
    try { return JSON.parse(node.textContent) || {}; } catch (e) { return {}; }
  };

  Lea.el = function (tag, cls, text) {
    var node = document.createElement(tag);
    if (cls) node.className = cls;
    if (text !== undefined && text !== null) node.textContent = text;
    return node;
  };

  Lea.each = function (nodes, fn) { Array.prototype.forEach.call(nodes, fn); };

  Lea.announce = function (region, text) {
    if (!region) return;
    region.textContent = "";
    window.setTimeout(function () { region.textContent = text; }, 30);
  };

  /* everyPage: also run on each page Material's instant navigation loads (document$); otherwise once. */
  Lea.start = function (fn, everyPage) {
    if (everyPage && window.document$ && typeof window.document$.subscribe === "function") {
      window.document$.subscribe(function () { fn(); });
    } else if (document.readyState === "loading") {
      document.addEventListener("DOMContentLoaded", function () { fn(); });
    } else {
      fn();
    }
  };
})();
