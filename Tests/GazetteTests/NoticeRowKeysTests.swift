import Foundation
import GazetteContent
import GazetteModel
import GazetteOutput
@testable import GazetteBuild
import GazettePages
import GazetteSite
import Testing

/// The notices' finer keys (`PageDependencies.noticeList`, `noticeRow`): the lists of notices depend on each
/// notice's row, not on its whole file. After every kind of edit to a notice — its body past the first paragraph,
/// its first paragraph, title, summary, date (moving it in the lists), kind, draft flag, what it names, a new
/// notice, a deleted one — serve's rebuild must equal a fresh full build, file for file, and a change to the body
/// alone must touch only the notice's own keys.
@Suite("Notices' list rows as keys")
struct NoticeRowKeysTests {
    @Test func everyKindOfNoticeEditEqualsAFullBuild() throws {
        let fixture = try Fixture.copyOfSample()
        let folder = fixture.root.deletingLastPathComponent()
        defer { try? FileManager.default.removeItem(at: folder) }
        let options = Build.Options(content: fixture.root, templates: Fixture.packageRoot.appendingPathComponent("templates"),
                                    output: folder.appendingPathComponent("out"))
        let incremental = IncrementalBuild(options, settled: -3_600_000_000_000)
        try #require(incremental.rebuild().ok)
        let notices = fixture.root.appendingPathComponent("notices")
        let names = try FileManager.default.contentsOfDirectory(atPath: notices.path).sorted()
        let listed = try names.filter { !(try String(contentsOf: notices.appendingPathComponent($0), encoding: .utf8)).contains("draft: true") }
        let target = notices.appendingPathComponent(listed[listed.count / 2])
        let slug = String(listed[listed.count / 2].dropLast(3))
        let original = try String(contentsOf: target, encoding: .utf8)

        func set(_ text: String, at url: URL = target) throws { try text.write(to: url, atomically: false, encoding: .utf8) }
        /// Rebuilds, compares with a fresh full build, and returns the keys the rebuild found dirty.
        @discardableResult
        func rebuildAndCompare(_ label: String) -> Set<String>? {
            let before = incremental.currentKeys
            let outcome = incremental.rebuild()
            let fresh = IncrementalBuild(options)
            let full = fresh.rebuild()
            #expect(outcome.ok && full.ok, "\(label)")
            let differing = full.files.keys.filter { outcome.files[$0]?.bytes != full.files[$0]!.bytes }.sorted()
            #expect(differing.isEmpty, "\(label): differ from a full build: \(differing.prefix(8))")
            #expect(Set(outcome.files.keys) == Set(full.files.keys), "\(label): not the same files")
            #expect(incremental.currentKeys == fresh.currentKeys, "\(label): site keys differ")
            guard let before, let after = incremental.currentKeys else { return nil }
            return SiteKeys.dirtyKeys(from: before, to: after)
        }

        // The body past its first paragraph: only the notice's own keys.
        try set(original + "\n\n补充一段正文,列表不显示。\n")
        let bodyOnly = rebuildAndCompare("body appended")
        #expect(bodyOnly == ["notice:\(slug)", "notices"], "a body edit touched \(bodyOnly.map { $0.sorted() } ?? [])")
        // Its first paragraph (the feeds' summary when it has none).
        let split = original.components(separatedBy: "\n---\n")
        try #require(split.count >= 2)
        try set(split[0] + "\n---\n开头新加的一段。\n\n" + split.dropFirst().joined(separator: "\n---\n"))
        let firstParagraph = rebuildAndCompare("first paragraph")
        #expect(firstParagraph?.contains(PageDependencies.noticeRow(slug)) == true)
        try set(original.replacingOccurrences(of: "title: ", with: "title: 改 "))
        let title = rebuildAndCompare("title")
        #expect(title?.contains(PageDependencies.noticeRow(slug)) == true && title?.contains(PageDependencies.noticeList) == false)
        try set(original.replacingOccurrences(of: "\ntitle: ", with: "\nsummary: 一句话摘要。\ntitle: "))
        rebuildAndCompare("summary added")
        // Moved to the top of the lists.
        try set(original.replacingOccurrences(of: #"\ndate: [0-9-]+"#, with: "\ndate: 2018-12-31", options: .regularExpression))
        let moved = rebuildAndCompare("date")
        #expect(moved?.contains(PageDependencies.noticeList) == true)
        try set(original.replacingOccurrences(of: #"\nkind: [a-z]+"#, with: "\nkind: report", options: .regularExpression))
        rebuildAndCompare("kind")
        try set(original.replacingOccurrences(of: "\ntitle: ", with: "\ndraft: true\ntitle: "))
        rebuildAndCompare("made a draft")
        try set(original + "\n另见[第一个项目](project:qh2017-xn-001)。\n")
        rebuildAndCompare("a link to a project")
        try set(original)
        rebuildAndCompare("restored")
        let added = notices.appendingPathComponent("2017-08-added-notice.md")
        try set("---\ntitle: 新增公告\ndate: 2017-08-01\nkind: announcement\n---\n新增的一条公告。\n", at: added)
        #expect(rebuildAndCompare("added")?.contains(PageDependencies.noticeList) == true)
        try FileManager.default.removeItem(at: added)
        rebuildAndCompare("deleted")
    }

    /// The keys kept between rebuilds (`SiteKeysKeeper`) and written beside a build's output read back equal.
    @Test func rowKeysRoundTripThroughTheState() throws {
        let fixture = try Fixture.copyOfSample()
        defer { try? FileManager.default.removeItem(at: fixture.root.deletingLastPathComponent()) }
        let options = Build.Options(content: fixture.root, templates: Fixture.packageRoot.appendingPathComponent("templates"),
                                    output: fixture.root.deletingLastPathComponent().appendingPathComponent("out"))
        let incremental = IncrementalBuild(options)
        try #require(incremental.rebuild().ok)
        let keys = try #require(incremental.currentKeys)
        #expect(!keys.noticeRows.isEmpty && keys.noticeList != 0)
        let read = SiteKeys(lines: keys.encoded().split(separator: "\n", omittingEmptySubsequences: true))
        #expect(read == keys)
    }
}
