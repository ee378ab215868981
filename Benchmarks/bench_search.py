#!/usr/bin/env python3
"""Search in the browser on a built PlanSite site: bytes of index fetched, results, script time; results checked.

Serves the output folder on 127.0.0.1 (the server and the headless Chromium of Tests/browser/check_site.py),
opens /<lang>/search/ and reports the bytes of index fetched at the first load (manifest). Then for each query,
typed without diacritics into a fresh search page as a reader would (one `input` event per key):
  * the bytes of index (word shards and item chunks) the page fetched for it, typed key by key, and for the
    query alone (the page opened at ?q=<query>, which runs it once);
  * the number of results (the status line) and of results shown (20 at a time);
  * the median script time of 11 runs of `window.planSearch.run(q)` with the files cached.
It asserts that every query shows at least one result and that the first result (its text as shown, or else
the page it links to: a plan is found by its whole text), folded (lowercase, diacritics removed, đ → d), holds every query word as the beginning of one of its words, and exits
with status 1 otherwise. The text shown is the meta line (kind · symbol · date), the title and the snippet: a
document's symbol is in its meta line only (--title-snippet-only leaves the meta line out). Timings are printed beside their targets, not asserted: first load < 100 KB, a
two-word query < 300 KB fetched (typed), < 50 ms of script (KB = 1,024 bytes, as in the rest of the project).

Runs with the Python that has selenium (.venv/bin/python, made by `make browser-deps`):

usage: bench_search.py <public folder> [--queries "thong tin" "hoc mon" ...] [--lang vi] [--size N] [--json out.json]
"""
import argparse
import html
import json
import os
import re
import sys
import unicodedata
import urllib.parse

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
WORDS = ["thong tin", "doi ngoai", "hoc mon", "quang ba hinh anh", "ke hoach"]
FIRST_LOAD_TARGET = 100 * 1024
TWO_WORD_TARGET = 300 * 1024
SCRIPT_TARGET_MS = 50
WAIT_SECONDS = 120  # a cold query on a large site fetches a few hundred KB from a Python server


def fold(text):
    """As search.js folds: lowercase, combining marks (U+0300…U+036F) removed, đ → d."""
    out = []
    for c in text:
        if c in "đĐ":
            out.append("d")
            continue
        base = "".join(ch for ch in unicodedata.normalize("NFD", c) if not 0x300 <= ord(ch) <= 0x36F)
        out.append((base if len(base) == 1 else c).lower())
    return "".join(out)


def strip_punctuation(word):
    """Punctuation around a word is not part of it, as in the index and search.js: "(57-KL/TW)," → "57-kl/tw"."""
    return re.sub(r"^[\W_]+|[\W_]+$", "", word)


def query_words(query):
    return [w for w in (strip_punctuation(t) for t in fold(query).split()) if w]


def text_words(text):
    """The words of a text, folded: each whitespace-separated word without the punctuation around it, and its
    letter-and-digit runs (so "đối-ngoại" gives "doi-ngoai", "doi" and "ngoai")."""
    words = set()
    for token in fold(text).split():
        token = strip_punctuation(token)
        if token:
            words.add(token)
            words.update(part for part in re.split(r"[\W_]+", token) if part)
    return words


def holds_query(query, text):
    """Whether every word of the query begins some word of the text (both folded)."""
    words = text_words(text)
    return all(any(word.startswith(token) for word in words) for token in query_words(query))


def page_text(root, link):
    """The text of the page a result links to, read from the output folder: a plan is found by the words of
    its whole text, which its result shows only the opening of."""
    path = urllib.parse.unquote(urllib.parse.urlparse(link).path).lstrip("/")
    file = os.path.join(root, path, "index.html") if path == "" or path.endswith("/") else os.path.join(root, path)
    try:
        with open(file, encoding="utf-8") as handle:
            markup = handle.read()
    except OSError:
        return ""
    return html.unescape(re.sub(r"<[^>]+>", " ", markup))


