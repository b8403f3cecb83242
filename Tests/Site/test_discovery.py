"""sitemap.xml, robots.txt, <link rel="canonical"> and Open Graph tags."""
from __future__ import annotations

import datetime as dt
import os

import pytest
from lxml import etree

import sitelib
from sitelib import soup

NS = "http://www.sitemaps.org/schemas/sitemap/0.9"


def fail_if(problems, title):
    if problems:
        pytest.fail(f"{title} ({len(problems)}):\n" + "\n".join("  " + p for p in problems[:60]), pytrace=False)


def page_url(base, rel):
    return base + (rel[: -len("index.html")] if rel.endswith("index.html") else rel)


def read_sitemap(root):
    with open(os.path.join(root, "sitemap.xml"), "rb") as f:
        raw = f.read()
    return raw, etree.fromstring(raw)


def test_sitemap_structure(site, expected):
    base = str(expected.site["base_url"])
    raw, tree = read_sitemap(site)
    problems = []
    if not raw.startswith(b'<?xml version="1.0" encoding="UTF-8"?>'):
        problems.append("no XML declaration with UTF-8")
    if tree.tag != f"{{{NS}}}urlset":
        problems.append(f"root is {tree.tag}, want urlset in the sitemap namespace")
    locs = []
    for url in tree:
        if url.tag != f"{{{NS}}}url":
            problems.append(f"unexpected element {url.tag}")
            continue
        children = [c.tag.split("}")[1] for c in url]
        if children[:1] != ["loc"] or not set(children) <= {"loc", "lastmod", "changefreq", "priority"}:
            problems.append(f"<url> children {children}")
        loc = url.findtext(f"{{{NS}}}loc")
        lastmod = url.findtext(f"{{{NS}}}lastmod")
        locs.append(loc)
        if not loc.startswith(base):
            problems.append(f"{loc} is not under {base}")
        try:
            day = dt.date.fromisoformat(lastmod or "")
            if day > expected.as_of:
                problems.append(f"{loc}: lastmod {lastmod} is after the as-of date {expected.as_of}")
        except ValueError:
            problems.append(f"{loc}: lastmod {lastmod!r} is not YYYY-MM-DD")
    if len(locs) != len(set(locs)):
        problems.append("repeated <loc>")
    if len(locs) > 50000 or len(raw) > 50 * 1024 * 1024:
        problems.append("over the sitemap limits (50,000 URLs, 50 MB)")
    want = {page_url(base, rel) for rel in sitelib.html_files(site) if rel != "404.html"}
    if set(locs) != want:
        problems.append(f"missing: {sorted(want - set(locs))[:10]}; extra: {sorted(set(locs) - want)[:10]}")
    fail_if(problems, "sitemap.xml")


def test_sitemap_lastmod_follows_the_records(site, expected):
    base = str(expected.site["base_url"])
    _, tree = read_sitemap(site)
    lastmod = {u.findtext(f"{{{NS}}}loc"): u.findtext(f"{{{NS}}}lastmod") for u in tree}
    problems = []
    for pid, project in expected.projects.items():
        d = project.data
        days = [r.date for r in project.rows]
        for value in [d.get("applied"), (d.get("contract") or {}).get("date"), (d.get("midterm") or {}).get("date"),
                      ((d.get("midterm") or {}).get("spot_check") or {}).get("date"), (d.get("final") or {}).get("date"),
                      (d.get("needs_assessment") or {}).get("date")]:
            if value:
                days.append(dt.date.fromisoformat(str(value)))
        deadline = ((d.get("midterm") or {}).get("rectification") or {}).get("deadline")
        if deadline and dt.date.fromisoformat(str(deadline)) <= expected.as_of:
            days.append(dt.date.fromisoformat(str(deadline)))
        days += [n.date for n in expected.notices() if pid in [str(x) for x in n.meta.get("projects", []) or []]]
        least = min(max(days), expected.as_of).isoformat()
        got = lastmod.get(f"{base}projects/{pid}/")
        if got is None or got < least:
            problems.append(f"projects/{pid}/: lastmod {got}, want at least {least}")
    for n in expected.notices():
        got = lastmod.get(f"{base}notices/{n.slug}/")
        if got is None or got < n.date.isoformat():
            problems.append(f"notices/{n.slug}/: lastmod {got} is before the notice's date {n.date}")
    about = lastmod.get(f"{base}pages/about/")
    if about is not None and about != expected.as_of.isoformat():
        problems.append(f"pages/about/ shows no dated record: lastmod {about}, want the as-of date")
    fail_if(problems, "sitemap lastmod")


def test_robots_txt(site, expected):
    with open(os.path.join(site, "robots.txt"), encoding="utf-8") as f:
        lines = f.read().splitlines()
    assert "User-agent: *" in lines
    assert f"Sitemap: {expected.site['base_url']}sitemap.xml" in lines


def test_canonical_and_open_graph(site, expected):
    base = str(expected.site["base_url"])
    locale = expected.language.replace("-", "_")
    problems = []
    for rel in sitelib.html_files(site):
        s = soup(site, rel)
        canonical = [l.get("href") for l in s.find_all("link") if "canonical" in (l.get("rel") or [])]
        if canonical != [page_url(base, rel)]:
            problems.append(f"{rel}: canonical {canonical}, want [{page_url(base, rel)}]")
        og = {m.get("property"): m.get("content") for m in s.find_all("meta", property=True)}
        for prop in ["og:title", "og:description", "og:url", "og:type", "og:site_name", "og:locale"]:
            if not og.get(prop):
                problems.append(f"{rel}: no {prop}")
        if og.get("og:url") != page_url(base, rel):
            problems.append(f"{rel}: og:url {og.get('og:url')}")
        if og.get("og:site_name") != expected.site["title"]:
            problems.append(f"{rel}: og:site_name {og.get('og:site_name')}")
        if not (og.get("og:locale") or "").startswith(locale[:2]):
            problems.append(f"{rel}: og:locale {og.get('og:locale')}")
        title = s.find("title")
        if og.get("og:title") and title is not None and og["og:title"] not in title.get_text():
            problems.append(f"{rel}: og:title {og['og:title']!r} is not the page's title")
    fail_if(problems, "canonical links and Open Graph")
