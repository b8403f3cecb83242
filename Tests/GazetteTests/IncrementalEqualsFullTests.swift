import Foundation
import GazetteContent
import GazetteModel
@testable import GazetteBuild
import GazetteSite
import Testing

/// The incremental builder that `serve` keeps warm, against a fresh full build, byte for byte, after every step
/// of seeded random edits to a copy of the sample: records, notices and ledger rows added, changed, deleted
/// and renamed, links added to notices, templates and interface strings changed. An edit that makes the
/// content wrong is undone (both builds would only keep the last good site); the test counts the kept ones.
@Suite("Incremental build equals full build")
struct IncrementalEqualsFullTests {
    @Test(arguments: [UInt64(0x15_0101), 0x15_0102])
    func randomEditSequences(seed: UInt64) throws {
        let fixture = try Fixture.copyOfSample()
        let folder = fixture.root.deletingLastPathComponent()
        defer { try? FileManager.default.removeItem(at: folder) }
        let templates = folder.appendingPathComponent("templates")
        try FileManager.default.copyItem(at: Fixture.packageRoot.appendingPathComponent("templates"), to: templates)
        let options = Build.Options(content: fixture.root, templates: templates, output: folder.appendingPathComponent("out"))
        let incremental = IncrementalBuild(options)
        let first = incremental.rebuild()
        try #require(first.ok, "\(first.diagnostics.errors)")

        var random = SeededRandom(seed: seed)
        var kept = 0, partial = 0
        for step in 0..<12 {
            let undo = try Self.edit(&random, content: fixture.root, templates: templates, step: step)
            let full = IncrementalBuild(options).rebuild()
            guard full.ok else {
                try undo()
                continue
            }
            kept += 1
            // Every other step as `serve` rebuilds: the pages first, then the machine-readable files.
            let later = step % 2 == 1
            var outcome = incremental.rebuild(machineFilesLater: later)
            #expect(outcome.ok)
            #expect(outcome.diagnostics == full.diagnostics, "step \(step): diagnostics differ from a full build's")
            if later {
                let pages = full.files.keys.filter { $0.hasSuffix(".html") && $0 != "data/index.html" }
                let stale = pages.filter { outcome.files[$0]?.bytes != full.files[$0]!.bytes }.sorted()
                #expect(stale.isEmpty, "step \(step): pages not yet right before the machine files: \(stale.prefix(10))")
                if let rest = incremental.finishMachineFiles() {
                    #expect(Set(rest.changed).isSubset(of: Set(full.files.keys).union(outcome.files.keys)))
                    outcome.files = rest.files
                }
                #expect(!incremental.hasMachineFilesToMake)
            }
            if !outcome.full { partial += 1 }
            let made = outcome.files, expected = full.files
            #expect(Set(made.keys) == Set(expected.keys), "step \(step): \(Set(made.keys).symmetricDifference(expected.keys).sorted())")
            let differing = expected.keys.filter { made[$0].map(\.bytes) != expected[$0]!.bytes }.sorted()
            #expect(differing.isEmpty, "step \(step), seed \(seed): differ from a full build: \(differing.prefix(10))")
        }
        // Not vacuous: most edits are kept, and most rebuilds re-render only part of the site.
        #expect(kept >= 7, "only \(kept) edits kept")
        #expect(partial >= 3, "only \(partial) partial rebuilds")
    }

