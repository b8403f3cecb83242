import GazetteModel

/// What changed in the data from one publication to the next: records added, changed (which fields) and
/// removed, and ledger rows added or removed. A record that disappears is listed as removed, never dropped.
public struct PublicationDiff: Sendable, Equatable {
    public enum Kind: String, Sendable { case added, changed, removed }

    public struct RecordChange: Sendable, Equatable {
        public var kind: Kind
        /// `project:ID`, `organization:ID`, `notice:SLUG` or `page:SLUG`.
        public var record: String
        /// Its title or name: the new one, or the last published one when it was removed.
        public var name: String
        /// For a change: the fields that differ, sorted.
        public var fields: [String]
        /// The record's page in the site (`projects/ID/`); nil when it was removed.
        public var path: String?
        /// For a change: each changed field's value before and after (nil where it had none), so that the
        /// figures that moved can be named.
        public var values: [String: FieldValues] = [:]
    }

    public struct FieldValues: Sendable, Equatable {
        public var old: String?
        public var new: String?
    }

    public var records: [RecordChange]
    public var ledgerAdded: [[String: String]]
    public var ledgerRemoved: [[String: String]]

    public var isEmpty: Bool { records.isEmpty && ledgerAdded.isEmpty && ledgerRemoved.isEmpty }

    /// The differences from `old` to `new`; everything is added when there is no `old`.
    public static func between(_ old: PublicationSnapshot?, _ new: PublicationSnapshot) -> PublicationDiff {
        let before = old?.records ?? [:]
        var changes: [RecordChange] = []
        for key in Set(before.keys).union(new.records.keys).sorted() {
            switch (before[key], new.records[key]) {
            case let (nil, added?):
                changes.append(RecordChange(kind: .added, record: key, name: PublicationSnapshot.displayName(key, added), fields: [], path: path(key)))
            case let (removed?, nil):
                changes.append(RecordChange(kind: .removed, record: key, name: PublicationSnapshot.displayName(key, removed), fields: [], path: nil))
            case let (was?, now?) where was != now:
                let fields = Set(was.keys).union(now.keys).filter { was[$0] != now[$0] }.sorted()
                var change = RecordChange(kind: .changed, record: key, name: PublicationSnapshot.displayName(key, now), fields: fields, path: path(key))
                for field in fields { change.values[field] = FieldValues(old: was[field], new: now[field]) }
                changes.append(change)
            default: break
            }
        }
        // Ledger rows as a multiset: two identical rows are two movements.
        let (added, removed) = multisetDifference(old?.ledger ?? [], new.ledger)
        return PublicationDiff(records: changes, ledgerAdded: added, ledgerRemoved: removed)
    }

    private static func multisetDifference(_ old: [[String: String]], _ new: [[String: String]]) -> ([[String: String]], [[String: String]]) {
        func key(_ row: [String: String]) -> String { row.keys.sorted().map { "\($0)=\(row[$0]!)" }.joined(separator: "\u{1F}") }
        var remaining: [String: Int] = [:]
        for row in old { remaining[key(row), default: 0] += 1 }
        var added: [[String: String]] = []
        for row in new {
            let k = key(row)
            if let count = remaining[k], count > 0 { remaining[k] = count - 1 } else { added.append(row) }
        }
        var removed: [[String: String]] = []
        for row in old {
            let k = key(row)
            if let count = remaining[k], count > 0 {
                removed.append(row)
                remaining[k] = count - 1
            }
        }
        return (added, removed)
    }

    /// The site path of a record's page.
    static func path(_ record: String) -> String? {
        guard let link = RecordLink(record) else { return nil }
        switch link.kind {
        case .project: return Routes.project(link.id)
        case .organization: return Routes.organization(link.id)
        case .notice: return Routes.notice(link.id)
        case .page: return Routes.page(link.id)
        case .region: return Routes.region(link.id)
        }
    }
}
