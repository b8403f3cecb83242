"""Spreadsheets in and out, with a real office suite: `gazette import` reads workbooks LibreOffice saved (CSV
fixtures converted with `soffice --headless --convert-to xlsx`) and a committed workbook with a merged title
row; openpyxl reads the workbooks gazette writes (the template, and the open data beside every CSV file), and
their figures are the CSV files' figures; two builds give the same bytes; and the sample's projects go out as a
workbook and come back to the same project pages."""
from __future__ import annotations

import csv
import datetime
import io
import os
import re
import shutil
import subprocess

import pytest

import sitelib
from conftest import require_tool

FIXTURES = os.path.join(sitelib.HERE, "fixtures", "import")


def openpyxl():
    try:
        import openpyxl as module
    except ImportError:
        require_tool(False, "openpyxl (pip package)")
    return module


def soffice_convert(csv_path, out_dir, tmp_path):
    """The CSV file as LibreOffice Calc saves it as .xlsx, with a private profile (parallel runs don't clash)."""
    soffice = shutil.which("soffice")
    require_tool(soffice is not None, "LibreOffice Calc (Debian package `libreoffice-calc`)")
    profile = tmp_path / "lo-profile"
    p = subprocess.run([soffice, "--headless", f"-env:UserInstallation=file://{profile}",
                        "--infilter=CSV:44,34,76,1", "--convert-to", "xlsx", "--outdir", str(out_dir), str(csv_path)],
                       capture_output=True, text=True, timeout=180)
    out = os.path.join(out_dir, os.path.splitext(os.path.basename(csv_path))[0] + ".xlsx")
    assert p.returncode == 0 and os.path.isfile(out), p.stdout + p.stderr
    return out


def gazette_import(args, cwd=None, lang="en"):
    """`gazette import` in English (the tests match its words), or in `lang`; None: the site's language."""
    return subprocess.run([sitelib.gazette_bin(), "import", *args, *(["--lang", lang] if lang else [])],
                          cwd=cwd or sitelib.REPO_ROOT, capture_output=True, text=True, timeout=300)


def tree(root):
    return sitelib.tree_hashes(root)


def test_libreoffice_workbook_imports_into_the_sample(gazette, tmp_path):
    content = sitelib.copy_content(str(tmp_path / "content"))
    table = tmp_path / "汇总表.csv"
    table.write_text("海西州2017年项目汇总表,,,\n"
                     "项目编号,合同金额(万元),终期评价得分,服务期结束\n"
                     "qh2017-hx-001,18.5,96,2017-12-31\n", encoding="utf-8")
    workbook = soffice_convert(table, tmp_path / "out", tmp_path)
    before = tree(content)
    dry = gazette_import([workbook, "--content", content, "--dry-run"])
    assert dry.returncode == 0, dry.stdout + dry.stderr
    assert "amount: 180000 → 185000.00" in dry.stdout
    assert "final.score: 95 → 96" in dry.stdout
    assert "0 new, 1 updated, 0 unchanged, 0 ledger row(s) to add; dry run" in dry.stdout
    assert tree(content) == before
    done = gazette_import([workbook, "--content", content])
    assert done.returncode == 0, done.stdout + done.stderr
    text = open(os.path.join(content, "projects", "qh2017-hx-001.yaml"), encoding="utf-8").read()
    assert "amount: 185000.00\n" in text and "  score: 96\n" in text
    check = subprocess.run([gazette, "check", "--content", content], capture_output=True, text=True)
    assert check.returncode == 0, check.stderr


def test_bad_cell_in_a_libreoffice_workbook_is_named_and_nothing_written(gazette, tmp_path):
    content = sitelib.copy_content(str(tmp_path / "content"))
    table = tmp_path / "表.csv"
    table.write_text("项目编号,合同金额,服务内容\n"
                     "qh2017-hx-001,185000,心理疏导\n"
                     "qh2017-hx-002,12.345,心理疏导\n", encoding="utf-8")
    workbook = soffice_convert(table, tmp_path / "out", tmp_path)
    before = tree(content)
    r = gazette_import([workbook, "--content", content])
    assert r.returncode == 1
    assert f"{workbook}!表!B3: error: [E105]" in r.stderr, r.stderr
    assert "nothing was written" in r.stdout
    assert tree(content) == before


