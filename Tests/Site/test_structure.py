"""1a. The site has every page the layout promises, and every page carries the test hooks."""
from __future__ import annotations

import math
import os

import pytest

import model
import sitelib
from sitelib import soup

EXP = model.Expected(sitelib.CONTENT)


def expected_pages(exp: model.Expected, drafts=False):
    pages = ["index.html", "404.html", "organizations/index.html", "projects/index.html",
             "services/index.html", "notices/index.html", "findings/index.html"]
    pages += [f"regions/{c}/index.html" for c in list(exp.cities) + exp.counties]
    pages += [f"organizations/{o}/index.html" for o in exp.organizations]
    pages += [f"projects/{p}/index.html" for p in exp.projects]
    pages += [f"services/{k}/index.html" for k in exp.services]
    pages += [f"groups/{k}/index.html" for k in exp.groups]
    notices = exp.notices(drafts)
    pages += [f"notices/{n.slug}/index.html" for n in notices]
    pages += [f"notices/page/{i}/index.html" for i in range(2, math.ceil(len(notices) / 10) + 1)]
    pages += [f"notices/kind/{k}/index.html" for k in sorted({n.kind for n in notices})]
    pages += [f"pages/{s}/index.html" for s in exp.pages]
    return pages


def fail_if(problems, title):
    if problems:
        pytest.fail(f"{title} ({len(problems)}):\n" + "\n".join("  " + p for p in problems[:60])
                    + (f"\n  ... and {len(problems) - 60} more" if len(problems) > 60 else ""), pytrace=False)


def test_every_promised_file_exists(site, expected):
    want = expected_pages(expected) + ["theme/style.css", "theme/site.js"]
    want += [f"assets/{a}" for a in expected.assets]
    missing = [p for p in want if not os.path.isfile(os.path.join(site, p))]
    fail_if(missing, "files the site layout promises but the build did not write")


def test_drafts_excluded_by_default(site, expected):
    drafts = [n.slug for n in expected.all_notices.values() if n.draft]
    assert drafts, "the sample should hold a draft notice"
    problems = []
    for slug in drafts:
        if os.path.exists(os.path.join(site, "notices", slug)):
            problems.append(f"notices/{slug}/ was written without --drafts")
        for rel in sitelib.html_files(site):
            with open(os.path.join(site, rel), encoding="utf-8") as f:
                if f"notices/{slug}/" in f.read():
                    problems.append(f"{rel} links to the draft notices/{slug}/")
    fail_if(problems, "drafts leak into the default build")


def test_drafts_built_with_flag(site_drafts, expected):
    want = expected_pages(expected, drafts=True)
    missing = [p for p in want if not os.path.isfile(os.path.join(site_drafts, p))]
    fail_if(missing, "pages missing from the --drafts build")


# ---------------------------------------------------------------------------- every page's hooks
def _page_problems(root, rel, exp):
    s = soup(root, rel)
    p = []
    html = s.find("html")
    if html is None or html.get("lang") != exp.language:
        p.append(f"<html lang> is {html.get('lang') if html else None!r}, want {exp.language!r}")
    h1 = s.find_all("h1")
    if len(h1) != 1:
        p.append(f"has {len(h1)} <h1>, want exactly 1")
    mains = s.find_all("main")
    if len(mains) != 1 or mains[0].get("id") != "main":
        p.append(f"want exactly one <main id=\"main\"> (found {len(mains)} <main>, ids {[m.get('id') for m in mains]})")
    skip = s.select('a.skip-link[href="#main"]')
    if not skip:
        p.append('no skip link <a class="skip-link" href="#main">')
    for tag in ("header", "nav", "footer"):
        if s.find(tag) is None:
            p.append(f"no <{tag}>")
    t = s.select("time.as-of")
    want_asof = exp.as_of.isoformat()
    if not t:
        p.append('no <time class="as-of">')
    elif any(x.get("datetime") != want_asof for x in t):
        p.append(f"<time class=\"as-of\"> datetime {[x.get('datetime') for x in t]}, want {want_asof}")
    if exp.sample and not s.select(".sample-notice"):
        p.append("site.yaml says sample: true but there is no .sample-notice")
    title = s.find("title")
    if title is None or not title.get_text(strip=True):
        p.append("no or empty <title>")
    return p


