import Foundation
import GazetteModel
import GazetteBuild
import GazetteSite
import Testing

/// The publication record: `content/publications/NNNN.json`, written only by `--record` and only when the
/// data changed; the `/changes/` page from it.
@Suite("Publication record")
struct PublicationTests {
    func options(_ fixture: Fixture, record: Bool) -> Build.Options { OpenDataTests.options(fixture.root, record: record) }

    func publications(_ fixture: Fixture) -> [String] {
        ((try? FileManager.default.contentsOfDirectory(atPath: fixture.url("publications").path)) ?? []).sorted()
    }

    @Test func onlyRecordWritesAndAnUnchangedRebuildAddsNothing() throws {
        let fixture = try Fixture.copyOfSample()
        try? fixture.remove("publications")
        _ = try Build.run(options(fixture, record: false))
        #expect(publications(fixture).isEmpty, "a build without --record wrote a publication")
        let first = try Build.run(options(fixture, record: true))
        #expect(first.recorded?.lastPathComponent == "0001.json")
        #expect(publications(fixture) == ["0001.json"])
        let saved = try OpenDataTests.json(try Data(contentsOf: fixture.url("publications/0001.json")))
        #expect(saved["manifest_sha256"] as? String == first.manifestHash)
        #expect(saved["as_of"] as? String == "2018-03-31")
        let again = try Build.run(options(fixture, record: true))
        #expect(again.recorded == nil)
        #expect(again.publications?.pending == nil)
        #expect(publications(fixture) == ["0001.json"])
        // The content check does not read publications/.
        #expect(fixture.check().diagnostics.filter { $0.severity == .error }.isEmpty)
    }

    @Test func detectsAddedChangedAndRemovedRecordsAndNewLedgerRows() throws {
        let fixture = try Fixture.copyOfSample()
        _ = try Build.run(options(fixture, record: true))   // the latest publication is now the sample as it is
        try fixture.replace("projects/qh2017-xn-027.yaml", "title: 湟源县青少年成长守护项目", with: "title: 湟源县青少年成长守护项目(续)")
        try fixture.write("projects/qh2017-xn-028.yaml", try fixture.read("projects/qh2017-xn-027.yaml"))
        try fixture.remove("notices/2017-11-midterm-results.md")
        try fixture.append("ledger/2017.csv", "2017-12-28,qh2017-xn-028,advance,10000.00,青民财〔2017〕99号,测试\n")
        let written = options(fixture, record: false)
        let result = try Build.run(written)
        #expect(result.written)
        let pending = try #require(result.publications?.pending)
        let entries = try #require(result.publications?.entries)
        #expect(entries.first?.number == pending.number)
        let diff = try #require(entries.first?.diff)
        let byRecord = Dictionary(uniqueKeysWithValues: diff.records.map { ($0.record, $0) })
        #expect(byRecord["project:qh2017-xn-028"]?.kind == .added)
        #expect(byRecord["project:qh2017-xn-027"]?.kind == .changed)
        #expect(byRecord["project:qh2017-xn-027"]?.fields == ["title"])
        #expect(byRecord["notice:2017-11-midterm-results"]?.kind == .removed)
        #expect(byRecord["notice:2017-11-midterm-results"]?.path == nil)
        #expect(diff.ledgerAdded.count == 1 && diff.ledgerAdded.first?["project"] == "qh2017-xn-028")
        #expect(diff.ledgerRemoved.isEmpty)

        let page = String(decoding: try Data(contentsOf: written.output.appendingPathComponent("changes/index.html")), as: UTF8.self)
        #expect(page.contains("data-publication=\"\(pending.number)\""))
        #expect(page.contains("href=\"../projects/qh2017-xn-028/\""))
        #expect(page.contains("data-change=\"removed\""))
        // Newest first.
        let newest = try #require(page.range(of: "data-publication=\"\(pending.number)\""))
        let older = try #require(page.range(of: "data-publication=\"\(pending.number - 1)\""))
        #expect(newest.lowerBound < older.lowerBound)
    }

    @Test func aDisappearedRecordIsRemovedNeverDropped() {
        let old = PublicationSnapshot(records: ["project:a": ["title": "A", "amount": "1.00"], "project:b": ["title": "B"]],
                                      ledger: [["date": "2017-01-01", "project": "a", "amount": "1.00"],
                                               ["date": "2017-01-01", "project": "a", "amount": "1.00"]])
        let new = PublicationSnapshot(records: ["project:a": ["title": "A", "amount": "2.00"], "organization:c": ["name": "C"]],
                                      ledger: [["date": "2017-01-01", "project": "a", "amount": "1.00"]])
        let diff = PublicationDiff.between(old, new)
        #expect(diff.records.map(\.record) == ["organization:c", "project:a", "project:b"])
        #expect(diff.records.map(\.kind) == [.added, .changed, .removed])
        #expect(diff.records[1].fields == ["amount"])
        #expect(diff.records[2].name == "B")
        #expect(diff.ledgerAdded.isEmpty && diff.ledgerRemoved.count == 1)
        #expect(PublicationDiff.between(new, new).isEmpty)
    }

    @Test func aBrokenPublicationFileIsAnError() throws {
        let fixture = try Fixture.copyOfSample()
        try fixture.write("publications/0002.json", "{not json")
        let result = Build.render(options(fixture, record: false))
        #expect(result.files.isEmpty)
        #expect(result.diagnostics.contains { $0.message.contains("publications/0002.json") })
    }
}
