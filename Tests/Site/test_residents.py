"""Residents can act on what they read (issue 13): whom to contact, objecting to a 公示, asking for a service,
a way in by community, reporting a problem with a page, search by everyday words, a projects list whose totals
follow its filter, and pages that read on a 360 px phone. Figures are checked against model.py (the raw YAML and
CSV), never against the generator's own output.
"""
from __future__ import annotations

import csv
import io
import json
import os
import re
import urllib.parse

import pytest

import model
import sitelib
from conftest import require_tool
from sitelib import soup
from test_structure import fail_if

TEL = re.compile(r"^tel:\+?[0-9-]+$")


def digits(text):
    return re.sub(r"[^0-9+]", "", str(text))


# ---------------------------------------------------------------------------------------------- contacts

def test_every_project_page_says_whom_to_contact(site, expected):
    contacts = model.region_contacts(expected)
    hotline = expected.site.get("hotline") or {}
    problems = []
    for pid, p in expected.projects.items():
        rel = f"projects/{pid}/index.html"
        box = soup(site, rel).select_one("section.contacts")
        if box is None:
            problems.append(f"{rel}: no section.contacts")
            continue
        tels = [a["href"] for a in box.select('a[href^="tel:"]')]
        for href in tels:
            if not TEL.match(href):
                problems.append(f"{rel}: malformed {href!r}")
        for a in box.select('a[href^="mailto:"]'):
            if not re.match(r"^mailto:[^@\s]+@[^@\s]+\.[a-z]+$", a["href"]):
                problems.append(f"{rel}: malformed {a['href']!r}")
        county = contacts.get(p.county, {})
        if county.get("phone") and f"tel:{county['phone']}" not in tels:
            problems.append(f"{rel}: the county bureau's phone {county['phone']} is not a tel: link")
        if hotline.get("phone") and f"tel:{digits(hotline['phone'])}" not in tels:
            problems.append(f"{rel}: the hotline {hotline['phone']} is not a tel: link")
        org = expected.organizations.get(p.organization, {})
        org_phone = (org.get("contact") or {}).get("phone")
        if org_phone and f"tel:{org_phone}" not in tels:
            problems.append(f"{rel}: the provider's phone {org_phone} is not a tel: link")
        text = sitelib.text_of(box)
        for name in p.data.get("communities", []) or []:
            if name not in text:
                problems.append(f"{rel}: community {name} missing from the contact block")
    fail_if(problems, "contact blocks")


def test_contact_links_work_in_the_browser(browser, server):
    ctx = browser.new_context(locale="zh-CN")
    page = ctx.new_page()
    try:
        page.goto(f"{server.url}/projects/qh2017-xn-001/", wait_until="load")
        box = page.locator("section.contacts")
        assert box.is_visible()
        assert box.locator('a[href^="tel:"]').count() >= 3
        # A tel: link is followed by the phone's dialler, not the browser: the request must not be an HTTP one.
        requests = []
        page.on("request", lambda r: requests.append(r.url))
        first = box.locator('a[href^="tel:"]').first
        assert first.get_attribute("href").startswith("tel:")
        community = box.locator('a[href*="communities/"]').first
        community.click()
        page.wait_for_load_state("load")
        assert "/communities/630102-" in page.url
        assert page.locator("h1").text_content().startswith("东关大街社区")
    finally:
        ctx.close()


# -------------------------------------------------------------------------------------------- objections

def _publicity_notices(expected):
    return [n for n in expected.notices() if n.kind == "publicity"]


