import GazetteModel
import GazetteOutput
import GazetteSite
/// The search index in pieces, fetched as a query needs them (issue 16; Pagefind's design is the yardstick):
/// a small manifest, term shards by key range, and small document shards. A query downloads the manifest, the
/// shards holding its terms, and only the document shards of the results it shows (and of the few it must look
/// at to be sure of their order): the postings carry enough to count, score and bound every match.
///
/// - `search/manifest.json`: `{"version":3,"kinds":[…],"kindStarts":[0,11,…],"docs":N,"docsPerShard":S,
///   "shards":["","城东","qh",…]}`: `kindStarts[k]` is the number of the first document of kind `k` (documents
///   are in kind order); `shards[i]` is the first key of term shard `i` (`search/terms/i.json`); keys are in
///   UTF-16 code-unit order (the order of JavaScript's `<`), so a key is in the last shard whose first key is
///   not after it, and the keys a word begins are in a run of neighbouring shards.
/// - `search/terms/I.json`: `{"key":"postings",…}`. Postings are `(doc − previous doc) × 16 + flags` for each
///   document in ascending order (the first one's previous doc is 0), each number written in base 32 with the
///   digits `SearchShards.digits`, lowest five bits first: a digit from the upper half carries five bits and
///   says more follow, one from the lower half ends the number. Flags: 1 the key is in the title (as in
///   `index.json`), 2 the document holds the key (it matches, as in `index.json`), 4 the key is in the title
///   written flat (`flat`: no spaces, as the page compares whole queries), 8 it is in a named field written flat.
///   A document with only 4 or 8 holds the key only where spaces are dropped or inside a longer word: it does
///   not match, but the page needs to know it may hold the whole query in its title or a field.
///   One Han character's entry is the union of every Han key holding it (the old script's scan of every key for
///   a one-character term, made once here), each flag set where any of those keys has it. A key `=` + a flat
///   title lists the documents with that title (flag 4): the page looks up `=` + the flat query to know which
///   documents' titles are the query, without their documents.
/// - `search/docs/I.json`: `[doc, …]` for documents `I × S ..< (I + 1) × S`, each as in `index.json`'s `docs`.
///
/// `search/index.json` stays: the whole index, for programs and as the oracle the tests compare with.
struct SearchShards {
    /// A term shard holds at most this many bytes, unless one key's postings alone are more (they are never
    /// split): a key that would take a shard past it starts the next one. A query fetches one shard per term,
    /// so what it downloads beside its terms' own postings is bounded by this; smaller shards make the manifest
    /// (fetched by every query) longer. 8 KB keeps a 13-term project title under 300 KB at 20,000 projects.
    static let termShardBytes = 8_000
    /// Small, so that the twenty results a page shows first cost few bytes even when they are far apart.
    static let docsPerShard = 8

    static let inTitle = 1, matches = 2, flatTitle = 4, flatField = 8
    /// Begins the keys of whole titles; never a search term's first character.
    static let wholeTitle = "="
    /// Ends the key of a short word prefix (`qh*`): the union of the word keys it begins; never in a search term.
    static let prefixUnion = "*"
    static let shortWord = 2
    static let digits = Array("0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ-_")

    let index: SearchIndex

    static func termShardPath(_ number: Int) -> String { Routes.searchTermShard(number) }
    static func docShardPath(_ number: Int) -> String { Routes.searchDocShard(number) }
    static let manifestPath = Routes.searchManifest

    /// A text as the page compares whole queries with it: NFKC, lower case, without the characters
    /// JavaScript's `\s` matches (search.js's `flat`).
    static func flat(_ text: String) -> String {
        var out = String.UnicodeScalarView()
        for scalar in SearchTokenizer.normalized(text).unicodeScalars
        where !isJavaScriptSpace(scalar) { out.append(scalar) }
        return String(out)
    }

