// The search page's script (only search/index.html loads it). On first use it fetches the index's manifest
// (search/manifest.json), then for each query only the pieces it needs: the term shards holding the query's
// terms, which count, score and bound every match, and the document shards of the results it shows (and of the
// few it must read to be sure of their order) (Sources/GazetteMachineFiles/Search/SearchShards.swift). The query
// is split into terms exactly as Sources/GazetteMachineFiles/Search/SearchTokenizer.swift
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

  // Results are shown twenty at a time ("more" fetches the next twenty): a broad query downloads the documents
  // of the results it shows, not of every match.
  var PAGE = 20;
  var more = document.createElement("button");
  more.type = "button";
  more.className = "search-more";
  more.hidden = true;
  more.textContent = form.getAttribute("data-more");
  list.parentNode.insertBefore(more, list.nextSibling);
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
    if (isShort(term)) return [shardOf(term.text + "*")];
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
  // Document shards hold `docsPerShard` documents each; a document is fetched only to be shown or ranked.
  function docShard(d) { return Math.floor(d / manifest.docsPerShard); }
  function hasDoc(d) { return Array.isArray(docs[docShard(d)]); }
  function loadDocs(ids) {
    var wanted = {};
    ids.forEach(function (d) { wanted[docShard(d)] = true; });
    return Promise.all(Object.keys(wanted).map(function (n) {
      if (!docs[n]) docs[n] = getJSON(folder + "docs/" + n + ".json").then(function (data) { docs[n] = data; });
      return docs[n];
    }));
  }
  function docOf(d) { return docs[docShard(d)][d % manifest.docsPerShard]; }
  // The kind of a document from its number alone (documents are in kind order).
  function kindOf(d) {
    var k = 0;
    while (k + 1 < manifest.kindStarts.length && manifest.kindStarts[k + 1] <= d) k++;
    return k;
  }

  // Postings (SearchShards.swift): per document `(doc − previous) × 16 + flags`, in base 32, lowest five bits
  // first; a digit from the upper half of DIGITS says more follow. Flags: 1 in the title, 2 the document holds the
  // key, 4 in the title written flat, 8 in a named field written flat. Decoded: [docs, flags].
  var DIGITS = "0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ-_", VALUE = {};
  for (var i = 0; i < DIGITS.length; i++) VALUE[DIGITS.charAt(i)] = i;
  var IN_TITLE = 1, MATCHES = 2, FLAT_TITLE = 4, FLAT_FIELD = 8;
  function postings(key) {
    if (!decoded[key]) {
      var text = entries[key], ds = [], fs = [], doc = 0, value = 0, shift = 0;
      for (var j = 0; j < text.length; j++) {
        var v = VALUE[text.charAt(j)];
        if (v >= 32) { value += (v - 32) * Math.pow(2, shift); shift += 5; continue; }
        value += v * Math.pow(2, shift);
        doc += Math.floor(value / 16);
        ds.push(doc);
        fs.push(value % 16);
        value = 0;
        shift = 0;
      }
      decoded[key] = [ds, fs];
    }
    return decoded[key];
  }

  // The index keys a query term stands for: a pair of Han characters → itself; one Han character → its entry,
  // which holds every key holding it; a word → every word key it begins (a short one: their union).
  // A word of one or two characters has an entry of its own, `word*`: the union of the keys it begins.
  function isShort(term) { return !term.han && Array.from(term.text).length <= 2; }
  function keysFor(term) {
    if (term.han) return entries[term.text] ? [term.text] : [];
    if (isShort(term)) return entries[term.text + "*"] ? [term.text + "*"] : [];
    var lo = 0, hi = wordKeys.length;
    while (lo < hi) { var mid = (lo + hi) >> 1; if (wordKeys[mid] < term.text) lo = mid + 1; else hi = mid; }
    var keys = [];
    for (var i = lo; i < wordKeys.length && wordKeys[i].lastIndexOf(term.text, 0) === 0; i++) keys.push(wordKeys[i]);
    return keys;
  }

  // The term shards a query and its synonyms' variants need.
  function prepare(query) {
    return load().then(function () {
      var needed = [];
      variants(query).forEach(function (v) {
        terms(v).forEach(function (t) { needed = needed.concat(shardsFor(t)); });
      });
      return loadTerms(needed);
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
  // one), from the postings alone: each one's score (terms held, and one more for each in its title) and where it
  // may hold the whole query: 2 its flat title holds every term, 1 its flat fields do, else 0 (a title holding the
  // whole query holds each of its terms). Null for a query without terms.
  function match(query) {
    var seen = {}, queryTerms = terms(query).filter(function (t) {
      var key = (t.han ? "h:" : "w:") + t.text;
      if (seen[key]) return false;
      seen[key] = true;
      return true;
    });
    if (!queryTerms.length) return null;
    var matched = {}, inTitle = {}, titleTerms = {}, fieldTerms = {};
    queryTerms.forEach(function (term) {
      var found = {};
      keysFor(term).forEach(function (key) {
        var p = postings(key), ds = p[0], fs = p[1];
        for (var j = 0; j < ds.length; j++) found[ds[j]] = (found[ds[j]] || 0) | fs[j];
      });
      Object.keys(found).forEach(function (d) {
        var f = found[d];
        if (f & MATCHES) {
          matched[d] = (matched[d] || 0) + 1;
          if (f & IN_TITLE) inTitle[d] = (inTitle[d] || 0) + 1;
        }
        if (f & FLAT_TITLE) titleTerms[d] = (titleTerms[d] || 0) + 1;
        if (f & FLAT_FIELD) fieldTerms[d] = (fieldTerms[d] || 0) + 1;
      });
    });
    var n = queryTerms.length, needed = n <= 2 ? n : Math.ceil(n * 2 / 3), score = {}, cover = {};
    var ids = Object.keys(matched).filter(function (d) { return matched[d] >= needed; }).map(Number);
    ids.forEach(function (d) {
      score[d] = matched[d] + (inTitle[d] || 0);
      cover[d] = titleTerms[d] === n ? 2 : fieldTerms[d] === n ? 1 : 0;
    });
    return { query: query, q: flat(query), docs: ids, score: score, cover: cover, exact: {} };
  }

  // The most a match's exactness can be: 3 when its title is the query (the `=` + title key says which are), 2
  // when its flat title holds every term, 1 when its flat fields do, else 0.
  function bounds(m) {
    var key = "=" + m.q;
    return loadTerms([shardOf(key)]).then(function () {
      var titled = {};
      if (entries[key]) postings(key)[0].forEach(function (d) { titled[d] = true; });
      m.bound = {};
      m.docs.forEach(function (d) { m.bound[d] = m.cover[d] === 2 ? (titled[d] ? 3 : 2) : m.cover[d]; });
    });
  }

  // Result order: exactness, score, kind, number — `a` before `b` when this is negative.
  function compare(m, a, b, exactA, exactB) {
    return (exactB - exactA) || (m.score[b] - m.score[a]) || (kindOf(a) - kindOf(b)) || (a - b);
  }

  // The first `k` results of one query in order, fetching only the documents needed to be sure of them: in the
  // order their bounds give, documents are fetched and ranked until `k` ranked ones come before the best any
  // unranked one could be.
  function firstResults(m, k) {
    if (!m.bound) return bounds(m).then(function () { return firstResults(m, k); });
    var order = m.order;
    if (!order) {
      order = m.order = m.docs.slice().sort(function (a, b) { return compare(m, a, b, m.bound[a], m.bound[b]); });
    }
    function step(start) {
      var ranked = [];
      for (var i = 0; i < order.length; i++) {
        var d = order[i];
        if (m.exact[d] === undefined && hasDoc(d)) m.exact[d] = exactness(d, m.q);
      }
      while (start < order.length && m.exact[order[start]] !== undefined) start++;
      order.forEach(function (d) { if (m.exact[d] !== undefined) ranked.push(d); });
      ranked.sort(function (a, b) { return compare(m, a, b, m.exact[a], m.exact[b]); });
      if (start >= order.length) return Promise.resolve(ranked.slice(0, k));
      var next = order[start], sure = 0;
      ranked.forEach(function (d) { if (compare(m, d, next, m.exact[d], m.bound[next]) < 0) sure++; });
      if (sure >= k) return Promise.resolve(ranked.slice(0, k));
      var batch = [];
      for (var j = start; j < order.length && batch.length < k - sure; j++) if (m.exact[order[j]] === undefined) batch.push(order[j]);
      return loadDocs(batch).then(function () { return step(start); });
    }
    return step(0);
  }

  // The first `k` results of a query and of the names its words stand for, the query's own first, and how many
  // there are in all; null for a query without terms.
  function results(query, k) {
    var all = variants(query).map(match);
    if (all[0] === null) return Promise.resolve(null);
    var union = {}, count = 0;
    all.forEach(function (m) {
      if (m) m.docs.forEach(function (d) { if (!union[d]) { union[d] = true; count++; } });
    });
    var shown = [], seen = {};
    function next(i) {
      if (i >= all.length || shown.length >= k) return Promise.resolve({ count: count, docs: shown });
      if (!all[i]) return next(i + 1);
      var already = all[i].docs.filter(function (d) { return seen[d]; }).length;
      return firstResults(all[i], k - shown.length + already).then(function (first) {
        first.forEach(function (d) { if (!seen[d] && shown.length < k) { seen[d] = true; shown.push(d); } });
        return next(i + 1);
      });
    }
    return next(0).then(function (found) { return loadDocs(found.docs).then(function () { return found; }); });
  }

  // The results found so far, shown `PAGE` at a time: the first page at once, each next one when asked for.
  function show(query, found, from) {
    if (!from) list.textContent = "";
    list.setAttribute("data-query", query);
    if (found === null) { status.textContent = ""; more.hidden = true; return; }
    var text = found.count ? form.getAttribute("data-found").replace("{n}", found.count) : form.getAttribute("data-none");
    if (found.count > found.docs.length) text += form.getAttribute("data-shown").replace("{shown}", found.docs.length);
    status.textContent = text;
    more.hidden = found.count <= found.docs.length;
    var root = form.getAttribute("data-root");
    found.docs.slice(from || 0).forEach(function (d) {
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

  var timer = null, wanted = PAGE;
  function fail() { status.textContent = form.getAttribute("data-failed"); if (fallback) fallback.hidden = false; }
  function run() {
    var query = input.value;
    wanted = PAGE;
    prepare(query).then(function () { return results(query, wanted); })
      .then(function (found) { if (input.value === query) show(query, found, 0); }, fail);
  }
  more.addEventListener("click", function () {
    var query = input.value, from = list.children.length;
    wanted = from + PAGE;
    prepare(query).then(function () { return results(query, wanted); }).then(function (found) {
      if (input.value !== query) return;
      show(query, found, from);
      var first = list.children[from] && list.children[from].querySelector("a");
      if (first) first.focus();
    }, fail);
  });
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