def test_objection_box_on_every_publicity_notice(site, expected):
    problems = []
    contacts = model.region_contacts(expected)
    open_now = set()
    for n in _publicity_notices(expected):
        rel = f"notices/{n.slug}/index.html"
        s = soup(site, rel)
        box = s.select_one("section.objection")
        if box is None:
            problems.append(f"{rel}: no objection box")
            continue
        prose = s.select_one("article .prose")
        order = s.find_all(True)
        if prose is not None and order.index(box) > order.index(prose):
            problems.append(f"{rel}: the objection box is not above the notice's text")
        period = n.meta.get("publicity_period")
        state = box.select_one(".objection-state")
        if period:
            start, end = model.as_date(period["start"]), model.as_date(period["end"])
            if start <= expected.as_of <= end:
                open_now.add(n.slug)
                left = (end - expected.as_of).days + 1
                if state.get("data-days-left") != str(left) or f"{left}天" not in sitelib.text_of(state):
                    problems.append(f"{rel}: says {sitelib.text_of(state)!r}, want {left} days left")
            elif expected.as_of > end and "已结束" not in sitelib.text_of(state):
                problems.append(f"{rel}: the period ended on {end} but the box says {sitelib.text_of(state)!r}")
        # Where to object: the notice's own field, else the one region it names, else the province's office.
        own = n.meta.get("objection") or {}
        regions = [str(r) for r in n.meta.get("regions", []) or []]
        want = own if own.get("phone") else (contacts.get(regions[0]) if len(regions) == 1 else None) \
            or contacts.get(expected.province)
        tel = box.select_one('a[href^="tel:"]')
        if not want or tel is None or tel["href"] != f"tel:{want['phone']}":
            problems.append(f"{rel}: objection phone {tel and tel['href']!r}, want {want and want.get('phone')!r}")
    assert open_now, "the sample has no publicity notice open on the as-of date"
    # The notice list marks exactly the open ones.
    marked = {li["data-slug"] for li in soup(site, "notices/index.html").select("li.notice")
              if li.select_one(".open-badge")}
    shown = {li["data-slug"] for li in soup(site, "notices/index.html").select("li.notice")}
    if marked != open_now & shown:
        problems.append(f"notices/: marked open {sorted(marked)}, want {sorted(open_now & shown)}")
    fail_if(problems, "objection boxes")


# ----------------------------------------------------------------------------------- report a problem

def test_report_a_problem_on_every_page(site, html_pages, expected):
    base = expected.site["base_url"]
    email = expected.site["contact"]["email"]
    problems = []
    for rel in html_pages:
        s = soup(site, rel)
        a = s.select_one("footer .report-problem a")
        if a is None:
            problems.append(f"{rel}: no report-a-problem link")
            continue
        href = a["href"]
        if not href.startswith(f"mailto:{email}?"):
            problems.append(f"{rel}: {href[:60]!r}")
            continue
        query = href.split("?", 1)[1]
        if re.search(r"[^A-Za-z0-9%&=._~-]", query):
            problems.append(f"{rel}: the mailto fields are not percent-encoded: {query[:80]!r}")
        fields = urllib.parse.parse_qs(query)
        path = "" if rel == "index.html" else rel[: -len("index.html")] if rel.endswith("/index.html") else rel
        url = base + ("" if rel == "404.html" else path)
        title = s.select_one("title").get_text().split(" · ")[0]
        if url not in fields.get("body", [""])[0]:
            problems.append(f"{rel}: the body does not give the page's address {url}")
        if title not in fields.get("subject", [""])[0]:
            problems.append(f"{rel}: the subject does not name the page {title!r}")
    fail_if(problems, "report-a-problem links")


# ------------------------------------------------------------------------- asking for a service, communities

def test_county_pages_list_communities_and_how_to_ask(site, expected):
    slugs = model.community_slugs(expected)
    problems = []
    for county in expected.counties:
        rel = f"regions/{county}/index.html"
        s = soup(site, rel)
        want = {slug for (c, _), slug in slugs.items() if c == county}
        got = {li["data-community"] for li in s.select(".community-list li[data-community]")}
        if got != want:
            problems.append(f"{rel}: communities {sorted(got)}, want {sorted(want)}")
        ask = s.select_one("section.ask-service")
        if ask is None:
            problems.append(f"{rel}: no section on how to ask for a service")
            continue
        services = {expected.services[k] for p in expected.projects_in(f"county:{county}") for k in p.services}
        shown = {a.get_text() for a in ask.select("ul.ask-services a")}
        if shown != services:
            problems.append(f"{rel}: services offered {sorted(shown)}, want {sorted(services)}")
        if "免费" not in sitelib.text_of(ask):
            problems.append(f"{rel}: does not say the service is free")
    fail_if(problems, "county pages")