def default_queries(root, lang):
    """The word queries and one symbol: 57-KL/TW when the site has it (the real content), else the first
    Conclusion of the Politburo (<n>-KL/TW) among its document pages (the registry of make_corpus.py is the
    same for every N at one seed: 357-KL/TW at seed 1)."""
    folder = os.path.join(root, lang, "documents")
    slugs = sorted(os.listdir(folder)) if os.path.isdir(folder) else []
    numbers = [m.group(1) for m in (re.fullmatch(r"(\d+)-kl-tw-\d{4}", slug) for slug in slugs) if m]
    symbol = "57" if "57" in numbers or not numbers else numbers[0]
    return WORDS + [f"{symbol}-KL/TW"]


def kib(n):
    return f"{n / 1024:.1f}"


def measure(root, queries, lang, title_snippet_only=False):
    """Runs the browser measurements; returns a dict (see main) with the failures found."""
    sys.path.insert(0, os.path.join(ROOT, "Tests", "browser"))
    sys.dont_write_bytecode = True  # no __pycache__ in the checkout
    import check_site  # noqa: E402  (the local server and headless Chromium of the browser checks)
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support.ui import WebDriverWait

    server = check_site.Server(root)
    driver = check_site.browser()
    failures = []
    rows = []
    page = f"/{lang}/search/"

    def open_search(query=None):
        driver.get(server.url(page + (f"?q={urllib.parse.quote(query)}" if query else "")))
        # The resource timing buffer holds 250 entries by default; a long query could fill it.
        driver.execute_script("performance.setResourceTimingBufferSize(100000)")
        box = WebDriverWait(driver, WAIT_SECONDS).until(lambda d: d.find_element(By.ID, "search-input"))
        WebDriverWait(driver, WAIT_SECONDS).until(
            lambda d: d.execute_script("return !!(window.planSearch && window.planSearch.ready())"))
        return box

    def wait_for(query):
        # search.js puts the query in the address (replaceState) once its results are shown, and only for the
        # latest query typed: then every file the query needed has been fetched.
        WebDriverWait(driver, WAIT_SECONDS).until(
            lambda d: d.execute_script("return new URLSearchParams(location.search).get('q')") == query)

    try:
        open_search()
        first_load = check_site.index_bytes(driver)
        for query in queries:
            # Typed key by key, as a reader would.
            box = open_search()
            loaded = check_site.index_bytes(driver)
            box.send_keys(query)
            wait_for(query)
            typed = check_site.index_bytes(driver) - loaded
            shown = driver.find_elements(By.CSS_SELECTOR, "#search-results li")
            status = driver.find_element(By.ID, "search-status").text
            # "{n} kết quả" or "Ít nhất {n} kết quả" (more pages not fetched), n with the language's separators.
            count = re.search(r"\d[\d.,\u00a0\u202f]*", status)
            total = int(re.sub(r"\D", "", count.group())) if count else len(shown)
            title = snippet = meta = link = ""
            if shown:
                title = shown[0].find_element(By.CSS_SELECTOR, ".search-result__title").text
                link = shown[0].find_element(By.CSS_SELECTOR, ".search-result__title a").get_attribute("href")
                snippets = shown[0].find_elements(By.CSS_SELECTOR, ".search-result__snippet")
                snippet = snippets[0].text if snippets else ""
                metas = shown[0].find_elements(By.CSS_SELECTOR, ".search-result__meta")
                meta = metas[0].text if metas else ""
            samples = driver.execute_async_script(
                "const q = arguments[0], done = arguments[arguments.length - 1], times = [];"
                "(async () => { for (let b = 0; b < 11; b++) { const t = performance.now();"
                "  await window.planSearch.run(q); times.push(performance.now() - t); }"
                "  times.sort((a, b) => a - b); done(times[5]); })();", query)
            # The query alone: the page opened at ?q=, which runs it once after the manifest.
            open_search(query)
            WebDriverWait(driver, WAIT_SECONDS).until(
                lambda d: d.execute_script("return window.planSearchLastMs !== undefined"))
            alone = check_site.index_bytes(driver) - first_load
            ok = True
            checked = [title, snippet] if title_snippet_only else [meta, title, snippet]
            if not shown:
                failures.append(f"{query!r}: no result shown (status: {status!r})")
                ok = False
            elif not holds_query(query, "\n".join(checked)) and not holds_query(query, page_text(root, link)):
                missing = [t for t in query_words(query)
                           if not any(w.startswith(t) for w in text_words("\n".join(checked)))]
                failures.append(f"{query!r}: the first result ({urllib.parse.urlparse(link).path}) lacks {missing} in "
                                + ("its title and snippet" if title_snippet_only else "its meta line, title and snippet")
                                + f": meta {meta!r}, title {title!r}, snippet {snippet[:160]!r}"
                                + (" (the meta line holds them)" if title_snippet_only and holds_query(" ".join(missing), meta) else ""))
                ok = False
            rows.append({"query": query, "words": len(query_words(query)), "results": total, "shown": len(shown),
                         "typed_bytes": typed, "alone_bytes": alone, "script_ms": samples, "ok": ok,
                         "first_title": title, "first_url": urllib.parse.urlparse(link).path})
    finally:
        driver.quit()
        server.httpd.shutdown()
    return {"lang": lang, "first_load_bytes": first_load, "queries": rows, "failures": failures}


