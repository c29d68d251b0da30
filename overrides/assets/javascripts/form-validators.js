/*
 * The request and response forms' validators: pure functions of the value typed, with no state, no DOM
 * and no network. They are put on one namespace object, window.Lea.validators, and nothing else happens
 * at load, so that they can be tested on their own (tests/fixtures/js/validators.html).
 *
 * The checks return what went wrong as a label key ("ip", "port", "datetime_zone", ...); the form
 * (form-state.js) turns the key into the translated message of guidelines_data/ui.yaml (forms.js.<key>).
 */
(function () {
  "use strict";

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

  /* A date's epoch milliseconds at midnight UTC, or null when the browser cannot read it. */
  function dateValue(value) {
    var t = Date.parse(value + "T00:00:00Z");
    return isNaN(t) ? null : t;
  }

  /* A date as YYYY-MM-DD that exists (not 2026-02-30: Date.parse would roll it over to March). */
  function checkDate(value) {
    var m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
    if (!m) return false;
    var y = +m[1], mo = +m[2], d = +m[3];
    return mo >= 1 && mo <= 12 && d >= 1 && d <= daysInMonth(y, mo) && dateValue(value) !== null;
  }

  function checkEmail(v) {
    return /^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(v.trim());
  }

  function checkPhone(v) {
    return /^\+?[0-9][0-9 ().\/-]{3,}[0-9]$/.test(v.trim());
  }

  function given(bound) {
    return bound !== null && bound !== undefined;
  }

  /* A whole number within the optional bounds: null, or "number" / "number_range" (when both bounds exist). */
  function checkNumber(value, min, max) {
    var n = Number(value);
    if (!/^-?[0-9]+$/.test(String(value).trim()) || (given(min) && n < min) || (given(max) && n > max)) {
      return given(min) && given(max) ? "number_range" : "number";
    }
    return null;
  }

  /*
   * One row of an identifiers table ({ip, port, time}, each trimmed): null, or {error: key} with
   * column "col_ip" / "col_time" when a required part is empty.
   */
  function checkIdentifier(row, portRequired) {
    if (!row.ip) return { error: "required", column: "col_ip" };
    if (!parseIPv4(row.ip) && !parseIPv6(row.ip)) return { error: "ip" };
    if (!row.port && portRequired) return { error: "port_missing" };
    if (row.port && !validPort(row.port)) return { error: "port" };
    if (!row.time) return { error: "required", column: "col_time" };
    var pt = parseDateTime(row.time);
    return pt.error ? { error: pt.error } : null;
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

  var Lea = window.Lea = window.Lea || {};
  Lea.validators = {
    ipv4: parseIPv4,
    ipv6: parseIPv6,
    port: validPort,
    ipPort: checkIpPort,
    dateTime: parseDateTime,
    date: checkDate,
    dateValue: dateValue,
    email: checkEmail,
    phone: checkPhone,
    number: checkNumber,
    identifier: checkIdentifier,
    addressWarning: addressWarning
  };
})();
