import Foundation
@testable import GazetteBuild
import Testing

/// The open-data files that an incremental `gazette build` keeps from the site on disk (their jobs' keys did
/// not change): after each targeted edit — a notice's text, a ledger row's note, a field whose absence is a
/// finding, an organization's name, a free page — the output equals a fresh full build's (paths, bytes,
/// modes: so every kept file is right, and the downloads page lists the kept files' sizes), and the files
/// that cannot show the edit are the very files of the last site (the same inode: linked, not written).
@Suite("Incremental build keeps the open data a change cannot touch")
struct IncrementalKeepsDataTests {
    /// The whole-site tables, the OCDS packages and the per-region and per-list tables.
    static let tables = ["data/projects.csv", "data/projects.xlsx", "data/projects.csv.gz", "data/ledger.csv", "data/organizations.csv",
                         "data/findings.csv", "data/ocds/release-package.json", "data/ocds/release-package.json.gz", "data/ocds/record-package.json",
                         "data/groups/elderly.csv", "data/services/daily-care.csv", "projects/rows.json"]

    struct Step {
        var name: String
        /// Paths of the content folder and how each is edited.
        var edit: (URL) throws -> Void
        /// Files that must be the last site's own (linked).
        var kept: [String]
        /// Files whose bytes must change.
        var changed: [String]
        /// Kinds of jobs that must not run, and that must.
        var skipped: [String] = []
        var ran: [String] = []
    }

    @Test func targetedEditsKeepWhatTheyCannotChange() throws {
        let fixture = try Fixture.copyOfSample()
        let folder = fixture.root.deletingLastPathComponent()
        defer { try? FileManager.default.removeItem(at: folder) }
        let content = fixture.root
        let templates = folder.appendingPathComponent("templates")
        try FileManager.default.copyItem(at: Fixture.packageRoot.appendingPathComponent("templates"), to: templates)
        let output = folder.appendingPathComponent("out")
        let options = Build.Options(content: content, templates: templates, output: output)
        try #require(try Build.run(options).written)
        let existing = Set(try IncrementalBuildOnDiskTests.tree(output).keys)
        let tables = Self.tables.filter(existing.contains)
        let siteData = ["data/site.json", "data/site.json.gz"]
        let regionTables = existing.filter { $0.hasPrefix("data/regions/") || $0.hasPrefix("data/organizations/") }.sorted()
        try #require(tables.contains("data/findings.csv") && tables.contains("data/ocds/release-package.json") && !regionTables.isEmpty,
                     "the sample's data files: \(existing.filter { $0.hasPrefix("data/") }.sorted())")

