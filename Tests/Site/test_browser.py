"""7. Headless Chromium: no horizontal overflow at 360 px and 1280 px, no console errors; screenshots.
8. axe-core (axe.min.js from PyPI's axe-playwright-python) finds no accessibility violation.

Playwright drives the SYSTEM chromium (`which chromium`): no browser is downloaded.
"""
from __future__ import annotations

import glob
import json
import os
import sys
import sysconfig

import pytest

import sitelib
from conftest import require_tool

PAGES = [
    ("home", ""),
    ("city-630100", "regions/630100/"),
    ("organization", "organizations/xinyuan-social-work/"),
    ("project", "projects/qh2017-xn-001/"),
    ("notice", "notices/2017-06-review-publicity/"),
]
# Issue 17: every page kind that carries an outcome summary, a chart, the map, the accountability banner,
# a recovery story or a recovery notice's table.
PAGES += [
    ("county-630105", "regions/630105/"),
    ("organization-banner", "organizations/delingha-ruxin-social-work/"),
    ("project-recovered", "projects/qh2017-hx-004/"),
    ("notice-recovery", "notices/2018-02-recovery-notice/"),
    ("service", "services/counselling/"),
    ("group", "groups/elderly/"),
    ("projects", "projects/"),
    ("data", "data/"),
    ("changes", "changes/"),
]
WIDTHS = [360, 1280]


def find_axe_js():
    env = os.environ.get("AXE_JS")
    if env and os.path.isfile(env):
        return env
    roots = {sysconfig.get_paths()["purelib"], sysconfig.get_paths()["platlib"]}
    roots |= {p for p in sys.path if p.endswith("-packages")}
    for r in sorted(roots):
        hits = glob.glob(os.path.join(r, "axe_playwright_python", "**", "axe.min.js"), recursive=True)
        if hits:
            return hits[0]
    return None




class Loaded:
    def __init__(self, page, console, failures):
        self.page, self.console, self.failures = page, console, failures


def _open(browser, url, width):
    ctx = browser.new_context(viewport={"width": width, "height": 900}, device_scale_factor=1, locale="zh-CN")
    page = ctx.new_page()
    console, failures = [], []
    # favicon.ico is checked once, in test_favicon, not by whichever page Chromium happens to ask for it.
    page.on("console", lambda m: console.append(f"console.{m.type}: {m.text} ({m.location.get('url', '')})")
            if m.type == "error" and not m.location.get("url", "").endswith("/favicon.ico") else None)
    page.on("pageerror", lambda e: console.append(f"uncaught: {e}"))
    page.on("requestfailed", lambda r: failures.append(f"request failed: {r.url} ({r.failure})"))
    page.on("response", lambda r: failures.append(f"HTTP {r.status}: {r.url}")
            if r.status >= 400 and not r.url.endswith("/favicon.ico") else None)
    resp = page.goto(url, wait_until="load")
    assert resp is not None and resp.status == 200, f"{url}: HTTP {resp.status if resp else None}"
    page.evaluate("document.fonts ? document.fonts.ready.then(() => true) : true")
    # Laid out and painted with those fonts: two animation frames after they are ready.
    page.evaluate("new Promise(done => requestAnimationFrame(() => requestAnimationFrame(() => done(true))))")
    return ctx, Loaded(page, console, failures)


@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize("name,path", PAGES, ids=[p[0] for p in PAGES])
def test_layout_and_console(browser, server, name, path, width):
    os.makedirs(sitelib.ARTIFACTS, exist_ok=True)
    ctx, l = _open(browser, f"{server.url}/{path}", width)
    try:
        shot = os.path.join(sitelib.ARTIFACTS, f"{name}-{width}.png")
        l.page.screenshot(path=shot, full_page=True)
        dims = l.page.evaluate("""() => {
            const d = document.documentElement;
            const wide = [];
            for (const el of document.body.querySelectorAll('*')) {
                const r = el.getBoundingClientRect();
                if (r.right > window.innerWidth + 0.5 && getComputedStyle(el).position !== 'fixed') {
                    let p = el.parentElement, clipped = false;
                    while (p) { const o = getComputedStyle(p).overflowX;
                        if (o === 'auto' || o === 'scroll' || o === 'hidden') { clipped = true; break; }
                        p = p.parentElement; }
                    if (!clipped) wide.push(el.tagName.toLowerCase() + (el.id ? '#' + el.id : '') +
                        (el.className && typeof el.className === 'string' ? '.' + el.className.trim().split(/\\s+/).join('.') : '') +
                        ' right=' + Math.round(r.right));
                }
            }
            return {scrollWidth: d.scrollWidth, innerWidth: window.innerWidth, wide: wide.slice(0, 8)};
        }""")
        problems = []
        if dims["scrollWidth"] > dims["innerWidth"]:
            problems.append(f"horizontal overflow: scrollWidth {dims['scrollWidth']} > innerWidth "
                            f"{dims['innerWidth']}; widest elements: {dims['wide']}")
        problems += l.console + l.failures
        if problems:
            pytest.fail(f"/{path} at {width}px (screenshot {os.path.relpath(shot, sitelib.REPO_ROOT)}):\n  "
                        + "\n  ".join(problems), pytrace=False)
    finally:
        ctx.close()


def test_favicon(site):
    """Browsers ask for /favicon.ico unless the page names an icon; a 404 there is a console error."""
    s = sitelib.soup(site, "index.html")
    icons = s.select('link[rel~="icon"]')
    if not icons and not os.path.isfile(os.path.join(site, "favicon.ico")):
        pytest.fail("index.html names no <link rel=\"icon\"> and the site has no favicon.ico: browsers log a 404 "
                    "console error for /favicon.ico", pytrace=False)


@pytest.fixture(scope="module")
def axe_source():
    path = find_axe_js()
    require_tool(path is not None, "axe.min.js (pip package axe-playwright-python)")
    with open(path, encoding="utf-8") as f:
        return f.read()


def _format_violations(violations):
    lines = []
    for v in violations:
        lines.append(f"[{v.get('impact')}] {v['id']}: {v['help']} ({v.get('helpUrl', '')})")
        for n in v.get("nodes", [])[:5]:
            target = " ".join(map(str, n.get("target", [])))
            summary = (n.get("failureSummary") or "").replace("\n", " ")
            lines.append(f"    {target}: {summary[:220]}")
            html = (n.get("html") or "").replace("\n", " ")
            lines.append(f"      {html[:160]}")
        if len(v.get("nodes", [])) > 5:
            lines.append(f"    ... and {len(v['nodes']) - 5} more elements")
    return "\n".join(lines)


@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize("name,path", PAGES, ids=[p[0] for p in PAGES])
def test_axe(browser, server, axe_source, name, path, width):
    ctx, l = _open(browser, f"{server.url}/{path}", width)
    try:
        l.page.add_script_tag(content=axe_source)
        result = l.page.evaluate("async () => JSON.stringify(await axe.run(document, {resultTypes: ['violations']}))")
        violations = json.loads(result)["violations"]
        if violations:
            pytest.fail(f"axe-core: {len(violations)} violation(s) on /{path} at {width}px:\n"
                        + _format_violations(violations), pytrace=False)
    finally:
        ctx.close()