def test_every_page_has_the_common_hooks(site, html_pages, expected):
    problems = []
    for rel in html_pages:
        problems += [f"{rel}: {x}" for x in _page_problems(site, rel, expected)]
    fail_if(problems, "pages missing the common hooks")


def _scopes(s):
    return [dl.get("data-scope") for dl in s.select("dl.totals")]


def _expect_scope(site, rel, scope):
    path = os.path.join(site, rel)
    if not os.path.isfile(path):
        return [f"{rel}: missing"]
    scopes = _scopes(soup(site, rel))
    if scope not in scopes:
        return [f"{rel}: no <dl class=\"totals\" data-scope=\"{scope}\"> (scopes found: {scopes})"]
    return []


def test_record_pages_have_their_totals(site, expected):
    problems = _expect_scope(site, "index.html", "province")
    for c in expected.cities:
        problems += _expect_scope(site, f"regions/{c}/index.html", f"city:{c}")
    for c in expected.counties:
        problems += _expect_scope(site, f"regions/{c}/index.html", f"county:{c}")
    for o in expected.organizations:
        problems += _expect_scope(site, f"organizations/{o}/index.html", f"organization:{o}")
    for k in expected.services:
        problems += _expect_scope(site, f"services/{k}/index.html", f"service:{k}")
    for k in expected.groups:
        problems += _expect_scope(site, f"groups/{k}/index.html", f"group:{k}")
    for pid in expected.projects:
        problems += _expect_scope(site, f"projects/{pid}/index.html", f"project:{pid}")
    fail_if(problems, "pages without their totals")


def test_totals_carry_every_figure(site, html_pages):
    problems = []
    for rel in html_pages:
        for dl in soup(site, rel).select("dl.totals"):
            scope = dl.get("data-scope", "")
            kind = scope.split(":")[0]
            names = {dd.get("data-figure") for dd in dl.select("dd[data-figure]")}
            want = set(model.MONEY_FIGURES)
            if kind != "project":
                want.add("projects")
            if kind in ("province", "city", "county"):
                want.add("organizations")
            if want - names:
                problems.append(f"{rel}: totals {scope!r} lacks figures {sorted(want - names)}")
            for dd in dl.select("dd[data-figure]"):
                name = dd["data-figure"]
                attr = "data-count" if name in ("projects", "organizations") else "data-fen"
                if not (dd.get(attr) or "").lstrip("-").isdigit():
                    problems.append(f"{rel}: totals {scope!r} figure {name!r} has no integer {attr}")
    fail_if(problems, "totals without the promised figures")


# ---------------------------------------------------------------------------- page kinds
def test_home(site, expected):
    s = soup(site, "index.html")
    problems = []
    table = s.select_one("table.cities")
    if table is None:
        problems.append('index.html: no <table class="cities">')
    else:
        rows = [tr.get("data-region") for tr in table.select("tr[data-region]")]
        if sorted(rows) != sorted(expected.cities):
            problems.append(f"index.html: cities table rows {rows}, want {list(expected.cities)}")
        for tr in table.select("tr[data-region]"):
            for fig in ("contracted", "paid", "net", "projects"):
                if not tr.select(f'td[data-figure="{fig}"]'):
                    problems.append(f"index.html: cities row {tr.get('data-region')} has no td[data-figure={fig}]")
    svgs = [svg for svg in s.find_all("svg") if svg.get("role") == "img"]
    if not svgs:
        problems.append('index.html: no inline <svg role="img"> chart')
    elif not any(svg.find("title") and svg.find("title").get_text(strip=True) for svg in svgs):
        problems.append('index.html: the <svg role="img"> chart has no non-empty <title>')
    fail_if(problems, "home page")


