"""What one query on the search page downloads (issue 16: ≤ 300 KB a query): the page is driven in headless
Chromium, a fresh browser context per query so nothing is cached between queries, and the search files it
fetched are summed as stored (and as gzip -6 would send them). Used by scripts/page-sizes (the benchmark's
page-weight block) and by the tests, so both count the same way.
"""
from __future__ import annotations

import gzip
import os

# The target of issue 16 (Pagefind's yardstick): a query downloads at most this many bytes in all.
QUERY_BYTES_TARGET = 300_000
# Results the page shows at once (search.js's PAGE); "more" shows as many again.
PAGE = 20
# Broad queries (common words, places, single characters, an ID prefix) and narrow ones.
QUERIES = ["区", "服务", "养老", "社区", "西宁市", "城东区", "留守儿童", "满意度", "qh2017", "0", "心理", "东关大街社区",
           "城东区留守儿童关爱服务项目", "不存在的词语"]


def shown_results(page):
    """The results the page shows: [(kind, path, title)]."""
    return page.evaluate("""() => Array.from(document.querySelectorAll('.search-results li')).map(li => {
        const a = li.querySelector('a');
        return [li.getAttribute('data-kind'), new URL(a.href).pathname, a.textContent];
    })""")


def wait_for_results(page, query, timeout=120_000):
    """Until the page shows the results of `query` (search.js marks the list with the query it shows)."""
    page.wait_for_function("q => document.querySelector('.search-results').getAttribute('data-query') === q",
                           arg=query, timeout=timeout)


def measure(browser, base_url, site, query, locale="zh-CN", timeout=120_000):
    """Runs one query on a fresh page and returns what it downloaded: {query, files, bytes, gzip, status, shown}."""
    ctx = browser.new_context(locale=locale)
    try:
        page = ctx.new_page()
        fetched = []
        page.on("requestfinished", lambda r: fetched.append(r.url) if "/search/" in r.url and r.url.endswith(".json") else None)
        page.goto(base_url + "/search/", wait_until="load")
        page.fill("#search-query", query)
        page.press("#search-query", "Enter")
        wait_for_results(page, query, timeout)
        status = page.evaluate("() => document.querySelector('.search-status').textContent")
        shown = len(shown_results(page))
        files = sorted(set(u.split("/search/", 1)[1] for u in fetched))
        paths = [os.path.join(site, "search", f) for f in files]
        total = sum(os.path.getsize(p) for p in paths)
        packed = 0
        for p in paths:
            with open(p, "rb") as f:
                packed += len(gzip.compress(f.read(), 6))
        return {"query": query, "files": files, "bytes": total, "gzip": packed, "status": status, "shown": shown}
    finally:
        ctx.close()


def measure_all(site, queries=QUERIES):
    """Every query of `queries` on `site` served locally, in the system's Chromium."""
    import shutil

    from playwright.sync_api import sync_playwright

    import sitelib
    chromium = shutil.which("chromium") or shutil.which("chromium-browser")
    with sitelib.StaticServer(site) as server, sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=chromium, headless=True, args=["--no-sandbox", "--disable-gpu"])
        try:
            return [measure(browser, server.url, site, q) for q in queries]
        finally:
            browser.close()
