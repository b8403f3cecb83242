"""The client-side search, in headless Chromium (the system `chromium`, driven by Playwright).

Queries in Chinese (`留守儿童`, `城东区`, an organization's name fragment) and in Latin letters; the index is
fetched only once the search is used, only by the search page; without JavaScript the page says so and links
to the lists.
"""
from __future__ import annotations

import json
import os
import re

import pytest

import searchbytes
import sitelib
from conftest import require_tool


def fail_if(problems, title):
    if problems:
        pytest.fail(f"{title} ({len(problems)}):\n" + "\n".join("  " + p for p in problems[:60]), pytrace=False)




class SearchPage:
    def __init__(self, browser, server, javascript=True):
        self.ctx = browser.new_context(java_script_enabled=javascript, locale="zh-CN")
        self.page = self.ctx.new_page()
        self.requests, self.errors = [], []
        self.page.on("request", lambda r: self.requests.append(r.url))
        self.page.on("pageerror", lambda e: self.errors.append(str(e)))
        # favicon.ico is not part of the site (test_browser checks it once).
        self.page.on("response", lambda r: self.errors.append(f"HTTP {r.status}: {r.url}")
                     if r.status >= 400 and not r.url.endswith("/favicon.ico") else None)
        self.base = server.url + "/search/"
        resp = self.page.goto(self.base, wait_until="load")
        assert resp is not None and resp.status == 200

    def index_fetched(self):
        return any(u.endswith("/search/manifest.json") for u in self.requests)

    def query(self, text, everything=True):
        """Types the query and returns the results as [(kind, href resolved to a site path, title)]: every one
        (asking for more until there are no more), or with everything=False the ones shown at once."""
        box = self.page.locator("#search-query")
        box.fill("")
        # Forget which query the list shows, so the wait below is for this one even when it is typed again.
        self.page.evaluate("() => document.querySelector('.search-results').removeAttribute('data-query')")
        box.type(text, delay=10)
        # search.js marks the list with the query whose results it shows: the last one typed, after the debounce.
        searchbytes.wait_for_results(self.page, text, timeout=30_000)
        more = self.page.locator(".search-more")
        while everything and more.is_visible():
            shown = self.page.locator(".search-results li").count()
            more.click()
            self.page.wait_for_function("n => document.querySelectorAll('.search-results li').length > n", arg=shown)
        return searchbytes.shown_results(self.page)

    def close(self):
        self.ctx.close()


@pytest.fixture(scope="module")
def search_page(browser, server):
    p = SearchPage(browser, server)
    yield p
    p.close()


def test_index_loaded_only_on_first_use(browser, server):
    p = SearchPage(browser, server)
    try:
        p.page.wait_for_load_state("networkidle")
        assert not p.index_fetched(), "the search page fetched index.json before any query"
        assert p.page.locator("form.search-form").is_visible(), "with JavaScript the search form shows"
        assert not p.page.locator(".search-fallback").is_visible(), "with JavaScript the fallback text hides"
        p.query("城东区")
        assert p.index_fetched(), "typing a query did not fetch the index"
        assert not p.errors, p.errors
    finally:
        p.close()


def test_no_other_page_loads_the_index(site):
    problems = []
    for rel in sitelib.html_files(site):
        with open(os.path.join(site, rel), encoding="utf-8") as f:
            html = f.read()
        if rel != "search/index.html" and ("search.js" in html or "index.json" in html):
            problems.append(f"{rel} references search.js or index.json")
    fail_if(problems, "pages other than the search page loading the search")


def _paths(results):
    return [r[1] for r in results]


def test_left_behind_children(search_page, expected):
    results = search_page.query("留守儿童")
    assert results, "留守儿童 found nothing"
    paths = _paths(results)
    problems = []
    for pid, p in expected.projects.items():
        if "留守儿童" in p.title and f"/projects/{pid}/" not in paths:
            problems.append(f"project {pid} ({p.title}) is titled 留守儿童 but not found")
        if "left-behind-children" in p.groups and f"/projects/{pid}/" not in paths:
            problems.append(f"project {pid} serves 留守儿童 but is not found")
    top = results[0]
    if "留守儿童" not in top[2]:
        problems.append(f"the first result {top} does not have 留守儿童 in its title")
    fail_if(problems, "留守儿童")


def test_chengdong(search_page, expected):
    results = search_page.query("城东区")
    paths = _paths(results)
    problems = []
    if not results or results[0][1] != "/regions/630102/":
        problems.append(f"the first result is {results[:1]}, want the region 城东区")
    for pid, p in expected.projects.items():
        if p.county == "630102" and f"/projects/{pid}/" not in paths:
            problems.append(f"project {pid} in 城东区 not found")
    for oid, o in expected.organizations.items():
        if str(o.get("county")) == "630102" and f"/organizations/{oid}/" not in paths:
            problems.append(f"organization {oid} of 城东区 not found")
    fail_if(problems, "城东区")


