"""Atom feeds, read with a real feed parser (feedparser): all notices, each city and county, each project.

Checks entries, dates (RFC 3339, +08:00, from the records), stable tag: IDs, absolute links under the base URL
(and under --base-url when given), and the <link rel="alternate"> that leads from the pages to the feeds.
"""
from __future__ import annotations

import os
import re

import pytest

import sitelib
from conftest import require_tool
from sitelib import soup

try:
    import feedparser
except ImportError:  # reported by the fixture below
    feedparser = None

OTHER_BASE = "https://feeds.example.org/sub/"
RFC3339 = re.compile(r"^\d{4}-\d{2}-\d{2}T00:00:00\+08:00$")


def fail_if(problems, title):
    if problems:
        pytest.fail(f"{title} ({len(problems)}):\n" + "\n".join("  " + p for p in problems[:60]), pytrace=False)


@pytest.fixture(scope="module")
def parse():
    require_tool(feedparser is not None, "feedparser (pip package)")

    def _parse(root, rel):
        path = os.path.join(root, rel)
        assert os.path.isfile(path), f"{rel} was not written"
        with open(path, "rb") as f:
            raw = f.read()
        parsed = feedparser.parse(raw)
        assert not parsed.bozo, f"{rel} is not well-formed: {parsed.get('bozo_exception')}"
        assert parsed.version == "atom10", f"{rel} is {parsed.version!r}, not Atom 1.0"
        return parsed, raw.decode("utf-8")
    return _parse


def _feed_problems(rel, parsed, raw, base):
    p = []
    feed = parsed.feed
    if not feed.get("id", "").startswith("tag:"):
        p.append(f"{rel}: feed id {feed.get('id')!r} is not a tag: URI")
    if not feed.get("title"):
        p.append(f"{rel}: feed has no title")
    links = {l.get("rel"): l.get("href") for l in feed.get("links", [])}
    if links.get("self") != base + rel:
        p.append(f"{rel}: rel=self is {links.get('self')!r}, want {base + rel!r}")
    if not (links.get("alternate") or "").startswith(base):
        p.append(f"{rel}: rel=alternate {links.get('alternate')!r} is not under {base}")
    for stamp in re.findall(r"<(?:updated|published)>([^<]*)<", raw):
        if not RFC3339.match(stamp):
            p.append(f"{rel}: date {stamp!r} is not RFC 3339 midnight +08:00")
    ids = [e.get("id") for e in parsed.entries]
    if len(ids) != len(set(ids)):
        p.append(f"{rel}: repeated entry ids")
    stamps = []
    for e in parsed.entries:
        if not (e.get("id") or "").startswith("tag:"):
            p.append(f"{rel}: entry id {e.get('id')!r} is not a tag: URI")
        if not e.get("title"):
            p.append(f"{rel}: entry {e.get('id')} has no title")
        if not (e.get("link") or "").startswith(base):
            p.append(f"{rel}: entry link {e.get('link')!r} is not under {base}")
        if e.get("updated_parsed") is None:
            p.append(f"{rel}: entry {e.get('id')} has no readable <updated>")
        else:
            stamps.append(e.updated)
    if stamps != sorted(stamps, reverse=True):
        p.append(f"{rel}: entries are not newest first")
    newest = max(stamps) if stamps else None
    if newest and feed.get("updated") != newest:
        p.append(f"{rel}: feed <updated> {feed.get('updated')} is not its newest entry's {newest}")
    return p


def _entry_link_problems(root, rel, parsed, base):
    """Every entry's link points at a page (and #fragment) that exists in the build."""
    p = []
    for e in parsed.entries:
        link = e.get("link", "")
        target, frag, problem = sitelib.resolve_internal(root, "index.html", link, base)
        if problem:
            p.append(f"{rel}: entry link {link}: {problem}")
        elif frag and frag not in sitelib.ids_of(root, target):
            p.append(f"{rel}: entry link {link}: no #{frag} on {target}")
    return p


def test_notices_feed(site, expected, parse):
    base = str(expected.site["base_url"])
    parsed, raw = parse(site, "feeds/notices.atom")
    problems = _feed_problems("feeds/notices.atom", parsed, raw, base)
    problems += _entry_link_problems(site, "feeds/notices.atom", parsed, base)
    notices = expected.notices()
    got = [e.link for e in parsed.entries]
    want = [f"{base}notices/{n.slug}/" for n in notices]
    if sorted(got) != sorted(want):
        problems.append(f"entries {sorted(got)} != the published notices {sorted(want)}")
    drafts = [n.slug for n in expected.all_notices.values() if n.draft]
    if any(f"notices/{d}/" in raw for d in drafts):
        problems.append("a draft notice is in the feed")
    by_link = {e.link: e for e in parsed.entries}
    for n in notices:
        e = by_link.get(f"{base}notices/{n.slug}/")
        if e is None:
            continue
        if e.title != str(n.meta["title"]):
            problems.append(f"{n.slug}: title {e.title!r} != {n.meta['title']!r}")
        if not e.updated.startswith(n.date.isoformat()):
            problems.append(f"{n.slug}: updated {e.updated} is not the notice's date {n.date}")
        if n.kind not in [t.term for t in e.get("tags", [])]:
            problems.append(f"{n.slug}: no <category term={n.kind!r}>")
    if parsed.feed.updated[:10] != max(n.date for n in notices).isoformat():
        problems.append(f"feed updated {parsed.feed.updated} is not the newest notice's date")
    fail_if(problems, "feeds/notices.atom")


