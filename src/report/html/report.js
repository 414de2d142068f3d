// The instance filters. State lives in the form and in the URL hash
// (#status=violated&unit=U12&rule=...&from=2024-01-01&to=2024-12-31), so a link opens the page
// filtered. Reads only the page itself; loads nothing.
(function () {
  "use strict";
  var form = document.getElementById("filters");
  var rows = Array.prototype.slice.call(document.querySelectorAll("#inst tbody tr"));
  var keys = ["status", "unit", "rule", "from", "to"];
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
  function fromHash() {
    var p = new URLSearchParams(location.hash.replace(/^#/, ""));
    keys.forEach(function (k) { form.elements[k].value = p.get(k) || ""; });
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
    apply();
  }
  form.addEventListener("change", toHash);
  form.addEventListener("input", toHash);
  form.addEventListener("reset", function () { setTimeout(toHash, 0); });
  window.addEventListener("hashchange", fromHash);
  fromHash();
})();