def test_organization_name_fragment(search_page, expected):
    results = search_page.query("心缘社会工作")
    assert results, "no result"
    assert results[0][:2] == ["organization", "/organizations/xinyuan-social-work/"], results[:3]


def test_single_character(search_page):
    results = search_page.query("县")
    assert any(r[1] == "/regions/630122/" for r in results), "湟中县 not found by 县"


def test_latin_queries(search_page, expected):
    results = search_page.query("Chengdong")
    assert results and results[0][1] == "/regions/630102/", results[:3]
    results = search_page.query("CHENGD")          # prefix, any case
    assert "/regions/630102/" in _paths(results)
    results = search_page.query("qh2017-xn-001")
    assert results and results[0][1] == "/projects/qh2017-xn-001/", results[:3]
    results = search_page.query("left-behind children")
    assert any(r[0] == "project" for r in results), results[:3]


def test_nothing_found_says_so(search_page):
    assert search_page.query("zzzqqq") == []
    text = search_page.page.locator(".search-status").text_content()
    assert text and "zzzqqq" not in text


def test_results_link_to_pages(search_page, site):
    problems = []
    for q in ["城东区", "留守儿童"]:
        for kind, path, title in search_page.query(q):
            rel = path.lstrip("/")
            target = os.path.join(site, rel, "index.html") if rel.endswith("/") else os.path.join(site, rel)
            if not os.path.isfile(target):
                problems.append(f"{q}: {title} links to {path}, which does not exist")
    fail_if(problems, "result links")


def test_without_javascript(browser, server):
    p = SearchPage(browser, server, javascript=False)
    try:
        assert not p.page.locator("form.search-form").is_visible(), "the form shows without JavaScript"
        fallback = p.page.locator(".search-fallback")
        assert fallback.is_visible(), "without JavaScript the page does not say search needs it"
        assert "JavaScript" in fallback.text_content()
        hrefs = [new for new in p.page.eval_on_selector_all(".search-fallback a", "els => els.map(a => a.href)")]
        for want in ["/projects/", "/organizations/", "/notices/"]:
            assert any(h.endswith(want) for h in hrefs), f"no link to {want} in {hrefs}"
        assert any("/#" in h or h.endswith(server.url + "/") for h in hrefs), f"no link to the home page in {hrefs}"
        assert not p.index_fetched()
    finally:
        p.close()


def test_index_is_compact_and_sorted(site):
    path = os.path.join(site, "search", "index.json")
    with open(path, encoding="utf-8") as f:
        raw = f.read()
    data = json.loads(raw)
    assert data["kinds"] == ["region", "community", "project", "organization", "notice"]
    keys = [(d[0], d[1]) for d in data["docs"]]
    assert keys == sorted(keys), "documents are not in kind, then key order"
    terms = list(data["terms"])
    assert terms == sorted(terms), "terms are not in code-point order"
    for term, deltas in data["terms"].items():
        assert deltas and all(d > 0 for d in deltas[1:]) and deltas[0] >= 0, f"{term}: postings not ascending"
        assert sum(deltas) // 2 < len(data["docs"]), f"{term}: posting beyond the documents"
    assert os.path.getsize(path) < 200_000, f"the sample's index is {os.path.getsize(path)} bytes"


def test_results_twenty_at_a_time(search_page, expected):
    """A broad query shows twenty results and says how many there are; "more" adds the next twenty after them,
    moves the focus to the first new one, and disappears once all are shown."""
    page = search_page.page
    first = search_page.query("区", everything=False)
    status = page.locator(".search-status").text_content()
    count = int(re.search(r"\d+", status).group())
    assert count > 2 * searchbytes.PAGE, f"区 should find more than two pages on the sample: {status}"
    assert len(first) == searchbytes.PAGE, f"{len(first)} results shown at once"
    assert str(searchbytes.PAGE) in status.split("。", 1)[1], f"the status does not say how many are listed: {status}"
    more = page.locator(".search-more")
    assert more.is_visible() and more.text_content().strip()
    more.click()
    page.wait_for_function("n => document.querySelectorAll('.search-results li').length > n", arg=searchbytes.PAGE)
    second = searchbytes.shown_results(page)
    assert second[:searchbytes.PAGE] == first and len(second) == 2 * searchbytes.PAGE
    assert page.evaluate("() => document.activeElement === document.querySelectorAll('.search-results li a')[%d]"
                         % searchbytes.PAGE), "the focus is not on the first new result"
    everything = search_page.query("区")
    assert len(everything) == count and not more.is_visible()
    assert len({r[1] for r in everything}) == count, "a result shown twice"