def test_community_pages(site, expected):
    slugs = model.community_slugs(expected)
    problems = []
    for (county, name), slug in slugs.items():
        rel = f"communities/{slug}/index.html"
        if not os.path.isfile(os.path.join(site, rel)):
            problems.append(f"{rel} missing")
            continue
        s = soup(site, rel)
        if not s.select_one("h1").get_text().startswith(name):
            problems.append(f"{rel}: h1 {s.select_one('h1').get_text()!r}")
        want = {p.id for p in expected.projects_in(f"community:{slug}")}
        got = {tr["data-project"] for tr in s.select("table.projects tr[data-project]")}
        if got != want:
            problems.append(f"{rel}: projects {sorted(got)}, want {sorted(want)}")
    fail_if(problems, "community pages")


def test_find_your_area_without_javascript(browser, server, expected):
    ctx = browser.new_context(java_script_enabled=False, locale="zh-CN")
    page = ctx.new_page()
    try:
        page.goto(f"{server.url}/", wait_until="load")
        chooser = page.locator("section.area-chooser")
        assert chooser.is_visible()
        page.locator("section.area-chooser summary", has_text="西宁市").first.click()
        page.locator("section.area-chooser summary", has_text="城东区").first.click()
        link = page.locator("section.area-chooser a", has_text="东关大街社区").first
        assert link.is_visible()
        link.click()
        page.wait_for_load_state("load")
        assert page.url.endswith("/communities/630102-dongguan-dajie/")
        assert page.locator("section.contacts a[href^='tel:']").count() >= 2
    finally:
        ctx.close()


# --------------------------------------------------------------------------------------------- search

@pytest.fixture(scope="module")
def search(browser, server):
    from test_search import SearchPage
    p = SearchPage(browser, server)
    yield p
    p.close()


def _result_paths(results):
    return [r[1] for r in results]


def test_search_everyday_words(search, expected):
    problems = []
    elderly = {pid for pid, p in expected.projects.items() if "elderly" in p.groups}
    got = {path.split("/")[2] for path in _result_paths(search.query("养老")) if path.startswith("/projects/")}
    if not elderly <= got:
        problems.append(f"养老: missing projects for 社区居家老年人 {sorted(elderly - got)}")
    rated = {pid for pid, p in expected.projects.items()
             if (p.data.get("midterm") or {}).get("satisfaction") is not None
             or (p.data.get("final") or {}).get("satisfaction") is not None}
    got = {path.split("/")[2] for path in _result_paths(search.query("满意度")) if path.startswith("/projects/")}
    if got != rated:
        problems.append(f"满意度: found {len(got)} projects, want the {len(rated)} with a satisfaction figure "
                        f"(missing {sorted(rated - got)[:5]}, extra {sorted(got - rated)[:5]})")
    number = "QHMZ-2017-009"
    want = [pid for pid, p in expected.projects.items() if (p.data.get("contract") or {}).get("number") == number]
    results = search.query(number)
    if not want or not results or results[0][1] != f"/projects/{want[0]}/":
        problems.append(f"{number}: first result {results[:1]}, want project {want}")
    fail_if(problems, "everyday words")


def test_search_place_exact_before_pairs(search, expected):
    results = search.query("东关大街社区")
    paths = _result_paths(results)
    east = [pid for pid, p in expected.projects.items() if "东关大街社区" in (p.data.get("communities") or [])]
    west = [pid for pid, p in expected.projects.items()
            if "西关大街社区" in (p.data.get("communities") or []) and pid not in east]
    assert paths and paths[0] == "/communities/630102-dongguan-dajie/", results[:3]
    positions = {pid: paths.index(f"/projects/{pid}/") for pid in east + west if f"/projects/{pid}/" in paths}
    missing = [pid for pid in east if pid not in positions]
    assert not missing, f"projects of 东关大街社区 not found: {missing}"
    last_east = max(positions[pid] for pid in east)
    for pid in west:
        if pid in positions:
            assert positions[pid] > last_east, f"{pid} (西关大街社区) ranks before a project of 东关大街社区"


