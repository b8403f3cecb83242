"""The search index in pieces (issue 16): the page fetches a small manifest, then only the term and document
shards a query needs. The old whole-index search (fixtures/search/whole-index-search.js, the script as it was,
run on search/index.json) is the oracle: many seeded random queries give the same results in the same order,
and the same count, in both.
"""
from __future__ import annotations

import json
import os
import random
import re

import pytest

import sitelib

FIXTURE = os.path.join(os.path.dirname(__file__), "fixtures", "search", "whole-index-search.js")


def _load(site, rel):
    with open(os.path.join(site, rel), encoding="utf-8") as f:
        return json.load(f)


def test_shards_hold_exactly_the_whole_index(site):
    """Every pair and word key of index.json is in the shard the manifest points to, with the same postings;
    one Han character's entry is the union of the Han keys holding it; the document shards are index.json's
    documents in order."""
    whole = _load(site, "search/index.json")
    manifest = _load(site, "search/manifest.json")
    assert manifest["kinds"] == whole["kinds"] and manifest["docs"] == len(whole["docs"])
    firsts = manifest["shards"]
    utf16 = lambda s: s.encode("utf-16-be")
    assert firsts[0] == "" and [utf16(k) for k in firsts] == sorted(utf16(k) for k in firsts)
    shards = [_load(site, f"search/terms/{i}.json") for i in range(len(firsts))]

    def decode(deltas):
        out, v = [], 0
        for d in deltas:
            v += d
            out.append(v)
        return out

    def shard_of(key):
        return max(i for i, first in enumerate(firsts) if utf16(first) <= utf16(key))

    is_han = lambda ch: ord(ch) == 0x3007 or 0x3400 <= ord(ch) <= 0x4DBF or 0x4E00 <= ord(ch) <= 0x9FFF \
        or 0xF900 <= ord(ch) <= 0xFAFF or 0x20000 <= ord(ch) <= 0x323AF
    unions = {}
    problems = []
    for key, deltas in whole["terms"].items():
        postings = decode(deltas)
        if is_han(key[0]):
            for ch in set(key):
                for p in postings:
                    unions.setdefault(ch, {})
                    unions[ch][p >> 1] = max(unions[ch].get(p >> 1, 0), p & 1)
            if len(key) == 1:
                continue
        got = shards[shard_of(key)].get(key)
        if got is None or decode(got) != postings:
            problems.append(f"{key}: not in shard {shard_of(key)} with its postings")
    for ch, docs in unions.items():
        want = [d * 2 + docs[d] for d in sorted(docs)]
        got = shards[shard_of(ch)].get(ch)
        if got is None or decode(got) != want:
            problems.append(f"{ch}: the one-character entry is not the union of the keys holding it")
    n_entries = sum(len(s) for s in shards)
    assert n_entries == len([k for k in whole["terms"] if not (is_han(k[0]) and len(k) == 1)]) + len(unions) - \
        len([k for k in whole["terms"] if is_han(k[0]) and len(k) == 1 and k not in unions]), "extra keys in the shards"
    docs = []
    i = 0
    while os.path.exists(os.path.join(site, f"search/docs/{i}.json")):
        part = _load(site, f"search/docs/{i}.json")
        assert len(part) == manifest["docsPerShard"] or i == (len(whole["docs"]) - 1) // manifest["docsPerShard"]
        docs += part
        i += 1
    assert docs == whole["docs"], "the document shards are not index.json's documents in order"
    assert not problems, "\n".join(problems[:30])


def _queries(site, seed, count):
    """Queries residents might type, from the index's own texts: pieces of titles, subtitles and fields of one
    to eight characters, two pieces with a space, words of IDs, synonyms, full-width and upper-case forms,
    single characters, and a few that match nothing."""
    rng = random.Random(seed)
    whole = _load(site, "search/index.json")
    texts = []
    for d in whole["docs"]:
        texts += [d[2], d[3]]
        if len(d) > 4:
            texts += [f[1] for f in d[4].get("f", [])]
    texts = [t for t in texts if t]
    words = sorted({w for d in whole["docs"] for w in re.findall(r"[a-z0-9]+", d[1])})

    def piece():
        t = rng.choice(texts)
        n = rng.randint(1, min(8, len(t)))
        start = rng.randint(0, len(t) - n)
        return t[start:start + n]

    out = ["养老", "满意度", "城东区", "东关大街社区", "qh", "QH2017", "ｑｈ２０１７", "留守 儿童", "区", "zzzz", "不存在的词语"]
    while len(out) < count:
        r = rng.random()
        if r < 0.5:
            q = piece()
        elif r < 0.65:
            q = piece() + " " + piece()
        elif r < 0.8:
            w = rng.choice(words)
            q = w[: rng.randint(1, len(w))]
        elif r < 0.9:
            q = piece().upper()
        else:
            q = rng.choice(texts)
        if q.strip():
            out.append(q)
    return out


