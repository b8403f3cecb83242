import Foundation
import GazetteModel
import Testing

/// Hostile input ends in a diagnostic and exit status 1, within a second: never a crash, a trap or a hang.
struct HostileInput: Sendable, CustomTestStringConvertible {
    var name: String
    var code: DiagnosticCode
    var file: String
    var make: @Sendable (Fixture) throws -> Void
    var testDescription: String { name }
}

let hostileInputs: [HostileInput] = [
    HostileInput(name: "invalid UTF-8", code: .notUTF8, file: "notices/2017-04-launch.md") { f in
        try f.write("notices/2017-04-launch.md", bytes: Array("---\ntitle: ".utf8) + [0xFF, 0xFE, 0xC0, 0x80] + Array("\n---\n".utf8))
    },
    HostileInput(name: "a 10 MB single line in a project", code: .tooLarge, file: xn001) { f in
        try f.write(xn001, "title: " + String(repeating: "x", count: 10 << 20))
    },
    HostileInput(name: "a 10 MB single line in the ledger", code: .tooLarge, file: "ledger/2017.csv") { f in
        try f.append("ledger/2017.csv", String(repeating: "9", count: 10 << 20) + "\n")
    },
    HostileInput(name: "YAML flow lists nested 10,000 deep", code: .tooDeep, file: xn001) { f in
        try f.write(xn001, "title: " + String(repeating: "[", count: 10_000) + String(repeating: "]", count: 10_000) + "\n")
    },
    HostileInput(name: "YAML block lists nested 10,000 deep", code: .tooDeep, file: xn001) { f in
        try f.write(xn001, "communities:\n" + String(repeating: "- ", count: 10_000) + "x\n")
    },
    HostileInput(name: "YAML mappings nested 10,000 deep", code: .tooDeep, file: xn001) { f in
        try f.write(xn001, String(repeating: "{a: ", count: 10_000) + "1" + String(repeating: "}", count: 10_000) + "\n")
    },
    HostileInput(name: "a YAML alias bomb (billion laughs)", code: .tooLarge, file: xn001) { f in
        var yaml = "a0: &a0 [lol, lol, lol, lol, lol, lol, lol, lol, lol, lol]\n"
        for level in 1...9 {
            yaml += "a\(level): &a\(level) [" + Array(repeating: "*a\(level - 1)", count: 10).joined(separator: ", ") + "]\n"
        }
        try f.write(xn001, yaml)
    },
    HostileInput(name: "binary bytes in a CSV", code: .notUTF8, file: "ledger/2018.csv") { f in
        try f.write("ledger/2018.csv", bytes: Array("date,project,kind,amount\n".utf8) + [0x00, 0x01, 0x02, 0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A])
    },
    HostileInput(name: "a file named with ..", code: .badID, file: "projects/..yaml") { f in
        try f.write("projects/..yaml", try f.read(xn001))
    },
    HostileInput(name: "a file named a..b", code: .badID, file: "organizations/a..b.yaml") { f in
        try f.write("organizations/a..b.yaml", try f.read("organizations/xinyuan-social-work.yaml"))
    },
    HostileInput(name: "a symlink pointing outside content/", code: .outsideContent, file: "notices/passwd.md") { f in
        try FileManager.default.createSymbolicLink(atPath: f.url("notices/passwd.md").path, withDestinationPath: "/etc/passwd")
    },
    HostileInput(name: "a linked folder pointing outside content/", code: .outsideContent, file: "assets") { f in
        try FileManager.default.createSymbolicLink(atPath: f.url("assets").path, withDestinationPath: "/etc")
    },
    HostileInput(name: "an empty file", code: .missingField, file: xn001) { f in
        try f.write(xn001, "")
    },
    HostileInput(name: "front matter without its closing ---", code: .frontMatter, file: "pages/about.md") { f in
        try f.write("pages/about.md", "---\ntitle: 关于\n\n正文没有结束的分隔线。\n")
    },
    HostileInput(name: "a YAML document that is a bare string", code: .wrongType, file: "site.yaml") { f in
        try f.write("site.yaml", "just text\n")
    },
    HostileInput(name: "a CSV row with a stray quote", code: .csvSyntax, file: "ledger/2017.csv") { f in
        try f.append("ledger/2017.csv", "2017-07-01,qh2017-xn-001,advance,1.00,ab\"c,\n")
    },
    // Issue 11: each of these crashed, ran away or misreported before.
    HostileInput(name: "a satisfaction with 22 digits (overflowed the percent parser: SIGILL)", code: .outOfRange, file: xn001) { f in
        try f.replace(xn001, "satisfaction: 87.7", with: "satisfaction: 95.10000000000000000001")
    },
    HostileInput(name: "a score of 19 nines", code: .outOfRange, file: xn001) { f in
        try f.replace(xn001, "satisfaction: 87.7", with: "satisfaction: 9999999999999999999")
    },
    HostileInput(name: "aliases repeating one 60,000-character value (462 MB site before)", code: .tooLarge, file: xn001) { f in
        // 100 aliases here (18 MB of text once expanded); 7,700 made the 462 MB site.
        let long = "title: &t |\n" + String(repeating: "  " + String(repeating: "长", count: 60) + "\n", count: 1_000)
        let yaml = try f.read(xn001)
            .replacingOccurrences(of: "title: 城东区留守困境儿童关爱服务项目\n", with: long)
            .replacingOccurrences(of: "communities: [东关大街社区, 清真巷社区]",
                                  with: "communities: [" + Array(repeating: "*t", count: 100).joined(separator: ", ") + "]")
        try f.write(xn001, yaml)
    },
    HostileInput(name: "a key written twice in a 1 MB file (the diagnostic held the whole file)", code: .unknownKey, file: xn001) { f in
        try f.write(xn001, "title: a\ntitle: b\nnote: |\n" + String(repeating: "  " + String(repeating: "x", count: 60) + "\n", count: 16_000))
    },
    HostileInput(name: "ESC, NUL and BEL through YAML escapes", code: .controlCharacter, file: xn001) { f in
        try f.replace(xn001, "title: 城东区留守困境儿童关爱服务项目", with: "title: \"\\e[2K\\r0 errors\\0\\a\"")
    },
]

