// The search page's script (only search/index.html loads it). On first use it fetches the index's manifest
// (search/manifest.json), then for each query only the pieces it needs: the term shards holding the query's
// terms and the document shards holding the documents they match (Sources/GazetteMachineFiles/Search/SearchShards.swift),
// and lists what matches. The query is split into terms exactly as Sources/GazetteMachineFiles/Search/SearchTokenizer.swift
// splits the records: Han text into pairs of neighbouring characters, other text into lower-case words.
(function () {
  "use strict";
  var form = document.querySelector("form.search-form");
  if (!form || !window.fetch || !String.prototype.normalize) return;
  var input = form.querySelector("input[name=q]");
  var status = document.querySelector(".search-status");
  var list = document.querySelector(".search-results");
  var fallback = document.querySelector(".search-fallback");
  form.hidden = false;
  if (fallback) fallback.hidden = true;

  var MAX_SHOWN = 100;
  var manifest = null, loading = null, entries = {}, wordKeys = [], decoded = {}, shards = {}, docs = {};

  // ---- terms (keep in step with SearchTokenizer.swift)
  function isHan(cp) {
    return cp === 0x3007 || (cp >= 0x3400 && cp <= 0x4DBF) || (cp >= 0x4E00 && cp <= 0x9FFF) ||
      (cp >= 0xF900 && cp <= 0xFAFF) || (cp >= 0x20000 && cp <= 0x323AF);
  }
  var WORD = /[\p{Alphabetic}\p{N}]/u;
  function terms(text) {
    var out = [], han = [], word = "";
    function flushHan() {
      if (han.length === 1) out.push({ han: true, text: han[0] });
      for (var i = 0; i + 1 < han.length; i++) out.push({ han: true, text: han[i] + han[i + 1] });
      han = [];
    }
    function flushWord() {
      if (word) out.push({ han: false, text: word });
      word = "";
    }
    for (var ch of text.normalize("NFKC").toLowerCase()) {
      if (isHan(ch.codePointAt(0))) { flushWord(); han.push(ch); }
      else if (WORD.test(ch)) { flushHan(); word += ch; }
      else { flushHan(); flushWord(); }
    }
    flushHan();
    flushWord();
    return out;
  }

  // ---- the index, in pieces
  var manifestURL = form.getAttribute("data-index"), folder = manifestURL.replace(/manifest\.json$/, "");
  function getJSON(url) {
    return fetch(url).then(function (response) {
      if (!response.ok) throw new Error("HTTP " + response.status);
      return response.json();
    });
  }
  function load() {
    if (!loading) {
      status.textContent = form.getAttribute("data-loading");
      loading = getJSON(manifestURL).then(function (data) { manifest = data; });
    }
    return loading;
  }
  // The term shard a key is in: the last one whose first key is not after it (keys in UTF-16 order, as `<`).
  function shardOf(key) {
    var lo = 0, hi = manifest.shards.length - 1;
    while (lo < hi) { var mid = (lo + hi + 1) >> 1; if (manifest.shards[mid] <= key) lo = mid; else hi = mid - 1; }
    return lo;
  }
  // The shards a query term needs: its key's; for a word, every shard the keys it begins can be in.
  function shardsFor(term) {
    if (term.han) return [shardOf(term.text)];
    var out = [];
    for (var i = shardOf(term.text), last = shardOf(term.text + "\uffff"); i <= last; i++) out.push(i);
    return out;
  }
  function loadTerms(numbers) {
    numbers.forEach(function (n) {
      if (shards[n]) return;
      shards[n] = getJSON(folder + "terms/" + n + ".json").then(function (data) {
        Object.keys(data).forEach(function (key) {
          entries[key] = data[key];
          if (!isHan(key.codePointAt(0))) wordKeys.push(key);
        });
        wordKeys.sort();
      });
    });
    return Promise.all(numbers.map(function (n) { return shards[n]; }));
  }
  function loadDocs(ids) {
    var per = manifest.docsPerShard, wanted = {};
    ids.forEach(function (d) { wanted[Math.floor(d / per)] = true; });
    return Promise.all(Object.keys(wanted).map(function (n) {
      if (!docs[n]) docs[n] = getJSON(folder + "docs/" + n + ".json").then(function (data) { docs[n] = data; });
      return docs[n];
    }));
  }
  function docOf(d) { return docs[Math.floor(d / manifest.docsPerShard)][d % manifest.docsPerShard]; }

  // Postings are delta-encoded `2 × doc + title flag`.
  function postings(key) {
    if (!decoded[key]) {
      var value = 0;
      decoded[key] = entries[key].map(function (delta) { value += delta; return value; });
    }
    return decoded[key];
  }

  // The index keys a query term stands for: a pair of Han characters → itself; one Han character → its entry,
  // which holds every key holding it; a word → every word key it begins.
  function keysFor(term) {
    if (term.han) return entries[term.text] ? [term.text] : [];
    var lo = 0, hi = wordKeys.length;
    while (lo < hi) { var mid = (lo + hi) >> 1; if (wordKeys[mid] < term.text) lo = mid + 1; else hi = mid; }
    var keys = [];
    for (var i = lo; i < wordKeys.length && wordKeys[i].lastIndexOf(term.text, 0) === 0; i++) keys.push(wordKeys[i]);
    return keys;
  }

  // Everything a query and its synonyms' variants need, fetched: their terms' shards, then the documents they match.
  function prepare(query) {
    return load().then(function () {
      var needed = [];
      variants(query).forEach(function (v) {
        terms(v).forEach(function (t) { needed = needed.concat(shardsFor(t)); });
      });
      return loadTerms(needed);
    }).then(function () {
      var ids = [];
      variants(query).forEach(function (v) { ids = ids.concat(candidates(v) || []); });
      return loadDocs(ids);
    });
  }

  // Ranking: a score of one point for each of the query's terms the record holds, and one more when the term is in
  // its title; then the kind of record (regions, projects, organizations, notices); then the record's key. A record
  // must hold all the terms of a one- or two-term query, and at least two thirds of a longer one.
  // The query as one string, for exact matches: NFKC, lower case, without spaces.
  function flat(text) { return text.normalize("NFKC").toLowerCase().replace(/\s+/g, ""); }
  var synonyms = {};
  try { synonyms = JSON.parse(form.getAttribute("data-synonyms") || "{}"); } catch (e) { synonyms = {}; }

  // How closely a document holds the whole query: 3 its title is the query, 2 its title holds it, 1 one of its
  // named fields holds it (a community, a contract number), 0 only by terms. A place typed in full comes before
  // places that share pairs of characters with it (东关大街社区 before 西关大街社区).
  function exactness(d, q) {
    var doc = docOf(d), title = flat(doc[2]);
    if (title === q) return 3;
    if (title.indexOf(q) >= 0) return 2;
    var fields = (doc[4] && doc[4].f) || [];
    for (var i = 0; i < fields.length; i++) if (flat(fields[i][1]).indexOf(q) >= 0) return 1;
    return 0;
  }

  // A query, then the queries the names its words stand for make (养老 → 社区居家老年人).
  function variants(query) {
    var out = [query], q = query.normalize("NFKC").toLowerCase();
    Object.keys(synonyms).forEach(function (word) {
      var w = word.normalize("NFKC").toLowerCase();
      if (!w || q.indexOf(w) < 0) return;
      synonyms[word].forEach(function (alt) { out.push(q.split(w).join(alt)); });
    });
    return out;
  }

  // The results of a query and of the names its words stand for, the query's own first.
  function searchWithSynonyms(query) {
    var results = search(query);
    if (results === null) return null;
    var seen = {}, all = [];
    results.forEach(function (d) { seen[d] = true; all.push(d); });
    variants(query).slice(1).forEach(function (variant) {
      (search(variant) || []).forEach(function (d) {
        if (!seen[d]) { seen[d] = true; all.push(d); }
      });
    });
    return all;
  }

  // Which named field (or the title) holds the query, or most of its terms: shown as "matched: community 东关大街社区".
  function matchedField(d, query) {
    var doc = docOf(d), fields = (doc[4] && doc[4].f) || [], q = flat(query);
    if (flat(doc[2]).indexOf(q) >= 0) return null;
    var best = null, bestCount = 0, want = terms(query).map(function (t) { return t.text; });
    for (var i = 0; i < fields.length; i++) {
      var text = flat(fields[i][1]);
      if (text.indexOf(q) >= 0) return fields[i];
      var have = terms(fields[i][1]).map(function (t) { return t.text; });
      var count = want.filter(function (t) { return have.some(function (h) { return h.indexOf(t) >= 0; }); }).length;
      if (count > bestCount) { best = fields[i]; bestCount = count; }
    }
    return best;
  }

  // The documents that hold enough of a query's terms (all of a one- or two-term query, two thirds of a longer
  // one), with how many terms each holds and how many of them in its title; null for a query without terms.
  function match(query) {
    var seen = {}, queryTerms = terms(query).filter(function (t) {
      var key = (t.han ? "h:" : "w:") + t.text;
      if (seen[key]) return false;
      seen[key] = true;
      return true;
    });
    if (!queryTerms.length) return null;
    var matched = {}, inTitle = {};
    queryTerms.forEach(function (term) {
      var docs = {};
      keysFor(term).forEach(function (key) {
        postings(key).forEach(function (p) { var d = p >> 1; docs[d] = docs[d] || (p & 1) === 1; });
      });
      Object.keys(docs).forEach(function (d) {
        matched[d] = (matched[d] || 0) + 1;
        if (docs[d]) inTitle[d] = (inTitle[d] || 0) + 1;
      });
    });
    var n = queryTerms.length, needed = n <= 2 ? n : Math.ceil(n * 2 / 3);
    return {
      docs: Object.keys(matched).filter(function (d) { return matched[d] >= needed; }).map(Number),
      matched: matched, inTitle: inTitle
    };
  }
  function candidates(query) { var m = match(query); return m && m.docs; }

  function search(query) {
    var m = match(query);
    if (!m) return null;
    var matched = m.matched, inTitle = m.inTitle, q = flat(query), exact = {};
    return m.docs
      .map(function (d) { exact[d] = exactness(d, q); return d; })
      .sort(function (a, b) {
        var score = function (d) { return matched[d] + (inTitle[d] || 0); };
        return (exact[b] - exact[a]) || (score(b) - score(a)) || (docOf(a)[0] - docOf(b)[0]) || (a - b);
      });
  }

  function show(query) {
    var results = searchWithSynonyms(query);
    list.textContent = "";
    if (results === null) { status.textContent = ""; return; }
    status.textContent = results.length
      ? form.getAttribute("data-found").replace("{n}", results.length)
      : form.getAttribute("data-none");
    var root = form.getAttribute("data-root");
    results.slice(0, MAX_SHOWN).forEach(function (d) {
      var doc = docOf(d), kind = manifest.kinds[doc[0]];
      var item = document.createElement("li");
      item.setAttribute("data-kind", kind);
      var label = document.createElement("span");
      label.className = "search-kind";
      label.textContent = form.getAttribute("data-kind-" + kind) || kind;
      var link = document.createElement("a");
      link.href = root + doc[1];
      link.textContent = doc[2];
      var subtitle = document.createElement("span");
      subtitle.className = "search-subtitle";
      subtitle.textContent = doc[3];
      item.appendChild(label);
      item.appendChild(link);
      item.appendChild(subtitle);
      var extra = doc[4] || {};
      if (extra.a || extra.l) {
        var facts = document.createElement("span");
        facts.className = "search-facts";
        if (extra.l) {
          var state = document.createElement("span");
          state.className = "status status-" + extra.s;
          state.textContent = extra.l;
          facts.appendChild(state);
        }
        if (extra.a) {
          var amount = document.createElement("span");
          amount.className = "search-amount";
          amount.textContent = extra.a;
          facts.appendChild(document.createTextNode(" "));
          facts.appendChild(amount);
        }
        item.appendChild(facts);
      }
      var field = matchedField(d, query);
      if (field) {
        var why = document.createElement("span");
        why.className = "search-matched";
        why.setAttribute("data-field", field[0]);
        why.textContent = form.getAttribute("data-matched") + (form.getAttribute("data-field-" + field[0]) || field[0]) +
          " " + field[1];
        item.appendChild(why);
      }
      list.appendChild(item);
    });
  }

  var timer = null;
  function run() {
    var query = input.value;
    prepare(query).then(function () { if (input.value === query) show(query); },
      function () { status.textContent = form.getAttribute("data-failed"); if (fallback) fallback.hidden = false; });
  }
  input.addEventListener("input", function () { clearTimeout(timer); timer = setTimeout(run, 150); });
  form.addEventListener("submit", function (event) {
    event.preventDefault();
    clearTimeout(timer);
    try { history.replaceState(null, "", "?q=" + encodeURIComponent(input.value)); } catch (e) { /* file: URLs */ }
    run();
  });
  var initial = new URLSearchParams(location.search).get("q");
  if (initial) { input.value = initial; run(); }
})();
