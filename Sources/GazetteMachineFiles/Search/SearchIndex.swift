import GazetteModel

/// The client-side search index (`search/index.json`): a table of documents and a map from each term to the
/// documents holding it. Built once at build time; the search page fetches it on first use.
///
/// ```json
/// {"version":1,
///  "kinds":["region","project","organization","notice"],
///  "docs":[[1,"projects/qh2017-xn-001/","城东区留守儿童关爱服务项目","城东区 · 实施中"], ...],
///  "terms":{"城东":[3,2,8], "chengdong":[...], ...}}
/// ```
///
/// - `docs[i]` is `[kind index, path from the site's root, title, subtitle]`. Documents are in a fixed order:
///   by kind (as in `kinds`), then by key (ID, code, slug).
/// - `terms[t]` lists postings `2 × doc + (1 if the term is in the title)`, ascending, delta-encoded: the first
///   number as it is, each next one as the difference from the one before. Terms are in code-point order.
public struct SearchIndex: Sendable {
    public struct Document: Sendable {
        public var kind: Int
        public var key: String
        public var path: String
        public var title: String
        public var subtitle: String
        /// Further text to find the document by (names of places, services, IDs), not shown.
        public var text: [String]
        /// Shown with a result: its amount (`¥180,000.00`), status (`in-progress`, `实施中`).
        public var amount: String?
        public var status: (key: String, label: String)?
        /// Named texts it is found by (`community` → 东关大街社区): indexed like `text`, and sent so the
        /// search page can say which field matched and rank an exact name first.
        public var fields: [(field: String, text: String)] = []

        public init(kind: Int, key: String, path: String, title: String, subtitle: String, text: [String]) {
            self.kind = kind
            self.key = key
            self.path = path
            self.title = title
            self.subtitle = subtitle
            self.text = text
        }
    }

    public let kinds: [String]
    /// In the index's order: by kind, then key.
    public let documents: [Document]
    /// Term → postings (`2 × doc + title flag`), ascending, not yet delta-encoded.
    public let postings: [String: [Int]]

    public init(kinds: [String], documents: [Document]) {
        self.kinds = kinds
        let documents = documents.sorted { ($0.kind, $0.key) < ($1.kind, $1.key) }
        self.documents = documents
        var postings: [String: [Int]] = [:]
        for (index, document) in documents.enumerated() {
            let inTitle = Set(SearchTokenizer.terms(document.title).map(\.text))
            var all = inTitle
            for text in [document.subtitle] + document.text + document.fields.map(\.text) {
                for term in SearchTokenizer.terms(text) { all.insert(term.text) }
            }
            for term in all { postings[term, default: []].append(index * 2 + (inTitle.contains(term) ? 1 : 0)) }
        }
        self.postings = postings
    }

    /// A document's fifth element, when it has any of amount, status and fields:
    /// `{"a":"¥180,000.00","s":"in-progress","l":"实施中","f":[["community","东关大街社区"],…]}`.
    static func extra(_ d: Document) -> String {
        var parts: [String] = []
        if let amount = d.amount { parts.append("\"a\":" + Escape.json(amount)) }
        if let status = d.status { parts.append("\"s\":\(Escape.json(status.key)),\"l\":\(Escape.json(status.label))") }
        if !d.fields.isEmpty {
            parts.append("\"f\":[" + d.fields.map { "[\(Escape.json($0.field)),\(Escape.json($0.text))]" }.joined(separator: ",") + "]")
        }
        return parts.isEmpty ? "" : ",{" + parts.joined(separator: ",") + "}"
    }

    /// The index as compact JSON, the same bytes for the same documents.
    public func json() -> String {
        var out = "{\"version\":1,\"kinds\":[" + kinds.map(Escape.json).joined(separator: ",") + "],\"docs\":[\n"
        out += documents.map { d in
            "[\(d.kind),\(Escape.json(d.path)),\(Escape.json(d.title)),\(Escape.json(d.subtitle))\(Self.extra(d))]"
        }.joined(separator: ",\n")
        out += "\n],\"terms\":{\n"
        // Code-point order, so the order never depends on a locale or on Swift's String comparison rules.
        let terms = postings.keys.sorted { $0.unicodeScalars.lexicographicallyPrecedes($1.unicodeScalars) }
        out += terms.map { term in
            var previous = 0
            let deltas = postings[term]!.map { value -> String in
                defer { previous = value }
                return String(value - previous)
            }
            return "\(Escape.json(term)):[\(deltas.joined(separator: ","))]"
        }.joined(separator: ",\n")
        return out + "\n}}\n"
    }
}