def test_search_results_show_kind_place_amount_status_and_field(search, expected):
    search.query("东关大街社区")
    items = search.page.evaluate("""() => Array.from(document.querySelectorAll('.search-results li')).map(li => ({
        kind: li.getAttribute('data-kind'), href: li.querySelector('a').getAttribute('href'),
        label: (li.querySelector('.search-kind') || {}).textContent || '',
        sub: (li.querySelector('.search-subtitle') || {}).textContent || '',
        amount: (li.querySelector('.search-amount') || {}).textContent || '',
        status: (li.querySelector('.status') || {}).textContent || '',
        field: (li.querySelector('.search-matched') || {}).getAttribute ? li.querySelector('.search-matched').getAttribute('data-field') : ''
    }))""")
    projects = [i for i in items if i["kind"] == "project"]
    assert projects, items[:3]
    problems = []
    for i in projects:
        pid = i["href"].strip("/").split("/")[-1]
        p = expected.projects[pid]
        if model.money_text(p.amount) != i["amount"]:
            problems.append(f"{pid}: amount {i['amount']!r}, want {model.money_text(p.amount)}")
        if not i["status"] or not i["label"]:
            problems.append(f"{pid}: no status or kind shown")
        if expected.region_names.get(p.county, "") not in i["sub"]:
            problems.append(f"{pid}: place not shown in {i['sub']!r}")
        if "东关大街社区" in (p.data.get("communities") or []) and i["field"] != "community":
            problems.append(f"{pid}: matched field {i['field']!r}, want community")
    fail_if(problems, "search results")


# ------------------------------------------------------------------------------------------ the list

def _totals_in_page(page):
    return page.evaluate("""() => Object.fromEntries(Array.from(document.querySelectorAll('dl.totals dd[data-figure]'))
        .map(dd => [dd.getAttribute('data-figure'), Number(dd.getAttribute('data-fen') ?? dd.getAttribute('data-count'))]))""")


def _want_totals(expected, projects):
    out = {k: 0 for k in model.MONEY_FIGURES}
    for p in projects:
        for k, v in p.figures().items():
            out[k] += v
    out["projects"] = len(projects)
    out["organizations"] = len({p.organization for p in projects})
    return out


def test_filter_recomputes_totals_and_survives_reload(browser, server, expected):
    ctx = browser.new_context(locale="zh-CN", accept_downloads=True)
    page = ctx.new_page()
    try:
        page.goto(f"{server.url}/projects/", wait_until="load")
        page.select_option("#filter-county", "630102")
        assert "county=630102" in page.url
        want = _want_totals(expected, expected.projects_in("county:630102"))
        assert _totals_in_page(page) == want
        page.reload(wait_until="load")
        assert page.locator("#filter-county").input_value() == "630102"
        assert _totals_in_page(page) == want
        # A service (a project may have several) and a year, from a shared address.
        page.goto(f"{server.url}/projects/?services=counselling&year=2017", wait_until="load")
        chosen = [p for p in expected.projects.values() if "counselling" in p.services and model.programme_year(p) == 2017]
        assert _totals_in_page(page) == _want_totals(expected, chosen)
        shown = page.eval_on_selector_all("table.projects tbody tr:not([hidden])", "rs => rs.map(r => r.dataset.project)")
        assert sorted(shown) == sorted(p.id for p in chosen)
        # The rows shown, as CSV.
        with page.expect_download() as info:
            page.click(".filter-download")
        path = info.value.path()
        with open(path, encoding="utf-8-sig", newline="") as f:
            rows = list(csv.reader(f))
        assert sorted(r[0] for r in rows[1:]) == sorted(p.id for p in chosen)
        for row in rows:
            for cell in row:
                assert not cell or cell[0] not in "=+-@\t\r", f"formula-like cell {cell!r}"
        # Reset brings back every project and the province's totals.
        page.click("form.filters button[type=reset]")
        page.wait_for_function("() => !location.search")
        assert _totals_in_page(page) == _want_totals(expected, list(expected.projects.values()))
    finally:
        ctx.close()


def test_list_works_without_javascript(browser, server, expected):
    ctx = browser.new_context(java_script_enabled=False)
    page = ctx.new_page()
    try:
        page.goto(f"{server.url}/projects/?county=630102", wait_until="load")
        assert not page.locator("form.filters").is_visible()
        rows = page.locator("table.projects tbody tr").count()
        assert rows == len(expected.projects)
    finally:
        ctx.close()


# ------------------------------------------------------------------------ phones and both languages

