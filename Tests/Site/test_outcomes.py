"""Issue 17: outcomes, years, the map, money told truthfully, accountability, and the open data's licence,
schema and per-list CSVs — every figure recomputed from the raw records by model.py."""
from __future__ import annotations

import csv
import io
import json
import os
import re

import model
import sitelib
from sitelib import compact, soup
from test_structure import fail_if

SUMMARY_PAGES = ["index.html", "regions/630100/index.html", "regions/632800/index.html", "regions/630105/index.html",
                 "organizations/delingha-ruxin-social-work/index.html", "services/counselling/index.html",
                 "groups/elderly/index.html"]


def test_outcome_summaries_agree_with_the_records(site, html_pages, expected):
    problems, seen = [], set()
    for rel in html_pages:
        for dl in soup(site, rel).select("dl.outcomes"):
            scope = dl["data-scope"]
            seen.add(rel)
            want = model.outcome_summary(expected, scope)
            avg = dl.select_one('dd[data-figure="satisfaction-average"]')
            if avg.get("data-count") != str(want["satisfaction_count"]):
                problems.append(f"{rel}: {scope} satisfaction count {avg.get('data-count')}, want {want['satisfaction_count']}")
            if want["satisfaction_count"]:
                tenths = want["average_tenths"]
                if avg.get("data-tenths") != str(tenths) or f"{tenths // 10}.{tenths % 10}%" not in avg.get_text():
                    problems.append(f"{rel}: {scope} average {avg.get('data-tenths')} {avg.get_text()!r}, want {tenths} tenths")
                rng = dl.select_one('dd[data-figure="satisfaction-range"]')
                if (rng.get("data-min"), rng.get("data-max")) != (str(want["min_hundredths"]), str(want["max_hundredths"])):
                    problems.append(f"{rel}: {scope} range {rng.get('data-min')}–{rng.get('data-max')}, "
                                    f"want {want['min_hundredths']}–{want['max_hundredths']}")
            spot = dl.select_one('dd[data-figure="spot-check"]')
            if (spot.get("data-checked"), spot.get("data-evaluated")) != (str(want["spot_checked"]), str(want["midterm_evaluated"])):
                problems.append(f"{rel}: {scope} spot check {spot.get('data-checked')}/{spot.get('data-evaluated')}")
            rec = dl.select_one('dd[data-figure="recovered"]')
            if rec.get("data-fen") != str(want["recovered"]) or model.money_text(want["recovered"]) not in rec.get_text():
                problems.append(f"{rel}: {scope} recovered {rec.get('data-fen')}, want {want['recovered']}")
            section = dl.find_parent("section")
            for td in section.select("table.results td[data-figure]"):
                if td.get("data-count") != str(want[td["data-figure"]]):
                    problems.append(f"{rel}: {scope} {td['data-figure']} {td.get('data-count')}, want {want[td['data-figure']]}")
    missing = [p for p in SUMMARY_PAGES if p not in seen]
    fail_if(problems + [f"{m}: no outcome summary" for m in missing], "outcome summaries")


def test_sample_satisfaction_sentence(site, expected):
    want = model.outcome_summary(expected, "province")
    text = compact(soup(site, "index.html").select_one("section.outcome-summary").get_text())
    t = want["average_tenths"]
    assert f"{want['projects']}个项目中，{want['satisfaction_count']}个已有终期服务对象满意度，平均{t // 10}.{t % 10}%" in text


def test_every_project_table_has_a_sortable_satisfaction_column(site, html_pages, expected):
    problems, tables = [], 0
    for rel in html_pages:
        for table in soup(site, rel).select("table.projects"):
            tables += 1
            heads = [sitelib.text_of(th) for th in table.select("thead th")]
            if "终期满意度" not in heads:
                problems.append(f"{rel}: no satisfaction column ({heads})")
                continue
            col = heads.index("终期满意度")
            if table.select("thead th")[col].get("data-sort") != "number":
                problems.append(f"{rel}: the satisfaction column is not sortable")
            for tr in table.select("tbody tr"):
                p = expected.projects[tr["data-project"]]
                sat = (p.data.get("final") or {}).get("satisfaction")
                cell = tr.find_all(["th", "td"])[col]
                want = "-1" if sat is None else str(model.hundredths(sat))
                if cell.get("data-sort-value") != want:
                    problems.append(f"{rel}: {p.id} satisfaction sort value {cell.get('data-sort-value')}, want {want}")
                y = model.programme_year(p)
                if tr.get("data-year") != (str(y) if y else ""):
                    problems.append(f"{rel}: {p.id} data-year {tr.get('data-year')}, want {y}")
    assert tables > 0
    fail_if(problems, "satisfaction columns")


