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
import unicodedata

import pytest

import searchbytes
import sitelib

FIXTURE = os.path.join(os.path.dirname(__file__), "fixtures", "search", "whole-index-search.js")


def _load(site, rel):
    with open(os.path.join(site, rel), encoding="utf-8") as f:
        return json.load(f)


DIGITS = "0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ-_"


def decode_postings(text):
    """A term shard's postings (SearchShards.swift) → {doc: flags}."""
    out, doc, value, shift = {}, 0, 0, 0
    for ch in text:
        v = DIGITS.index(ch)
        if v >= 32:
            value += (v - 32) << shift
            shift += 5
            continue
        value += v << shift
        doc += value >> 4
        assert doc not in out, f"document {doc} twice in {text[:40]}…"
        out[doc] = value & 15
        value = shift = 0
    return out


IN_TITLE, MATCHES, FLAT_TITLE, FLAT_FIELD = 1, 2, 4, 8


def test_shards_hold_exactly_the_whole_index(site):
    """Every pair and word key of index.json is in the shard the manifest points to, its matching postings
    (flag 2, with the title flag 1) exactly index.json's; one Han character's entry is the union of the Han keys
    holding it; keys found only in flat text match nothing; the document shards are index.json's documents in
    order; the kinds start where the manifest says."""
    whole = _load(site, "search/index.json")
    manifest = _load(site, "search/manifest.json")
    assert manifest["kinds"] == whole["kinds"] and manifest["docs"] == len(whole["docs"])
    kinds = [d[0] for d in whole["docs"]]
    assert manifest["kindStarts"] == [sum(1 for k in kinds if k < kind) for kind in range(len(whole["kinds"]))]
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

    def matching(text):
        return [d * 2 + (f & IN_TITLE) for d, f in sorted(decode_postings(text).items()) if f & MATCHES]

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
        if got is None or matching(got) != postings:
            problems.append(f"{key}: not in shard {shard_of(key)} with its postings")
    for ch, docs in unions.items():
        want = [d * 2 + docs[d] for d in sorted(docs)]
        got = shards[shard_of(ch)].get(ch)
        if got is None or matching(got) != want:
            problems.append(f"{ch}: the one-character entry is not the union of the keys holding it")
    for i, shard in enumerate(shards):
        for key, text in shard.items():
            if shard_of(key) != i:
                problems.append(f"{key}: in shard {i}, the manifest says {shard_of(key)}")
            if key.endswith("*"):
                continue
            if key not in whole["terms"] and key not in unions and matching(text):
                problems.append(f"{key}: only in flat text, yet it matches documents")
    # A short word + `*` is the union of the word keys it begins (every flag), for every one- and two-character
    # beginning of a word key.
    entries = {k: decode_postings(v) for shard in shards for k, v in shard.items()}
    words = [k for k in entries if not is_han(k[0]) and not k.startswith("=") and not k.endswith("*")]
    starts = {w[:n] for w in words for n in (1, 2) if len(w) >= n}
    assert {k for k in entries if k.endswith("*")} == {p + "*" for p in starts}
    for prefix in starts:
        want = {}
        for w in words:
            if w.startswith(prefix):
                for d, f in entries[w].items():
                    want[d] = want.get(d, 0) | f
        if entries[prefix + "*"] != want:
            problems.append(f"{prefix}*: not the union of the word keys it begins")
    docs = []
    i = 0
    while os.path.exists(os.path.join(site, f"search/docs/{i}.json")):
        part = _load(site, f"search/docs/{i}.json")
        assert len(part) == manifest["docsPerShard"] or i == (len(whole["docs"]) - 1) // manifest["docsPerShard"]
        docs += part
        i += 1
    assert docs == whole["docs"], "the document shards are not index.json's documents in order"
    assert not problems, "\n".join(problems[:30])


