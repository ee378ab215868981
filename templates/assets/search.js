// PlanSite search: runs in the browser on the index built with the site (no server, no CDN), loading only
// the parts of the index a query needs (see Sources/PlanSite/Render/SearchIndex.swift).
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

  // Punctuation around a word is not part of it, as in the index: "(57-KL/TW)," is "57-kl/tw".
  function tokens(query) {
    return fold(query).split(/\s+/).map(function (t) {
      return t.replace(/^[^\p{L}\p{N}]+|[^\p{L}\p{N}]+$/gu, "");
    }).filter(function (t) { return t.length > 0; });
  }

  // A shard's file name is its key's UTF-8 in hex, as the build writes it.
  function hex(text) {
    return Array.from(new TextEncoder().encode(text)).map(function (b) { return (b < 16 ? "0" : "") + b.toString(16); }).join("");
  }

  // Loads only what a query needs: the shards of its words, the further pages of its common words when the
  // shards do not give a page of results, then the chunks of the results shown.
  function Index(manifest) {
    var files = {}, lists = {};
    function load(url) {
      if (!files[url]) { files[url] = fetch(url).then(function (response) { return response.json(); }); }
      return files[url];
    }
    // A token of one or two letters is a whole word (Vietnamese syllables are short: "ba", "vu"), found in
    // the shard of its own key; a longer token finds the words that begin with it, in the shards whose keys
    // begin it (the longest holds them) or begin with it (its longer words).
    function whole(token) { return Array.from(token).length <= 2; }
    function keysFor(token) {
      return manifest.keys.filter(function (key) {
        return token.lastIndexOf(key, 0) === 0 || (!whole(token) && key.lastIndexOf(token, 0) === 0);
      });
    }
    function matches(token, word) { return whole(token) ? word === token : word.lastIndexOf(token, 0) === 0; }
    // Postings are item, weight, item, weight …; an item's score for a token is the best of its words'.
    function add(list, postings) {
      for (var i = 0; i < postings.length; i += 2) {
        list.scores[postings[i]] = Math.max(list.scores[postings[i]] || 0, postings[i + 1]);
      }
    }
    // What a token has found so far: items (number → score) and, for each of its words whose postings go on
    // beyond the shard (the heaviest are in the shard, the rest in pages, heaviest first, that the shard
    // names in order), the next page.
    this.postings = function (token) {
      if (!lists[token]) {
        lists[token] = Promise.all(keysFor(token).map(function (key) {
          return load(manifest.words + hex(key) + ".json");
        })).then(function (loaded) {
          var list = { scores: {}, more: [], extending: null };
          loaded.forEach(function (shard) {
            Object.keys(shard.w).forEach(function (word) {
              if (!matches(token, word)) { return; }
              add(list, shard.w[word]);
              var pages = shard.m && shard.m[word];
              if (pages && pages.length > 0) { list.more.push({ word: word, next: 0, pages: pages }); }
            });
          });
          return list;
        });
      }
      return lists[token];
    };
    // Fetches the next page of each of the token's words that has one; the list grows in place (once at a
    // time, however many searches ask).
    this.extend = function (list) {
      if (!list.extending) {
        list.extending = Promise.all(list.more.map(function (word) {
          return load(manifest.words + hex(word.word) + "-" + word.pages[word.next] + ".json").then(function (page) { add(list, page.p); });
        })).then(function () {
          list.more.forEach(function (word) { word.next += 1; });
          list.more = list.more.filter(function (word) { return word.next < word.pages.length; });
          list.extending = null;
        });
      }
      return list.extending;
    };
    this.item = function (number) {
      var chunk = Math.floor(number / manifest.chunk);
      return load(manifest.items + chunk + ".json").then(function (data) { return data.items[number % manifest.chunk]; });
    };
  }

  // The items every token finds, best first; the score adds the tokens' scores (symbol, title, issuer, text).
  function intersect(lists, words) {
    var smallest = lists.reduce(function (a, b) { return Object.keys(a.scores).length <= Object.keys(b.scores).length ? a : b; });
    var results = [];
    Object.keys(smallest.scores).forEach(function (number) {
      var score = 0;
      for (var i = 0; i < lists.length; i++) {
        if (!(number in lists[i].scores)) { return; }
        score += lists[i].scores[number];
      }
      results.push({ number: Number(number), score: score, words: words });
    });
    results.sort(function (a, b) { return b.score - a.score || a.number - b.number; });
    return results;
  }

  // Finds at least `wanted` results when there are so many: while fewer are found and a token has pages not
  // yet fetched, the next pages of those tokens are fetched. `complete` tells whether every page is in (then
  // the results are all there are).
  function search(index, query, wanted) {
    var words = tokens(query);
    if (words.length === 0) { return Promise.resolve({ results: [], complete: true }); }
    return Promise.all(words.map(index.postings)).then(function (lists) {
      function round() {
        var results = intersect(lists, words);
        var incomplete = lists.filter(function (list) { return list.more.length > 0; });
        if (results.length >= wanted || incomplete.length === 0) {
          return { results: results, complete: incomplete.length === 0 };
        }
        return Promise.all(incomplete.map(index.extend)).then(round);
      }
      return round();
    });
  }

  // Results are shown 20 at a time: only their items' chunks are fetched.
  var PAGE = 20;
  function items(index, results, from) {
    return Promise.all(results.slice(from || 0, (from || 0) + PAGE).map(function (result) {
      return index.item(result.number).then(function (item) { result.item = item; return result; });
    }));
  }

  function snippet(result) {
    var text = result.item.x || "";
    if (!text) { return ""; }
    var at = Math.max(0, fold(text).indexOf(result.words[0]));
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

  function show(found, shown, list, status, append) {
    if (!append) { list.textContent = ""; }
    shown.forEach(function (result) {
      var item = result.item;
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
    var count = found.complete ? status.dataset.count : status.dataset.countPartial;
    status.textContent = found.results.length === 0 ? status.dataset.none
      : count.replace("{n}", found.results.length.toLocaleString(document.documentElement.lang || undefined));
  }

  function start() {
    var form = document.querySelector("form[data-index]");
    if (!form) { return; }
    var input = form.querySelector("input[type=search]");
    var list = document.getElementById("search-results");
    var status = document.getElementById("search-status");
    var index = null;
    status.textContent = status.dataset.loading;
    fetch(form.dataset.index).then(function (response) { return response.json(); }).then(function (manifest) {
      index = new Index(manifest);
      status.textContent = "";
      run();
    });
    var latest = 0, current = null;
    var more = document.getElementById("search-more");
    function hasMore(shown) { return shown.found.results.length > shown.count || !shown.found.complete; }
    more.addEventListener("click", function () {
      if (!current) { return; }
      var ticket = latest, shown = current;
      // Past the results found so far, the query looks further; the results shown stay where they are and
      // the others follow in their order.
      var found = shown.found.results.length >= shown.count + PAGE || shown.found.complete ? Promise.resolve(shown.found)
        : search(index, shown.query, shown.count + PAGE).then(function (further) {
          var rest = further.results.filter(function (result) { return !shown.seen[result.number]; });
          return { results: shown.found.results.slice(0, shown.count).concat(rest), complete: further.complete };
        });
      found.then(function (found) {
        return items(index, found.results, shown.count).then(function (page) {
          if (ticket !== latest) { return; }
          shown.found = found;
          show(found, page, list, status, true);
          shown.count += page.length;
          page.forEach(function (result) { shown.seen[result.number] = true; });
          more.hidden = !hasMore(shown);
        });
      });
    });
    function run() {
      if (!index) { return; }
      var query = input.value, ticket = ++latest;
      if (query.trim() === "") { list.textContent = ""; status.textContent = ""; more.hidden = true; return; }
      var began = performance.now();
      search(index, query, PAGE).then(function (found) {
        return items(index, found.results).then(function (page) {
          if (ticket !== latest) { return; }  // a newer query is under way
          window.planSearchLastMs = performance.now() - began;
          show(found, page, list, status, false);
          current = { query: query, found: found, count: page.length, seen: {} };
          page.forEach(function (result) { current.seen[result.number] = true; });
          more.hidden = !hasMore(current);
          var url = new URL(window.location.href);
          url.searchParams.set("q", query);
          window.history.replaceState(null, "", url);
        });
      });
    }
    var params = new URLSearchParams(window.location.search);
    if (params.get("q")) { input.value = params.get("q"); }
    // While the reader types, wait for a pause: each word's shards are fetched once, not those of every
    // prefix typed on the way ("t", "th", "tho" …), which on a national index would weigh more than the word.
    var typing = null;
    input.addEventListener("input", function () {
      clearTimeout(typing);
      typing = setTimeout(run, 200);
    });
    form.addEventListener("submit", function (event) { event.preventDefault(); run(); });
    // For the browser checks: a query's result items (a promise), and whether the index is ready.
    window.planSearch = {
      fold: fold,
      ready: function () { return index !== null; },
      run: function (q) {
        return search(index, q, PAGE).then(function (found) { return items(index, found.results); })
          .then(function (shown) { return shown.map(function (result) { return result.item; }); });
      }
    };
  }

  if (document.readyState === "loading") { document.addEventListener("DOMContentLoaded", start); } else { start(); }
})();