def test_committed_workbook_with_merged_title(gazette, tmp_path):
    content = sitelib.copy_content(str(tmp_path / "content"))
    workbook = os.path.join(FIXTURES, "项目汇总表.xlsx")
    r = gazette_import([workbook, "--content", content])
    assert r.returncode == 0, r.stdout + r.stderr
    assert "1 new, 1 updated" in r.stdout
    assert "a total row (合计), not imported" in r.stdout
    new = open(os.path.join(content, "projects", "qh2017-hx-101.yaml"), encoding="utf-8").read()
    assert new.splitlines() == [
        "title: 格尔木市空巢老人心理关爱项目", "organization: golmud-kunlun-social-work", "category: social-work",
        "services: [counselling]", "target_groups: [elderly]", 'county: "632801"', "amount: 120000.00",
        "contract:", "  date: 2017-07-03",
    ]


def test_workbooks_openpyxl_makes_hostile_cells_fail_at_their_cell(gazette, tmp_path):
    xl = openpyxl()
    content = sitelib.copy_content(str(tmp_path / "content"))
    wb = xl.Workbook()
    ws = wb.active
    ws.title = "项目"
    ws.append(["项目编号", "合同金额"])
    ws.append(["qh2017-hx-001", "=B3*2"])    # openpyxl saves formulas without a result
    hidden = wb.create_sheet("旧表")
    hidden.append(["项目编号", "合同金额"])
    hidden.sheet_state = "hidden"
    path = str(tmp_path / "公式.xlsx")
    wb.save(path)
    before = tree(content)
    r = gazette_import([path, "--content", content])
    assert r.returncode == 1
    assert f"{path}!项目!B2: error: [E102]" in r.stderr, r.stderr
    assert "旧表: the sheet is hidden" in r.stdout
    assert tree(content) == before
    # Two columns for one field, and a header that is no field (with the nearest suggested).
    wb = xl.Workbook()
    wb.active.append(["项目编号", "合同全额", "合同金额", "amount"])
    wb.active.append(["qh2017-hx-001", 1, 2, 3])
    path = str(tmp_path / "表头.xlsx")
    wb.save(path)
    r = gazette_import([path, "--content", content])
    assert r.returncode == 1
    assert "!Sheet!B1: error: [E103]" in r.stderr and "did you mean `合同金额`?" in r.stderr, r.stderr
    assert "!Sheet!D1: error: [E103]" in r.stderr and "both give `amount`" in r.stderr
    # Formats that are not .xlsx say what to save as.
    old = tmp_path / "旧.xls"
    old.write_bytes(bytes([0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1]) + bytes(1024))
    r = gazette_import([str(old), "--content", content])
    assert r.returncode == 1 and "(.xls)" in r.stderr and "*.xlsx" in r.stderr
    assert tree(content) == before


def test_template_is_a_form_with_drop_downs(gazette, tmp_path):
    xl = openpyxl()
    path = str(tmp_path / "模板.xlsx")
    r = gazette_import(["--template", path])
    assert r.returncode == 0, r.stderr
    wb = xl.load_workbook(path)
    assert wb.sheetnames == ["项目", "承接机构", "资金拨付", "项目文件", "问题处理", "机构年检", "违规记录", "选项", "填写说明"]
    assert [c.value for c in wb["机构年检"][1]] == ["机构编号", "年检年度", "年检结果"]
    assert [c.value for c in wb["项目文件"][1]] == ["项目编号", "文件名称", "文件地址"]
    projects = wb["项目"]
    headers = [c.value for c in projects[1]]
    assert headers[:4] == ["项目编号", "项目名称", "承接机构", "服务类别"]
    assert projects.freeze_panes == "A2"
    validations = {str(v.sqref): v.formula1 for v in projects.data_validations.dataValidation}
    county = "G2:G1001"
    assert validations[county].startswith("'选项'!$A$2")
    lists = wb["选项"]
    counties = [c.value for c in lists["A"][1:] if c.value]
    assert counties[:2] == ["630102", "630103"] and len(counties) == 9
    services = [c.value for c in lists["C"][1:] if c.value]
    assert "心理疏导" in services and "生活照料" in services
    explained = [row[1] for row in wb["填写说明"].iter_rows(min_row=2, values_only=True)]
    assert "合同金额" in explained and "凭证号" in explained
    # The empty form imports as nothing.
    r = gazette_import([path, "--dry-run"])
    assert r.returncode == 0, r.stdout + r.stderr


