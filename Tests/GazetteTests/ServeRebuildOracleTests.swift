import Foundation
import GazetteContent
import GazetteModel
import GazetteOutput
@testable import GazetteBuild
import GazetteServe
import Testing

/// `serve`'s warm rebuilds — the links, the site keys and the machine-readable files kept between rebuilds, the
/// store updated from each rebuild's list of changed paths — against a fresh full build after every step of
/// seeded random edits: the records' edits of `IncrementalEqualsFullTests`, and edits of the site-wide files
/// (regions, programme, a page), edits that add findings, and edits that make the content wrong (the rebuild
/// must report a fresh build's errors; the edit is then undone and the next rebuild must equal a fresh build).
/// Each rebuild runs in one of the three ways `serve` can: the machine-readable files at once; after the pages;
/// or left when a change comes first (their `finishMachineFiles` is stopped), for the next rebuild to make.
@Suite("Serve's rebuilds equal full builds")
struct ServeRebuildOracleTests {
    @Test(arguments: [UInt64(0x16_0701), 0x16_0702, 0x16_0703])
    func randomEditSequences(seed: UInt64) throws {
        let fixture = try Fixture.copyOfSample()
        let folder = fixture.root.deletingLastPathComponent()
        defer { try? FileManager.default.removeItem(at: folder) }
        let templates = folder.appendingPathComponent("templates")
        try FileManager.default.copyItem(at: Fixture.packageRoot.appendingPathComponent("templates"), to: templates)
        let options = Build.Options(content: fixture.root, templates: templates, output: folder.appendingPathComponent("out"))
        // Files are trusted unchanged by their `stat` however recently they changed (a test's files all changed just
        // now): every edit here comes after the last read of its file by two builds at least, in another clock tick.
        let incremental = IncrementalBuild(options, settled: -3_600_000_000_000)
        let store = SiteStore()
        var random = SeededRandom(seed: seed)
        var compared = 0, refused = 0, partial = 0, stopped = 0

        /// One rebuild of `incremental` as `serve` would make it, compared with a fresh full build.
        @discardableResult
        func rebuildAndCompare(_ label: String) -> Bool {
            let fresh = IncrementalBuild(options)
            let full = fresh.rebuild()
            let mode = random.int(0...2)
            var outcome = incremental.rebuild(machineFilesLater: mode != 0)
            #expect(outcome.ok == full.ok, "\(label): ok \(outcome.ok), a full build's \(full.ok)")
            #expect(outcome.diagnostics == full.diagnostics, "\(label): diagnostics differ from a full build's")
            #expect(outcome.templateDiagnostics == full.templateDiagnostics, "\(label): template diagnostics differ")
            guard full.ok, outcome.ok else { return full.ok }
            compared += 1
            if !outcome.full { partial += 1 }
            #expect(incremental.currentKeys == fresh.currentKeys, "\(label): site keys differ from a full build's")
            _ = store.replace(files: outcome.files, changed: outcome.changed, errors: [])
            if mode == 1, let rest = incremental.finishMachineFiles() {
                outcome.files = rest.files
                _ = store.replace(files: rest.files, changed: rest.changed, errors: [])
            }
            var pagesOnly = false
            if mode == 2, incremental.hasMachineFilesToMake {
                // A change came before the machine-readable files were made: they stay left for the next rebuild.
                #expect(incremental.finishMachineFiles(stop: { true }) == nil)
                #expect(incremental.hasMachineFilesToMake)
                pagesOnly = true
                stopped += 1
            }
            let served = store.snapshot.files
            let expected = full.files.filter { !pagesOnly || ($0.key.hasSuffix(".html") && $0.key != "data/index.html") }
            let made = outcome.files.filter { expected[$0.key] != nil || !pagesOnly }
            #expect(Set(made.keys) == Set(expected.keys), "\(label): \(Set(made.keys).symmetricDifference(expected.keys).sorted().prefix(10))")
            let differing = expected.keys.filter { made[$0]?.bytes != expected[$0]!.bytes }.sorted()
            #expect(differing.isEmpty, "\(label): differ from a full build: \(differing.prefix(10))")
            let stale = expected.keys.filter { served[$0]?.bytes != expected[$0]!.bytes }.sorted()
            #expect(stale.isEmpty, "\(label): the store serves other bytes than a full build's: \(stale.prefix(10))")
            if !pagesOnly {
                #expect(Set(served.keys) == Set(expected.keys), "\(label): the store's paths differ from a full build's")
            }
            return true
        }

        rebuildAndCompare("first build")
        for step in 0..<18 {
            let (undo, what) = try random.chance(0.5)
                ? (IncrementalEqualsFullTests.edit(&random, content: fixture.root, templates: templates, step: step), "record edit")
                : Self.edit(&random, content: fixture.root, step: step)
            if !rebuildAndCompare("step \(step) (\(what)), seed \(seed)") {
                refused += 1
                try undo()
                rebuildAndCompare("step \(step) (\(what)) undone, seed \(seed)")
            }
        }
        // Not vacuous: most rebuilds are compared, some were partial, some refused, some left machine files.
        #expect(compared >= 14, "only \(compared) rebuilds compared")
        #expect(partial >= 4, "only \(partial) partial rebuilds")
        #expect(refused >= 2, "only \(refused) edits refused")
        #expect(stopped >= 2, "only \(stopped) rebuilds left their machine files")
    }

