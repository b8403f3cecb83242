import GazetteModel
import GazetteOutput

/// The search index's files — `search/index.json`, the term shards, the document shards and the manifest —
/// put into a sink without the whole index in memory (issue 16, peak memory): the postings are kept once, as
/// 32-bit numbers in two flat lists (one for `index.json`'s terms, one for the flat keys of `SearchShards`),
/// and each shard's entries (a key's own postings, a Han character's union, a short prefix's union, a whole
/// title's documents) are made from them only when that shard is written, then let go. At 20,000 projects the
/// dictionaries of arrays this replaces (`SearchIndex.postings`, `SearchShards.entries()`), the whole
/// `index.json` text and every shard's text were in memory together: the build's peak.
///
/// The bytes are those of `SearchIndex.json()` and `SearchShards.files()` for the same documents, which stay as
/// the plain path and this type's oracle (`StreamedFilesOracleTests`, on random and mutated documents).
struct SearchFiles {
    let kinds: [String]
    /// In the index's order (kind, then key); their `text` is dropped once read (only the postings need it).
    private(set) var documents: [SearchIndex.Document]
    /// Every key (a term of `index.json`, a flat key, or both) by number.
    private var keys: [String] = []
    /// `index.json`'s postings by key number: `2 × doc + title flag`, ascending.
    private var terms = Postings()
    /// The flat keys' postings by key number: `doc × 16 + flags` (`SearchShards.flatTitle`, `flatField`), ascending.
    private var flat = Postings()

    /// Postings by key number, one list after another: key `k`'s are `values[starts[k] ..< starts[k + 1]]`.
    struct Postings {
        var starts: [Int32] = [0]
        var values: [UInt32] = []

        /// From `(key << 32) | value` pairs in the order they were made (each key's values ascending).
        init(pairs: [UInt64], keyCount: Int) {
            var counts = [Int32](repeating: 0, count: keyCount + 1)
            for pair in pairs { counts[Int(pair >> 32) + 1] += 1 }
            for key in 0..<keyCount { counts[key + 1] += counts[key] }
            starts = counts
            values = [UInt32](repeating: 0, count: pairs.count)
            var next = counts
            for pair in pairs {
                let key = Int(pair >> 32)
                values[Int(next[key])] = UInt32(truncatingIfNeeded: pair)
                next[key] += 1
            }
        }

        init() {}

        func of(_ key: Int) -> ArraySlice<UInt32> {
            key + 1 < starts.count ? values[Int(starts[key])..<Int(starts[key + 1])] : []
        }
    }

    init(kinds: [String], documents: [SearchIndex.Document]) {
        self.kinds = kinds
        self.documents = documents.sorted { ($0.kind, $0.key) < ($1.kind, $1.key) }
        var keys: [String] = []
        var numbers: [String: Int32] = [:]
        func number(_ key: String) -> UInt64 {
            if let known = numbers[key] { return UInt64(known) }
            let new = Int32(keys.count)
            numbers[key] = new
            keys.append(key)
            return UInt64(new)
        }
        var termPairs: [UInt64] = [], flatPairs: [UInt64] = []
        for index in self.documents.indices {
            let document = self.documents[index]
            // As `SearchIndex.init`.
            let inTitle = Set(SearchTokenizer.terms(document.title).map(\.text))
            var all = inTitle
            for text in [document.subtitle] + document.text + document.fields.map(\.text) {
                for term in SearchTokenizer.terms(text) { all.insert(term.text) }
            }
            for term in all { termPairs.append(number(term) << 32 | UInt64(index * 2 + (inTitle.contains(term) ? 1 : 0))) }
            // As `SearchShards.entries()`'s flat keys.
            let flatTitle = SearchShards.flatKeys(document.title)
            var inFields = Set<String>()
            for field in document.fields { inFields.formUnion(SearchShards.flatKeys(field.text)) }
            for key in flatTitle.union(inFields) {
                let flags = (flatTitle.contains(key) ? SearchShards.flatTitle : 0) | (inFields.contains(key) ? SearchShards.flatField : 0)
                flatPairs.append(number(key) << 32 | UInt64(index * 16 + flags))
            }
            self.documents[index].text = []
        }
        self.keys = keys
        terms = Postings(pairs: termPairs, keyCount: keys.count)
        termPairs = []
        flat = Postings(pairs: flatPairs, keyCount: keys.count)
    }

