/* RSP Atlas: compare picker, explorer, timeline and change-ledger filters. Works with or without Material's instant navigation (off in mkdocs.yml). */
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

  // /thresholds/: filter the explorer (a row per version, a column per domain). The filters live
  // in the query (?domain=cyber&from=3.0&to=3.4) so a filtered view can be shared.
  var EXPLORER_KEYS = ["domain", "from", "to"];
  function setupExplorer(form) {
    var table = document.getElementById(form.dataset.target);
    if (!table) return;
    function field(name) { return form.querySelector("[name=" + name + "]"); }
    function apply(write) {
      var dom = field("domain").value;
      var from = field("from").selectedIndex, to = field("to").selectedIndex;
      if (from > to) { var t = from; from = to; to = t; }
      table.querySelectorAll("[data-domain]").forEach(function (cell) {
        cell.hidden = Boolean(dom) && cell.dataset.domain !== dom;
      });
      table.querySelectorAll("tr[data-col]").forEach(function (tr) {
        var c = parseInt(tr.dataset.col, 10);
        tr.hidden = c < from || c > to;
      });
      if (!write) return;
      var url = new URL(window.location.href);
      EXPLORER_KEYS.forEach(function (k) {
        var el = field(k), dflt = el.querySelector("option[selected]") || el.options[0];
        if (el.value !== dflt.value) url.searchParams.set(k, el.value);
        else url.searchParams.delete(k);
      });
      window.history.replaceState(null, "", url.pathname + url.search + url.hash);
    }
    var asked = new URL(window.location.href).searchParams;
    EXPLORER_KEYS.forEach(function (k) {
      var want = asked.get(k), el = field(k);
      if (want !== null && Array.prototype.some.call(el.options, function (o) { return o.value === want; })) {
        el.value = want;
      }
    });
    form.addEventListener("change", function () { apply(true); });
    form.addEventListener("submit", function (ev) { ev.preventDefault(); });
    apply(false);
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

  var MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];
  function fmtDate(iso) {  // "2025-06-01" -> "1 Jun 2025", as the pages write dates
    var p = iso.split("-");
    return parseInt(p[2], 10) + " " + MONTHS[parseInt(p[1], 10) - 1] + " " + p[0];
  }

  // /as-of/: which version was in force on a date. The periods are static HTML; this only points.
  function setupAsOf(form) {
    var input = form.querySelector("[name=date]"), msg = form.querySelector("output");
    var periods = Array.prototype.slice.call(document.querySelectorAll(".atlas-period"));
    function show(day) {
      periods.forEach(function (el) { el.classList.remove("atlas-period--hit"); });
      if (!/^\d{4}-\d{2}-\d{2}$/.test(day)) { msg.textContent = "Enter a date as YYYY-MM-DD."; return; }
      var hit = periods.filter(function (el) {
        return el.dataset.start <= day && (!el.dataset.end || day < el.dataset.end);
      })[0];
      msg.textContent = "";
      if (!hit) {
        var first = periods[periods.length - 1];
        msg.textContent = "On " + fmtDate(day) + ", no version was in force yet: RSP " + first.dataset.version +
          " took effect on " + first.dataset.label + ".";
        return;
      }
      var link = document.createElement("a");
      var heading = hit.previousElementSibling;
      link.href = "#" + (heading && heading.id ? heading.id : "");
      link.textContent = "RSP " + hit.dataset.version;
      msg.append("On " + fmtDate(day) + ", ", link, " was in force (since " + hit.dataset.label + ").");
      hit.classList.add("atlas-period--hit");
      var url = new URL(window.location.href);
      url.searchParams.set("date", day);
      window.history.replaceState(null, "", url.pathname + url.search + url.hash);
    }
    form.addEventListener("submit", function (ev) { ev.preventDefault(); show(input.value); });
    var asked = new URL(window.location.href).searchParams.get("date");
    if (asked) { input.value = asked; show(asked); }
  }

  // /changes/: filter the ledger rows; the filters live in the query so a filtered view can be shared.
  var LEDGER_KEYS = ["from", "to", "entity", "effect", "changelog"];
  function setupLedger(form) {
    var ledger = document.getElementById(form.dataset.target);
    if (!ledger) return;
    var rows = Array.prototype.slice.call(ledger.querySelectorAll(".atlas-change"));
    var sections = Array.prototype.slice.call(ledger.querySelectorAll(".atlas-ledger__version"));
    var msg = form.querySelector("output");
    var order = {};
    sections.forEach(function (s) { order[s.dataset.version] = parseInt(s.dataset.order, 10); });
    function field(name) { return form.querySelector("[name=" + name + "]"); }
    function apply(write) {
      var lo = order[field("from").value], hi = order[field("to").value];
      if (lo > hi) { var t = lo; lo = hi; hi = t; }
      var ent = field("entity").value, eff = field("effect").value, log = field("changelog").value;
      var shown = 0;
      rows.forEach(function (row) {
        var o = parseInt(row.dataset.order, 10);
        var ok = o >= lo && o <= hi && (!eff || row.dataset.effect === eff) &&
          (!log || row.dataset.changelog === log) &&
          (!ent || row.dataset.entities.split(" ").indexOf(ent) >= 0);
        row.hidden = !ok;
        if (ok) shown += 1;
      });
      sections.forEach(function (s) { s.hidden = !s.querySelector(".atlas-change:not([hidden])"); });
      msg.textContent = "Showing " + shown + " of " + rows.length + " changes.";
      if (!write) return;
      var url = new URL(window.location.href);
      LEDGER_KEYS.forEach(function (k) {
        var el = field(k);
        var dflt = el.querySelector("option[selected]") || el.options[0];
        if (el.value && el.value !== dflt.value) url.searchParams.set(k, el.value);
        else url.searchParams.delete(k);
      });
      window.history.replaceState(null, "", url.pathname + url.search + url.hash);
    }
    var asked = new URL(window.location.href).searchParams;
    LEDGER_KEYS.forEach(function (k) {
      var want = asked.get(k), el = field(k);
      if (want !== null && Array.prototype.some.call(el.options, function (o) { return o.value === want; })) {
        el.value = want;
      }
    });
    form.addEventListener("change", function () { apply(true); });
    form.addEventListener("reset", function () { setTimeout(function () { apply(true); }, 0); });
    form.addEventListener("submit", function (ev) { ev.preventDefault(); });
    apply(false);
  }

  // 404 page (overrides/404.html, macros/notfound.py): correct an address that differs from a known
  // one only in case, a missing slash or "index.html"; otherwise suggest the nearest known pages.
  function squash(s) { return s.toLowerCase().replace(/[^a-z0-9.]/g, ""); }
  function distance(a, b) {
    var row = [], i, j, prev, tmp;
    for (j = 0; j <= b.length; j++) row.push(j);
    for (i = 1; i <= a.length; i++) {
      prev = row[0]; row[0] = i;
      for (j = 1; j <= b.length; j++) {
        tmp = row[j];
        row[j] = Math.min(row[j] + 1, row[j - 1] + 1, prev + (a[i - 1] === b[j - 1] ? 0 : 1));
        prev = tmp;
      }
    }
    return row[b.length];
  }
  function nearest(asked, known) {
    var parts = asked.split("/").filter(Boolean), last = squash(parts[parts.length - 1] || "");
    var section = (parts[0] || "").toLowerCase();
    return known.map(function (url) {
      var bits = url.split("/").filter(Boolean), tail = squash(bits[bits.length - 1] || "");
      var d = last ? distance(last, tail) : 99;
      var score = d + (bits[0] === section ? 0 : 0.5) + (tail.indexOf(last) === 0 && last.length > 2 ? -0.5 : 0);
      return { url: url, score: score, ok: d <= Math.max(1, Math.floor(last.length / 3)) || (last.length > 2 && tail.indexOf(last) === 0) };
    }).filter(function (c) { return c.ok; })
      .sort(function (x, y) { return x.score - y.score || x.url.length - y.url.length; })
      .slice(0, 5).map(function (c) { return c.url; });
  }
  function setupNotFound(box) {
    var base = new URL(box.dataset.base || "/", window.location.href);
    var path = decodeURIComponent(window.location.pathname);
    var asked = path.indexOf(base.pathname) === 0 ? path.slice(base.pathname.length) : path.replace(/^\//, "");
    var words = asked.replace(/index\.html?$/, "").split(/[\/_-]+/).filter(Boolean).join(" ");
    var field = box.querySelector("input[name=q]");
    if (field && !field.value) field.value = words;
    fetch(new URL(box.dataset.known, window.location.href).href).then(function (r) { return r.json(); })
      .then(function (known) {
        var want = asked.toLowerCase().replace(/index\.html?$/, "").replace(/\/+/g, "/");
        if (want && want.slice(-1) !== "/") want += "/";
        if (known.indexOf(want) >= 0 && want !== asked) {
          window.location.replace(new URL(want, base).href + window.location.search + window.location.hash);
          return;
        }
        var hits = nearest(asked, known);
        if (!hits.length) return;
        var list = box.querySelector(".atlas-404__suggest ul");
        hits.forEach(function (url) {
          var li = document.createElement("li"), a = document.createElement("a");
          a.href = new URL(url, base).href;
          a.textContent = "/" + url;
          li.appendChild(a); list.appendChild(li);
        });
        box.querySelector(".atlas-404__suggest").hidden = false;
      }).catch(function () { /* the page still offers search and the way in */ });
  }

  // Entity pages: "viewing as of" highlights the state in force in the chosen version. The page is
  // the same for every version (each state carries data-versions); the choice lives in the link
  // (?as-of=2.2, or a #v2.2 anchor) and in localStorage, and "current" is the default.
  var VIEWAS_KEY = "atlas-as-of";
  function storedAsOf() {
    try { return window.localStorage.getItem(VIEWAS_KEY) || ""; } catch (e) { return ""; }
  }
  function storeAsOf(v) {
    try {
      if (v) window.localStorage.setItem(VIEWAS_KEY, v); else window.localStorage.removeItem(VIEWAS_KEY);
    } catch (e) { /* storage may be off: the link still carries the choice */ }
  }
  function setupViewAs(form) {
    var select = form.querySelector("select[name=as-of]");
    var link = form.querySelector(".atlas-viewas__compare"), msg = form.querySelector("output");
    var states = Array.prototype.slice.call(document.querySelectorAll(".atlas-state[data-versions]"));
    var known = Array.prototype.map.call(select.options, function (o) { return o.value; });
    function valid(v) { return v && known.indexOf(v) >= 0 ? v : ""; }
    function apply(v, write, scroll) {
      var hits = [];
      states.forEach(function (el) {
        var on = !!v && el.dataset.versions.split(" ").indexOf(v) >= 0;
        el.classList.toggle("atlas-state--asof", on);
        var badge = el.querySelector(".atlas-asof-badge");
        if (badge) badge.remove();
        if (on) {
          var fold = el.closest("details.atlas-earlier");
          if (fold) fold.open = true;  // an older state folded under the current one (governance)
          badge = document.createElement("span");
          badge.className = "atlas-asof-badge";
          badge.textContent = "In force in RSP " + v;
          el.appendChild(badge);
          hits.push(el);
        }
      });
      if (v) {
        link.href = form.dataset.compare.replace("__V__", v);
        link.textContent = "Compare RSP " + v + " with current (" + form.dataset.latest + ")";
        link.hidden = false;
        msg.textContent = hits.length
          ? "Highlighting what was in force in RSP " + v + " (" + hits.length + (hits.length === 1 ? " entry)." : " entries).")
          : "Nothing on this page was in force in RSP " + v + ".";
      } else {
        link.hidden = true;
        msg.textContent = "";
      }
      if (write) {
        var url = new URL(window.location.href);
        if (v) url.searchParams.set("as-of", v); else url.searchParams.delete("as-of");
        window.history.replaceState(null, "", url.pathname + url.search + url.hash);
        storeAsOf(v);
      }
      if (scroll && hits.length) hits[0].scrollIntoView({ block: "start" });
    }
    var here = new URL(window.location.href);
    var hash = /(?:^|-)v(\d+\.\d+)$/.exec(decodeURIComponent(here.hash.slice(1)));
    var fromLink = valid(here.searchParams.get("as-of") || "") || valid(hash ? hash[1] : "");
    var chosen = fromLink || valid(storedAsOf());
    select.value = chosen;
    form.addEventListener("submit", function (ev) { ev.preventDefault(); });
    select.addEventListener("change", function () { apply(select.value, true, true); });
    // A choice from the link is not scrolled to here: the browser already honours a #v2.2 anchor.
    apply(chosen, false, false);
  }

  function init() {
    document.querySelectorAll("#atlas-404").forEach(setupNotFound);
    document.querySelectorAll("form.atlas-ledger-filter").forEach(setupLedger);
    document.querySelectorAll("form.atlas-viewas").forEach(setupViewAs);
    document.querySelectorAll("form.atlas-asof").forEach(setupAsOf);
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

/* "Cite this" boxes (macros/render/citethis.py): each format is a plain <pre> with a copy button.
   Nothing runs on load: when a box is first opened its BibTeX, RIS and CSL-JSON are fetched (a box
   beside a state or change: from assets/citations/<data-cite-file>.json; the page's own box: from
   assets/page-citations.json) and every format gets its button; one listener on the document
   copies for all. The
   <pre>'s text is copied as it is (the RIS record ends in "ER  - ", with its trailing space);
   without clipboard access the text is selected instead. */
(function () {
  "use strict";

  // This script's own URL, while it runs (later, in an event handler, currentScript is null): the
  // per-item citation files and the citing guide are found relative to it, whatever page is open
  // and however deep it sits.
  var script = document.currentScript;
  var base = script && script.src ? script.src : window.location.href;

  var status = null;
  function announce(text) {
    if (!status || !status.isConnected) {
      status = document.createElement("p");
      status.className = "atlas-copy-status";
      status.setAttribute("role", "status");
      document.body.appendChild(status);
    }
    status.textContent = "";
    window.setTimeout(function () { status.textContent = text; }, 50);
  }

  function select(pre) {
    var range = document.createRange();
    range.selectNodeContents(pre);
    var sel = window.getSelection();
    sel.removeAllRanges();
    sel.addRange(range);
  }

  function copy(button) {
    var holder = button.parentElement, pre = holder && holder.nextElementSibling;
    if (!pre || pre.tagName !== "PRE") return;
    var done = function () {
      button.textContent = "Copied";
      announce("Copied to clipboard");
      window.setTimeout(function () { button.textContent = "Copy"; }, 2000);
    };
    var fail = function () { select(pre); announce("Selected: press Ctrl+C to copy"); };
    if (navigator.clipboard && navigator.clipboard.writeText) {
      navigator.clipboard.writeText(pre.textContent).then(done, fail);
    } else {
      fail();
    }
  }

  document.addEventListener("click", function (ev) {
    var button = ev.target instanceof Element ? ev.target.closest("button.atlas-copy") : null;
    if (button) copy(button);
  });

  // Each format: its name with a copy button, then its text. APA and Chicago are in the page
  // (macros/render/citethis.py); BibTeX, RIS and CSL-JSON are fetched, and added in the order
  // their file lists them.
  function addButton(head, of) {
    var button = document.createElement("button");
    button.className = "atlas-copy";
    button.type = "button";
    button.setAttribute("aria-label", "Copy " + of + " as " + head.textContent.trim());
    button.textContent = "Copy";
    head.append(" ", button);
  }
  // Adds each format in ``later`` ({which: {name: text}}) to its group, then a copy button to every
  // format still without one.
  function addFormats(box, later) {
    box.querySelectorAll(".atlas-citethis__group[data-which]").forEach(function (group) {
      var formats = later[group.dataset.which] || {};
      Object.keys(formats).forEach(function (name) {
        var head = document.createElement("p"), pre = document.createElement("pre");
        head.className = "atlas-citethis__fmt";
        head.textContent = name;
        pre.className = "atlas-citethis__text";
        pre.textContent = formats[name];
        group.append(head, pre);
      });
      var which = group.querySelector(".atlas-citethis__which");
      var of = group.dataset.of || which.textContent.charAt(0).toLowerCase() + which.textContent.slice(1);
      group.querySelectorAll(".atlas-citethis__fmt").forEach(function (head) {
        if (!head.querySelector("button")) addButton(head, of);
      });
    });
  }
  // Each citation file is fetched once per visit, however many boxes open from it; a failed fetch
  // is forgotten, so opening another box tries again.
  var files = {};
  function load(url) {
    if (!files[url]) {
      files[url] = fetch(url)
        .then(function (r) { if (!r.ok) throw new Error(r.status); return r.json(); })
        .catch(function (e) { delete files[url]; throw e; });
    }
    return files[url];
  }
  // Copy buttons for the formats in the page at once, then the fetched formats under ``key`` of
  // the file at ``url`` (``shape`` turns its entry into {which: {name: text}}). Without the file
  // (offline, a page opened from a file, a blocked request) or the key, the box says so and links
  // the citing guide.
  function fetchFormats(box, url, key, shape, help) {
    addFormats(box, {});
    var failed = function () {
      var line = document.createElement("p"), link = document.createElement("a");
      line.className = "atlas-citethis__more";
      link.href = help;
      link.textContent = "How to cite";
      line.append((box.dataset.citeLater || "The other formats") + " could not be loaded here; ", link,
        " describes every format.");
      box.append(line);
    };
    load(url)
      .then(function (all) {
        if (!Object.prototype.hasOwnProperty.call(all, key)) throw new Error("no citations for " + key);
        addFormats(box, shape(all[key]));
      })
      .catch(failed);
  }
  // "Cite this page" (overrides/partials/atlas-footer.html): the other formats of every page are in
  // one JSON file (assets/page-citations.json), named in the box relative to the page.
  function fillPage(box) {
    var src = box.dataset.citeSrc;
    box.removeAttribute("data-cite-src");
    fetchFormats(box, new URL(src, window.location.href).href, box.dataset.citeKey || "",
      function (formats) { return { page: formats }; }, box.dataset.citeHelp);
  }
  // A box beside a state or a change: its file holds {"primary": {...}, "entry": {...}} per key
  // (macros/item_citations.py), in assets/citations/ beside this script.
  function fillItem(box) {
    var file = box.dataset.citeFile;
    box.removeAttribute("data-cite-file");
    fetchFormats(box, new URL("citations/" + encodeURIComponent(file) + ".json", base).href,
      box.dataset.citeKey || "", function (formats) { return formats; }, new URL("../cite/", base).href);
  }
  function fill(box) {
    box.classList.add("atlas-citethis--ready");
    if (box.dataset.citeSrc) fillPage(box);
    else if (box.dataset.citeFile) fillItem(box);
    else addFormats(box, {});
  }

  // "toggle" does not bubble: listen in the capture phase, once for every box on every page.
  document.addEventListener("toggle", function (ev) {
    var box = ev.target;
    if (!(box instanceof HTMLDetailsElement) || !box.open || !box.classList.contains("atlas-citethis")) return;
    if (!box.classList.contains("atlas-citethis--ready")) fill(box);
  }, true);
})();

/* ==========================================================================
   Quality gates: accessibility names for Material's widgets. Kept apart from
   the code above; tested by tests/browser/.
   ========================================================================== */
(function () {
  "use strict";

  function label(el, name) {
    if (el && !el.getAttribute("aria-label")) el.setAttribute("aria-label", name);
  }

  function fixNames() {
    // The search overlay is a dialog without a name (axe: aria-dialog-name).
    document.querySelectorAll(".md-search[role=dialog]").forEach(function (el) { label(el, "Search"); });
    // The breadcrumb trail and the main navigation are both called "Navigation" (landmark-unique).
    document.querySelectorAll("nav.md-path").forEach(function (el) { el.setAttribute("aria-label", "Breadcrumb"); });
    // Sections with an index page point aria-labelledby at an icon-only or missing label: name them by their title.
    document.querySelectorAll("nav.md-nav[aria-labelledby]").forEach(function (nav) {
      var ref = document.getElementById(nav.getAttribute("aria-labelledby"));
      var title = nav.querySelector(":scope > .md-nav__title");
      if ((!ref || !ref.textContent.trim()) && title && title.textContent.trim()) {
        nav.removeAttribute("aria-labelledby");
        nav.setAttribute("aria-label", title.textContent.trim());
      }
    });
  }

  if (window.document$ && typeof window.document$.subscribe === "function") {
    window.document$.subscribe(fixNames);
  } else {
    document.addEventListener("DOMContentLoaded", fixNames);
  }
})();

/* Older states of a governance provision sit in a closed box under the one in force
   (macros/render/entities.py, history with fold). A link to a state inside it opens the box first,
   so the browser can scroll to it: on load, and when the address's #fragment changes. */
(function () {
  "use strict";

  function reveal() {
    var id = decodeURIComponent(window.location.hash.slice(1));
    var target = id && document.getElementById(id);
    var fold = target && target.closest("details.atlas-earlier:not([open])");
    if (!fold) return;
    fold.open = true;
    target.scrollIntoView({ block: "start" });
  }

  window.addEventListener("hashchange", reveal);
  if (window.document$ && typeof window.document$.subscribe === "function") {
    window.document$.subscribe(reveal);  // also after Material's instant navigation
  } else {
    document.addEventListener("DOMContentLoaded", reveal);
  }
})();