def test_flat_flags_bound_the_whole_query(site):
    """The flags 4 and 8 are what lets the page rank without every document: for every document, each term of
    any piece of its flat title (or of one of its named fields) must find it with flag 4 (or 8), looked up as the
    page looks it up — else the page could rank a document lower than the whole-index search does."""
    whole = _load(site, "search/index.json")
    manifest = _load(site, "search/manifest.json")
    firsts = manifest["shards"]
    entries = {}
    for i in range(len(firsts)):
        entries.update({k: decode_postings(v) for k, v in _load(site, f"search/terms/{i}.json").items()})
    word_keys = sorted(k for k in entries if not _is_han(k[0]))
    rng = random.Random(16)
    problems = []
    for number, d in enumerate(whole["docs"]):
        texts = [(d[2], FLAT_TITLE)] + [(f[1], FLAT_FIELD) for f in (d[4].get("f", []) if len(d) > 4 else [])]
        for text, flag in texts:
            flat = re.sub(r"\s+", "", unicodedata.normalize("NFKC", text).lower())
            if not flat:
                continue
            for _ in range(3):
                n = rng.randint(1, min(8, len(flat)))
                start = rng.randint(0, len(flat) - n)
                piece = flat[start:start + n]
                for term in _terms(piece):
                    # As search.js looks terms up: a short word by its union, a longer one by every key it begins.
                    keys = [term] if _is_han(term[0]) else [term + "*"] if len(term) <= 2 else \
                        [k for k in word_keys if k.startswith(term)]
                    if not any(entries.get(k, {}).get(number, 0) & flag for k in keys):
                        problems.append(f"{d[1]}: {piece!r} (from {text!r}) — term {term!r} lacks flag {flag}")
    assert not problems, f"{len(problems)}:\n" + "\n".join(problems[:30])


def _is_han(ch):
    c = ord(ch)
    return c == 0x3007 or 0x3400 <= c <= 0x4DBF or 0x4E00 <= c <= 0x9FFF or 0xF900 <= c <= 0xFAFF or 0x20000 <= c <= 0x323AF


def _terms(text):
    """search.js's terms of an already flat text (Han pairs or single characters, lower-case words)."""
    out = []
    for run in re.findall(r"[^\W_]+", text):
        han, word = "", ""
        for ch in run + "\0":
            if ch != "\0" and _is_han(ch):
                if word:
                    out.append(word)
                    word = ""
                han += ch
            else:
                if han:
                    out += [han] if len(han) == 1 else [han[i:i + 2] for i in range(len(han) - 1)]
                    han = ""
                if ch != "\0":
                    word += ch
        if word:
            out.append(word)
    return out


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


def _page_results(page, q, want):
    """Submits `q` on the search page and asks for more results until `want` are shown or there are no more:
    {status, first: the paths shown at once, paths: all shown}."""
    page.evaluate("""q => {
        const form = document.querySelector('form.search-form');
        document.querySelector('.search-results').removeAttribute('data-query');
        document.getElementById('search-query').value = q;
        form.dispatchEvent(new Event('submit', {cancelable: true}));
    }""", q)
    searchbytes.wait_for_results(page, q, timeout=30_000)
    paths = lambda: [p[1].lstrip("/") for p in searchbytes.shown_results(page)]
    first = paths()
    while len(paths()) < want and page.locator(".search-more").is_visible():
        shown = len(paths())
        page.locator(".search-more").click()
        page.wait_for_function("n => document.querySelectorAll('.search-results li').length > n", arg=shown, timeout=30_000)
    status = page.evaluate("() => document.querySelector('.search-status').textContent")
    return {"status": status, "first": first, "paths": paths()[:want]}


def test_sharded_search_equals_the_whole_index(browser, server, site):
    """The page's search (pieces fetched per query, twenty results at a time) against the old whole-index
    search: 150 seeded random queries, the same count, the same first twenty at once, and the same first 100
    in the same order after asking for more."""
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
        # A fresh page for each query: what earlier queries fetched must not help this one decide its order.
        fresh = page.context.new_page()
        fresh.on("pageerror", lambda e: errors.append(str(e)))
        fresh.goto(server.url + "/search/", wait_until="load")
        got = _page_results(fresh, q, 100)
        fresh.close()
        if want is None:
            if got["paths"]:
                problems.append(f"{q!r}: no terms, but results shown")
            continue
        count = int(re.search(r"\d+", got["status"]).group()) if want["count"] else 0
        if got["first"] != want["paths"][:searchbytes.PAGE]:
            problems.append(f"{q!r}: first page {got['first'][:5]}…, whole index: {want['paths'][:5]}…")
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
