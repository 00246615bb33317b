/* Material fetches and parses the whole search index on every page load (most of a page's weight):
   hold that request until the reader turns to search (BENCHMARKS.md; tests/browser/test_interactions.py).
   Loaded before Material's bundle; a file, not inline, for the Content-Security-Policy. */
(function () {
  var XHR = XMLHttpRequest.prototype, open = XHR.open, send = XHR.send, held = [], go = false;
  function release() { if (!go) { go = true; held.splice(0).forEach(function (x) { send.call(x); }); } }
  XHR.open = function (method, url) { this._atlasIndex = /\/search\/search_index\.json$/.test(url); return open.apply(this, arguments); };
  XHR.send = function () { if (this._atlasIndex && !go) { held.push(this); } else { return send.apply(this, arguments); } };
  document.addEventListener("focusin", function (ev) { if (ev.target.closest && ev.target.closest(".md-search")) release(); });
  document.addEventListener("pointerover", function (ev) { if (ev.target.closest && ev.target.closest(".md-search, label[for=__search]")) release(); });
  if (/[?&]h=/.test(location.search)) release();  // search.highlight needs the index at once
})();
