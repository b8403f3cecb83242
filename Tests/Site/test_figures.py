"""1b. Every figure the site shows equals an independent computation from the raw YAML and CSV."""
from __future__ import annotations

import os

import pytest

import model
import sitelib
from sitelib import compact, soup
from test_structure import fail_if


def _money_text_ok(el, fen_value):
    return model.money_text(fen_value) in compact(el.get_text())


def test_every_totals_figure(site, html_pages, expected):
    problems = []
    checked = 0
    for rel in html_pages:
        for dl in soup(site, rel).select("dl.totals"):
            scope = dl.get("data-scope", "")
            if not expected.scope_exists(scope):
                problems.append(f"{rel}: totals for unknown scope {scope!r}")
                continue
            want = expected.totals(scope)
            for dd in dl.select("dd[data-figure]"):
                name = dd["data-figure"]
                if name not in want:
                    continue
                checked += 1
                if name in ("projects", "organizations"):
                    got = dd.get("data-count")
                    if got != str(want[name]):
                        extra = ""
                        if name == "organizations":
                            extra = " (counted as distinct organizations delivering the scope's projects)"
                        problems.append(f"{rel}: {scope} {name} data-count={got!r}, want {want[name]}{extra}")
                    continue
                got = dd.get("data-fen")
                if got != str(want[name]):
                    problems.append(f"{rel}: {scope} {name} data-fen={got!r}, want {want[name]} "
                                    f"({model.money_text(want[name])})")
                elif not _money_text_ok(dd, want[name]):
                    problems.append(f"{rel}: {scope} {name} shows {sitelib.text_of(dd)!r}, "
                                    f"want {model.money_text(want[name])}")
    fail_if(problems, f"totals that disagree with the records ({checked} figures checked)")
    assert checked > 0, "no totals figure found on any page"


def test_cities_table(site, expected):
    s = soup(site, "index.html")
    table = s.select_one("table.cities")
    assert table is not None, 'index.html has no <table class="cities">'
    problems = []
    for tr in table.select("tr[data-region]"):
        code = tr.get("data-region")
        if code not in expected.cities:
            problems.append(f"row for unknown city {code!r}")
            continue
        want = expected.totals(f"city:{code}")
        for td in tr.select("td[data-figure]"):
            name = td["data-figure"]
            if name not in want:
                continue
            if name in ("projects", "organizations"):
                if td.get("data-count") != str(want[name]):
                    problems.append(f"city {code} {name}: data-count={td.get('data-count')!r}, want {want[name]}")
            elif td.get("data-fen") != str(want[name]):
                problems.append(f"city {code} {name}: data-fen={td.get('data-fen')!r}, want {want[name]}")
            elif not _money_text_ok(td, want[name]):
                problems.append(f"city {code} {name}: shows {sitelib.text_of(td)!r}, want {model.money_text(want[name])}")
    fail_if(problems, "index.html cities table")


def test_funds_tables(site, expected):
    problems = []
    for pid, p in expected.projects.items():
        rel = f"projects/{pid}/index.html"
        if not os.path.isfile(os.path.join(site, rel)):
            problems.append(f"{rel}: missing")
            continue
        table = soup(site, rel).select_one("table.funds")
        want = sorted((r.kind, r.date.isoformat(), r.fen) for r in p.rows)
        if table is None:
            if want:
                problems.append(f"{rel}: no table.funds but {len(want)} ledger rows")
            continue
        trs = table.select("tr[data-kind]")
        got = [(tr.get("data-kind"), tr.get("data-date"), int(tr.get("data-fen")) if (tr.get("data-fen") or "").isdigit()
                else tr.get("data-fen")) for tr in trs]
        if sorted(got, key=str) != sorted(want, key=str):
            problems.append(f"{rel}: funds rows {got}, want (from the ledger) {want}")
            continue
        dates = [g[1] for g in got]
        if dates != sorted(dates):
            problems.append(f"{rel}: funds rows are not in date order: {dates}")
        for tr in trs:
            fen_value = int(tr["data-fen"])
            if not _money_text_ok(tr, fen_value):
                problems.append(f"{rel}: funds row {tr.get('data-kind')} {tr.get('data-date')} does not show "
                                f"{model.money_text(fen_value)}")
    fail_if(problems, "funds tables that disagree with the ledger")


