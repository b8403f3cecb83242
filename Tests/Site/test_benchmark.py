"""scripts/bench-build at a small scale (N=500, one run of each): every measurement is taken and reported, the
notices-only site and the Hugo site hold the same notices, and a build with nothing changed leaves the output
byte-identical. The figures themselves are not judged here (docs/performance.md); only that they exist.

Needs hugo, cmark and GNU time (scripts/install-test-tools). With a debug binary the run takes minutes.
"""
from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys

import pytest

import sitelib
from conftest import require_tool

BENCH = os.path.join(sitelib.REPO_ROOT, "scripts", "bench-build")
N = 500
SMALL = 100   # serve is measured at SMALL and N projects
MEASUREMENTS = ("province", "double", "unchanged", "one_notice", "cmark", "copy", "notices_gazette",
                "notices_hugo", "serve")
RATIOS = ("double_ratio", "notices_vs_hugo", "notices_user_vs_hugo", "notices_memory_vs_hugo", "province_vs_floor",
          "province_memory_mb", "unchanged_ratio", "unchanged_identical", "one_notice_ratio", "one_notice_identical",
          "restored_identical") + tuple(f"serve_{kind}@{n}" for n in (SMALL, N)
                                        for kind in ("notice_ms", "project_ms", "ledger_ms", "template_ratio"))


@pytest.fixture(scope="module")
def bench(gazette, tmp_path_factory):
    require_tool(shutil.which("hugo") is not None, "hugo (Debian package `hugo`)")
    require_tool(shutil.which("cmark") is not None, "cmark (Debian package `cmark`)")
    require_tool(os.access("/usr/bin/time", os.X_OK), "GNU time (Debian package `time`)")
    work = str(tmp_path_factory.mktemp("bench") / "work")
    args = [sys.executable, BENCH, "--projects", str(N), "--runs", "1", "--work", work, "--bin", gazette, "--keep",
            "--serve-small", str(SMALL)]
    p = subprocess.run(args, capture_output=True, text=True, timeout=1800, cwd=sitelib.REPO_ROOT)
    assert p.returncode == 0, f"$ {' '.join(args)}\nexit {p.returncode}\n{p.stdout[-4000:]}\n{p.stderr[-4000:]}"
    with open(os.path.join(work, "results.json"), encoding="utf-8") as f:
        results = json.load(f)
    return {"work": work, "results": results, "stdout": p.stdout, "stderr": p.stderr}


def test_every_measurement_has_positive_times_and_memory(bench):
    m = bench["results"]["measurements"]
    assert bench["results"]["skipped"] == []
    for key in MEASUREMENTS:
        assert key in m, f"no {key} in results.json"
        if key == "serve":
            continue
        assert m[key]["runs"], key
        for run in m[key]["runs"]:
            assert run["exit"] == 0, (key, run)
            assert run["wall_s"] > 0, (key, run)
            assert run["peak_rss_kb"] and run["peak_rss_kb"] > 0, (key, run)
        assert m[key]["median_s"] > 0 and m[key]["peak_rss_kb"] > 0, key
        assert m[key]["user_s"] is not None and m[key]["user_s"] >= 0, key
    assert m["floor"]["median_s"] == pytest.approx(m["cmark"]["median_s"] + m["copy"]["median_s"], abs=1e-3)
    for key in ("province", "double"):
        assert m[key]["pages"] > 0 and m[key]["files"] > m[key]["pages"] and m[key]["pages_per_s"] > 0, key
        assert re.match(r"gazette build: \d+ pages, \d+ files in ", m[key]["summary"] or ""), m[key]["summary"]
    assert m["province"]["projects"] == N and m["double"]["projects"] == 2 * N
    assert m["double"]["pages"] > m["province"]["pages"]
    assert m["cmark"]["markdown_files"] > 0 and m["cmark"]["markdown_bytes"] > 0


def test_every_ratio_has_a_value_target_and_verdict(bench):
    ratios = bench["results"]["ratios"]
    assert set(ratios) == set(RATIOS)
    for key, r in ratios.items():
        assert r["value"] is not None, key
        assert r["result"] == ("met" if r["met"] else "missed"), (key, r)
        if not isinstance(r["value"], bool):
            assert r["value"] > 0, (key, r)


def test_the_table_and_the_header_are_printed(bench):
    out = bench["stdout"]
    assert re.search(r"^machine: \d+ CPUs \(nproc\), .+, [\d.]+ GiB memory", out, re.M), out[:500]
    for tool in ("gazette", "hugo", "cmark"):
        assert re.search(rf"^{tool}: \S", out, re.M), tool
    for row in (f"province build, N={N}", f"double build, N={2 * N}", "notices only: hugo", "notices only: gazette",
                "floor = cmark + cp -r", "nothing changed, same output", "one notice changed",
                "notices only: user CPU", "province build, peak memory", "= fresh full build on one thread",
                f"serve N={SMALL}: one notice", f"serve N={N}: one project", f"serve N={N}: one ledger row",
                f"serve N={N}: one template"):
        assert row in out, row
    table = out[out.index("\nmeasurement "):out.index(" targets met; ")]
    assert len(re.findall(r"\b(met|missed)\b", table)) == len(RATIOS)
    assert "targets met; results in" in out


def test_nothing_changed_leaves_the_output_byte_identical(bench):
    m = bench["results"]["measurements"]
    assert m["unchanged"]["identical"] is True, m["unchanged"]["differences"]
    assert m["one_notice"]["restored_identical"] is True, m["one_notice"]["differences"]
    assert m["one_notice"]["identical"] is True, m["one_notice"]["fresh_differences"]


