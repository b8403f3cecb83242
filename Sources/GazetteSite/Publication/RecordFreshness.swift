import GazetteModel

/// When a record last changed: the publication (number and as-of date) in which it was added or changed, or
/// in which a ledger row of it (for a project) was added or removed. Read from the publication record.
public struct RecordFreshness: Sendable, Hashable {
    public var publication: Int
    public var date: Day

    /// `project:ID` (and `organization:ID`, `notice:SLUG`, `page:SLUG`) → its latest change, over every
    /// publication, the pending one included (the site as built is that publication).
    /// Read from the log's entries (their diffs are the same comparisons), so that a log that remembers them
    /// (`PublicationLog.remembering()`) compares every record once for the freshness and the changes page.
    public static func of(_ log: PublicationLog) -> [String: RecordFreshness] {
        var latest: [String: RecordFreshness] = [:]
        for entry in log.entries.reversed() {
            let mark = RecordFreshness(publication: entry.number, date: entry.date)
            for change in entry.diff.records where change.kind != .removed { latest[change.record] = mark }
            for row in entry.diff.ledgerAdded + entry.diff.ledgerRemoved {
                if let project = row["project"] { latest["project:\(project)"] = mark }
            }
        }
        return latest
    }

    /// The same from the publications themselves, each compared with the one before: the oracle of `of(_:)`.
    public static func bySnapshots(_ log: PublicationLog) -> [String: RecordFreshness] {
        var latest: [String: RecordFreshness] = [:]
        let all = log.recorded + (log.pending.map { [$0] } ?? [])
        var previous: PublicationSnapshot?
        for publication in all {
            let diff = PublicationDiff.between(previous, publication.snapshot)
            let mark = RecordFreshness(publication: publication.number, date: publication.asOf)
            for change in diff.records where change.kind != .removed { latest[change.record] = mark }
            for row in diff.ledgerAdded + diff.ledgerRemoved {
                if let project = row["project"] { latest["project:\(project)"] = mark }
            }
            previous = publication.snapshot
        }
        return latest
    }
}