def test_year_tables_and_charts_agree_with_the_records(site, expected):
    problems = []
    for rel, scope in [("index.html", "province"), ("regions/630100/index.html", "city:630100"),
                       ("regions/632802/index.html", "county:632802")]:
        s = soup(site, rel)
        table = s.select_one("table.years")
        if table is None:
            problems.append(f"{rel}: no table.years")
            continue
        assert table["data-scope"] == scope
        want = model.years(expected, scope)
        got_years = [int(tr["data-year"]) for tr in table.select("tbody tr")]
        if got_years != sorted(want):
            problems.append(f"{rel}: years {got_years}, want {sorted(want)}")
        chart = {(r["data-year"], r["data-series"]): r["data-fen"] for r in s.select("svg.year-chart rect[data-year]")}
        for tr in table.select("tbody tr"):
            y = int(tr["data-year"])
            for td in tr.select("td[data-figure]"):
                name = td["data-figure"]
                value = td.get("data-count") if name == "projects" else td.get("data-fen")
                if value != str(want[y][name]):
                    problems.append(f"{rel}: {y} {name} = {value}, want {want[y][name]}")
                if name in ("contracted", "paid", "recovered") and chart.get((str(y), name)) != value:
                    problems.append(f"{rel}: the chart's {y} {name} is {chart.get((str(y), name))}, the table's {value}")
        if len(chart) != 3 * len(want):
            problems.append(f"{rel}: the chart has {len(chart)} columns, want {3 * len(want)}")
    fail_if(problems, "by-year tables and charts")


def test_sample_years(site):
    """2017: 31 projects, ¥2,408,000.00 paid, ¥70,000.00 recovered; 2018: the ¥60,000.00 recovery of hx-004."""
    rows = {tr["data-year"]: tr for tr in soup(site, "index.html").select("table.years tbody tr")}
    assert rows["2017"].select_one('[data-figure="recovered"]')["data-fen"] == "7000000"
    assert rows["2018"].select_one('[data-figure="recovered"]')["data-fen"] == "6000000"


def test_maps_have_one_named_shape_per_county(site, expected):
    problems = []
    for rel, city in [("index.html", None)] + [(f"regions/{c}/index.html", c) for c in expected.cities]:
        s = soup(site, rel)
        counties = model.programme_counties(expected, city)
        shapes = s.select("svg.tile-map a.map-shape")
        codes = [a["data-region"] for a in shapes]
        if sorted(codes) != sorted(counties):
            problems.append(f"{rel}: map shapes {codes}, want {counties}")
        for a in shapes:
            name = expected.region_names[a["data-region"]]
            label = a.get("aria-label", "")
            if name not in label:
                problems.append(f"{rel}: shape {a['data-region']} is named {label!r}, without {name}")
            want = expected.totals(f"county:{a['data-region']}")
            if model.money_text(want["net"]) not in label:
                problems.append(f"{rel}: shape {a['data-region']} does not say its net {model.money_text(want['net'])}")
        rows = s.select("table.map-table tbody tr")
        if [r["data-region"] for r in rows] != codes:
            problems.append(f"{rel}: the map's table is not the map's counties")
        for r in rows:
            want = expected.totals(f"county:{r['data-region']}")
            if r.select_one('[data-figure="net"]')["data-fen"] != str(want["net"]):
                problems.append(f"{rel}: table net of {r['data-region']} wrong")
        if s.select('svg.tile-map [href^="http"]'):
            problems.append(f"{rel}: the map links outside the site")
    fail_if(problems, "county maps")


def test_map_by_residents_when_every_county_gives_a_population(tmp_path, gazette):
    content = sitelib.copy_content(str(tmp_path / "content"))
    path = os.path.join(content, "regions.yaml")
    text = open(path, encoding="utf-8").read()
    text = re.sub(r"(grid: \[\d+, \d+\])\}", r"\1, population: 200000}", text)
    assert text.count("population") == 9
    open(path, "w", encoding="utf-8").write(text)
    out = str(tmp_path / "out")
    r = sitelib.run_build(out, content=content)
    assert r.returncode == 0, r.describe()
    s = soup(out, "regions/630100/index.html")
    shapes = s.select("svg.tile-map a.map-shape")
    e = model.Expected(content)
    for a in shapes:
        n = len(e.projects_in(f"county:{a['data-region']}"))
        hundredths = n * 1_000_000 // 200000
        assert f"每万人{hundredths // 100}.{hundredths % 100:02d}个" in a["aria-label"], a["aria-label"]


