/*
 * A local stand-in for a Web Worker when the site is opened from the file system (file://).
 *
 * Browsers refuse to start a Web Worker from a file:// address, so Material for MkDocs' search,
 * which runs in a worker, stops working in a downloaded edition. Material's offline plugin fixes this
 * with the "iframe-worker" shim loaded from a CDN; our sites load nothing from another host, so this
 * file does the same job locally: it runs the worker script in a hidden, same-origin iframe and
 * passes messages both ways. Material's search worker recognises it by the global `IFrameWorker`.
 *
 * The file name contains "iframe-worker" on purpose: the offline plugin then adds no CDN script.
 * Nothing here runs on http(s); nothing is sent anywhere.
 */
(function () {
  "use strict";
  if (location.protocol !== "file:" || typeof window === "undefined") {
    return;
  }

  function loadScript(doc, src) {
    return new Promise(function (resolve, reject) {
      var script = doc.createElement("script");
      script.src = src;
      script.onload = function () { resolve(); };
      script.onerror = function () { reject(new Error("cannot load " + src)); };
      doc.head.appendChild(script);
    });
  }

  function IFrameWorker(url) {
    var self = this;
    var listeners = {};
    var queue = [];
    var ready = false;
    var base = new URL(String(url), location.href);

    this.onmessage = null;
    this.onerror = null;

    this.addEventListener = function (type, fn) {
      (listeners[type] = listeners[type] || []).push(fn);
    };
    this.removeEventListener = function (type, fn) {
      listeners[type] = (listeners[type] || []).filter(function (f) { return f !== fn; });
    };
    this.dispatchEvent = function (event) {
      var handler = self["on" + event.type];
      if (typeof handler === "function") { handler.call(self, event); }
      (listeners[event.type] || []).slice().forEach(function (fn) { fn.call(self, event); });
      return true;
    };

    var iframe = document.createElement("iframe");
    iframe.setAttribute("aria-hidden", "true");
    iframe.setAttribute("tabindex", "-1");
    iframe.setAttribute("title", "");
    iframe.style.display = "none";
    (document.body || document.documentElement).appendChild(iframe);
    var win = iframe.contentWindow;
    var doc = iframe.contentDocument;
    if (!doc.head) {
      doc.open();
      doc.write("<!doctype html><html><head></head><body></body></html>");
      doc.close();
    }

    // The worker's global functions, as the worker script expects them.
    win.postMessage = function (data) {
      setTimeout(function () { self.dispatchEvent(new MessageEvent("message", { data: data })); }, 0);
    };
    win.importScripts = function () {
      var urls = Array.prototype.slice.call(arguments);
      return urls.reduce(function (previous, src) {
        return previous.then(function () { return loadScript(doc, new URL(src, base).href); });
      }, Promise.resolve());
    };

    this.postMessage = function (data) {
      if (!ready) { queue.push(data); return; }
      win.dispatchEvent(new win.MessageEvent("message", { data: data }));
    };
    this.terminate = function () {
      iframe.remove();
    };

    loadScript(doc, base.href).then(function () {
      ready = true;
      queue.splice(0).forEach(function (data) { self.postMessage(data); });
    }, function (error) {
      self.dispatchEvent(new ErrorEvent("error", { message: error.message }));
    });
  }

  window.IFrameWorker = IFrameWorker;
  window.Worker = IFrameWorker;
})();
