import Foundation
import GazetteContent
import GazetteModel
import GazetteSite
import Testing

/// `RecordFreshness.of` reads the log's entries (the same comparisons as the publications' own), and a
/// remembering log (`serve`) makes its pending publication and entries once: both against the slow path — each
/// publication compared with the one before, every time it is asked — on the sample (one publication recorded),
/// the sample without its publications, and after seeded random edits of its records.
@Suite("The publication record made once per rebuild")
struct PublicationMemoTests {
    static func site(_ root: URL) throws -> ResolvedSite {
        let report = ContentCheck.run(contentDirectory: root)
        return try ResolvedSite(content: report.content, figures: report.figures, findings: report.diagnostics.findings,
                                includeDrafts: false)
    }

    static func log(_ root: URL) throws -> PublicationLog {
        try PublicationLog.load(files: PublicationFiles.read(contentDirectory: root), site: try site(root))
    }

    static func expectSame(_ log: PublicationLog, _ label: String) {
        #expect(RecordFreshness.of(log) == RecordFreshness.bySnapshots(log), "\(label): freshness differs")
        let remembering = log.remembering()
        #expect(remembering.pending == log.pending, "\(label): pending publication differs")
        #expect(remembering.pending == remembering.pending)
        let entries = log.entries, remembered = remembering.entries
        #expect(remembered.map(\.diff) == entries.map(\.diff), "\(label): entries differ")
        #expect(remembered.map(\.number) == entries.map(\.number) && remembered.map(\.projects) == entries.map(\.projects)
                && remembered.map(\.ledgerRows) == entries.map(\.ledgerRows) && remembered.map(\.notices) == entries.map(\.notices))
        #expect(RecordFreshness.of(remembering) == RecordFreshness.bySnapshots(log), "\(label): remembered freshness differs")
    }

    @Test(arguments: [UInt64(0x16_0a01), 0x16_0a02])
    func freshnessAndEntriesEqualTheSlowPath(seed: UInt64) throws {
        let fixture = try Fixture.copyOfSample()
        defer { try? FileManager.default.removeItem(at: fixture.root.deletingLastPathComponent()) }
        Self.expectSame(try Self.log(fixture.root), "sample")
        var random = SeededRandom(seed: seed)
        // The records' fields kept between snapshots, as `serve` keeps them, against a snapshot made afresh.
        let memo = PublicationSnapshot.Memo()
        // The record edits may change a partial: a copy of the templates, never the repository's.
        let templates = fixture.root.deletingLastPathComponent().appendingPathComponent("templates")
        try FileManager.default.copyItem(at: Fixture.packageRoot.appendingPathComponent("templates"), to: templates)
        for step in 0..<14 {
            let label: String
            if step % 2 == 0 {
                _ = try IncrementalEqualsFullTests.edit(&random, content: fixture.root, templates: templates, step: step)
                label = "record edit"
            } else {
                label = try ServeRebuildOracleTests.edit(&random, content: fixture.root, step: step).1
            }
            Self.expectSame(try Self.log(fixture.root), "step \(step): \(label)")
            let site = try Self.site(fixture.root)
            memo.startRun()
            #expect(PublicationSnapshot.of(site, memo: memo) == PublicationSnapshot.of(site), "step \(step): \(label): snapshot with kept fields differs")
        }
        try FileManager.default.removeItem(at: fixture.root.appendingPathComponent("publications"))
        Self.expectSame(try Self.log(fixture.root), "no publication recorded")
    }
}