def test_the_edited_notice_is_restored(bench):
    work = bench["work"]
    assert not os.path.exists(os.path.join(work, "editing.json"))
    content = os.path.join(work, f"content-{N}-s1")
    notice = os.path.join(content, bench["results"]["measurements"]["one_notice"]["notice"])
    with open(notice, encoding="utf-8") as f:
        assert "bench-build" not in f.read()
    with open(content + ".stamp.json", encoding="utf-8") as f:
        stamp = json.load(f)
    assert stamp["projects"] == N and stamp["seed"] == 1 and len(stamp["generator_sha256"]) == 64


def _single_notices(folder):
    return sorted(n for n in os.listdir(folder)
                  if n not in ("page", "kind") and os.path.isfile(os.path.join(folder, n, "index.html")))


def test_notices_only_and_hugo_have_the_same_notice_pages(bench):
    work, m = bench["work"], bench["results"]["measurements"]
    source = sorted(n[:-3] for n in os.listdir(os.path.join(work, "notices-only", "content", "notices")))
    hugo_sources = sorted(n[:-3] for n in os.listdir(os.path.join(work, "notices-only", "hugo", "content", "notices")))
    gazette_pages = _single_notices(os.path.join(work, "notices-only", "out", "notices"))
    hugo_pages = _single_notices(os.path.join(work, "notices-only", "hugo", "public", "notices"))
    assert source == hugo_sources == gazette_pages == hugo_pages
    assert m["notices_gazette"]["notice_pages"] == m["notices_hugo"]["notice_pages"] == len(source) > 0
    assert m["notices_gazette"]["same_notice_pages_as_hugo"] is True
    # Drafts are left out of both; N/2 notices were generated, about 2 % of them drafts.
    assert m["notices_gazette"]["drafts_dropped"] == (N // 2) // 50
    assert len(source) == N // 2 - m["notices_gazette"]["drafts_dropped"]


def test_notices_only_content_has_no_record_links(bench):
    base = os.path.join(bench["work"], "notices-only")
    assert sorted(os.listdir(os.path.join(base, "content"))) == ["notices", "pages", "programme.yaml", "regions.yaml",
                                                                  "site.yaml"]
    regions = notices_links = 0
    for name in os.listdir(os.path.join(base, "content", "notices")):
        with open(os.path.join(base, "content", "notices", name), encoding="utf-8") as f:
            text = f.read()
        front = text.split("\n---\n", 1)[0]
        assert not re.search(r"^(projects|organizations|draft):", front, re.M), name
        assert not re.search(r"\]\((project|organization):", text), name
        regions += len(re.findall(r"\]\(region:", text))
        notices_links += len(re.findall(r"\]\(notice:", text))
        with open(os.path.join(base, "hugo", "content", "notices", name), encoding="utf-8") as f:
            hugo = f.read()
        hugo_front, hugo_body = hugo[4:].split("\n---\n", 1)
        assert [line.split(":")[0] for line in hugo_front.split("\n")] == ["title", "date"], name
        assert hugo_body == text.split("\n---\n", 1)[1], name
    assert regions > 0 and notices_links > 0
    assert "0 errors" in bench["results"]["measurements"]["notices_gazette"]["summary"]


def test_serve_reload_is_measured_at_both_scales(bench):
    serve = bench["results"]["measurements"]["serve"]
    assert sorted(serve, key=int) == [str(SMALL), str(N)]
    for n, s in serve.items():
        assert s["ready_s"] > 0 and s["peak_rss_kb"] > 0
        assert set(s["kinds"]) == {"notice", "project", "ledger", "template"}
        for kind, k in s["kinds"].items():
            assert k["all_answered"] and not k["errors"], (n, kind, k)
            for edit in k["edits"]:
                assert edit["latency_ms"] > 0 and edit["server_rebuild_ms"] is not None, (n, kind, edit)
                assert edit["after_debounce_ms"] == pytest.approx(edit["latency_ms"] - s["debounce_ms"], abs=0.2)
        assert len(s["kinds"]["notice"]["edits"]) == 5 and s["kinds"]["notice"]["page_named_every_time"]
        assert s["debounce_ms"] > 0
        assert bench["results"]["ratios"][f"serve_notice_ms@{n}"]["value"] == s["kinds"]["notice"]["after_debounce_ms"]
    # The edited files are back as they were, and the repository's templates were never touched.
    assert not os.path.exists(os.path.join(bench["work"], "editing.json"))
    assert not os.path.exists(os.path.join(bench["work"], "serve-templates"))


def test_a_missing_tool_names_what_to_install(tmp_path):
    env = dict(os.environ, PATH=str(tmp_path))   # no hugo, no cmark on this PATH
    p = subprocess.run([sys.executable, BENCH, "--projects", "10", "--work", str(tmp_path / "w")],
                       capture_output=True, text=True, timeout=60, env=env)
    assert p.returncode == 2
    assert p.stderr.count("\n") == 1 and "apt-get install -y hugo cmark time" in p.stderr, p.stderr
    assert not os.path.exists(tmp_path / "w")


# ---------------------------------------------------------------------------- page weight (issue 16, light pages)
def test_page_weight_is_reported_beside_its_targets(bench):
    """The page-weight block: the largest HTML page and the worst search query beside their targets, in
    results.json and printed after the table."""
    pw = bench["results"]["page_weight"]
    assert set(pw["targets"]) == {"html_largest_kb", "search_query_worst_kb", "search_query_worst_gzip_kb"}, pw.get("skipped")
    assert pw["html_pages"] > 0 and pw["queries"] and all(q["bytes"] > 0 for q in pw["queries"])
    out = bench["stdout"]
    assert "target <= 250 KB" in out and "target <= 300 KB" in out and "page-weight targets met" in out
