// tally's search: finds pages, sprints, teams, big projects, systems and glossary terms in the
// index written at build time (search-index.js). Without JavaScript the box stays hidden.
(function () {
  "use strict";
  var form = document.querySelector("form.search");
  if (!form) return;
  var root = form.getAttribute("data-root") || "";
  var input = form.querySelector("input");
  var list = form.querySelector("ul");
  var status = form.querySelector("[role=status]");
  form.hidden = false;
  var loading = false;
  var waiting = [];

  // Loads the index once; whatever asked for it while it was loading runs when it is there
  // (typing can start before the index has arrived).
  function load(then) {
    if (window.TALLY_SEARCH) return then();
    waiting.push(then);
    if (loading) return;
    loading = true;
    var script = document.createElement("script");
    script.src = root + "search-index.js";
    script.onload = function () {
      waiting.splice(0).forEach(function (run) { run(); });
    };
    document.head.appendChild(script);
  }

  function words(text) {
    return text.toLowerCase().split(/\s+/).filter(Boolean);
  }

  function search() {
    var query = words(input.value);
    list.textContent = "";
    if (!query.length) {
      status.textContent = "";
      return;
    }
    var found = [];
    (window.TALLY_SEARCH || []).forEach(function (item) {
      var title = item.t.toLowerCase();
      var haystack = title + " " + item.s.toLowerCase() + " " + item.k.toLowerCase();
      if (query.every(function (w) { return haystack.indexOf(w) >= 0; })) {
        var score = query.every(function (w) { return title.indexOf(w) >= 0; }) ? 0 : 1;
        found.push([score, item]);
      }
    });
    found.sort(function (a, b) { return a[0] - b[0]; });
    found.slice(0, 12).forEach(function (entry) {
      var item = entry[1];
      var li = document.createElement("li");
      var a = document.createElement("a");
      a.href = root + item.u;
      a.textContent = item.t;
      var kind = document.createElement("span");
      kind.className = "kind";
      kind.textContent = " " + item.k;
      li.appendChild(a);
      li.appendChild(kind);
      list.appendChild(li);
    });
    status.textContent = found.length === 0 ? "Nothing found." :
      found.length === 1 ? "1 result." : found.length + " results" + (found.length > 12 ? ", the first 12 shown." : ".");
  }

  input.addEventListener("focus", function () { load(function () {}); });
  input.addEventListener("input", function () { load(search); });
  form.addEventListener("submit", function (event) {
    event.preventDefault();
    var first = list.querySelector("a");
    if (first) window.location.href = first.href;
  });
})();