def read_csv(site, path):
    raw = open(os.path.join(site, path), "rb").read()
    return list(csv.reader(io.StringIO(raw[3:].decode("utf-8"), newline="")))


def fen(text):
    whole, _, cents = text.partition(".")
    return int(whole) * 100 + int((cents + "00")[:2])


def test_open_data_workbooks_have_the_csv_figures(site):
    xl = openpyxl()
    # The tables of the data page each have a workbook beside them; the per-list CSV files (a county's, a
    # service's…) are CSV only, so as not to double thousands of files at province scale.
    csvs = [os.path.relpath(os.path.join(d, f), site) for d, _, fs in os.walk(os.path.join(site, "data"))
            for f in fs if f.endswith(".csv") and os.path.isfile(os.path.join(d, f[:-4] + ".xlsx"))]
    for table in ("data/projects.csv", "data/organizations.csv", "data/ledger.csv", "data/findings.csv",
                  "data/regions/630100.csv", "data/regions/632800.csv"):
        assert table in csvs, table
    for rel in csvs:
        rows = read_csv(site, rel)
        wb = xl.load_workbook(os.path.join(site, rel[:-4] + ".xlsx"))
        ws = wb.worksheets[0]
        assert ws.freeze_panes == "A2", rel
        cells = [list(r) for r in ws.iter_rows(values_only=True)]
        assert len(cells) == len(rows), rel
        header = rows[0]
        if "amount" in header:
            assert cells[0][header.index("amount")] in ("合同金额", "金额"), (rel, cells[0])
        for csv_row, xl_row in zip(rows[1:], cells[1:]):
            for name, text, value in zip(header, csv_row, xl_row):
                if text == "":
                    assert value is None, (rel, name)
                elif name in ("amount", "paid", "net", "recovered", "to_pay", "to_recover", "cap", "contracted"):
                    assert isinstance(value, (int, float)), (rel, name, value)
                    assert round(value * 100) == fen(text), (rel, name, value, text)
                elif name in ("date", "applied", "contract_date", "period_start", "period_end", "midterm_date",
                              "spot_check_date", "rectification_deadline", "final_date", "founded"):
                    assert isinstance(value, datetime.datetime), (rel, name, value)
                    assert value.date().isoformat() == text
                elif name in ("beneficiaries", "sessions", "hours", "final_score", "staff"):
                    assert float(value) == float(text)
                else:
                    assert str(value) == text, (rel, name)
        amount = header.index("amount") if "amount" in header else None
        if amount is not None:
            fmt = ws.cell(row=2, column=amount + 1).number_format
            assert "¥" in fmt and "0.00" in fmt, fmt


def test_open_data_workbooks_are_listed_and_deterministic(site, tmp_path):
    data_page = open(os.path.join(site, "data", "index.html"), encoding="utf-8").read()
    assert 'href="projects.xlsx"' in data_page or "data/projects.xlsx" in data_page
    import json
    manifest = json.load(open(os.path.join(site, "manifest.json"), encoding="utf-8"))
    listed = {f["path"] for f in manifest["files"]}
    assert "data/projects.xlsx" in listed and "data/ledger.xlsx" in listed
    again = str(tmp_path / "again")
    r = sitelib.run_build(again)
    assert r.returncode == 0, r.describe()
    for rel in ("data/projects.xlsx", "data/organizations.xlsx", "data/ledger.xlsx", "data/regions/630100.xlsx"):
        assert open(os.path.join(site, rel), "rb").read() == open(os.path.join(again, rel), "rb").read(), rel


