"""Light pages (issue 16): long lists in pages with the whole list's totals on every page, a pager above and
below, filters over the whole list, site-wide feeds of the newest 50 with RFC 5005 archives, large open-data
files gzip-compressed as well.

The sample (33 projects) fits on one page at the default `page_size` (100); these tests build a copy of it
with `page_size: 5`, and generated content (scripts/generate-content) for feeds with more than 50 entries.
"""
from __future__ import annotations

import csv
import gzip
import json
import os
import re
import subprocess
import xml.etree.ElementTree as ET
from collections import deque
from urllib.parse import urljoin, urlparse

import pytest

import model
import sitelib
from conftest import require_tool

PAGE_SIZE = 5
ATOM = "{http://www.w3.org/2005/Atom}"
FH = "{http://purl.org/syndication/history/1.0}"


@pytest.fixture(scope="module")
def paged(gazette, tmp_path_factory):
    """The sample with `page_size: 5`, built. Returns (content, output)."""
    root = tmp_path_factory.mktemp("paged")
    content = str(root / "content")
    sitelib.copy_content(content)
    with open(os.path.join(content, "site.yaml"), "a", encoding="utf-8") as f:
        f.write(f"page_size: {PAGE_SIZE}\n")
    out = str(root / "site")
    r = sitelib.run_build(out, content=content)
    if r.returncode != 0:
        pytest.fail("building the sample with page_size 5 failed\n" + r.describe(), pytrace=False)
    return content, out


@pytest.fixture(scope="module")
def paged_expected(paged):
    return model.Expected(paged[0])


def _totals(s):
    return {dd["data-figure"]: int(dd.get("data-fen") or dd.get("data-count"))
            for dd in s.select("dl.totals dd[data-figure]")}


def _pages(site, first):
    """Every page reachable from a list's first page by its pagers' links, in page order."""
    seen, queue = {}, deque([first])
    while queue:
        rel = queue.popleft()
        if rel in seen:
            continue
        s = sitelib.soup(site, rel + "index.html")
        seen[rel] = s
        for a in s.select("nav.pager a[href]"):
            target = os.path.normpath(os.path.join(os.path.dirname(rel + "index.html"), a["href"])) + "/"
            queue.append(target.lstrip("./") if target != "./" else "")
    def number(rel):
        m = re.search(r"page/(\d+)/$", rel)
        return int(m.group(1)) if m else 1
    return [(rel, seen[rel]) for rel in sorted(seen, key=number)]


def _lists(exp):
    """(first page, scope for the model's totals or None, the rows' IDs in the list's order)."""
    out = [("projects/", "province", sorted(exp.projects))]
    for code in sorted(exp.cities):
        out.append((f"regions/{code}/", f"city:{code}", None))
    for code in sorted(exp.county_city):
        out.append((f"regions/{code}/", f"county:{code}", None))
    for key in sorted(exp.services):
        out.append((f"services/{key}/", f"service:{key}", None))
    for key in sorted(exp.groups):
        out.append((f"groups/{key}/", f"group:{key}", None))
    for org in sorted(exp.organizations):
        out.append((f"organizations/{org}/", f"organization:{org}", None))
    return out