        func append(_ path: String, _ text: String) -> (URL) throws -> Void {
            { content in
                let url = content.appendingPathComponent(path)
                try (try String(contentsOf: url, encoding: .utf8) + text).write(to: url, atomically: false, encoding: .utf8)
            }
        }
        func replace(_ path: String, _ old: String, _ new: String) -> (URL) throws -> Void {
            { content in
                let url = content.appendingPathComponent(path)
                let text = try String(contentsOf: url, encoding: .utf8)
                #expect(text.contains(old), "\(path) holds no `\(old)`")
                try text.replacingOccurrences(of: old, with: new).write(to: url, atomically: false, encoding: .utf8)
            }
        }
        // The jobs of the data files no notice or free page shows.
        let tableJobs = ["open-data:projects", "open-data:ledger", "open-data:organizations", "open-data:findings", "open-data:region",
                         "open-data:list", "open-data:ocdsReleases", "open-data:ocdsRecords", "open-data:schema", "project-list", "page:community"]
        let steps = [
            // `site.json` shows all of a notice but its body: kept when only the body changed (h16l).
            Step(name: "a notice's text", edit: append("notices/2017-11-midterm-results.md", "\n又一段：补充说明。\n"),
                 kept: tables + regionTables + siteData + ["sitemap.xml", "robots.txt"], changed: [], skipped: tableJobs + ["open-data:site", "sitemap"],
                 ran: ["page:data", "search-index"]),
            // A link to a record in the body: the notice now names it (the sitemap dates the record's page by it).
            Step(name: "a link added to a notice's text", edit: append("notices/2017-11-midterm-results.md", "\n见[项目](project:qh2017-xn-005)。\n"),
                 kept: tables + regionTables + siteData, changed: [], skipped: tableJobs + ["open-data:site"], ran: ["sitemap"]),
            Step(name: "a notice's title", edit: replace("notices/2017-11-midterm-results.md", "title: 2017年度", "title: 2017年"),
                 kept: tables + regionTables, changed: siteData, skipped: tableJobs, ran: ["open-data:site"]),
            Step(name: "a ledger row's note", edit: replace("ledger/2017.csv", "60号,先期预付资金", "60号,先期预付资金（补记）"),
                 kept: ["data/findings.csv"], changed: ["data/ledger.csv", "data/site.json"],
                 ran: ["open-data:ledger", "open-data:projects", "open-data:ocdsReleases"]),
            Step(name: "a satisfaction figure removed (a finding)", edit: replace("projects/qh2017-hx-001.yaml", "  satisfaction: 95.2\n", ""),
                 kept: ["data/ledger.csv"], changed: ["data/findings.csv", "data/projects.csv", "data/site.json"],
                 ran: ["open-data:findings", "open-data:projects"]),
            Step(name: "an organization's name", edit: replace("organizations/chengbei-xiangyang-elderly.yaml", "name: ", "name: 新"),
                 kept: ["data/ledger.csv"], changed: ["data/organizations.csv"], ran: ["open-data:organizations"]),
            Step(name: "a free page", edit: append("pages/about.md", "\n又一段。\n"), kept: tables + regionTables + siteData + ["index.html"], changed: [],
                 skipped: tableJobs),
            Step(name: "a notice again", edit: append("notices/2018-02-recovery-notice.md", "\n再一段。\n"),
                 kept: tables + regionTables + siteData + ["sitemap.xml"], changed: [], skipped: tableJobs + ["open-data:site", "sitemap"]),
            Step(name: "a notice's summary added", edit: replace("notices/2018-02-recovery-notice.md", "kind: result\n", "kind: result\nsummary: 收回预付资金。\n"),
                 kept: tables + regionTables, changed: siteData, skipped: tableJobs, ran: ["open-data:site"]),
            Step(name: "a notice added", edit: { content in
                     try "---\ntitle: 新公告\ndate: 2018-03-01\nkind: announcement\n---\n正文。\n"
                         .write(to: content.appendingPathComponent("notices/2018-03-new.md"), atomically: false, encoding: .utf8)
                 }, kept: tables + regionTables, changed: siteData, skipped: tableJobs, ran: ["open-data:site"]),
        ]
        for (number, step) in steps.enumerated() {
            try step.edit(content)
            let freshOutput = folder.appendingPathComponent("fresh-\(number)")
            let fresh = try Build.run(Build.Options(content: content, templates: templates, output: freshOutput))
            try #require(fresh.written, "\(step.name): \(fresh.diagnostics.errors)")
            let before = IncrementalBuildOnDiskTests.inodes(output), beforeTree = try IncrementalBuildOnDiskTests.tree(output)
            let result = try IncrementalBuild(options).write(to: output)
            #expect(result.ok && !result.unchanged && !result.full, "\(step.name): not an incremental build")
            let wronglyRun = step.skipped.filter(result.ran.contains), notRun = step.ran.filter { !result.ran.contains($0) }
            #expect(wronglyRun.isEmpty && notRun.isEmpty, "\(step.name): ran \(wronglyRun), did not run \(notRun)")
            #expect(result.diagnostics == fresh.diagnostics, "\(step.name): diagnostics differ from a fresh build's")
            let after = IncrementalBuildOnDiskTests.inodes(output)
            let made = try IncrementalBuildOnDiskTests.tree(output), expected = try IncrementalBuildOnDiskTests.tree(freshOutput)
            #expect(Set(made.keys) == Set(expected.keys), "\(step.name): \(Set(made.keys).symmetricDifference(expected.keys).sorted().prefix(10))")
            let differing = expected.keys.filter { made[$0] != expected[$0] }.sorted()
            #expect(differing.isEmpty, "\(step.name): differ from a full build (bytes or mode): \(differing.prefix(10))")
            #expect(result.manifestHash == fresh.manifestHash, "\(step.name)")
            let notKept = step.kept.filter { before[$0] == nil || before[$0] != after[$0] }
            #expect(notKept.isEmpty, "\(step.name): made again, not kept: \(notKept)")
            let unchanged = step.changed.filter { beforeTree[$0] == made[$0] }
            #expect(unchanged.isEmpty, "\(step.name): expected to change: \(unchanged)")
            try? FileManager.default.removeItem(at: freshOutput)
        }
    }
}