def test_round_trip_gives_the_same_project_and_organization_pages(site, gazette, tmp_path):
    """Export the sample's records (projects, organizations, their documents, responses, inspections and
    violations, the ledger) to one workbook, import it into a content folder holding none of them, build: every
    project and organization page is the same, byte for byte."""
    exported = str(tmp_path / "导出.xlsx")
    r = gazette_import(["--template", exported, "--with-records"])
    assert r.returncode == 0, r.stderr
    content = str(tmp_path / "content")
    os.makedirs(content)
    for entry in os.listdir(sitelib.CONTENT):
        if entry in ("projects", "organizations", "ledger"):
            continue
        src = os.path.join(sitelib.CONTENT, entry)
        (shutil.copytree if os.path.isdir(src) else shutil.copy)(src, os.path.join(content, entry))
    r = gazette_import([exported, "--content", content])
    assert r.returncode == 0, r.stdout + r.stderr
    projects = sorted(f[:-5] for f in os.listdir(os.path.join(sitelib.CONTENT, "projects")) if f.endswith(".yaml"))
    organizations = sorted(f[:-5] for f in os.listdir(os.path.join(sitelib.CONTENT, "organizations")) if f.endswith(".yaml"))
    assert f"{len(projects) + len(organizations)} new, 0 updated" in r.stdout, r.stdout
    out = str(tmp_path / "out")
    b = sitelib.run_build(out, content=content)
    assert b.returncode == 0, b.describe()
    pages = [os.path.join("projects", p, "index.html") for p in projects] + \
            [os.path.join("organizations", o, "index.html") for o in organizations]
    for page in pages:
        a = open(os.path.join(site, page), encoding="utf-8").read()
        b_text = open(os.path.join(out, page), encoding="utf-8").read()
        assert a == b_text, page
    # The records with repeated items are among them.
    for key in ("documents", "responses"):
        assert any(re.search(rf"^{key}:", open(os.path.join(sitelib.CONTENT, "projects", p + ".yaml"), encoding="utf-8").read(), re.M)
                   for p in projects), key
    for key in ("annual_inspections", "violations", "contact"):
        assert any(re.search(rf"^{key}:", open(os.path.join(sitelib.CONTENT, "organizations", o + ".yaml"), encoding="utf-8").read(), re.M)
                   for o in organizations), key
    assert len(pages) == 50


def test_percent_cells_of_a_libreoffice_workbook(gazette, tmp_path):
    """LibreOffice stores 95.2% as 0.952 in a cell formatted `0.00%` (a custom number format in styles.xml):
    the percentage field gets 95.2, exactly; a plain number cell is taken as written."""
    content = sitelib.copy_content(str(tmp_path / "content"))
    table = tmp_path / "满意度.csv"
    table.write_text("项目编号,服务对象满意度,中期满意度,终期评价得分\n"
                     "qh2017-hx-001,95.2%,88%,91.5\n", encoding="utf-8")
    workbook = soffice_convert(table, tmp_path / "out", tmp_path)
    import zipfile
    with zipfile.ZipFile(workbook) as z:
        sheet = z.read("xl/worksheets/sheet1.xml").decode()
        assert "<v>0.952</v>" in sheet and "%" in z.read("xl/styles.xml").decode()
    r = gazette_import([workbook, "--content", content])
    assert r.returncode == 0, r.stdout + r.stderr
    text = open(os.path.join(content, "projects", "qh2017-hx-001.yaml"), encoding="utf-8").read()
    assert re.search(r"^  satisfaction: 95\.2$", text, re.M) and re.search(r"^  satisfaction: 88$", text, re.M), text
    assert re.search(r"^  score: 91\.5$", text, re.M), text