def test_lists_are_paged_with_the_whole_lists_totals(paged, paged_expected):
    """Every project list: each page holds at most page_size rows, the pages together hold the whole list once,
    every page is reachable by the pager, and the totals on every page (page 2 included) are the whole list's,
    recomputed by the model from the raw records."""
    _, site = paged
    exp = paged_expected
    problems, multi = [], 0
    for first, scope, _ in _lists(exp):
        if not os.path.isfile(os.path.join(site, first, "index.html")):
            continue
        want_ids = sorted(p.id for p in exp.projects_in(scope))
        want_totals = exp.totals(scope)
        pages = _pages(site, first)
        multi += len(pages) > 1
        ids = []
        for rel, s in pages:
            rows = [tr["data-project"] for tr in s.select("table.projects tbody tr[data-project]")]
            if len(rows) > PAGE_SIZE:
                problems.append(f"{rel}: {len(rows)} rows on one page")
            ids += rows
            got = _totals(s)
            for figure, value in want_totals.items():
                if figure in got and got[figure] != value:
                    problems.append(f"{rel}: {figure} {got[figure]}, the whole list's is {value}")
            if "projects" not in got:
                problems.append(f"{rel}: no totals")
        if sorted(ids) != want_ids or len(ids) != len(set(ids)):
            problems.append(f"{first}: the pages hold {len(ids)} rows ({len(set(ids))} distinct), the list has {len(want_ids)}")
        expected_pages = max(1, -(-len(want_ids) // PAGE_SIZE))
        if len(pages) != expected_pages:
            problems.append(f"{first}: {len(pages)} pages reachable, {expected_pages} expected")
    assert multi >= 5, f"only {multi} lists went onto several pages: the test says little"
    assert not problems, "\n".join(problems[:40])


def test_organizations_and_notices_are_paged(paged, paged_expected):
    _, site = paged
    pages = _pages(site, "organizations/")
    names = [a.get_text() for _, s in pages for a in s.select("table.organizations tbody th a")]
    assert len(pages) == -(-len(paged_expected.organizations) // PAGE_SIZE)
    assert len(names) == len(paged_expected.organizations) == len(set(names))
    notices = _pages(site, "notices/")
    slugs = [li["data-slug"] for _, s in notices for li in s.select("li.notice")]
    assert slugs == [n.slug for n in paged_expected.notices()], "the notices' pages do not hold every notice, newest first"


def test_pager_is_accessible(paged):
    """Above and below the list: a nav with its own name, the current page marked, rel=prev/next, the page's
    number in its title."""
    _, site = paged
    for rel in ["projects/", "projects/page/2/", "projects/page/7/"]:
        s = sitelib.soup(site, rel + "index.html")
        navs = s.select("nav.pager")
        assert len(navs) == 2, f"{rel}: {len(navs)} pagers"
        labels = [n.get("aria-label") for n in navs]
        assert all(labels) and len(set(labels)) == 2, f"{rel}: pager names {labels}"
        number = int(re.search(r"(\d+)/$", rel).group(1)) if "page/" in rel else 1
        for nav in navs:
            current = nav.select('[aria-current="page"]')
            assert [c.get_text() for c in current] == [str(number)], f"{rel}: current page {current}"
            prev, nxt = nav.select('a[rel="prev"]'), nav.select('a[rel="next"]')
            assert bool(prev) == (number > 1), f"{rel}: rel=prev"
            assert bool(nxt) == (number < 7), f"{rel}: rel=next"
        title = s.title.get_text()
        assert (str(number) in title) == (number > 1), f"{rel}: title {title!r}"


def test_every_page_is_in_the_sitemap(paged):
    _, site = paged
    tree = ET.parse(os.path.join(site, "sitemap.xml"))
    locs = {urlparse(e.text).path for e in tree.iter("{http://www.sitemaps.org/schemas/sitemap/0.9}loc")}
    base = urlparse(next(iter(locs))).path.split("/")[1]
    paged_pages = []
    for dirpath, _, files in os.walk(site):
        if "index.html" in files and "/page/" in dirpath + "/":
            rel = os.path.relpath(dirpath, site) + "/"
            paged_pages.append(rel)
            assert f"/{base}/{rel}" in locs, f"{rel} is not in the sitemap"
    assert len(paged_pages) > 20


def test_rows_file_is_the_whole_list(paged, paged_expected):
    """projects/rows.json (fetched by the filters of a list on several pages) holds every project once, with the
    model's money in fen."""
    _, site = paged
    with open(os.path.join(site, "projects", "rows.json"), encoding="utf-8") as f:
        data = json.load(f)
    cols = data["columns"]
    rows = {r[0]: dict(zip(cols, r)) for r in data["rows"]}
    assert sorted(rows) == sorted(paged_expected.projects)
    for pid, p in paged_expected.projects.items():
        fig = p.figures()
        assert rows[pid]["contracted"] == fig["contracted"] and rows[pid]["paid"] == fig["paid"], pid
        assert rows[pid]["recovered"] == fig["recovered"], pid
        assert rows[pid]["county"] == p.county and rows[pid]["organization"] == p.organization, pid


def test_filters_total_the_whole_list_on_page_two(browser, paged, paged_expected):
    """On page 2 of the projects, a county filter totals every project of the county (not only this page's),
    the pager's links keep the filter, and the CSV download holds the whole filtered list."""
    _, site = paged
    exp = paged_expected
    county = "630102"
    chosen = exp.projects_in(f"county:{county}")
    with sitelib.StaticServer(site) as server:
        ctx = browser.new_context(locale="zh-CN", accept_downloads=True)
        page = ctx.new_page()
        try:
            page.goto(f"{server.url}/projects/page/2/?county={county}", wait_until="load")
            page.wait_for_function("() => document.querySelector('dl.totals').getAttribute('data-filtered') === 'true'")
            got = page.evaluate("""() => Object.fromEntries(Array.from(document.querySelectorAll('dl.totals dd[data-figure]'))
                .map(dd => [dd.getAttribute('data-figure'), Number(dd.getAttribute('data-fen') ?? dd.getAttribute('data-count'))]))""")
            want = exp.totals(f"county:{county}")
            assert {k: got[k] for k in want if k in got} == {k: want[k] for k in want if k in got}
            hrefs = page.eval_on_selector_all("nav.pager a[href]", "as => as.map(a => a.getAttribute('href'))")
            assert hrefs and all(h.endswith(f"?county={county}") for h in hrefs), hrefs
            with page.expect_download() as info:
                page.click(".filter-download")
            with open(info.value.path(), encoding="utf-8-sig", newline="") as f:
                rows = list(csv.reader(f))
            assert sorted(r[0] for r in rows[1:]) == sorted(p.id for p in chosen)
            # Reset: the whole list's totals again.
            page.click("form.filters button[type=reset]")
            page.wait_for_function("() => !location.search")
            got = page.evaluate("""() => Object.fromEntries(Array.from(document.querySelectorAll('dl.totals dd[data-figure]'))
                .map(dd => [dd.getAttribute('data-figure'), Number(dd.getAttribute('data-fen') ?? dd.getAttribute('data-count'))]))""")
            assert got["projects"] == len(exp.projects)
        finally:
            ctx.close()


@pytest.mark.parametrize("width", [360, 1280])
def test_page_two_fits_and_passes_axe(browser, paged, width):
    """The browser checks of test_browser.py on page 2 of a list: no overflow at 360 px, no console error,
    axe 0 violations."""
    from test_browser import _format_violations, _open, find_axe_js
    axe = find_axe_js()
    require_tool(axe is not None, "axe.min.js (pip package axe-playwright-python)")
    with open(axe, encoding="utf-8") as f:
        axe_source = f.read()
    _, site = paged
    with sitelib.StaticServer(site) as server:
        for rel in ["projects/page/2/", "regions/630100/page/2/", "organizations/page/2/", "notices/page/2/"]:
            ctx, l = _open(browser, f"{server.url}/{rel}", width)
            try:
                over = l.page.evaluate("() => document.documentElement.scrollWidth > window.innerWidth")
                assert not over, f"/{rel} overflows at {width}px"
                assert not (l.console + l.failures), l.console + l.failures
                l.page.add_script_tag(content=axe_source)
                violations = json.loads(l.page.evaluate(
                    "async () => JSON.stringify(await axe.run(document, {resultTypes: ['violations']}))"))["violations"]
                assert not violations, f"/{rel} at {width}px:\n" + _format_violations(violations)
            finally:
                ctx.close()


# ---------------------------------------------------------------------------- feeds
@pytest.fixture(scope="module")
def many_notices(gazette, tmp_path_factory):
    """Generated content with 130 notices, built."""
    root = tmp_path_factory.mktemp("feeds")
    content = str(root / "content")
    subprocess.run(["python3", os.path.join(sitelib.REPO_ROOT, "scripts", "generate-content"), "--projects", "60",
                    "--notices", "130", "--out", content, "--quiet"], check=True)
    out = str(root / "site")
    r = sitelib.run_build(out, content=content)
    if r.returncode != 0:
        pytest.fail("building generated content failed\n" + r.describe(), pytrace=False)
    return content, out


def _feed(site, path):
    return ET.parse(os.path.join(site, path)).getroot()


def _links(feed):
    return {l.get("rel"): l.get("href") for l in feed.findall(ATOM + "link")}


def test_site_feed_carries_the_newest_50_and_archives_the_rest(many_notices):
    """feeds/notices.atom: the newest 50 notices, a prev-archive link; the archive documents (RFC 5005) hold the
    rest, 50 each from the oldest, each marked fh:archive with current/prev-archive/next-archive links; together
    every notice exactly once."""
    content, site = many_notices
    exp = model.Expected(content)
    notices = exp.notices()
    feed = _feed(site, "feeds/notices.atom")
    entries = feed.findall(ATOM + "entry")
    assert len(entries) == 50
    base = _links(feed)["self"].rsplit("feeds/", 1)[0]
    local = lambda url: os.path.join(site, url[len(base):])
    ids = [e.find(ATOM + "id").text for e in entries]
    archives, url = [], _links(feed).get("prev-archive")
    assert url, "no prev-archive link"
    while url:
        archive = ET.parse(local(url)).getroot()
        assert archive.find(FH + "archive") is not None, f"{url}: not marked fh:archive"
        links = _links(archive)
        assert links["current"] == _links(feed)["self"] and links["self"] == url
        archives.append(archive)
        url = links.get("prev-archive")
    archives.reverse()
    for i, archive in enumerate(archives):
        links = _links(archive)
        assert ("next-archive" in links) == (i < len(archives) - 1)
        assert len(archive.findall(ATOM + "entry")) == (50 if i < len(archives) - 1 else len(notices) - 50 - 50 * i)
        ids += [e.find(ATOM + "id").text for e in archive.findall(ATOM + "entry")]
    assert len(ids) == len(set(ids)) == len(notices)
    newest = sorted(entries, key=lambda e: e.find(ATOM + "updated").text, reverse=True)
    oldest_kept = newest[-1].find(ATOM + "updated").text
    for archive in archives:
        for e in archive.findall(ATOM + "entry"):
            assert e.find(ATOM + "updated").text <= oldest_kept, "an archived entry is newer than one in the feed"


def test_record_feeds_are_unchanged(many_notices):
    """A region's feed still carries every notice naming it (per-record feeds are not cut)."""
    content, site = many_notices
    exp = model.Expected(content)
    biggest = max((f for f in os.listdir(os.path.join(site, "feeds", "regions"))),
                  key=lambda f: len(_feed(site, f"feeds/regions/{f}").findall(ATOM + "entry")))
    feed = _feed(site, f"feeds/regions/{biggest}")
    assert "prev-archive" not in _links(feed)


# ---------------------------------------------------------------------------- gzip
def test_large_data_files_gzip_compressed_as_well(site):
    """data/site.json.gz etc.: the same bytes uncompressed, no time or name in the gzip header (the same input
    gives the same file), listed on the data page with their sizes."""
    found = []
    for dirpath, _, files in os.walk(os.path.join(site, "data")):
        for name in files:
            if name.endswith(".gz"):
                path = os.path.join(dirpath, name)
                with open(path, "rb") as f:
                    raw = f.read()
                assert raw[:3] == b"\x1f\x8b\x08", f"{name}: not gzip"
                assert raw[3] == 0, f"{name}: header flags {raw[3]} (a name or comment in the header)"
                assert raw[4:8] == b"\0\0\0\0", f"{name}: a time in the header"
                with open(path[:-3], "rb") as f:
                    assert gzip.decompress(raw) == f.read(), f"{name}: not the file beside it"
                found.append(os.path.relpath(path, site))
    assert {"data/site.json.gz", "data/projects.csv.gz", "data/ledger.csv.gz", "data/ocds/release-package.json.gz"} <= set(found), found
    s = sitelib.soup(site, "data/index.html")
    for rel in found:
        link = s.select_one(f'p.gz a[href$="{os.path.basename(rel)}"]')
        assert link is not None, f"{rel} is not listed on data/"
        size = link.find_parent("p").select_one("[data-bytes]")["data-bytes"]
        assert int(size) == os.path.getsize(os.path.join(site, rel)), f"{rel}: listed size {size}"