    /// One random edit; returns what undoes it.
    static func edit(_ random: inout SeededRandom, content: URL, templates: URL, step: Int) throws -> () throws -> Void {
        let files = FileManager.default
        func list(_ folder: String) -> [String] {
            ((try? files.contentsOfDirectory(atPath: content.appendingPathComponent(folder).path)) ?? []).sorted()
                .map { "\(folder)/\($0)" }
        }
        func snapshot(_ paths: [String]) -> () throws -> Void {
            let saved = paths.map { ($0, files.contents(atPath: content.appendingPathComponent($0).path)) }
            return {
                for (path, data) in saved {
                    let url = content.appendingPathComponent(path)
                    try? files.removeItem(at: url)
                    if let data { try data.write(to: url) }
                }
            }
        }
        func read(_ path: String) throws -> String { try String(contentsOf: content.appendingPathComponent(path), encoding: .utf8) }
        func write(_ path: String, _ text: String) throws { try Data(text.utf8).write(to: content.appendingPathComponent(path)) }
        let projects = list("projects"), notices = list("notices"), organizations = list("organizations"),
            ledgers = list("ledger")
        let projectIDs = projects.map { ($0 as NSString).lastPathComponent.replacingOccurrences(of: ".yaml", with: "") }
        let marker = "改\(step)"

        switch random.int(0...10) {
        case 0: // A project's title or summary changes.
            let path = random.pick(projects)
            let undo = snapshot([path])
            try write(path, try read(path).replacingOccurrences(of: "\ntitle: ", with: "\ntitle: \(marker)")
                .replacingOccurrences(of: "title: ", with: "title: \(marker)", options: .anchored))
            return undo
        case 1: // A project is added, copied from another with a new ID.
            let path = random.pick(projects)
            let new = "projects/qh2017-new-\(step).yaml"
            let undo = snapshot([new])
            try write(new, try read(path).replacingOccurrences(of: "title: ", with: "title: \(marker)", options: .anchored))
            return undo
        case 2: // A project is deleted, with its ledger rows and the notices' mentions of it.
            let id = random.pick(projectIDs)
            let undo = snapshot(["projects/\(id).yaml"] + ledgers + notices)
            try files.removeItem(at: content.appendingPathComponent("projects/\(id).yaml"))
            for ledger in ledgers {
                try write(ledger, try read(ledger).split(separator: "\n", omittingEmptySubsequences: false)
                    .filter { !$0.contains(",\(id),") }.joined(separator: "\n"))
            }
            for notice in notices {
                try write(notice, try read(notice).replacingOccurrences(of: ", \(id)", with: "").replacingOccurrences(of: "\(id), ", with: "")
                    .replacingOccurrences(of: "project:\(id)", with: "https://example.org/"))
            }
            return undo
        case 3: // A notice's text changes and links to a project.
            let path = random.pick(notices)
            let undo = snapshot([path])
            try write(path, try read(path) + "\n另见[项目](project:\(random.pick(projectIDs)))与<project:\(random.pick(projectIDs))>。\(marker)\n")
            return undo
        case 4: // A notice is renamed (its slug changes).
            let path = random.pick(notices)
            let new = "notices/renamed-\(step).md"
            let undo = snapshot([path, new])
            try files.moveItem(at: content.appendingPathComponent(path), to: content.appendingPathComponent(new))
            return undo
        case 5: // A notice is deleted, or added as a copy with a new date.
            let path = random.pick(notices)
            if random.chance(0.5) {
                let undo = snapshot([path])
                try files.removeItem(at: content.appendingPathComponent(path))
                return undo
            }
            let new = "notices/added-\(step).md"
            let undo = snapshot([new])
            try write(new, try read(path).replacingOccurrences(of: "title: ", with: "title: \(marker)"))
            return undo
        case 6: // A ledger row is added (a copy of one with a new reference), deleted, or its note changed.
            let path = random.pick(ledgers)
            let undo = snapshot([path])
            var lines = try read(path).split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
            let row = random.int(1...(lines.count - 2))
            switch random.int(0...2) {
            case 0: lines.insert(lines[row].replacingOccurrences(of: "号,", with: "号-\(marker),"), at: row + 1)
            case 1: lines.remove(at: row)
            default: lines[row] += marker
            }
            try write(path, lines.joined(separator: "\n"))
            return undo
        case 7: // An organization's name changes.
            let path = random.pick(organizations)
            let undo = snapshot([path])
            try write(path, try read(path).replacingOccurrences(of: "name: ", with: "name: \(marker)", options: .anchored))
            return undo
        case 8: // A project is renamed (its ID changes) with every mention of it.
            let id = random.pick(projectIDs), new = "qh2017-renamed-\(step)"
            let undo = snapshot(["projects/\(id).yaml", "projects/\(new).yaml"] + ledgers + notices)
            try files.moveItem(at: content.appendingPathComponent("projects/\(id).yaml"), to: content.appendingPathComponent("projects/\(new).yaml"))
            for path in ledgers + notices { try write(path, try read(path).replacingOccurrences(of: id, with: new)) }
            return undo
        case 9: // A partial template changes.
            let partials = templates.appendingPathComponent("partials")
            let name = random.pick(try files.contentsOfDirectory(atPath: partials.path).sorted())
            let url = partials.appendingPathComponent(name)
            let saved = try Data(contentsOf: url)
            try (String(decoding: saved, as: UTF8.self) + "<!-- \(marker) -->\n").write(to: url, atomically: true, encoding: .utf8)
            return { try saved.write(to: url) }
        default: // A project's amount changes by one yuan (money and findings follow).
            let path = random.pick(projects)
            let undo = snapshot([path])
            let text = try read(path)
            guard let line = text.split(separator: "\n").first(where: { $0.hasPrefix("amount: ") }),
                  let amount = Int(line.dropFirst("amount: ".count)) else { return undo }
            try write(path, text.replacingOccurrences(of: String(line), with: "amount: \(amount + 1)"))
            return undo
        }
    }
}

