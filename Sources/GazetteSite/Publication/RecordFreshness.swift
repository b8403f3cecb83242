import GazetteModel

/// When a record last changed: the publication (number and as-of date) in which it was added or changed, or
/// in which a ledger row of it (for a project) was added or removed. Read from the publication record.
public struct RecordFreshness: Sendable, Hashable {
    public var publication: Int
    public var date: Day

    /// `project:ID` (and `organization:ID`, `notice:SLUG`, `page:SLUG`) → its latest change, over every
    /// publication, the pending one included (the site as built is that publication).
    public static func of(_ log: PublicationLog) -> [String: RecordFreshness] {
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