    /// Puts every file of the index into `sink`: `index.json` in pieces, then each term shard as it fills, the
    /// document shards and the manifest.
    func write(into sink: FileSink) {
        writeIndexJSON(into: sink)
        let firsts = writeTermShards(into: sink)
        writeDocumentShards(into: sink, termShards: firsts)
    }

    private func documentJSON(_ d: SearchIndex.Document) -> String {
        "[\(d.kind),\(Escape.json(d.path)),\(Escape.json(d.title)),\(Escape.json(d.subtitle))\(SearchIndex.extra(d))]"
    }

    /// `search/index.json`, as `SearchIndex.json()` writes it.
    private func writeIndexJSON(into sink: FileSink) {
        _ = sink.put(path: "search/index.json") { emit in
            var out = "{\"version\":1,\"kinds\":[" + kinds.map(Escape.json).joined(separator: ",") + "],\"docs\":[\n"
            func flush(_ force: Bool = false) {
                if force || out.utf8.count >= 1 << 16 {
                    emit(out)
                    out = ""
                }
            }
            for (index, document) in documents.enumerated() {
                if index > 0 { out += ",\n" }
                out += documentJSON(document)
                flush()
            }
            out += "\n],\"terms\":{\n"
            // Code-point order, as `SearchIndex.json()`.
            let used = keys.indices.filter { !terms.of($0).isEmpty }
                .sorted { keys[$0].unicodeScalars.lexicographicallyPrecedes(keys[$1].unicodeScalars) }
            for (position, key) in used.enumerated() {
                if position > 0 { out += ",\n" }
                out += Escape.json(keys[key]) + ":["
                var previous: UInt32 = 0, first = true
                for value in terms.of(key) {
                    if !first { out += "," }
                    first = false
                    out += String(value - previous)
                    previous = value
                }
                out += "]"
                flush()
            }
            out += "\n}}\n"
            flush(true)
        }
    }

    /// Where a shard key's postings come from.
    private enum Source {
        /// A key's own: `index.json`'s postings (as matches) merged with its flat postings.
        case key(Int)
        /// A Han character: the union of every Han key holding it (`members[n]`).
        case union(Int)
        /// A whole title: the documents with that flat title (`titled[n]`).
        case title(Int)
    }

    /// A key's own postings in the shards (`doc × 16 + flags`): as `SearchShards.entries()`'s `keyed`.
    private func keyPostings(_ key: Int) -> [Int] {
        let matching = terms.of(key).map { Int($0 >> 1) * 16 + (SearchShards.matches | Int($0 & 1)) }
        return SearchShards.merge(matching, flat.of(key).map { Int($0) })
    }