/// The same edits through `gazette build`'s path: each `Build.run` into the same output keeps what the last
/// build's state says did not change (hard links to the site on disk) and makes the rest; the folder it
/// leaves must be a fresh full build's, file for file: the same paths (no stale file), bytes and modes.
@Suite("Incremental build on disk equals a full build")
struct IncrementalBuildOnDiskTests {
    @Test(arguments: [UInt64(0x16_0101), 0x16_0102])
    func randomEditSequences(seed: UInt64) throws {
        let fixture = try Fixture.copyOfSample()
        let folder = fixture.root.deletingLastPathComponent()
        defer { try? FileManager.default.removeItem(at: folder) }
        let templates = folder.appendingPathComponent("templates")
        try FileManager.default.copyItem(at: Fixture.packageRoot.appendingPathComponent("templates"), to: templates)
        let output = folder.appendingPathComponent("out")
        let options = Build.Options(content: fixture.root, templates: templates, output: output)
        let first = try Build.run(options)
        try #require(first.written, "\(first.diagnostics.errors)")

        var random = SeededRandom(seed: seed)
        var kept = 0, partial = 0, linked = 0, refused = 0
        var lastGood = first
        for step in 0..<12 {
            // Every other step an edit that makes the content or the templates wrong first: the build refuses
            // it with a fresh build's diagnostics, and once it is undone finds nothing changed (bytes as before,
            // though every file saved again has another modification time) and reports the last diagnostics.
            if step % 2 == 1 {
                let undo = try Self.breakInput(&random, content: fixture.root, templates: templates, step: step)
                let fresh = try Build.run(Build.Options(content: fixture.root, templates: templates, output: folder.appendingPathComponent("fresh-x")))
                let result = try Build.run(options)
                #expect(!fresh.written && !result.written, "step \(step): the broken input was built")
                #expect(result.diagnostics == fresh.diagnostics && result.templateDiagnostics == fresh.templateDiagnostics,
                        "step \(step): diagnostics differ from a fresh build's")
                refused += fresh.written ? 0 : 1
                try undo()
                let again = try Build.run(options)
                #expect(again.unchanged, "step \(step): the undone edit was taken as a change")
                #expect(again.diagnostics == lastGood.diagnostics && again.manifestHash == lastGood.manifestHash)
            }
            let undo = try IncrementalEqualsFullTests.edit(&random, content: fixture.root, templates: templates, step: step)
            let freshOutput = folder.appendingPathComponent("fresh-\(step)")
            let fresh = try Build.run(Build.Options(content: fixture.root, templates: templates, output: freshOutput))
            guard fresh.written else {
                #expect(try Build.run(options).diagnostics == fresh.diagnostics, "step \(step): diagnostics differ from a fresh build's")
                try undo()
                continue
            }
            kept += 1
            let before = Self.inodes(output)
            let result = try Build.run(options)
            #expect(result.written && !result.unchanged, "step \(step): the edit was not seen")
            #expect(result.diagnostics == fresh.diagnostics, "step \(step): diagnostics differ from a fresh build's")
            // Built again with nothing changed: nothing is read, and the same site and diagnostics are reported.
            let again = try Build.run(options)
            #expect(again.unchanged && again.diagnostics == fresh.diagnostics && again.manifestHash == fresh.manifestHash
                    && again.writtenFiles == result.writtenFiles, "step \(step): a build with nothing changed differs")
            lastGood = fresh
            if !result.full { partial += 1 }
            let after = Self.inodes(output)
            linked += after.filter { before[$0.key] == $0.value }.count
            let made = try Self.tree(output), expected = try Self.tree(freshOutput)
            #expect(Set(made.keys) == Set(expected.keys), "step \(step): \(Set(made.keys).symmetricDifference(expected.keys).sorted().prefix(10))")
            let differing = expected.keys.filter { made[$0] != expected[$0] }.sorted()
            #expect(differing.isEmpty, "step \(step), seed \(seed): differ from a full build (bytes or mode): \(differing.prefix(10))")
            #expect(result.manifestHash == fresh.manifestHash)
            try? FileManager.default.removeItem(at: freshOutput)
        }
        #expect(kept >= 7, "only \(kept) edits kept")
        #expect(partial >= 3, "only \(partial) partial builds")
        #expect(refused == 6, "only \(refused) broken inputs refused")
        // Not vacuous: files were kept by linking (same inode as before the build).
        #expect(linked > 0)
    }

    /// An edit that makes the input wrong, by turns: a notice links to a project that does not exist, a
    /// project's date is not a date, a partial template uses an interface string that does not exist.
    /// Returns what undoes it (writing the old bytes back: the same bytes with a new modification time).
    static func breakInput(_ random: inout SeededRandom, content: URL, templates: URL, step: Int) throws -> () throws -> Void {
        let files = FileManager.default
        let url: URL
        let broken: (String) -> String
        switch (step / 2) % 3 {
        case 0:
            let notices = try files.contentsOfDirectory(atPath: content.appendingPathComponent("notices").path).sorted()
            url = content.appendingPathComponent("notices/\(random.pick(notices))")
            broken = { $0 + "\n见[不存在的项目](project:qh2017-no-such-\(step))。\n" }
        case 1:
            let projects = try files.contentsOfDirectory(atPath: content.appendingPathComponent("projects").path).sorted()
            url = content.appendingPathComponent("projects/\(random.pick(projects))")
            broken = { $0.replacingOccurrences(of: "applied: 20", with: "applied: 二〇") }
        default:
            let partials = try files.contentsOfDirectory(atPath: templates.appendingPathComponent("partials").path).sorted()
            url = templates.appendingPathComponent("partials/\(random.pick(partials))")
            broken = { $0 + "{{t.no_such_string_\(step)}}\n" }
        }
        let saved = try Data(contentsOf: url)
        try Data(broken(String(decoding: saved, as: UTF8.self)).utf8).write(to: url)
        return { try saved.write(to: url) }
    }

    /// Every regular file under a folder: relative path → (bytes, permission bits).
    static func tree(_ root: URL) throws -> [String: Data] {
        var out: [String: Data] = [:]
        let walker = FileManager.default.enumerator(atPath: root.path)
        while let relative = walker?.nextObject() as? String {
            var info = stat()
            let path = root.path + "/" + relative
            guard lstat(path, &info) == 0, (info.st_mode & S_IFMT) != S_IFDIR else { continue }
            out[relative] = Data("mode \(info.st_mode)\n".utf8) + (try Data(contentsOf: URL(fileURLWithPath: path)))
        }
        return out
    }

    static func inodes(_ root: URL) -> [String: UInt] {
        var out: [String: UInt] = [:]
        let walker = FileManager.default.enumerator(atPath: root.path)
        while let relative = walker?.nextObject() as? String {
            var info = stat()
            if stat(root.path + "/" + relative, &info) == 0, (info.st_mode & S_IFMT) == S_IFREG { out[relative] = UInt(info.st_ino) }
        }
        return out
    }
}

