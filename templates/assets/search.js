// PlanSite search: runs in the browser on the index built with the site (no server, no CDN).
// Diacritics are folded on both sides, so "hoc mon" finds "Hóc Môn" and "thong tin doi ngoai" finds
// "thông tin đối ngoại"; symbols such as "57-KL/TW" match as typed.
(function () {
  "use strict";

  // Folds one character at a time so positions in the folded text are positions in the original.
  function fold(text) {
    var out = "";
    for (var i = 0; i < text.length; i++) {
      var c = text[i];
      if (c === "đ" || c === "Đ") { out += "d"; continue; }
      var base = c.normalize("NFD").replace(/[\u0300-\u036f]/g, "");
      out += (base.length === 1 ? base : c).toLowerCase();
    }
    return out;
  }

  function prepare(items) {
    return items.map(function (item) {
      return {
        item: item,
        title: fold(item.t),
        symbol: fold(item.s || ""),
        issuer: fold(item.i || ""),
        // `w`: every word of the plan, folded already, each once; `n`: how often each occurs;
        // `x`: the opening of the text, for snippets.
        text: item.w || "",
        starts: wordStarts(item.w || ""),
        counts: (item.n || "").split(" ").map(Number),
        opening: fold(item.x || "")
      };
    });
  }

  // Where each word of a space-separated list starts.
  function wordStarts(words) {
    if (!words) { return []; }
    var starts = [0], at = words.indexOf(" ");
    while (at !== -1) { starts.push(at + 1); at = words.indexOf(" ", at + 1); }
    return starts;
  }

  // The word of the list that holds `position` (binary search in `starts`).
  function wordAt(starts, position) {
    var low = 0, high = starts.length - 1;
    while (low < high) {
      var middle = (low + high + 1) >> 1;
      if (starts[middle] <= position) { low = middle; } else { high = middle - 1; }
    }
    return low;
  }

  // How often the text of a plan holds `needle`: the counts of the words it is found in.
  function occurrences(entry, needle) {
    var n = 0, at = entry.text.indexOf(needle);
    while (at !== -1) {
      var word = wordAt(entry.starts, at);
      n += entry.counts[word] || 1;
      var next = word + 1 < entry.starts.length ? entry.starts[word + 1] : entry.text.length;
      at = entry.text.indexOf(needle, Math.max(next, at + needle.length));
    }
    return n;
  }

  // Punctuation around a word is not part of it, as in the index: "(57-KL/TW)," is "57-kl/tw".
  function tokens(query) {
    return fold(query).split(/\s+/).map(function (t) {
      return t.replace(/^[^\p{L}\p{N}]+|[^\p{L}\p{N}]+$/gu, "");
    }).filter(function (t) { return t.length > 0; });
  }

  // Every token must appear somewhere; the score favours the symbol, then the title, then the issuer, then
  // how often the text uses the token (up to 20).
  function search(entries, query) {
    var words = tokens(query);
    if (words.length === 0) { return []; }
    var phrase = words.join(" ");
    var results = [];
    entries.forEach(function (entry) {
      var score = 0;
      for (var i = 0; i < words.length; i++) {
        var w = words[i];
        var inSymbol = entry.symbol.indexOf(w) !== -1;
        var inTitle = entry.title.indexOf(w) !== -1;
        var inIssuer = entry.issuer.indexOf(w) !== -1;
        var inText = occurrences(entry, w);
        if (!inSymbol && !inTitle && !inIssuer && inText === 0) { return; }
        score += (inSymbol ? 50 : 0) + (inTitle ? 10 : 0) + (inIssuer ? 5 : 0) + Math.min(inText, 20);
      }
      if (entry.title.indexOf(phrase) !== -1 || entry.text.indexOf(phrase) !== -1) { score += 25; }
      results.push({ entry: entry, score: score, at: entry.opening.indexOf(words[0]) });
    });
    results.sort(function (a, b) { return b.score - a.score || (a.entry.item.u < b.entry.item.u ? -1 : 1); });
    return results;
  }

  function snippet(result) {
    var text = result.entry.item.x || "";
    if (!text) { return ""; }
    var at = Math.max(0, result.at);
    var start = Math.max(0, at - 80), end = Math.min(text.length, at + 160);
    if (start > 0) { var space = text.indexOf(" ", start); if (space !== -1 && space < at) { start = space + 1; } }
    if (end < text.length) { var last = text.lastIndexOf(" ", end); if (last > at) { end = last; } }
    return (start > 0 ? "…" : "") + text.slice(start, end).replace(/\s+/g, " ") + (end < text.length ? "…" : "");
  }

  function element(tag, className, text) {
    var node = document.createElement(tag);
    if (className) { node.className = className; }
    if (text) { node.textContent = text; }
    return node;
  }

  function show(results, list, status) {
    list.textContent = "";
    results.slice(0, 50).forEach(function (result) {
      var item = result.entry.item;
      var li = element("li", "search-result");
      var meta = element("p", "search-result__meta", [item.k, item.s, item.d].filter(Boolean).join(" · "));
      var title = element("p", "search-result__title");
      var link = element("a", null, item.t);
      link.href = item.u;
      title.appendChild(link);
      li.appendChild(meta);
      li.appendChild(title);
      var text = snippet(result);
      if (text) { li.appendChild(element("p", "search-result__snippet", text)); }
      list.appendChild(li);
    });
    status.textContent = results.length === 0 ? status.dataset.none
      : status.dataset.count.replace("{n}", String(results.length));
  }

  function start() {
    var form = document.querySelector("form[data-index]");
    if (!form) { return; }
    var input = form.querySelector("input[type=search]");
    var list = document.getElementById("search-results");
    var status = document.getElementById("search-status");
    var entries = null;
    status.textContent = status.dataset.loading;
    // The index is a manifest of shards, fetched together and searched as one list.
    function json(url) { return fetch(url).then(function (response) { return response.json(); }); }
    json(form.dataset.index).then(function (manifest) {
      return Promise.all(manifest.shards.map(json));
    }).then(function (shards) {
      entries = prepare([].concat.apply([], shards.map(function (shard) { return shard.items; })));
      status.textContent = "";
      run();
    });
    function run() {
      if (!entries) { return; }
      var query = input.value;
      var began = performance.now();
      var results = search(entries, query);
      window.planSearchLastMs = performance.now() - began;
      if (query.trim() === "") { list.textContent = ""; status.textContent = ""; return; }
      show(results, list, status);
      var url = new URL(window.location.href);
      url.searchParams.set("q", query);
      window.history.replaceState(null, "", url);
    }
    var params = new URLSearchParams(window.location.search);
    if (params.get("q")) { input.value = params.get("q"); }
    input.addEventListener("input", run);
    form.addEventListener("submit", function (event) { event.preventDefault(); run(); });
    window.planSearch = { fold: fold, run: function (q) { return entries ? search(entries, q).map(function (r) { return r.entry.item; }) : null; } };
  }

  if (document.readyState === "loading") { document.addEventListener("DOMContentLoaded", start); } else { start(); }
})();