@Suite("Hostile input")
struct HostileInputTests {
    @Test(arguments: hostileInputs)
    func endsInADiagnostic(_ input: HostileInput) throws {
        let fixture = try Fixture.copyOfSample()
        try input.make(fixture)
        let run = try ends(["check", "--format", "json", "--content", fixture.root.path])
        #expect(run.status == 1, "stderr: \(run.stderr.prefix(500))")
        let object = try JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [String: Any]
        let items = object?["diagnostics"] as? [[String: Any]] ?? []
        #expect(items.contains { $0["code"] as? String == input.code.rawValue && $0["file"] as? String == input.file },
                "got \(items.map { "\($0["code"] ?? "") \($0["file"] ?? "")" })")
        // The text output shows the offending line, however long.
        let text = try ends(["check", "--content", fixture.root.path])
        #expect(text.status == 1)
        #expect(text.stderr.contains("[\(input.code.rawValue)]"))
        // No raw control byte reaches the terminal (tab and line feed aside), and no diagnostic is huge.
        #expect(!text.stderr.unicodeScalars.contains { String.isControl($0) && $0 != "\n" && $0 != "\t" },
                "a raw control character in: \(text.stderr.prefix(300).debugDescription)")
        #expect(text.stderr.utf8.count < 20_000, "the diagnostics are \(text.stderr.utf8.count) bytes")
    }

    /// A run that must end: the process is waited for, with a limit only against a hang or a runaway (work
    /// quadratic in a 10 MB line would take far longer). How fast it ends is the benchmark's business
    /// (scripts/bench-build), not a timed test's on a shared machine.
    func ends(_ arguments: [String]) throws -> GazetteBinary.Run {
        try GazetteBinary.run(arguments, timeout: 120)
    }

    /// Hostile text in values is only text: the checker reports positions, never interprets it.
    @Test func hostileTextInValuesIsAccepted() throws {
        let fixture = try Fixture.copyOfSample()
        try fixture.replace(xn001, "title: 城东区留守困境儿童关爱服务项目", with: "title: \"<script>alert(1)</script> {{title}} \\\"><img src=x onerror=alert(1)>\"")
        let report = fixture.check()
        #expect(report.diagnostics.errors.isEmpty)
        #expect(report.content.project("qh2017-xn-001")?.title == "<script>alert(1)</script> {{title}} \"><img src=x onerror=alert(1)>")
    }
}
