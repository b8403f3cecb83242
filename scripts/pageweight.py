"""Page weight (issue 16, light pages): what residents download from a built site, beside the targets — every
HTML page ≤ 250 KB, a search query ≤ 300 KB in all — and the feeds, the open-data files with their gzip copies
and the largest files. Used by scripts/page-sizes (any built site) and scripts/bench-build (the province build).

The search figures come from the real search page in headless Chromium (Tests/Site/searchbytes.py, the same
counting as the tests): a fresh browser context per query, the search files it fetched summed as stored and as
gzip -6 would send them. KB here is 1,000 bytes.
"""
from __future__ import annotations

import os
import sys

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "Tests", "Site"))

import searchbytes  # noqa: E402

HTML_TARGET = 250_000
QUERY_TARGET = searchbytes.QUERY_BYTES_TARGET
QUERIES = searchbytes.QUERIES


def sizes(site, suffix=""):
    """[(bytes, path relative to site)] of the files ending in `suffix`, largest first."""
    out = []
    for dirpath, _, files in os.walk(site):
        for name in files:
            if name.endswith(suffix):
                path = os.path.join(dirpath, name)
                out.append((os.path.getsize(path), os.path.relpath(path, site).replace(os.sep, "/")))
    return sorted(out, key=lambda x: (-x[0], x[1]))


def measure(site, queries=QUERIES, search=True, top=10) -> dict:
    """The figures of a built site (search=False skips the browser)."""
    html = sizes(site, ".html")
    result = {
        "html_pages": len(html),
        "html_over_target": [{"path": p, "bytes": s} for s, p in html if s > HTML_TARGET],
        "html_largest": [{"path": p, "bytes": s} for s, p in html[:top]],
        "feeds_largest": [{"path": p, "bytes": s} for s, p in sizes(site, ".atom")[:5]],
        "gzip": [{"path": p[:-3], "bytes": os.path.getsize(os.path.join(site, p[:-3])), "gzip": s}
                 for s, p in sizes(site, ".gz")],
        "largest_files": [{"path": p, "bytes": s} for s, p in sizes(site)[:top]],
    }
    site_feed = os.path.join(site, "feeds", "notices.atom")
    if os.path.exists(site_feed):
        result["site_feed_bytes"] = os.path.getsize(site_feed)
    folder = os.path.join(site, "search")
    if os.path.isdir(os.path.join(folder, "terms")):
        terms, docs = sizes(os.path.join(folder, "terms"), ".json"), sizes(os.path.join(folder, "docs"), ".json")
        result["search_files"] = {"manifest": os.path.getsize(os.path.join(folder, "manifest.json")),
                                  "term_shards": len(terms), "term_largest": terms[0][0] if terms else 0,
                                  "doc_shards": len(docs), "doc_largest": docs[0][0] if docs else 0}
        if search:
            result["queries"] = [dict(r, files=len(r["files"])) for r in searchbytes.measure_all(site, queries)]
    result["html_largest_bytes"] = html[0][0] if html else 0
    if result.get("queries"):
        worst = max(result["queries"], key=lambda r: r["bytes"])
        result["query_worst"] = {"query": worst["query"], "bytes": worst["bytes"], "gzip": worst["gzip"]}
    result["targets"] = targets(result)
    return result


def targets(result) -> dict:
    out = {"html_largest_kb": {"value": round(result["html_largest_bytes"] / 1000, 1), "target": "<= 250",
                               "met": result["html_largest_bytes"] <= HTML_TARGET}}
    if "query_worst" in result:
        worst = result["query_worst"]["bytes"]
        out["search_query_worst_kb"] = {"value": round(worst / 1000, 1), "target": "<= 300", "met": worst <= QUERY_TARGET}
        # As a server with gzip on sends the JSON (docs/nginx.md; Pagefind's figure counts compressed bytes too).
        packed = max(r["gzip"] for r in result["queries"])
        out["search_query_worst_gzip_kb"] = {"value": round(packed / 1000, 1), "target": "<= 300", "met": packed <= QUERY_TARGET}
    return out


def lines(result) -> list:
    """The figures as text: the targets first, then the details."""
    kb = lambda b: f"{b / 1000:,.1f} KB"
    out = ["page weight (issue 16, light pages; KB = 1,000 bytes)"]
    t = result["targets"]["html_largest_kb"]
    largest = result["html_largest"][0]["path"] if result["html_largest"] else "-"
    out.append(f"  largest HTML page        {kb(result['html_largest_bytes']):>12}  target <= 250 KB  "
               f"{'met' if t['met'] else 'missed'}   ({largest}; {result['html_pages']} pages, "
               f"{len(result['html_over_target'])} over 250 KB)")
    if "query_worst" in result:
        t, w = result["targets"]["search_query_worst_kb"], result["query_worst"]
        out.append(f"  search, worst query      {kb(w['bytes']):>12}  target <= 300 KB  {'met' if t['met'] else 'missed'}"
                   f"   ({w['query']}, files as stored)")
        t = result["targets"]["search_query_worst_gzip_kb"]
        g = max(result["queries"], key=lambda r: r["gzip"])
        out.append(f"  search, worst query gzip {kb(g['gzip']):>12}  target <= 300 KB  {'met' if t['met'] else 'missed'}"
                   f"   ({g['query']}, as sent with gzip on: docs/nginx.md)")
    for r in result["html_over_target"][:20]:
        out.append(f"    over 250 KB: {r['bytes']:>12,}  {r['path']}")
    if result.get("queries"):
        out.append("  bytes a query downloads (manifest + term shards + document shards; as stored, gzip -6):")
        for r in result["queries"]:
            out.append(f"    {r['bytes']:>10,} {r['gzip']:>9,}  {r['files']:>3} files  {r['query']}  ({r['status']} {r['shown']} shown)")
    if "search_files" in result:
        s = result["search_files"]
        out.append(f"  search pieces: manifest {s['manifest']:,} bytes; {s['term_shards']} term shards (largest "
                   f"{s['term_largest']:,}); {s['doc_shards']} document shards (largest {s['doc_largest']:,})")
    out.append("  largest HTML pages:")
    out += [f"    {r['bytes']:>12,}  {r['path']}" for r in result["html_largest"]]
    if "site_feed_bytes" in result:
        out.append(f"  feeds/notices.atom {result['site_feed_bytes']:,} bytes; largest feeds:")
    out += [f"    {r['bytes']:>12,}  {r['path']}" for r in result["feeds_largest"]]
    out.append("  open data with a gzip copy (bytes -> gzip):")
    out += [f"    {r['bytes']:>12,} -> {r['gzip']:>11,}  {r['path']}" for r in result["gzip"]]
    out.append("  largest files:")
    out += [f"    {r['bytes']:>12,}  {r['path']}" for r in result["largest_files"]]
    return out
