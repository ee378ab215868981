"""The search page against an index whose common words go on beyond their shards, in headless Chromium.

The real site's words are far below the postings a shard keeps (2,000), so its search never fetches a
word's further pages. This check copies the built site, puts in a small index of the same format whose
two words keep only their heaviest postings in their shards (`"m"`: the names of their pages in order,
`w/<word>-<name>.json`, heaviest first; the build names a page by the item that ends it, or `e`) and whose shards alone share no item, and drives the real search page and search.js:
  * "alpha beta" fetches further pages until it has a page of results, and finds every item both words hold;
  * "alpha" alone shows a page, says "at least" while pages are left, and "More results" fetches on until
    every item is shown and the count is exact;
  * no page is fetched that a query does not need.
"""
import json
import os
import shutil
import tempfile
import urllib.parse

from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import WebDriverWait

ITEMS = 60
CHUNK = 5
# Word → its parts: the shard's postings, then its pages, heaviest first: (items, weight) each. The pages are
# named as the build names them: by the item of the posting that ends a page, the last one `e`.
WORDS = {
    "alpha": [(range(0, 10), 20), (range(10, 30), 5), (range(30, 60), 1)],
    "beta": [(range(30, 40), 20), (range(40, 50), 5), (list(range(0, 6)) + list(range(50, 60)), 1)],
}


def hex_name(text):
    return text.encode("utf-8").hex()


def postings(part):
    items, weight = part
    return [number for item in sorted(items) for number in (item, weight)]


def held(word):
    return {item for items, _ in WORDS[word] for item in items}


def page_names(word):
    """The names of a word's pages: the item that ends each (its last item, of the lowest weight), the last `e`."""
    pages = WORDS[word][1:]
    return [str(max(items)) for items, _ in pages[:-1]] + ["e"]


def write_index(root, lang):
    """The manifest, one shard per word (its own key), the words' pages and the item chunks."""
    folder = os.path.join(root, lang, "search-index")
    shutil.rmtree(folder, ignore_errors=True)
    os.makedirs(os.path.join(folder, "w"))
    os.makedirs(os.path.join(folder, "i"))
    keys = sorted(WORDS)
    manifest = {"v": 2, "count": ITEMS, "chunk": CHUNK, "words": f"/{lang}/search-index/w/",
                "items": f"/{lang}/search-index/i/", "keys": keys}
    with open(os.path.join(root, lang, "search-index.json"), "w", encoding="utf-8") as handle:
        json.dump(manifest, handle)
    for word, parts in WORDS.items():
        with open(os.path.join(folder, "w", hex_name(word) + ".json"), "w", encoding="utf-8") as handle:
            json.dump({"w": {word: postings(parts[0])}, "m": {word: page_names(word)}}, handle)
        for name, part in zip(page_names(word), parts[1:]):
            with open(os.path.join(folder, "w", f"{hex_name(word)}-{name}.json"), "w", encoding="utf-8") as handle:
                json.dump({"p": postings(part)}, handle)
    for chunk in range(ITEMS // CHUNK):
        items = [{"d": "", "i": "", "k": "", "s": "", "t": f"Item {n}", "u": f"/{lang}/#item-{n}", "x": "alpha beta"}
                 for n in range(chunk * CHUNK, (chunk + 1) * CHUNK)]
        with open(os.path.join(folder, "i", f"{chunk}.json"), "w", encoding="utf-8") as handle:
            json.dump({"items": items}, handle)


def fetched_pages(driver):
    """The word files fetched so far, by name (`616c706861-1.json` …)."""
    names = driver.execute_script(
        "return performance.getEntriesByType('resource').map(e => e.name).filter(n => n.includes('/search-index/w/'))")
    return sorted({urllib.parse.urlparse(name).path.rsplit("/", 1)[1] for name in names})


def shown_items(driver):
    return [int(a.text.split()[1]) for a in driver.find_elements(By.CSS_SELECTOR, "#search-results li a")]


def check(driver, site_root, server_class, fail):
    with tempfile.TemporaryDirectory() as root:
        shutil.copytree(site_root, root, dirs_exist_ok=True)
        write_index(root, "vi")
        server = server_class(root)

        def run(query):
            driver.get(server.url("/vi/search/?q=" + urllib.parse.quote(query)))
            WebDriverWait(driver, 10).until(lambda d: d.find_elements(By.CSS_SELECTOR, "#search-results li a"))
            return driver.find_element(By.ID, "search-status").text

        # Both words: the shards share no item; two rounds of pages find all 36 items both hold.
        status = run("alpha beta")
        both = held("alpha") & held("beta")
        shown = shown_items(driver)
        if len(shown) != 20 or not set(shown) <= both:
            fail(f"search paging: 'alpha beta' shows {shown}, expected 20 of {sorted(both)}")
        if str(len(both)) not in status or status.lower().startswith(("ít nhất", "at least")):
            fail(f"search paging: 'alpha beta' status {status!r}, expected the exact count {len(both)}")
        pages = fetched_pages(driver)
        wanted = sorted(f"{hex_name(w)}-{name}.json" for w in WORDS for name in page_names(w))
        if [p for p in pages if "-" in p] != wanted:
            fail(f"search paging: 'alpha beta' fetched the pages {pages}, expected {wanted}")
        driver.find_element(By.ID, "search-more").click()
        WebDriverWait(driver, 10).until(lambda d: len(shown_items(d)) > 20)
        if sorted(shown_items(driver)) != sorted(both):
            fail(f"search paging: 'alpha beta' with more results shows {sorted(shown_items(driver))}, expected {sorted(both)}")

        # One word: its shard has 10 items, so its first page is fetched for a page of results, not its second.
        status = run("alpha")
        if len(shown_items(driver)) != 20 or [p for p in fetched_pages(driver) if "-" in p] != [f"{hex_name('alpha')}-{page_names('alpha')[0]}.json"]:
            fail(f"search paging: 'alpha' shows {shown_items(driver)} after fetching {fetched_pages(driver)}")
        if "30" not in status or not status.lower().startswith(("ít nhất", "at least")):
            fail(f"search paging: 'alpha' status {status!r}, expected at least 30")
        more = driver.find_element(By.ID, "search-more")
        for expected in (40, 60):
            more.click()
            WebDriverWait(driver, 10).until(lambda d: len(shown_items(d)) >= expected)
        shown = shown_items(driver)
        status = driver.find_element(By.ID, "search-status").text
        if sorted(shown) != sorted(held("alpha")) or len(shown) != len(set(shown)):
            fail(f"search paging: 'alpha' with more results shows {shown}")
        if "60" not in status or status.lower().startswith(("ít nhất", "at least")) or more.is_displayed():
            fail(f"search paging: 'alpha' at the end: status {status!r}, more button shown: {more.is_displayed()}")
        server.httpd.shutdown()
        print("search paging: 'alpha beta' found all 36 items after 2 rounds of pages; 'alpha' fetched its pages one at a time")