# ---------------------------------------------------------------- money told truthfully
def test_recovery_reads_as_a_recovery(site):
    s = soup(site, "projects/qh2017-hx-004/index.html")
    status = compact(s.select_one(".status-line").get_text())
    assert "已于2018年2月10日全额收回6万元" in status, status
    assert "应当收回" not in status, status
    row = s.select_one('table.funds tr[data-kind="recovery"]')
    assert row.select_one('[data-column="paid"]').get_text(strip=True) == ""
    assert row.select_one('[data-column="recovered"]').get_text(strip=True) == "¥60,000.00"
    for rel in ["projects/qh2017-hx-004/index.html", "projects/qh2017-xn-016/index.html"]:
        assert "−¥" not in soup(site, rel).select_one("main").get_text(), rel


def test_terminated_project_steps_are_not_pending(site):
    s = soup(site, "projects/qh2017-xn-016/index.html")
    states = [li.get("class") for li in s.select("ol.timeline li")]
    assert not any("step-pending" in c or "step-warning" in c for c in states), states
    midterm = s.select_one("ol.timeline li.step-done .step-label")
    assert any("中期评估" in li.get_text() and "已完成" in li.get_text() for li in s.select("ol.timeline li")), states
    status = compact(s.select_one(".status-line").get_text())
    assert "已于2017年12月20日全额收回7万元" in status, status


def test_recovery_notice_totals_what_was_recovered(site, expected):
    s = soup(site, "notices/2018-02-recovery-notice/index.html")
    foot = s.select_one("table.notice-projects tfoot [data-figure]")
    want = sum(expected.projects[p].recovered for p in ("qh2017-xn-016", "qh2017-hx-004"))
    assert foot["data-figure"] == "recovered"
    assert foot["data-fen"] == str(want) == "13000000"
    assert "¥130,000.00" in foot.get_text()


# ---------------------------------------------------------------- accountability
def test_accountability_banner(site):
    s = soup(site, "organizations/delingha-ruxin-social-work/index.html")
    banner = s.select_one(".accountability")
    assert banner is not None
    kinds = [li["data-kind"] for li in banner.select("li")]
    assert "failed-final" in kinds and "violation" in kinds, kinds
    text = compact(banner.get_text())
    assert "取消2018年度申报资格" in text, text
    # The checklist does not say 无违法违规不良记录 alone beside a recorded violation.
    for li in s.select("ul.checklist li"):
        if "无违法违规不良记录" in li.get_text():
            assert "此后有记录" in li.get_text() or "✘" in li.get_text(), li.get_text()
    clean = soup(site, "organizations/qinghai-hongxin-social-work/index.html")
    assert clean.select_one(".accountability") is None


# ---------------------------------------------------------------- freshness: the change log in the menu
def test_change_log_in_the_menu(site):
    links = [a["href"] for a in soup(site, "index.html").select("nav a")]
    assert any(h.rstrip("/").endswith("changes") for h in links), links


# ---------------------------------------------------------------- open data
def _csv(site, rel):
    with open(os.path.join(site, rel), encoding="utf-8-sig", newline="") as f:
        return list(csv.DictReader(f))


def test_licence_on_the_data_page_and_in_every_package(site, expected):
    lic = expected.site["license"]
    page = soup(site, "data/index.html")
    a = page.select_one('a[rel="license"]')
    assert a is not None and a["href"] == lic["url"]
    assert json.load(open(os.path.join(site, "data/site.json"), encoding="utf-8"))["site"]["license"] == lic
    for rel in ("data/ocds/release-package.json", "data/ocds/record-package.json"):
        assert json.load(open(os.path.join(site, rel), encoding="utf-8"))["license"] == lic["url"], rel


def test_schema_published_and_site_json_valid(site):
    from jsonschema.validators import validator_for
    path = os.path.join(site, "data/site.schema.json")
    assert open(path, "rb").read() == open(os.path.join(sitelib.REPO_ROOT, "docs/site.schema.json"), "rb").read()
    schema = json.load(open(path, encoding="utf-8"))
    document = json.load(open(os.path.join(site, "data/site.json"), encoding="utf-8"))
    errors = [e.message for e in validator_for(schema)(schema).iter_errors(document)]
    assert not errors, errors[:5]
    assert "data/site.schema.json" in soup(site, "data/index.html").get_text()


def test_projects_csv_has_the_programme_year(site, expected):
    rows = _csv(site, "data/projects.csv")
    assert rows and all(r["programme_year"] == str(model.programme_year(expected.projects[r["id"]])) for r in rows)