def test_project_pages(site, expected):
    problems = []
    for pid, p in expected.projects.items():
        rel = f"projects/{pid}/index.html"
        if not os.path.isfile(os.path.join(site, rel)):
            problems.append(f"{rel}: missing")
            continue
        s = soup(site, rel)
        if p.rows and s.select_one("table.funds") is None:
            problems.append(f"{rel}: has {len(p.rows)} ledger rows but no <table class=\"funds\">")
        if s.select_one("ol.timeline") is None:
            problems.append(f"{rel}: no <ol class=\"timeline\">")
        h1 = s.find("h1")
        if h1 is not None and p.title not in sitelib.text_of(h1):
            problems.append(f"{rel}: <h1> {sitelib.text_of(h1)!r} does not hold the title {p.title!r}")
        contract = (p.data.get("contract") or {}).get("date")
        if contract is not None:
            zh = model.chinese_date(model.as_date(contract))
            if zh not in sitelib.compact(s.get_text()):
                problems.append(f"{rel}: the contract date is not shown as {zh}")
    fail_if(problems, "project pages")


def test_notices_index_and_pagination(site, expected):
    notices = expected.notices()
    problems = []
    seen = []
    n_pages = math.ceil(len(notices) / 10)
    for i in range(1, n_pages + 1):
        rel = "notices/index.html" if i == 1 else f"notices/page/{i}/index.html"
        if not os.path.isfile(os.path.join(site, rel)):
            problems.append(f"{rel}: missing")
            continue
        items = soup(site, rel).select("li.notice")
        want = notices[(i - 1) * 10: i * 10]
        got = [li.get("data-slug") for li in items]
        if len(items) != len(want):
            problems.append(f"{rel}: {len(items)} li.notice, want {len(want)}")
        if sorted(got) != sorted(n.slug for n in want):
            problems.append(f"{rel}: notices {got}, want {[n.slug for n in want]} (newest first, 10 a page)")
        for li in items:
            n = expected.all_notices.get(li.get("data-slug"))
            if n is None:
                problems.append(f"{rel}: unknown notice {li.get('data-slug')!r}")
                continue
            if li.get("data-kind") != n.kind:
                problems.append(f"{rel}: {n.slug} data-kind {li.get('data-kind')!r}, want {n.kind!r}")
            if li.get("data-date") != n.date.isoformat():
                problems.append(f"{rel}: {n.slug} data-date {li.get('data-date')!r}, want {n.date}")
        dates = [li.get("data-date") or "" for li in items]
        if dates != sorted(dates, reverse=True):
            problems.append(f"{rel}: not newest first: {dates}")
        seen += got
    if n_pages >= 2 and not soup(site, "notices/index.html").select('a[href*="page/2/"]'):
        problems.append("notices/index.html: no link to page 2 (notices/page/2/)")
    if os.path.exists(os.path.join(site, f"notices/page/{n_pages + 1}")):
        problems.append(f"notices/page/{n_pages + 1}/ exists but there are only {len(notices)} notices")
    if sorted(seen) != sorted(n.slug for n in notices):
        problems.append(f"over all pages the notices are {sorted(seen)}, want {sorted(n.slug for n in notices)}")
    for kind in sorted({n.kind for n in notices}):
        rel = f"notices/kind/{kind}/index.html"
        if not os.path.isfile(os.path.join(site, rel)):
            problems.append(f"{rel}: missing")
            continue
        got = sorted(li.get("data-slug") for li in soup(site, rel).select("li.notice"))
        want = sorted(n.slug for n in notices if n.kind == kind)[:10]
        if len(want) <= 10 and got != want:
            problems.append(f"{rel}: notices {got}, want {want}")
    fail_if(problems, "notice lists")


