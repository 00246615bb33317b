/* RSP Atlas: compare picker, explorer and timeline filters. Works with instant navigation. */
(function () {
  "use strict";

  function setupPicker(form) {
    var a = form.querySelector("[name=a]"), b = form.querySelector("[name=b]");
    var msg = form.querySelector("output");
    form.addEventListener("submit", function (ev) {
      ev.preventDefault();
      var ia = a.selectedIndex, ib = b.selectedIndex;
      if (ia === ib) { msg.textContent = "Pick two different versions."; return; }
      var older = ia < ib ? a.value : b.value, newer = ia < ib ? b.value : a.value;
      var target = new URL(form.dataset.base + older + "-vs-" + newer + "/", window.location.href);
      window.location.assign(target.href);
    });
  }

  function setupExplorer(form) {
    var table = document.getElementById(form.dataset.target);
    if (!table) return;
    function apply() {
      var dom = form.querySelector("[name=domain]").value;
      var from = parseInt(form.querySelector("[name=from]").value, 10);
      var to = parseInt(form.querySelector("[name=to]").value, 10);
      if (from > to) { var t = from; from = to; to = t; }
      table.querySelectorAll("tbody tr").forEach(function (tr) {
        tr.hidden = Boolean(dom) && tr.dataset.domain !== dom;
      });
      table.querySelectorAll("[data-col]").forEach(function (cell) {
        var c = parseInt(cell.dataset.col, 10);
        cell.hidden = c < from || c > to;
      });
    }
    form.addEventListener("change", apply);
    form.addEventListener("submit", function (ev) { ev.preventDefault(); });
    apply();
  }

  function setupKinds(form) {
    var list = document.getElementById(form.dataset.target);
    if (!list) return;
    function apply() {
      var on = {};
      form.querySelectorAll("input[name=kind]").forEach(function (box) { on[box.value] = box.checked; });
      list.querySelectorAll("[data-kind]").forEach(function (li) { li.hidden = !on[li.dataset.kind]; });
    }
    form.addEventListener("change", apply);
    apply();
  }

  function init() {
    document.querySelectorAll("form.atlas-picker").forEach(setupPicker);
    document.querySelectorAll("form.atlas-filter:not(.atlas-filter--kinds)").forEach(setupExplorer);
    document.querySelectorAll("form.atlas-filter--kinds").forEach(setupKinds);
  }

  if (window.document$ && typeof window.document$.subscribe === "function") {
    window.document$.subscribe(init);  // Material's instant navigation re-renders the page
  } else {
    document.addEventListener("DOMContentLoaded", init);
  }
})();