    static func isJavaScriptSpace(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x09...0x0D, 0x20, 0xA0, 0x1680, 0x2000...0x200A, 0x2028, 0x2029, 0x202F, 0x205F, 0x3000, 0xFEFF: return true
        default: return false
        }
    }

    /// The keys a query term can find in a flat text holding it: its terms, and every ending of its words (a
    /// word of the query may stand inside a longer one: `2017` in `qh2017`).
    static func flatKeys(_ text: String) -> Set<String> {
        var keys = Set<String>()
        for term in SearchTokenizer.terms(flat(text)) {
            switch term {
            case let .han(text): keys.insert(text)
            case let .word(word):
                var scalars = Substring(word).unicodeScalars[...]
                while !scalars.isEmpty {
                    keys.insert(String(String.UnicodeScalarView(scalars)))
                    scalars = scalars.dropFirst()
                }
            }
        }
        return keys
    }

    /// Every key the page can look up, with its postings (`doc × 16 + flags`, ascending, one per document):
    /// every pair and word key as it is, every single Han character as the union of the Han keys holding it.
    func entries() -> [String: [Int]] {
        // The flat keys, document by document, so each list is already in order.
        var flatPostings: [String: [Int]] = [:]
        for (number, document) in index.documents.enumerated() {
            let inTitle = Self.flatKeys(document.title)
            var inFields = Set<String>()
            for field in document.fields { inFields.formUnion(Self.flatKeys(field.text)) }
            for key in inTitle.union(inFields) {
                let flags = (inTitle.contains(key) ? Self.flatTitle : 0) | (inFields.contains(key) ? Self.flatField : 0)
                flatPostings[key, default: []].append(number * 16 + flags)
            }
        }
        var keyed: [String: [Int]] = [:]
        for (key, postings) in index.postings {
            let matching = postings.map { ($0 >> 1) * 16 + (Self.matches | ($0 & 1)) }
            keyed[key] = Self.merge(matching, flatPostings.removeValue(forKey: key) ?? [])
        }
        for (key, postings) in flatPostings { keyed[key] = postings }
        var entries: [String: [Int]] = [:]
        var singles: [String: [Int]] = [:]
        for (key, postings) in keyed {
            let scalars = Array(key.unicodeScalars)
            guard let first = scalars.first, SearchTokenizer.isHan(first) else {
                entries[key] = postings
                continue
            }
            if scalars.count > 1 { entries[key] = postings }
            for character in Set(scalars.map { String(Character($0)) }) { singles[character, default: []] += postings }
        }
        for (character, postings) in singles { entries[character] = Self.merge(postings.sorted(), []) }
        // Short word prefixes: a query word of one or two characters stands for every word key it begins (`0` for
        // thousands of numbers), so it gets their union under `prefix*`, one entry instead of many shards.
        var prefixes: [String: [Int]] = [:]
        for (key, postings) in entries {
            let scalars = Array(key.unicodeScalars)
            guard let first = scalars.first, !SearchTokenizer.isHan(first) else { continue }
            for length in 1...min(Self.shortWord, scalars.count) {
                prefixes[String(String.UnicodeScalarView(scalars[0..<length])) + Self.prefixUnion, default: []] += postings
            }
        }
        for (key, postings) in prefixes { entries[key] = Self.merge(postings.sorted(), []) }
        // Whole titles: `=` and the flat title → the documents titled so (a query equal to a title ranks first).
        for (number, document) in index.documents.enumerated() {
            let title = Self.flat(document.title)
            if !title.isEmpty { entries[Self.wholeTitle + title, default: []].append(number * 16 + Self.flatTitle) }
        }
        return entries
    }

    /// Two ascending lists of `doc × 16 + flags` as one, one posting per document with the flags of both.
    /// (A list may itself hold a document more than once: those are joined too.)
    static func merge(_ a: [Int], _ b: [Int]) -> [Int] {
        var out: [Int] = []
        out.reserveCapacity(max(a.count, b.count))
        var i = 0, j = 0
        while i < a.count || j < b.count {
            let next: Int
            if j == b.count || (i < a.count && a[i] >> 4 <= b[j] >> 4) { next = a[i]; i += 1 } else { next = b[j]; j += 1 }
            if let last = out.last, last >> 4 == next >> 4 { out[out.count - 1] = last | next } else { out.append(next) }
        }
        return out
    }

    static func utf16Before(_ a: String, _ b: String) -> Bool { a.utf16.lexicographicallyPrecedes(b.utf16) }

    /// Postings as the page reads them (see the type's comment).
    static func encode(_ postings: [Int]) -> String {
        var out = ""
        var previous = 0
        for posting in postings {
            let doc = posting >> 4
            var value = (doc - previous) * 16 + (posting & 15)
            previous = doc
            while value >= 32 {
                out.append(digits[32 + (value & 31)])
                value >>= 5
            }
            out.append(digits[value])
        }
        return out
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
            let line = "\(Escape.json(key)):\"\(Self.encode(entries[key]!))\""
            // The line and its separator (`,` and a newline, or the braces).
            let bytes = line.utf8.count + 2
            if !current.isEmpty && size + bytes > Self.termShardBytes { close() }
            if current.isEmpty { first = key }
            current.append(line)
            size += bytes
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
        // Documents are in kind order: the first of each kind (the count of documents before it).
        let kindStarts = index.kinds.indices.map { kind in documents.firstIndex { $0.kind >= kind } ?? documents.count }
        let manifest = "{\"version\":3,\"kinds\":[" + index.kinds.map(Escape.json).joined(separator: ",") + "],"
            + "\"kindStarts\":[" + kindStarts.map(String.init).joined(separator: ",") + "],"
            + "\"docs\":\(documents.count),\"docsPerShard\":\(Self.docsPerShard),\"shards\":["
            + shards.map { Escape.json($0.first) }.joined(separator: ",") + "]}\n"
        files.append(OutputFile(path: Self.manifestPath, text: manifest))
        return files
    }
}