/// What `build` keeps of the last site between runs (`SiteKeys` as text, beside the output) reads back as it
/// was: for the sample's records, and for random keys and IDs holding the separators of the text format.
@Suite("Site keys kept between builds")
struct SiteKeysTextTests {
    @Test func theSampleReadsBackAsItWas() throws {
        let content = ContentCheck.run(contentDirectory: Fixture.sample)
        let site = try ResolvedSite(content: content.content, findings: content.diagnostics.findings, includeDrafts: false)
        let keys = SiteKeys(site)
        #expect(!keys.projectKeys.isEmpty && !keys.noticeKeys.isEmpty && !keys.ledger.isEmpty && !keys.fileHashes.isEmpty)
        let text = keys.encoded()
        #expect(SiteKeys(lines: text.split(separator: "\n", omittingEmptySubsequences: false)) == keys)
        // The same site made twice (another dictionary order) is the same text: findings are described in a fixed order.
        let again = try ResolvedSite(content: content.content, findings: content.diagnostics.findings, includeDrafts: false)
        #expect(SiteKeys(again).encoded() == text)
        #expect(SiteKeys.dirtyKeys(from: keys, to: SiteKeys(again)) == [])
    }

    @Test(arguments: [UInt64(1), 2, 3])
    func randomKeysReadBackAsTheyWere(seed: UInt64) {
        var random = SeededRandom(seed: seed)
        let alphabet = Array("ab%\t\n\r09:-_ 项目%0A%25")
        func text() -> String { String((0..<random.int(0...12)).map { _ in random.pick(alphabet) }) }
        var keys = SiteKeys()
        keys.asOf = text()
        keys.menu = (0..<random.int(0...3)).map { _ in text() }
        for _ in 0..<20 {
            keys.fileHashes[text()] = random.next()
            let id = text()
            keys.projectKeys[id] = Set((0..<random.int(0...5)).map { _ in text() })
            keys.projectOrganization[id] = text()
            keys.noticeKeys[text()] = Set((0..<random.int(0...5)).map { _ in text() })
            keys.ledger[text()] = random.next()
            keys.findings[text()] = random.next()
        }
        let lines = keys.encoded().split(separator: "\n", omittingEmptySubsequences: false)
        #expect(SiteKeys(lines: lines) == keys)
    }
}