    /// The machine-readable files a stopped `finishMachineFiles` left (a notice's feed among them) are made by the
    /// next rebuild even when its own change touches none of them (a page's text): they are compared with the site
    /// they were made for, not with the last rebuild's.
    @Test func machineFilesLeftByAStoppedRebuildAreMadeByTheNext() throws {
        let fixture = try Fixture.copyOfSample()
        let folder = fixture.root.deletingLastPathComponent()
        defer { try? FileManager.default.removeItem(at: folder) }
        let options = Build.Options(content: fixture.root, templates: Fixture.packageRoot.appendingPathComponent("templates"),
                                    output: folder.appendingPathComponent("out"))
        let incremental = IncrementalBuild(options)
        try #require(incremental.rebuild().ok)
        func append(_ path: String, _ text: String) throws {
            let url = fixture.root.appendingPathComponent(path)
            try (try String(contentsOf: url, encoding: .utf8) + text).write(to: url, atomically: false, encoding: .utf8)
        }
        let notice = try #require(try FileManager.default.contentsOfDirectory(atPath: fixture.root.appendingPathComponent("notices").path)
            .sorted().first { !(try String(contentsOf: fixture.root.appendingPathComponent("notices/\($0)"), encoding: .utf8)).contains("draft: true") })
        // Its title, which the notices' feed shows.
        let url = fixture.root.appendingPathComponent("notices/\(notice)")
        try (try String(contentsOf: url, encoding: .utf8)).replacingOccurrences(of: "title: ", with: "title: 改")
            .write(to: url, atomically: false, encoding: .utf8)
        #expect(incremental.rebuild(machineFilesLater: true).ok)
        #expect(incremental.finishMachineFiles(stop: { true }) == nil && incremental.hasMachineFilesToMake)
        try append("pages/about.md", "\n补充说明。\n")
        var outcome = incremental.rebuild(machineFilesLater: true)
        if let rest = incremental.finishMachineFiles() { outcome.files = rest.files }
        let full = IncrementalBuild(options).rebuild()
        let differing = full.files.keys.filter { outcome.files[$0]?.bytes != full.files[$0]!.bytes }.sorted()
        #expect(differing.isEmpty, "differ from a full build: \(differing.prefix(10))")
        #expect(Set(outcome.files.keys) == Set(full.files.keys))
    }

    /// An edit of a site-wide file, one that adds findings, or one that makes the content wrong; returns what
    /// undoes it and what it is.
    static func edit(_ random: inout SeededRandom, content: URL, step: Int) throws -> (() throws -> Void, String) {
        let files = FileManager.default
        func list(_ folder: String) -> [String] {
            ((try? files.contentsOfDirectory(atPath: content.appendingPathComponent(folder).path)) ?? []).sorted().map { "\(folder)/\($0)" }
        }
        func change(_ path: String, _ edit: (String) -> String) throws -> () throws -> Void {
            let url = content.appendingPathComponent(path)
            let saved = try Data(contentsOf: url)
            try Data(edit(String(decoding: saved, as: UTF8.self)).utf8).write(to: url)
            return { try saved.write(to: url) }
        }
        let marker = "改\(step)"
        let projects = list("projects"), notices = list("notices"), organizations = list("organizations"), ledgers = list("ledger")
        switch random.int(0...9) {
        case 0:
            return (try change("regions.yaml") { $0.replacingOccurrences(of: "name: 城东区\n", with: "name: 城东区\(marker)\n") }, "a region's name")
        case 1:
            // Findings follow: projects over the lower cap.
            return (try change("programme.yaml") { $0.replacingOccurrences(of: "project_cap: 200000", with: "project_cap: \(150000 + step)") },
                    "the programme's cap")
        case 2:
            return (try change(random.pick(list("pages"))) { $0.replacingOccurrences(of: "title: ", with: "title: \(marker)") }, "a page's title")
        case 3:
            // A finding: over the cap.
            return (try change(random.pick(projects)) { text in
                guard let line = text.split(separator: "\n").first(where: { $0.hasPrefix("amount: ") }) else { return text }
                return text.replacingOccurrences(of: String(line), with: "amount: \(250000 + step)")
            }, "a project over the cap")
        case 4:
            return (try change(random.pick(organizations)) { text in
                text.split(separator: "\n", omittingEmptySubsequences: false).filter { !$0.hasPrefix("rating: ") }.joined(separator: "\n")
            }, "an organization's rating removed")
        case 5:
            return (try change(random.pick(notices)) { text in
                text.replacingOccurrences(of: "\ndate: ", with: "\ndraft: true\ndate: ")
            }, "a notice made a draft")
        case 6:
            // Wrong: a link to a project that does not exist.
            return (try change(random.pick(notices)) { $0 + "\n见[不存在的项目](project:qh2017-no-such-\(step))。\n" }, "a broken link")
        case 7:
            // Wrong: a ledger row of a project that does not exist.
            return (try change(random.pick(ledgers)) { $0 + "2017-09-01,qh2017-no-such-\(step),installment,100.00,号\(step),\(marker)\n" },
                    "a ledger row of no project")
        case 8:
            // Wrong: a project's county is a city.
            return (try change(random.pick(projects)) { text in
                guard let line = text.split(separator: "\n").first(where: { $0.hasPrefix("county: ") }) else { return text }
                return text.replacingOccurrences(of: String(line), with: "county: \"630100\"")
            }, "a project's county a city")
        default:
            // Wrong, unless no project names it: an organization deleted.
            let path = random.pick(organizations)
            let url = content.appendingPathComponent(path)
            let saved = try Data(contentsOf: url)
            try files.removeItem(at: url)
            return ({ try saved.write(to: url) }, "an organization deleted")
        }
    }
}
