import Foundation
import GazetteModel
@testable import GazetteBuild
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
            let outcome = incremental.rebuild()
            #expect(outcome.ok)
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