/// The diagnostics a build keeps in its state (`StoredDiagnostics`) read back equal: the sample's, and
/// messages with every kind of argument, nested, holding the text format's separators and JSON's specials.
@Suite("Diagnostics kept between builds")
struct StoredDiagnosticsTests {
    @Test func theSamplesDiagnosticsReadBackAsTheyWere() throws {
        let diagnostics = ContentCheck.run(contentDirectory: Fixture.sample).diagnostics
        try #require(!diagnostics.isEmpty)
        for diagnostic in diagnostics {
            let line = StoredDiagnostics.encode(diagnostic)
            #expect(!line.contains("\n"))
            #expect(StoredDiagnostics.decode(Substring(line)) == diagnostic)
        }
    }

    @Test(arguments: [UInt64(1), 2, 3, 4])
    func everyKindOfArgumentReadsBackAsItWas(seed: UInt64) {
        var random = SeededRandom(seed: seed)
        let alphabet = Array("ab\t\n\r\"\\/{}[]%项目：\u{1}\u{7f}🙂 0")
        func text() -> String { String((0..<random.int(0...10)).map { _ in random.pick(alphabet) }) }
        func argument(_ depth: Int) -> MessageArgument {
            switch random.int(0...(depth > 2 ? 4 : 8)) {
            case 0: return .text(text())
            case 1: return .number(random.int(-1_000_000...1_000_000))
            case 2: return .day(Day(year: random.int(1990...2030), month: random.int(1...12), day: random.int(1...28))!)
            case 3: return .yuan(Yuan(fen: Int64(random.int(-9_000_000...9_000_000)) * 1_000_003))
            case 4: return .name(text(), english: random.chance(0.5) ? text() : nil)
            case 5: return .message(message(depth + 1))
            case 6: return .list((0..<random.int(0...3)).map { _ in argument(depth + 1) })
            case 7: return .alternatives((0..<random.int(0...3)).map { _ in argument(depth + 1) })
            default: return .lines((0..<random.int(0...3)).map { _ in argument(depth + 1) })
            }
        }
        func message(_ depth: Int) -> Message {
            var arguments: [String: MessageArgument] = [:]
            for _ in 0..<random.int(0...3) { arguments[text()] = argument(depth) }
            return Message(text(), arguments)
        }
        for _ in 0..<50 {
            let diagnostic = Diagnostic(random.pick(DiagnosticCode.allCases), at: SourceLocation(file: text(), line: random.int(0...500), column: random.int(0...80)),
                                        message(0), help: random.chance(0.5) ? message(0) : nil, subject: random.chance(0.5) ? text() : nil)
            #expect(StoredDiagnostics.decode(Substring(StoredDiagnostics.encode(diagnostic))) == diagnostic)
        }
    }
}
