"""2. Every internal link resolves: on disk for a build at the root, and over HTTP under a sub-path."""
from __future__ import annotations

import collections
import os
import urllib.error
import urllib.parse
import urllib.request

import pytest

import sitelib
from sitelib import soup
from test_structure import fail_if

BASE = "https://x.gov.cn/gmfw/"


def test_links_resolve_on_disk(site, expected):
    problems = sitelib.check_links(site, base_url=str(expected.site["base_url"]), map_absolute=False)
    fail_if(problems, "broken internal links in the build at the root")


@pytest.fixture(scope="module")
def subpath_site(gazette, tmp_path_factory):
    root = tmp_path_factory.mktemp("served")
    out = str(root / "gmfw")
    r = sitelib.run_build(out, base_url=BASE)
    if r.returncode != 0:
        pytest.fail("build with --base-url failed\n" + r.describe(), pytrace=False)
    return str(root), out


def test_links_resolve_on_disk_with_base_url(subpath_site):
    _, out = subpath_site
    fail_if(sitelib.check_links(out, base_url=BASE), "broken internal links in the --base-url build")


def _fetch(url):
    req = urllib.request.Request(url, headers={"User-Agent": "gazette-site-tests"})
    try:
        with urllib.request.urlopen(req, timeout=10) as resp:
            return resp.status, resp.headers.get("Content-Type", ""), resp.read(), resp.geturl()
    except urllib.error.HTTPError as e:
        return e.code, "", b"", url


def test_crawl_under_subpath_over_http(subpath_site):
    """Serve the folder holding gmfw/ and crawl from /gmfw/: every linked URL answers 200."""
    served, out = subpath_site
    problems = []
    with sitelib.StaticServer(served) as srv:
        start = f"{srv.url}/gmfw/"
        base_local = start
        # 404.html is linked from nowhere but served for any missing URL: crawl its links too.
        queue = collections.deque([(start, "(start)"), (f"{start}404.html", "(the 404 page)")])
        seen = {start, f"{start}404.html"}
        pages = 0
        while queue:
            url, referrer = queue.popleft()
            status, ctype, body, final = _fetch(url)
            if status != 200:
                problems.append(f"{url} (linked from {referrer}): HTTP {status}")
                continue
            if not urllib.parse.urlsplit(final).path.startswith("/gmfw/"):
                problems.append(f"{url} (linked from {referrer}) escaped the sub-path: {final}")
                continue
            if "html" not in ctype:
                continue
            pages += 1
            from bs4 import BeautifulSoup
            s = BeautifulSoup(body, "html5lib")
            for tag, attr in sitelib.LINK_ATTRS:
                for el in s.find_all(tag):
                    href = (el.get(attr) or "").strip()
                    if not href or href.startswith("#"):
                        continue
                    if href.startswith(BASE):
                        href = base_local + href[len(BASE):]
                    elif sitelib.EXTERNAL.match(href):
                        continue
                    target = urllib.parse.urljoin(final, href)
                    target = urllib.parse.urldefrag(target)[0]
                    if not target.startswith(srv.url):
                        continue
                    if not urllib.parse.urlsplit(target).path.startswith("/gmfw/"):
                        problems.append(f"{final}: <{tag} {attr}=\"{el.get(attr)}\"> leaves the /gmfw/ sub-path")
                        continue
                    if target not in seen:
                        seen.add(target)
                        queue.append((target, final))
    fail_if(problems, f"URLs that do not answer 200 under /gmfw/ ({len(seen)} fetched, {pages} pages)")
    assert pages > 1, "the crawl found no page linked from /gmfw/"


def test_every_page_is_linked_from_the_site(site):
    """No orphan pages: every HTML file (404.html excepted) is reachable by following links from the home page."""
    reached, queue = {"index.html"}, ["index.html"]
    while queue:
        rel = queue.pop()
        for tag, attr, href in sitelib.page_links(site, rel):
            if not href or href.startswith("#") or sitelib.EXTERNAL.match(href):
                continue
            target, _, problem = sitelib.resolve_internal(site, rel, href)
            if target and target.endswith(".html") and target not in reached:
                reached.add(target)
                queue.append(target)
    orphans = [p for p in sitelib.html_files(site) if p not in reached and p != "404.html"]
    fail_if(orphans, "pages that no link leads to from the home page")


def test_base_url_used_for_absolute_urls(subpath_site):
    """Where the site writes an absolute URL to itself (canonical link, feeds), it starts with --base-url."""
    _, out = subpath_site
    bad = []
    for rel in sitelib.html_files(out):
        for link in soup(out, rel).select('link[rel~="canonical"]'):
            href = link.get("href", "")
            if not href.startswith(BASE):
                bad.append(f"{rel}: canonical {href!r} does not start with {BASE}")
    for rel in sitelib.all_files(out):
        if rel.endswith((".html", ".xml", ".json", ".js", ".css")):
            with open(os.path.join(out, rel), encoding="utf-8", errors="replace") as f:
                if "mzt.example.gov.cn/gmfw/" in f.read().replace("mzt.example.gov.cn/gmfw/files/", ""):
                    bad.append(f"{rel}: still names site.yaml's base_url although --base-url {BASE} was given")
    fail_if(bad, "absolute URLs not under --base-url")