def test_region_feeds(site, expected, parse):
    base = str(expected.site["base_url"])
    problems = []
    for code in list(expected.cities) + expected.counties:
        rel = f"feeds/regions/{code}.atom"
        parsed, raw = parse(site, rel)
        problems += _feed_problems(rel, parsed, raw, base)
        links = {e.link for e in parsed.entries}
        for n in expected.notices():
            if code in [str(r) for r in n.meta.get("regions", []) or []] and f"{base}notices/{n.slug}/" not in links:
                problems.append(f"{rel}: notice {n.slug} names the region but is not in its feed")
        for link in links:
            slug = link[len(base + "notices/"):].strip("/")
            n = expected.all_notices.get(slug)
            if n is None:
                problems.append(f"{rel}: entry {link} is not a notice")
            elif code not in [str(r) for r in n.meta.get("regions", []) or []] and f"region:{code}" not in n.body:
                problems.append(f"{rel}: notice {slug} does not name {code}")
    fail_if(problems, "region feeds")


def test_project_feeds(site, expected, parse):
    base = str(expected.site["base_url"])
    problems = []
    for pid, project in expected.projects.items():
        rel = f"feeds/projects/{pid}.atom"
        parsed, raw = parse(site, rel)
        problems += _feed_problems(rel, parsed, raw, base)
        problems += _entry_link_problems(site, rel, parsed, base)
        ids = {e.id.split("#", 1)[1] for e in parsed.entries if "#" in e.id}
        d = project.data
        want = []
        if (d.get("contract") or {}).get("date"):
            want.append(("contract", d["contract"]["date"]))
        mid = d.get("midterm") or {}
        if mid.get("date"):
            want.append(("midterm", mid["date"]))
        if (mid.get("spot_check") or {}).get("date"):
            want.append(("spot-check", mid["spot_check"]["date"]))
        if (d.get("final") or {}).get("date"):
            want.append(("final", d["final"]["date"]))
        entries = {e.id.split("#", 1)[1]: e for e in parsed.entries if "#" in e.id}
        for key, day in want:
            if key not in ids:
                problems.append(f"{rel}: no entry for the {key} of {day}")
            elif not entries[key].updated.startswith(str(day)):
                problems.append(f"{rel}: the {key} entry is dated {entries[key].updated}, want {day}")
        ledger = [k for k in ids if k.startswith("ledger-")]
        if len(ledger) != len(project.rows):
            problems.append(f"{rel}: {len(ledger)} ledger entries, want {len(project.rows)} (one per row)")
        for row in project.rows:
            if not any(k.startswith(f"ledger-{row.date.isoformat()}-{row.kind}-") for k in ledger):
                problems.append(f"{rel}: no entry for the {row.kind} row of {row.date}")
        links = {e.link for e in parsed.entries}
        for n in expected.notices():
            if pid in [str(x) for x in n.meta.get("projects", []) or []] and f"{base}notices/{n.slug}/" not in links:
                problems.append(f"{rel}: notice {n.slug} lists the project but is not in its feed")
    fail_if(problems, "project feeds")


def _alternate(root, page):
    s = soup(root, page)
    return [l.get("href") for l in s.find_all("link", type="application/atom+xml")
            if "alternate" in (l.get("rel") or [])]


def test_pages_link_their_feeds(site, expected):
    cases = [("index.html", "feeds/notices.atom"), ("notices/index.html", "feeds/notices.atom")]
    city = next(iter(expected.cities))
    cases += [(f"regions/{city}/index.html", f"feeds/regions/{city}.atom"),
              (f"regions/{expected.counties[0]}/index.html", f"feeds/regions/{expected.counties[0]}.atom")]
    pid = sorted(expected.projects)[0]
    cases.append((f"projects/{pid}/index.html", f"feeds/projects/{pid}.atom"))
    problems = []
    for page, feed in cases:
        hrefs = _alternate(site, page)
        targets = [sitelib.resolve_internal(site, page, h)[0] for h in hrefs]
        if feed not in targets:
            problems.append(f"{page}: <link rel=alternate type=application/atom+xml> to {feed} missing (has {hrefs})")
    fail_if(problems, "feed discovery links")


def test_feeds_follow_base_url(gazette, tmp_path, parse):
    out = str(tmp_path / "out")
    r = sitelib.run_build(out, base_url=OTHER_BASE)
    assert r.returncode == 0, r.describe()
    problems = []
    for rel in ["feeds/notices.atom", "feeds/regions/630100.atom", "feeds/projects/qh2017-xn-001.atom"]:
        parsed, raw = parse(out, rel)
        problems += _feed_problems(rel, parsed, raw, OTHER_BASE)
        if "mzt.example.gov.cn" in raw:
            problems.append(f"{rel}: still names site.yaml's host")
        if not parsed.feed.id.startswith("tag:feeds.example.org,"):
            problems.append(f"{rel}: id {parsed.feed.id} not derived from --base-url")
    fail_if(problems, "feeds under --base-url")


def test_feed_ids_are_stable(site, gazette, tmp_path, parse):
    """A second build gives the same ids and bytes: nothing comes from the clock."""
    out = str(tmp_path / "again")
    r = sitelib.run_build(out)
    assert r.returncode == 0, r.describe()
    for rel in ["feeds/notices.atom", "feeds/projects/qh2017-xn-013.atom"]:
        with open(os.path.join(site, rel), "rb") as a, open(os.path.join(out, rel), "rb") as b:
            assert a.read() == b.read(), f"{rel} differs between two builds"
