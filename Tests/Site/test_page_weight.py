"""Light pages at scale (issue 16): what a query on the search page downloads, and the findings page in pages.

A broad query on a few hundred generated projects finds hundreds of documents; the page must show the first
twenty, exactly as the whole-index search ranks them, and download no more than the bound the benchmark
reports against (searchbytes: the same counting as scripts/page-sizes), not every document.
"""
from __future__ import annotations

import json
import os
import re
import subprocess

import pytest

import model
import searchbytes
import sitelib

FIXTURE = os.path.join(os.path.dirname(__file__), "fixtures", "search", "whole-index-search.js")
PAGE_SIZE = 1   # the sample has two findings
CONTENT = []


@pytest.fixture(scope="module")
def generated(gazette, tmp_path_factory):
    """400 generated projects and 500 notices (some 1,000 search documents in ~125 document shards), built.
    Returns the output folder; `CONTENT[0]` is the content folder."""
    root = tmp_path_factory.mktemp("weight")
    content = str(root / "content")
    subprocess.run(["python3", os.path.join(sitelib.REPO_ROOT, "scripts", "generate-content"), "--projects", "400",
                    "--notices", "500", "--out", content, "--quiet"], check=True)
    out = str(root / "site")
    r = sitelib.run_build(out, content=content, timeout=900)
    if r.returncode != 0:
        pytest.fail("building generated content failed\n" + r.describe(), pytrace=False)
    CONTENT[:] = [content]
    return out


def _whole_index(page, query):
    with open(FIXTURE, encoding="utf-8") as f:
        page.add_script_tag(content=f.read())
    return page.evaluate("""async q => {
        const index = await (await fetch('index.json')).json();
        const synonyms = JSON.parse(document.querySelector('form.search-form').getAttribute('data-synonyms'));
        return wholeIndexSearch(index, synonyms, q);
    }""", query)


@pytest.mark.parametrize("query", ["区", "服务", "社区", "养老", "qh2017"])
def test_a_broad_query_downloads_little(browser, generated, query):
    """A query matching hundreds of documents downloads ≤ the target (300 KB), fetches the document shards of
    far fewer documents than it matches, and shows the whole-index search's first twenty in order."""
    site = generated
    docs_dir = os.path.join(site, "search", "docs")
    all_docs = sum(os.path.getsize(os.path.join(docs_dir, f)) for f in os.listdir(docs_dir))
    with sitelib.StaticServer(site) as server:
        got = searchbytes.measure(browser, server.url, site, query)
        ctx = browser.new_context(locale="zh-CN")
        try:
            page = ctx.new_page()
            page.goto(server.url + "/search/", wait_until="load")
            want = _whole_index(page, query)
            page.fill("#search-query", query)
            page.press("#search-query", "Enter")
            searchbytes.wait_for_results(page, query)
            shown = [r[1].lstrip("/") for r in searchbytes.shown_results(page)]
        finally:
            ctx.close()
    count = int(re.search(r"\d+", got["status"]).group())
    assert count == want["count"] and count > 4 * searchbytes.PAGE, f"{query}: {got['status']} (whole index: {want['count']})"
    assert shown == want["paths"][:searchbytes.PAGE], f"{query}: {shown[:5]}… whole index: {want['paths'][:5]}…"
    fetched_docs = [f for f in got["files"] if f.startswith("docs/")]
    assert len(fetched_docs) <= 2 * searchbytes.PAGE, f"{query}: {len(fetched_docs)} document shards for {searchbytes.PAGE} results"
    assert got["bytes"] <= searchbytes.QUERY_BYTES_TARGET, f"{query}: {got['bytes']:,} bytes ({got['files']})"
    assert all_docs > searchbytes.QUERY_BYTES_TARGET, "every document together is under the bound: the check says little"
    assert "index.json" not in got["files"]


# ---------------------------------------------------------------------------- the findings page in pages
@pytest.fixture(scope="module")
def paged(gazette, tmp_path_factory):
    """The sample with `page_size: 1`, built, and the same at the default page size."""
    root = tmp_path_factory.mktemp("paged-findings")
    content = str(root / "content")
    sitelib.copy_content(content)
    whole = str(root / "whole")
    r = sitelib.run_build(whole, content=content)
    assert r.returncode == 0, r.describe()
    with open(os.path.join(content, "site.yaml"), "a", encoding="utf-8") as f:
        f.write(f"page_size: {PAGE_SIZE}\n")
    out = str(root / "site")
    r = sitelib.run_build(out, content=content)
    assert r.returncode == 0, r.describe()
    return whole, out


def _findings(html):
    return re.findall(r'<li class="finding" data-code="([^"]+)" data-subject="([^"]*)">', html)