def test_sharded_search_equals_the_whole_index(browser, server, site):
    """The page's search (pieces fetched per query) against the old whole-index search: 150 seeded random
    queries, the same count and the same first 100 results in the same order."""
    page = browser.new_context(locale="zh-CN").new_page()
    errors = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.goto(server.url + "/search/", wait_until="load")
    with open(FIXTURE, encoding="utf-8") as f:
        page.add_script_tag(content=f.read())
    page.evaluate("""async () => {
        window.__index = await (await fetch('index.json')).json();
        window.__synonyms = JSON.parse(document.querySelector('form.search-form').getAttribute('data-synonyms'));
    }""")
    problems = []
    queries = _queries(site, seed=16, count=150)
    found = 0
    for q in queries:
        want = page.evaluate("q => wholeIndexSearch(window.__index, window.__synonyms, q)", q)
        found += bool(want and want["count"])
        got = page.evaluate("""q => new Promise((resolve, reject) => {
            const form = document.querySelector('form.search-form'), input = document.getElementById('search-query');
            const status = document.querySelector('.search-status'), list = document.querySelector('.search-results');
            status.textContent = ''; list.textContent = '';
            input.value = q;
            form.dispatchEvent(new Event('submit', {cancelable: true}));
            const started = Date.now();
            const poll = () => {
                const text = status.textContent;
                const done = text && text !== form.getAttribute('data-loading');
                const empty = !q.trim() || !/[\\p{Alphabetic}\\p{N}]/u.test(q);
                if (done || (empty && Date.now() - started > 300)) {
                    resolve({status: text, paths: Array.from(list.querySelectorAll('li a')).map(a => new URL(a.href).pathname.slice(1))});
                } else if (Date.now() - started > 20000) {
                    reject(new Error('no result for ' + q));
                } else setTimeout(poll, 10);
            };
            poll();
        })""", q)
        if want is None:
            if got["paths"]:
                problems.append(f"{q!r}: no terms, but results shown")
            continue
        count = int(re.search(r"\d+", got["status"]).group()) if want["count"] else 0
        if count != want["count"] or got["paths"] != want["paths"]:
            problems.append(f"{q!r}: {count} results {got['paths'][:5]}…, whole index: {want['count']} {want['paths'][:5]}…")
    page.context.close()
    assert not errors, errors
    assert found >= len(queries) // 2, f"only {found} of {len(queries)} queries found anything: the comparison says little"
    assert not problems, f"{len(problems)} of {len(queries)} queries differ:\n" + "\n".join(problems[:30])


def test_a_query_fetches_only_what_it_needs(browser, server, site):
    """One query fetches the manifest, the shards of its terms and of the documents it matched; never index.json."""
    page = browser.new_context(locale="zh-CN").new_page()
    urls = []
    page.on("request", lambda r: urls.append(r.url))
    page.goto(server.url + "/search/", wait_until="load")
    page.fill("#search-query", "东关大街社区")
    page.press("#search-query", "Enter")
    page.wait_for_function("() => /\\d/.test(document.querySelector('.search-status').textContent)")
    fetched = [u.split("/search/", 1)[1] for u in urls if "/search/" in u and u.endswith(".json")]
    page.context.close()
    assert "index.json" not in fetched
    assert "manifest.json" in fetched
    terms = [u for u in fetched if u.startswith("terms/")]
    n_terms = len(os.listdir(os.path.join(site, "search", "terms")))
    assert 1 <= len(terms) <= n_terms and len(set(terms)) == len(terms), f"each shard fetched once: {fetched}"
    assert any(u.startswith("docs/") for u in fetched), fetched