def test_every_list_page_links_its_csv(site, expected):
    problems = []
    pages = {"projects/index.html": "province", "organizations/index.html": None}
    for c in list(expected.cities) + expected.counties:
        pages[f"regions/{c}/index.html"] = expected.region_scope(c)
    for o in expected.organizations:
        pages[f"organizations/{o}/index.html"] = f"organization:{o}"
    for k in expected.services:
        pages[f"services/{k}/index.html"] = f"service:{k}"
    for k in expected.groups:
        pages[f"groups/{k}/index.html"] = f"group:{k}"
    for rel, scope in pages.items():
        a = soup(site, rel).select_one("p.csv-link a")
        if a is None:
            problems.append(f"{rel}: no CSV link")
            continue
        target = os.path.normpath(os.path.join(os.path.dirname(rel), a["href"]))
        if not os.path.isfile(os.path.join(site, target)):
            problems.append(f"{rel}: CSV link {a['href']} leads nowhere")
            continue
        if scope:
            ids = sorted(r["id"] for r in _csv(site, target))
            want = sorted(p.id for p in expected.projects_in(scope))
            if ids != want:
                problems.append(f"{rel}: {target} holds {ids}, want {want}")
    fail_if(problems, "CSV links on list pages")


def test_record_pages_say_when_they_last_changed(site, html_pages):
    problems = []
    for prefix in ("projects/", "organizations/", "notices/", "pages/"):
        for rel in html_pages:
            if not rel.startswith(prefix) or rel.count("/") != 2 or rel.startswith("notices/page/") or rel.startswith("notices/kind/"):
                continue
            p = soup(site, rel).select_one("p.freshness")
            if p is None:
                problems.append(f"{rel}: no freshness line")
                continue
            a = p.select_one("a")
            target = os.path.normpath(os.path.join(os.path.dirname(rel), a["href"].split("#")[0]))
            anchor = a["href"].split("#")[1]
            if soup(site, os.path.join(target, "index.html")).select_one(f"#{anchor}") is None:
                problems.append(f"{rel}: the freshness link {a['href']} has no target")
            if "2018年3月31日" not in p.get_text() or "第1次发布" not in p.get_text():
                problems.append(f"{rel}: {p.get_text()!r}")
    fail_if(problems, "freshness lines")


def test_a_changed_record_says_it_changed_in_the_next_publication(tmp_path):
    content = sitelib.copy_content(str(tmp_path / "content"))
    path = os.path.join(content, "projects", "qh2017-xn-001.yaml")
    text = open(path, encoding="utf-8").read()
    open(path, "w", encoding="utf-8").write(text.replace("title: ", "title: 新", 1))
    out = str(tmp_path / "out")
    r = sitelib.run_build(out, content=content)
    assert r.returncode == 0, r.describe()
    assert "第2次发布" in soup(out, "projects/qh2017-xn-001/index.html").select_one("p.freshness").get_text()
    assert "第1次发布" in soup(out, "projects/qh2017-xn-002/index.html").select_one("p.freshness").get_text()


def test_steps_a_terminated_project_will_not_reach_read_as_stopped(tmp_path):
    """Without its ledger rows, qh2017-xn-016's advance step would be pending; the project ended, so: stopped."""
    content = sitelib.copy_content(str(tmp_path / "content"))
    path = os.path.join(content, "ledger", "2017.csv")
    lines = open(path, encoding="utf-8-sig").read().splitlines(keepends=True)
    # Its advance and its recovery: nothing was paid, so the story says nothing is due.
    kept = [l for l in lines if ",qh2017-xn-016," not in l]
    assert len(kept) == len(lines) - 2
    open(path, "w", encoding="utf-8").write("".join(kept))
    out = str(tmp_path / "out")
    r = sitelib.run_build(out, content=content)
    assert r.returncode == 0, r.describe()
    s = soup(out, "projects/qh2017-xn-016/index.html")
    advance = [li for li in s.select("ol.timeline li") if "拨付先期预付资金" in li.get_text()][0]
    assert "step-stopped" in advance["class"] and "项目已终止，不再进行" in advance.get_text()
    assert "未拨付资金，无需收回" in compact(s.select_one(".status-line").get_text())


def test_change_log_names_the_figures_that_moved(tmp_path, expected):
    content = sitelib.copy_content(str(tmp_path / "content"))
    with open(os.path.join(content, "ledger", "2018.csv"), "a", encoding="utf-8") as f:
        f.write("2018-03-30,qh2017-xn-017,进度款,10000.00,青民财〔2018〕99号,补记\n")
    out = str(tmp_path / "out")
    r = sitelib.run_build(out, content=content)
    assert r.returncode == 0, r.describe()
    s = soup(out, "changes/index.html")
    section = s.select_one('section[data-publication="2"]')
    moved = section.select_one('li[data-field="paid"]')
    before = expected.projects["qh2017-xn-017"].paid
    assert moved is not None
    assert f"{model.money_text(before)} → {model.money_text(before + 1000000)}" in moved.get_text()
    assert "第2次发布" in soup(out, "projects/qh2017-xn-017/index.html").select_one("p.freshness").get_text()