def mark(passed):
    return "pass" if passed else "FAIL"


def table(result, size=None):
    """The report as Markdown lines (bench.py prints them in its final report)."""
    lines = []
    first = result["first_load_bytes"]
    where = f"N = {size}, " if size is not None else ""
    lines.append(f"Search in the browser ({where}/{result['lang']}/search/, headless Chromium): first load "
                 f"{first} bytes ({kib(first)} KB, target < 100 KB: {mark(first < FIRST_LOAD_TARGET)})")
    lines.append("")
    lines.append("| query | results | shown | KB fetched, typed | KB fetched, query alone | two-word < 300 KB "
                 "| script ms (median of 11, cached) | < 50 ms | first result holds the words |")
    lines.append("|---|---|---|---|---|---|---|---|---|")
    for row in result["queries"]:
        two = mark(row["typed_bytes"] < TWO_WORD_TARGET) if row["words"] == 2 else "—"
        lines.append(f"| {row['query']} | {row['results']} | {row['shown']} | {kib(row['typed_bytes'])} | "
                     f"{kib(row['alone_bytes'])} | {two} | {row['script_ms']:.2f} | "
                     f"{mark(row['script_ms'] < SCRIPT_TARGET_MS)} | {'yes' if row['ok'] else 'NO'} |")
    return lines


def main():
    arguments = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    arguments.add_argument("site", help="the built output folder (public/)")
    arguments.add_argument("--queries", nargs="+", help="queries, typed as given (default: " + ", ".join(WORDS)
                           + " and 57-KL/TW, or the site's first <n>-KL/TW when it has no 57-KL/TW)")
    arguments.add_argument("--lang", default="vi")
    arguments.add_argument("--size", type=int, help="N, for the report's heading")
    arguments.add_argument("--json", help="also write the figures to this file")
    arguments.add_argument("--title-snippet-only", action="store_true",
                           help="check the query words in the first result's title and snippet only, not its meta line "
                                "(kind · symbol · date), which is where a document result shows its symbol")
    options = arguments.parse_args()
    root = os.path.abspath(options.site)
    if not os.path.isfile(os.path.join(root, options.lang, "search", "index.html")):
        sys.exit(f"{root} has no {options.lang}/search/index.html")
    result = measure(root, options.queries or default_queries(root, options.lang), options.lang, options.title_snippet_only)
    for line in table(result, options.size):
        print(line)
    if options.json:
        with open(options.json, "w", encoding="utf-8") as handle:
            json.dump(result, handle, ensure_ascii=False, indent=1)
    if result["failures"]:
        for failure in result["failures"]:
            print("FAIL:", failure)
        sys.exit(1)


if __name__ == "__main__":
    main()