    /// The term shards, written as each fills (as `SearchShards.files()` cuts them); returns each one's first key.
    private func writeTermShards(into sink: FileSink) -> [String] {
        // Every shard key and where its postings come from: as `SearchShards.entries()` makes them.
        var entries: [(key: String, source: Source)] = []
        var members: [[Int]] = []
        var unionNumbers: [String: Int] = [:]
        func union(_ name: String) -> Int {
            if let known = unionNumbers[name] { return known }
            members.append([])
            unionNumbers[name] = members.count - 1
            entries.append((name, .union(members.count - 1)))
            return members.count - 1
        }
        var wordKeys: [Int] = []
        for key in keys.indices {
            let scalars = Array(keys[key].unicodeScalars)
            guard let first = scalars.first, SearchTokenizer.isHan(first) else {
                entries.append((keys[key], .key(key)))
                wordKeys.append(key)
                continue
            }
            if scalars.count > 1 { entries.append((keys[key], .key(key))) }
            // One Han character: the union of the Han keys holding it (its own postings among them).
            for character in Set(scalars.map { String(Character($0)) }) { members[union(character)].append(key) }
        }
        // Short word prefixes (`qh*`): the union of the word keys they begin. (A Han character's key is Han, so
        // it begins no prefix: the prefixes are the word keys', as in `entries()`.)
        for key in wordKeys {
            let scalars = Array(keys[key].unicodeScalars)
            for length in 1...min(SearchShards.shortWord, scalars.count) {
                members[union(String(String.UnicodeScalarView(scalars[0..<length])) + SearchShards.prefixUnion)].append(key)
            }
        }
        // Whole titles.
        var titled: [[Int]] = []
        var titleNumbers: [String: Int] = [:]
        for (number, document) in documents.enumerated() {
            let title = SearchShards.flat(document.title)
            guard !title.isEmpty else { continue }
            let key = SearchShards.wholeTitle + title
            if let known = titleNumbers[key] {
                titled[known].append(number)
            } else {
                titleNumbers[key] = titled.count
                titled.append([number])
                entries.append((key, .title(titled.count - 1)))
            }
        }
        unionNumbers = [:]
        titleNumbers = [:]
        entries.sort { SearchShards.utf16Before($0.key, $1.key) }

        func postings(_ source: Source) -> [Int] {
            switch source {
            case let .key(key): return keyPostings(key)
            case let .union(number): return SearchShards.merge(members[number].flatMap(keyPostings).sorted(), [])
            case let .title(number): return titled[number].map { $0 * 16 + SearchShards.flatTitle }
            }
        }
        var firsts: [String] = []
        var current: [String] = [], size = 0, first = ""
        func close() {
            guard !current.isEmpty else { return }
            sink.put(OutputFile(path: SearchShards.termShardPath(firsts.count), text: "{" + current.joined(separator: ",\n") + "}\n"))
            firsts.append(firsts.isEmpty ? "" : first)
            current = []
            size = 0
        }
        for (key, source) in entries {
            let line = "\(Escape.json(key)):\"\(SearchShards.encode(postings(source)))\""
            // The line and its separator (`,` and a newline, or the braces).
            let bytes = line.utf8.count + 2
            if !current.isEmpty && size + bytes > SearchShards.termShardBytes { close() }
            if current.isEmpty { first = key }
            current.append(line)
            size += bytes
            if size >= SearchShards.termShardBytes { close() }
        }
        close()
        if firsts.isEmpty {
            sink.put(OutputFile(path: SearchShards.termShardPath(0), text: "{}\n"))
            firsts.append("")
        }
        return firsts
    }

    /// The document shards and the manifest, as `SearchShards.files()` writes them.
    private func writeDocumentShards(into sink: FileSink, termShards firsts: [String]) {
        for (number, start) in stride(from: 0, to: documents.count, by: SearchShards.docsPerShard).enumerated() {
            let slice = documents[start..<min(start + SearchShards.docsPerShard, documents.count)]
            let text = "[\n" + slice.map(documentJSON).joined(separator: ",\n") + "\n]\n"
            sink.put(OutputFile(path: SearchShards.docShardPath(number), text: text))
        }
        let kindStarts = kinds.indices.map { kind in documents.firstIndex { $0.kind >= kind } ?? documents.count }
        let manifest = "{\"version\":3,\"kinds\":[" + kinds.map(Escape.json).joined(separator: ",") + "],"
            + "\"kindStarts\":[" + kindStarts.map(String.init).joined(separator: ",") + "],"
            + "\"docs\":\(documents.count),\"docsPerShard\":\(SearchShards.docsPerShard),\"shards\":["
            + firsts.map(Escape.json).joined(separator: ",") + "]}\n"
        sink.put(OutputFile(path: SearchShards.manifestPath, text: manifest))
    }
}
