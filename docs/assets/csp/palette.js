/* The light/dark toggle (overrides/partials/palette.html), in place of Material's inline palette
   script and its palette component. Runs in the header, right after the toggle's form and before
   the page's content is parsed, so the scheme is set before first paint and costs no re-styling.

   Same behaviour as Material's, with its markup and storage: the reader's choice is kept under
   Material's "__palette" key (__md_get/__md_set from assets/csp/md-base.js), so a choice made on
   an earlier release of the site still applies. Without a choice, the option whose media query
   matches (prefers-color-scheme) is shown; unlike Material, nothing is stored until the reader
   chooses, so the site follows the system setting, even as it changes, until then. Enter on the focused option
   switches, as in Material. Only a reader's switch marks <body> with data-md-color-switching
   (Material's stylesheet then turns transitions off for that one frame). */
(function () {
  "use strict";
  var form = document.querySelector("form[data-atlas-palette]");
  if (!form || !document.body) return;
  var inputs = Array.prototype.slice.call(form.querySelectorAll("input.md-option"));
  if (!inputs.length) return;
  var KEYS = ["media", "scheme", "primary", "accent"];
  var current = 0;

  function colorOf(input) {
    var color = {};
    KEYS.forEach(function (key) { color[key] = input.getAttribute("data-md-color-" + key); });
    return color;
  }
  // Material's automatic option, "(prefers-color-scheme)", takes its colours from the option for
  // the system's current setting.
  function resolved(color) {
    if (color.media !== "(prefers-color-scheme)") return color;
    var light = window.matchMedia("(prefers-color-scheme: light)").matches;
    var match = form.querySelector(light
      ? "[data-md-color-media='(prefers-color-scheme: light)']"
      : "[data-md-color-media='(prefers-color-scheme: dark)']");
    if (!match) return color;
    var theirs = colorOf(match);
    return { media: color.media, scheme: theirs.scheme, primary: theirs.primary, accent: theirs.accent };
  }
  function apply(index) {
    var color = resolved(colorOf(inputs[index]));
    KEYS.forEach(function (key) {
      var name = "data-md-color-" + key;
      if (document.body.getAttribute(name) !== color[key]) document.body.setAttribute(name, color[key]);
    });
    // Each option's label switches to the next option; only the current option's label shows.
    inputs.forEach(function (input, i) {
      var label = input.nextElementSibling;
      if (label && label.tagName === "LABEL") label.hidden = i !== index;
    });
    current = index;
    return color;
  }
  function chosen() {
    var saved = null;
    try { saved = window.__md_get ? window.__md_get("__palette") : null; } catch (e) { saved = null; }
    return saved && typeof saved.index === "number" ? saved.index : -1;
  }
  function initial() {
    var index = chosen();
    if (index < 0) {
      index = inputs.findIndex(function (input) {
        var media = input.getAttribute("data-md-color-media");
        return !!media && window.matchMedia(media).matches;
      });
    }
    return Math.max(0, Math.min(index, inputs.length - 1));
  }

  apply(initial());

  // Until the reader chooses, a change of the system setting while the page is open applies too.
  inputs.forEach(function (input, i) {
    var media = input.getAttribute("data-md-color-media");
    if (!media || media === "(prefers-color-scheme)") return;
    window.matchMedia(media).addEventListener("change", function (ev) {
      if (ev.matches && chosen() < 0) apply(i);
    });
  });

  form.addEventListener("change", function (ev) {
    var index = inputs.indexOf(ev.target);
    if (index < 0) return;
    document.body.setAttribute("data-md-color-switching", "");
    var color = apply(index);
    if (window.__md_set) window.__md_set("__palette", { index: index, color: color });
    window.setTimeout(function () { document.body.removeAttribute("data-md-color-switching"); });
  });
  form.addEventListener("keydown", function (ev) {
    if (ev.key !== "Enter") return;
    inputs[(current + 1) % inputs.length].click();
  });
})();
