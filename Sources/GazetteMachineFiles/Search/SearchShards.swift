import GazetteModel
import GazetteOutput
import GazetteSite
/// The search index in pieces, fetched as a query needs them (issue 16; Pagefind's design is the yardstick):
/// a small manifest, term shards by key range, and document shards by document number. A query downloads
/// the manifest, the shards holding its terms, and the shards holding the documents it matched.
///
/// - `search/manifest.json`: `{"version":2,"kinds":[…],"docs":N,"docsPerShard":S,"shards":["","城东","qh",…]}`:
///   `shards[i]` is the first key of term shard `i` (`search/terms/i.json`); keys are in UTF-16 code-unit order
///   (the order of JavaScript's `<`), so a key is in the last shard whose first key is not after it, and the
///   keys a word begins are in a run of neighbouring shards.
/// - `search/terms/I.json`: `{"key":[postings…],…}`, postings as in `index.json` (`2 × doc + title flag`,
///   delta-encoded). One Han character's entry is the union of every Han key holding it (the old script's
///   scan of every key for a one-character term, made once here), with the title flag set where any of them
///   has it.
/// - `search/docs/I.json`: `[doc, …]` for documents `I × S ..< (I + 1) × S`, each as in `index.json`'s `docs`.
///
/// `search/index.json` stays: the whole index, for programs and as the oracle the tests compare with.
struct SearchShards {
    /// A term shard is closed once it holds this many bytes (a key's postings are never split).
    static let termShardBytes = 24_000
    static let docsPerShard = 48

    let index: SearchIndex

    static func termShardPath(_ number: Int) -> String { Routes.searchTermShard(number) }
    static func docShardPath(_ number: Int) -> String { Routes.searchDocShard(number) }
    static let manifestPath = Routes.searchManifest

    /// The keys a query can look up, with their postings (ascending, not delta-encoded): every pair and word
    /// key as it is, every single Han character as the union of the Han keys holding it.
    func entries() -> [String: [Int]] {
        var entries: [String: [Int]] = [:]
        var singles: [String: Set<Int>] = [:]
        for (key, postings) in index.postings {
            let scalars = Array(key.unicodeScalars)
            guard let first = scalars.first, SearchTokenizer.isHan(first) else {
                entries[key] = postings
                continue
            }
            if scalars.count > 1 { entries[key] = postings }
            for character in Set(scalars.map { String(Character($0)) }) {
                singles[character, default: []].formUnion(postings)
            }
        }
        for (character, postings) in singles {
            // One posting per document: the title flag if any key holding the character is in the title.
            var byDoc: [Int: Int] = [:]
            for p in postings { byDoc[p >> 1] = max(byDoc[p >> 1] ?? 0, p & 1) }
            entries[character] = byDoc.keys.sorted().map { $0 * 2 + byDoc[$0]! }
        }
        return entries
    }

    static func utf16Before(_ a: String, _ b: String) -> Bool { a.utf16.lexicographicallyPrecedes(b.utf16) }

    static func deltas(_ postings: [Int]) -> String {
        var previous = 0
        return postings.map { value -> String in
            defer { previous = value }
            return String(value - previous)
        }.joined(separator: ",")
    }

    /// The manifest, the term shards and the document shards.
    func files() -> [OutputFile] {
        let entries = entries()
        let keys = entries.keys.sorted(by: Self.utf16Before)
        var shards: [(first: String, text: String)] = []
        var current: [String] = [], size = 0, first = ""
        func close() {
            guard !current.isEmpty else { return }
            shards.append((shards.isEmpty ? "" : first, "{" + current.joined(separator: ",\n") + "}\n"))
            current = []
            size = 0
        }
        for key in keys {
            if current.isEmpty { first = key }
            let line = "\(Escape.json(key)):[\(Self.deltas(entries[key]!))]"
            current.append(line)
            size += line.utf8.count
            if size >= Self.termShardBytes { close() }
        }
        close()
        if shards.isEmpty { shards.append(("", "{}\n")) }
        var files = shards.enumerated().map { OutputFile(path: Self.termShardPath($0.offset), text: $0.element.text) }
        let documents = index.documents
        for (number, start) in stride(from: 0, to: documents.count, by: Self.docsPerShard).enumerated() {
            let slice = documents[start..<min(start + Self.docsPerShard, documents.count)]
            let text = "[\n" + slice.map { d in
                "[\(d.kind),\(Escape.json(d.path)),\(Escape.json(d.title)),\(Escape.json(d.subtitle))\(SearchIndex.extra(d))]"
            }.joined(separator: ",\n") + "\n]\n"
            files.append(OutputFile(path: Self.docShardPath(number), text: text))
        }
        let manifest = "{\"version\":2,\"kinds\":[" + index.kinds.map(Escape.json).joined(separator: ",") + "],"
            + "\"docs\":\(documents.count),\"docsPerShard\":\(Self.docsPerShard),\"shards\":["
            + shards.map { Escape.json($0.first) }.joined(separator: ",") + "]}\n"
        files.append(OutputFile(path: Self.manifestPath, text: manifest))
        return files
    }
}