PAGE_KINDS = [
    ("home", ""),
    ("city", "regions/630100/"),
    ("county", "regions/630102/"),
    ("community", "communities/630102-dongguan-dajie/"),
    ("organizations", "organizations/"),
    ("organization", "organizations/xinyuan-social-work/"),
    ("projects", "projects/"),
    ("project", "projects/qh2017-xn-001/"),
    ("catalogue", "services/"),
    ("service", "services/counselling/"),
    ("group", "groups/elderly/"),
    ("notices", "notices/"),
    ("notice-open", "notices/2018-03-needs-survey-publicity/"),
    ("notice", "notices/2017-06-review-publicity/"),
    ("page", "pages/about/"),
    ("findings", "findings/"),
    ("search", "search/?q=东关大街社区"),
    ("data", "data/"),
    ("changes", "changes/"),
]


@pytest.fixture(scope="module")
def english_server(gazette, tmp_path_factory):
    """The sample built as an English site (language: en)."""
    root = tmp_path_factory.mktemp("en")
    content = str(root / "content")
    sitelib.copy_content(content)
    path = os.path.join(content, "site.yaml")
    with open(path, encoding="utf-8") as f:
        text = f.read()
    with open(path, "w", encoding="utf-8") as f:
        f.write(text.replace("language: zh-CN", "language: en"))
    out = str(root / "out")
    r = sitelib.run_build(out, content=content)
    if r.returncode != 0:
        pytest.fail("building the English sample failed\n" + r.describe(), pytrace=False)
    with sitelib.StaticServer(out) as srv:
        yield srv


@pytest.fixture(scope="module")
def axe_source():
    from test_browser import find_axe_js
    path = find_axe_js()
    require_tool(path is not None, "axe.min.js (pip package axe-playwright-python)")
    with open(path, encoding="utf-8") as f:
        return f.read()


OVERFLOW = """() => {
    const out = [];
    if (document.documentElement.scrollWidth > window.innerWidth) out.push('page scrollWidth ' + document.documentElement.scrollWidth);
    for (const th of document.querySelectorAll('th[scope=row]')) {
        const r = th.getBoundingClientRect();
        const lines = Math.round(r.height / parseFloat(getComputedStyle(th).lineHeight));
        if (th.offsetParent && r.width < 3 * parseFloat(getComputedStyle(th).fontSize) && th.textContent.trim().length > 3)
            out.push('squeezed row header ' + th.textContent.trim() + ' width ' + Math.round(r.width));
    }
    for (const t of document.querySelectorAll('svg.chart text')) {
        const size = t.getBoundingClientRect().height;
        if (t.textContent.trim() && size < 12) out.push('chart label ' + t.textContent + ' is ' + size.toFixed(1) + ' px');
    }
    return out;
}"""


@pytest.mark.parametrize("language", ["zh-CN", "en"])
@pytest.mark.parametrize("width", [360, 1280])
def test_every_page_kind_fits_and_passes_axe(browser, server, english_server, axe_source, language, width):
    srv = server if language == "zh-CN" else english_server
    problems = []
    for name, path in PAGE_KINDS:
        ctx = browser.new_context(viewport={"width": width, "height": 900}, device_scale_factor=1, locale=language)
        page = ctx.new_page()
        try:
            resp = page.goto(f"{srv.url}/{path}", wait_until="load")
            assert resp is not None and resp.status == 200, f"/{path}: HTTP {resp and resp.status}"
            if path.startswith("search/"):
                page.wait_for_function("() => document.querySelectorAll('.search-results li').length > 0")
            for p in page.evaluate(OVERFLOW):
                problems.append(f"{language} {width}px /{path}: {p}")
            page.add_script_tag(content=axe_source)
            result = json.loads(page.evaluate(
                "async () => JSON.stringify(await axe.run(document, {resultTypes: ['violations']}))"))
            for v in result["violations"]:
                nodes = "; ".join(" ".join(map(str, n.get("target", []))) for n in v.get("nodes", [])[:3])
                problems.append(f"{language} {width}px /{path}: axe [{v.get('impact')}] {v['id']}: {nodes}")
        finally:
            ctx.close()
    fail_if(problems, f"page kinds at {width}px ({language})")