def _row_problems(rel, tr, expected):
    pid = tr.get("data-project")
    p = expected.projects.get(pid)
    if p is None:
        return [f"{rel}: row for unknown project {pid!r}"]
    out = []
    want = {"data-status": p.status, "data-county": p.county, "data-city": p.city,
            "data-category": p.category, "data-organization": p.organization}
    for attr, v in want.items():
        if tr.get(attr) != v:
            out.append(f"{rel}: project row {pid} {attr}={tr.get(attr)!r}, want {v!r}")
    figures = p.figures()
    cells = tr.select("td[data-fen]")
    if not cells:
        out.append(f"{rel}: project row {pid} has no amount cell <td data-fen>")
    for td in cells:
        name = td.get("data-figure") or "contracted"
        if name == "amount":
            name = "contracted"
        if name not in figures:
            continue
        if td.get("data-fen") != str(figures[name]):
            out.append(f"{rel}: project row {pid} {name} data-fen={td.get('data-fen')!r}, want {figures[name]}")
        elif not _money_text_ok(td, figures[name]):
            out.append(f"{rel}: project row {pid} {name} shows {sitelib.text_of(td)!r}, "
                       f"want {model.money_text(figures[name])}")
    return out


def test_every_project_row(site, html_pages, expected):
    problems = []
    n = 0
    for rel in html_pages:
        for tr in soup(site, rel).select("tr[data-project]"):
            n += 1
            problems += _row_problems(rel, tr, expected)
    fail_if(problems, f"project rows that disagree with the records ({n} rows checked)")
    assert n > 0, "no <tr data-project> found on any page"


def _rows(site, rel):
    return sorted({tr.get("data-project") for tr in soup(site, rel).select("tr[data-project]")})


def test_project_lists_are_complete(site, expected):
    """Lists that must hold exactly the scope's projects; other lists must hold only projects of their scope."""
    problems = []

    def exact(rel, scope):
        if not os.path.isfile(os.path.join(site, rel)):
            problems.append(f"{rel}: missing")
            return
        want = sorted(p.id for p in expected.projects_in(scope))
        got = _rows(site, rel)
        if got != want:
            problems.append(f"{rel}: project rows {got}, want {scope}'s {want}")

    def subset(rel, scope):
        if not os.path.isfile(os.path.join(site, rel)):
            return
        allowed = {p.id for p in expected.projects_in(scope)}
        extra = sorted(set(_rows(site, rel)) - allowed)
        if extra:
            problems.append(f"{rel}: lists projects outside {scope}: {extra}")

    exact("projects/index.html", "province")
    for c in expected.counties:
        exact(f"regions/{c}/index.html", f"county:{c}")
    for o in expected.organizations:
        exact(f"organizations/{o}/index.html", f"organization:{o}")
    for k in expected.services:
        subset(f"services/{k}/index.html", f"service:{k}")
    for k in expected.groups:
        subset(f"groups/{k}/index.html", f"group:{k}")
    for c in expected.cities:
        subset(f"regions/{c}/index.html", f"city:{c}")
    fail_if(problems, "project lists")


def test_statuses_match_the_sample_documentation(expected):
    """Guards the independent model itself against docs/sample.md."""
    from collections import Counter
    got = Counter(p.status for p in expected.projects.values())
    assert got == Counter({"completed": 25, "in-progress": 3, "contracted": 2, "rectifying": 1,
                           "terminated": 1, "failed": 1}), got
    t = expected.totals("province")
    assert (t["contracted"], t["paid"], t["recovered"], t["net"], t["to-pay"], t["to-recover"]) == (
        470000000, 423000000, 13000000, 410000000, 34000000, 0)