def test_messages_in_the_sites_language_on_real_workbooks(gazette, tmp_path):
    """The zh-CN sample: plan, summary, errors and notes in Chinese (full-width punctuation); --lang en in English."""
    content = sitelib.copy_content(str(tmp_path / "content"))
    table = tmp_path / "汇总表.csv"
    table.write_text("项目编号,合同金额(万元),终期评价得分\n"
                     "qh2017-hx-001,18.5,96\n"
                     "合计,18.5,\n", encoding="utf-8")
    workbook = soffice_convert(table, tmp_path / "out", tmp_path)
    zh = gazette_import([workbook, "--content", content, "--dry-run"], lang=None)
    assert zh.returncode == 0, zh.stdout + zh.stderr
    assert f"更新  {content}/projects/qh2017-hx-001.yaml" in zh.stdout, zh.stdout
    assert "        amount：180000 → 185000.00" in zh.stdout
    assert "gazette import：新增0条，更新1条，未变0条，台账增加0行；试运行，没有写入。" in zh.stdout
    assert "说明：" in zh.stdout and "合计行（合计），不导入。" in zh.stdout
    en = gazette_import([workbook, "--content", content, "--dry-run"], lang="en")
    assert "gazette import: 0 new, 1 updated, 0 unchanged, 0 ledger row(s) to add; dry run, nothing written." in en.stdout
    assert "a total row (合计), not imported" in en.stdout
    # An error in a LibreOffice workbook, in Chinese, and nothing written.
    bad = tmp_path / "错表.csv"
    bad.write_text("项目编号,合同金额\nqh2017-hx-002,12.345\n", encoding="utf-8")
    workbook = soffice_convert(bad, tmp_path / "out2", tmp_path)
    before = tree(content)
    r = gazette_import([workbook, "--content", content], lang=None)
    assert r.returncode == 1
    # (The formatter's own punctuation after 错误/提示 may be ASCII or full-width.)
    assert re.search(re.escape(f"{workbook}!错表!B2: 错误") + "[:：] ?" + re.escape("[E105] 「12.345」元 不是整分（0.01元）的金额。"), r.stderr), r.stderr
    assert "gazette import：1个错误" in r.stdout and "没有写入任何文件。" in r.stdout, r.stdout
    # A Chinese header near a field's name: the Chinese name is suggested.
    header = tmp_path / "表头.csv"
    header.write_text("项目编号,项目名称,县区\nqh2017-hx-002,x,格尔木市\n", encoding="utf-8")
    workbook = soffice_convert(header, tmp_path / "out3", tmp_path)
    r = gazette_import([workbook, "--content", content], lang=None)
    assert r.returncode == 1
    assert re.search(re.escape(f"{workbook}!表头!C1: 错误") + "[:：] ?" + re.escape("[E103] 列名「县区」不是项目的字段。\n      = 提示")
                     + "[:：] ?" + re.escape("是不是要写「县(市、区)」"), r.stderr), r.stderr
    assert tree(content) == before


@pytest.mark.parametrize("encoding", ["gbk", "gb18030", "utf-16", "utf-8-sig"])
def test_csv_in_the_encodings_windows_saves(gazette, tmp_path, encoding):
    content = sitelib.copy_content(str(tmp_path / "content"))
    table = tmp_path / "明细.csv"
    table.write_bytes("日期,项目,类型,金额,凭证号,备注\r\n"
                      "2017-11-01,qh2017-xn-017,进度款,30000,青民财〔2017〕120号,第二笔\r\n".encode(encoding))
    r = gazette_import([str(table), "--content", content, "--kind", "ledger"])
    assert r.returncode == 0, r.stdout + r.stderr
    assert "1 ledger row(s) to add" in r.stdout
    ledger = open(os.path.join(content, "ledger", "2017.csv"), encoding="utf-8-sig").read()
    assert ledger.rstrip("\r\n").endswith("2017-11-01,qh2017-xn-017,installment,30000.00,青民财〔2017〕120号,第二笔")
    # The same row again is not added twice.
    r = gazette_import([str(table), "--content", content])
    assert "0 ledger row(s) to add (1 already in the ledger)" in r.stdout, r.stdout
