// The instance filters. State lives in the form and in the URL hash
// (#status=violated&unit=U12&rule=...&from=2024-01-01&to=2024-12-31), so a link opens the page
// filtered. A hash value may also be what a person reads: a Chinese status (#status=违反), a unit's
// name (#unit=乙镇党委) or a rule's name (#rule=谈心谈话); a value matching no option is named in
// a notice and ignored. Reads only the page itself; loads nothing.
(function () {
  "use strict";
  var form = document.getElementById("filters");
  var rows = Array.prototype.slice.call(document.querySelectorAll("#inst tbody tr"));
  var keys = ["status", "unit", "rule", "from", "to"];
  var nomatch = document.getElementById("nomatch");
  function value(k) { return form.elements[k].value; }
  function apply() {
    var s = value("status"), u = value("unit"), r = value("rule");
    var from = value("from"), to = value("to"), shown = 0;
    rows.forEach(function (tr) {
      var d = tr.dataset;
      var ok = (!s || d.status === s) && (!u || d.unit === u || d.runit === u) &&
        (!r || d.rule === r) && (!from || d.end >= from) && (!to || d.start <= to);
      tr.hidden = !ok;
      if (ok) { shown += 1; }
    });
    document.getElementById("shown").textContent = String(shown);
    document.getElementById("none").hidden = shown > 0;
  }
  // The option a hash value names: its value, its label, or its other name (data-alt).
  function pick(select, v) {
    var opts = Array.prototype.slice.call(select.options);
    var hit = opts.filter(function (o) {
      return o.value === v || o.textContent === v || o.getAttribute("data-alt") === v;
    });
    return hit.length ? hit[0].value : null;
  }
  function fromHash() {
    var p = new URLSearchParams(location.hash.replace(/^#/, ""));
    var bad = [];
    keys.forEach(function (k) {
      var v = p.get(k) || "";
      var el = form.elements[k];
      if (!v || el.tagName !== "SELECT") { el.value = v; return; }
      var found = pick(el, v);
      if (found === null) { bad.push(k + "=" + v); }
      el.value = found === null ? "" : found;
    });
    nomatch.hidden = bad.length === 0;
    nomatch.textContent = bad.length ? nomatch.getAttribute("data-zh") + bad.join("、") : "";
    apply();
  }
  function toHash() {
    var p = new URLSearchParams();
    keys.forEach(function (k) { if (value(k)) { p.set(k, value(k)); } });
    var h = p.toString();
    try {
      history.replaceState(null, "", h ? "#" + h : location.pathname + location.search);
    } catch (e) {
      // Some browsers refuse replaceState on file:// pages; the filters still apply.
    }
    nomatch.hidden = true;
    apply();
  }
  // Whether the page fits the window's width (nothing cut off); read by the browser test.
  function measure() {
    var root = document.documentElement;
    root.setAttribute("data-fits", root.scrollWidth <= window.innerWidth ? "yes" : "no");
  }
  form.addEventListener("change", toHash);
  form.addEventListener("input", toHash);
  form.addEventListener("reset", function () { setTimeout(toHash, 0); });
  window.addEventListener("hashchange", fromHash);
  window.addEventListener("resize", measure);
  fromHash();
  measure();
})();