def test_findings_in_pages(paged):
    """At page_size 1 the findings page is in pages of one finding that together are the one-page list in the
    same order; each page has the pagers and, above them, every code with its count in the whole list and a
    link to the page where its findings start."""
    whole, site = paged
    with open(os.path.join(whole, "findings", "index.html"), encoding="utf-8") as f:
        want = _findings(f.read())
    assert len(want) > PAGE_SIZE, f"the sample has {len(want)} findings: too few to page"
    pages = (len(want) + PAGE_SIZE - 1) // PAGE_SIZE
    got, problems = [], []
    counts = {code: sum(1 for c, _ in want if c == code) for code, _ in want}
    for n in range(1, pages + 1):
        rel = "findings/" + (f"page/{n}/" if n > 1 else "")
        with open(os.path.join(site, rel, "index.html"), encoding="utf-8") as f:
            html = f.read()
        found = _findings(html)
        if not 1 <= len(found) <= PAGE_SIZE:
            problems.append(f"/{rel}: {len(found)} findings")
        got += found
        if html.count('<nav class="pager"') != 2:
            problems.append(f"/{rel}: not two pagers")
        for code, count in counts.items():
            m = re.search(rf'<li><a href="([^"]+)"><span class="code">{code}</span>[^<]*</a> ([^<]*)</li>', html)
            first_page = next(i for i, (c, _) in enumerate(want) if c == code) // PAGE_SIZE + 1
            if not m or str(count) not in m.group(2):
                problems.append(f"/{rel}: {code} is not listed with its count {count}")
            elif not m.group(1).endswith((f"page/{first_page}/" if first_page > 1 else "findings/") + f"#group-{code}"):
                problems.append(f"/{rel}: {code} links to {m.group(1)}, its findings start on page {first_page}")
    assert not os.path.exists(os.path.join(site, "findings", f"page/{pages + 1}")), "a page too many"
    assert got == want, "the pages together are not the one-page list"
    assert not problems, "\n".join(problems)


# ---------------------------------------------------------------------------- scripts/page-sizes
def test_page_sizes_reports_the_largest_page_and_the_query_bytes(site):
    """scripts/page-sizes (the benchmark's page-weight block): the largest HTML page is the largest on disk, a
    query's bytes are the sizes of the search files it fetched, each target has a verdict."""
    p = subprocess.run(["python3", os.path.join(sitelib.REPO_ROOT, "scripts", "page-sizes"), site, "--json",
                        "--queries", "区"], capture_output=True, text=True, timeout=600)
    assert p.returncode == 0, p.stderr
    result = json.loads(p.stdout)
    html = [(os.path.getsize(os.path.join(site, rel)), rel) for rel in sitelib.html_files(site)]
    assert result["html_largest_bytes"] == max(html)[0] and result["html_pages"] == len(html)
    [query] = result["queries"]
    assert query["query"] == "区" and query["shown"] == searchbytes.PAGE and query["files"] >= 3
    assert 0 < query["gzip"] < query["bytes"] <= searchbytes.QUERY_BYTES_TARGET
    assert all(t["met"] for t in result["targets"].values()) and len(result["targets"]) == 3


# ---------------------------------------------------------------------------- lists cut short at scale
def test_ask_for_service_names_ten_providers_and_counts_them(generated):
    """A county's "how to ask" lists, for each service offered there, at most 10 providers (the first by name)
    and, when there are more, how many in all — the full lists made county pages 336 KB at 20,000 projects."""
    exp = model.Expected(CONTENT[0])
    names = {oid: o["name"] for oid, o in exp.organizations.items()}
    problems, cut = [], 0
    for county in exp.county_city:
        rel = os.path.join(generated, "regions", county, "index.html")
        with open(rel, encoding="utf-8") as f:
            html = f.read()
        for key, note in re.findall(r'<li><a href="[^"]*services/([^/"]+)/">[^<]*</a>(?: <span class="note">· ([^<]*)</span>)?</li>', html):
            providers = sorted({names[p.organization] for p in exp.projects.values()
                                if p.county == county and key in p.services and p.organization in names})
            if len(providers) <= 10:
                if note != "、".join(providers):
                    problems.append(f"{county} {key}: {note!r}, want all {len(providers)}")
            else:
                cut += 1
                if note != "、".join(providers[:10]) + f"等，共{len(providers)}家":
                    problems.append(f"{county} {key}: {note[:80]!r}…, want the first 10 of {len(providers)}")
    assert not problems, "\n".join(problems[:20])
    assert cut, "no county offers a service with more than 10 providers here: the check says little"


@pytest.mark.parametrize("kind,heading,words", [("organizations", "org-notices-heading", "相关公告"),
                                                ("projects", "project-notices-heading", "相关公告")])
def test_record_pages_list_their_newest_50_notices(generated, kind, heading, words):
    """An organization or project named by more than 50 notices lists the newest 50 and says how many there are
    (generated notices name many records: such pages reached 350 and 470 KB at 20,000 projects)."""
    import glob
    cut = 0
    for path in glob.glob(os.path.join(generated, kind, "*", "index.html")):
        with open(path, encoding="utf-8") as f:
            html = f.read()
        section = html[html.index(f'id="{heading}"'):]
        section = section[:section.index("</section>")]
        items = len(re.findall(r"<li\b", section))
        m = re.search(rf"共(\d+)条{words}，这里列出最新的50条", section)
        assert items <= 50, f"{path}: {items} notices listed"
        if m:
            cut += 1
            assert int(m.group(1)) > 50 and items == 50, f"{path}: {items} listed, the note says {m.group(0)}"
    assert cut, f"no page of {kind} is named by more than 50 notices here: the check says little"