def test_notice_pages(site, expected):
    problems = []
    for n in expected.notices():
        rel = f"notices/{n.slug}/index.html"
        if not os.path.isfile(os.path.join(site, rel)):
            problems.append(f"{rel}: missing")
            continue
        s = soup(site, rel)
        zh = model.chinese_date(n.date)
        if zh not in sitelib.compact(s.get_text()):
            problems.append(f"{rel}: the date is not shown as {zh}")
        want = [str(x) for x in (n.meta.get("projects") or [])]
        table = s.select_one("table.notice-projects")
        if want:
            if table is None:
                problems.append(f"{rel}: lists {len(want)} projects but has no <table class=\"notice-projects\">")
            else:
                got = [tr.get("data-project") for tr in table.select("tr[data-project]")]
                if sorted(got) != sorted(want):
                    problems.append(f"{rel}: notice-projects rows {got}, want {want}")
    fail_if(problems, "notice pages")


def test_findings_page(site, expected, gazette):
    import json
    import subprocess
    r = subprocess.run([gazette, "check", "--content", sitelib.CONTENT, "--format", "json"], cwd=sitelib.REPO_ROOT,
                       capture_output=True, text=True, timeout=120)
    want = sorted((d["code"], d.get("subject", "")) for d in json.loads(r.stdout)["diagnostics"]
                  if d["severity"] == "finding")
    # The sample's two deliberate findings (docs/sample.md).
    assert ("F104", "region:632800") in want and ("F108", "project:qh2017-xn-013") in want, want
    rel = "findings/index.html"
    assert os.path.isfile(os.path.join(site, rel)), f"{rel} missing"
    items = soup(site, rel).select("li.finding")
    got = sorted((li.get("data-code"), li.get("data-subject", "")) for li in items)
    problems = []
    if got != want:
        problems.append(f"{rel}: findings {got}, want (from `gazette check`) {want}")
    for li in items:
        subject = li.get("data-subject") or ""
        kind, _, ident = subject.partition(":")
        target = {"region": f"regions/{ident}/index.html", "project": f"projects/{ident}/index.html",
                  "organization": f"organizations/{ident}/index.html", "notice": f"notices/{ident}/index.html",
                  }.get(kind)
        if not target:
            continue
        if kind == "region" and ident == expected.province:
            target = "index.html"
        hrefs = [a.get("href", "") for a in li.find_all("a")]
        resolved = {sitelib.resolve_internal(site, rel, h)[0] for h in hrefs if h and not h.startswith("#")}
        if target not in resolved:
            problems.append(f"{rel}: finding {li.get('data-code')} about {subject} does not link to {target} "
                            f"(links: {hrefs})")
    fail_if(problems, "findings page")


def test_pages_render(site, expected):
    problems = []
    for slug, (meta, _) in expected.pages.items():
        rel = f"pages/{slug}/index.html"
        if not os.path.isfile(os.path.join(site, rel)):
            problems.append(f"{rel}: missing")
            continue
        h1 = soup(site, rel).find("h1")
        if meta.get("title") and (h1 is None or str(meta["title"]) not in sitelib.text_of(h1)):
            problems.append(f"{rel}: <h1> does not hold the title {meta['title']!r}")
    fail_if(problems, "free pages")


def test_404_page_links_work_from_any_depth(site):
    """404.html is served for any missing URL, at any depth: its links can't be relative to one folder.

    It must use links absolute to base_url or to its path (/gmfw/...), or carry a <base href>. Relative
    links without <base> only work for a missing page at the root."""
    s = soup(site, "404.html")
    base = s.find("base", href=True)
    ok = lambda h: sitelib.EXTERNAL.match(h) or h.startswith("/") or h.startswith("#")
    rel_links = [a.get("href") for a in s.find_all("a", href=True) if not ok(a["href"])]
    rel_assets = [l.get("href") for l in s.find_all(["link", "script", "img"])
                  for l in [l] if (l.get("href") or l.get("src")) and not ok(l.get("href") or l.get("src"))]
    if base is None and (rel_links or rel_assets):
        pytest.fail("404.html uses relative links/stylesheets without a <base href>: they break when the 404 is "
                    f"served for a missing URL below the root (e.g. /gmfw/projects/nope/). Relative: "
                    f"{(rel_links + rel_assets)[:8]}", pytrace=False)
