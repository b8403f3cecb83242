import Foundation
@testable import GazetteContent
@testable import GazetteMachineFiles
@testable import GazetteMarkdown
import GazetteModel
import GazettePublish
import Testing

/// Regression tests for the defects issue 11 found by attacking the program (see docs/security.md).
@Suite("Hardening")
struct HardeningTests {
    // MARK: Heading ids (20,000 equal headings took 79 s: quadratic)

    @Test func repeatedHeadingsGetNumberedIDs() {
        let html = Markdown.html("## 进展\n\n## 进展\n\n## 进展-2\n\n## 进展\n", resolve: { _ in nil })
        #expect(html.contains("<h2 id=\"进展\">") && html.contains("<h2 id=\"进展-2\">") && html.contains("<h2 id=\"进展-2-2\">")
                    && html.contains("<h2 id=\"进展-3\">"), "\(html)")
    }

    @Test func uniqueIDsTakeLinearWork() {
        var ids = UniqueIDs()
        var made: Set<String> = []
        for _ in 0..<20_000 { made.insert(ids.make("section")) }
        #expect(made.count == 20_000)
        // Each id is found in one or two looks; the old loop took 200 million for these.
        #expect(ids.probes <= 2 * 20_000, "\(ids.probes) looks for 20,000 ids")
        let many = Markdown.html(String(repeating: "## a\n\n", count: 5_000), resolve: { _ in nil })
        #expect(many.contains("<h2 id=\"a-5000\">"))
    }

    // MARK: CSV formula injection

    @Test func formulaCellsAreWrittenAsText() {
        let table = CSVTable(header: ["a", "b", "c", "d", "e", "f", "g", "h"],
                             rows: [["=HYPERLINK(\"http://evil.example\",\"x\")", "-150.00", "+86 971", "@SUM(A1)", "\tx", "-", "普通", "-1,2"]])
        let text = String(decoding: table.bytes.dropFirst(3), as: UTF8.self)
        #expect(text == "a,b,c,d,e,f,g,h\r\n\"'=HYPERLINK(\"\"http://evil.example\"\",\"\"x\"\")\",-150.00,'+86 971,'@SUM(A1),'\tx,'-,普通,\"'-1,2\"\r\n")
    }

    @Test func checkWarnsAboutFormulaValues() throws {
        let fixture = try Fixture.copyOfSample()
        try fixture.append("ledger/2017.csv", "2017-12-01,qh2017-xn-001,installment,1.00,=1+1,\"=HYPERLINK(\"\"http://evil.example\"\",\"\"x\"\")\"\n")
        let report = fixture.check()
        let warnings = report.diagnostics.filter { $0.code == .spreadsheetFormula }
        #expect(warnings.count == 2, "\(warnings)")
        #expect(warnings.allSatisfy { $0.severity == .warning && $0.location.file == "ledger/2017.csv" && $0.location.line == 38 })
        // A warning is not a finding: never published, and it does not stop a strict build.
        #expect(report.diagnostics.findings.allSatisfy { $0.code != .spreadsheetFormula })
        #expect(DiagnosticFormatter.summary(report.diagnostics).hasSuffix(", 2 warnings"))
    }

    // MARK: nginx configuration injection

    @Test("host names and ports are validated where they enter", arguments: [
        ("https://x.gov.cn/gmfw/", "80", "x; location /x/ { alias /etc/; autoindex on; } #"),
        ("https://x.gov.cn;listen=1/gmfw/", "80", nil),
        ("https://x.gov.cn/gmfw/", "80; include /etc/passwd", nil),
        ("https://x.gov.cn/gmfw/", "127.0.0.1:99999", nil),
        ("https://x.gov.cn/gmfw/", "80", "a\nb"),
        ("https://x.gov.cn:0/gmfw/", "80", nil),
    ] as [(String, String, String?)])
    func nginxRefusesInjection(_ base: String, _ listen: String, _ serverName: String?) {
        #expect(throws: PublishError.self) {
            try NginxConfig(baseURL: base, root: "/srv/gazette/current", listen: listen, serverName: serverName)
        }
    }

    @Test func nginxTakesRealNames() throws {
        let config = try NginxConfig(baseURL: "https://mzt.qinghai.gov.cn/gmfw/", root: "/srv/g/current", listen: "[::1]:8080",
                                     serverName: "mzt.qinghai.gov.cn  *.qinghai.gov.cn _")
        #expect(config.text.contains("server_name mzt.qinghai.gov.cn *.qinghai.gov.cn _;"))
        #expect(try NginxConfig(baseURL: "http://127.0.0.1:8000/", root: "/srv/g/current", listen: "127.0.0.1:8000").serverName == "127.0.0.1")
    }

    @Test func baseURLWithConfigurationInItsHostIsAnError() throws {
        let fixture = try Fixture.copyOfSample()
        let site = try fixture.read("site.yaml")
        let line = try #require(site.split(separator: "\n").first { $0.hasPrefix("base_url:") })
        try fixture.replace("site.yaml", String(line), with: "base_url: https://x.gov.cn;listen=1/gmfw/")
        #expect(fixture.check().diagnostics.contains { $0.code == .badURL && $0.location.file == "site.yaml" })
        try fixture.replace("site.yaml", "base_url: https://x.gov.cn;listen=1/gmfw/", with: "base_url: https://例子.中国/gmfw/")
        #expect(fixture.check().diagnostics.contains { $0.code == .badURL && $0.message.contains("xn--") })
    }

    // MARK: Control characters never reach the terminal raw

    @Test func diagnosticsShowControlCharactersVisibly() throws {
        let fixture = try Fixture.copyOfSample()
        // A key with ESC (an unknown key: its message quotes it) and a line holding one.
        try fixture.replace(xn001, "applied: 2017-05-03", with: "\"ti\\etle\": x\napplied: 2017-05-03")
        let report = fixture.check()
        let text = DiagnosticFormatter.text(report.diagnostics, contentDirectory: fixture.root, shownRoot: "content/")
        #expect(text.contains("<U+001B>"))
        #expect(!text.unicodeScalars.contains { $0.value == 0x1B })
        let json = DiagnosticFormatter.json(report.diagnostics)
        #expect(!json.unicodeScalars.contains { $0.value == 0x1B } && !json.contains("\\u001b"))
        let excerpt = DiagnosticFormatter.excerpt("a\u{1B}[2Kb\u{7}c", line: 3, column: 6)
        #expect(excerpt == " 3 | a<U+001B>[2Kb<U+0007>c\n   |             ^\n")
    }

    @Test func c1ControlsInAFileAreNotText() throws {
        let fixture = try Fixture.copyOfSample()
        try fixture.replace("notices/2017-04-launch.md", "---\n", with: "---\n# \u{9B}2J\n")
        let diagnostic = fixture.check().diagnostics.first { $0.code == .notUTF8 }
        #expect(diagnostic?.message.contains("<U+009B>") == true, "\(String(describing: diagnostic))")
    }
}

@Suite("Docs agree with the code")
struct DocsAgreeTests {
    /// docs/content-format.md said the largest amount was 1,000,000,000,000 yuan; the code stops at ten
    /// billion. The number in the docs is now read from the code's constant.
    @Test func largestAmount() throws {
        let docs = try String(contentsOf: Fixture.packageRoot.appendingPathComponent("docs/content-format.md"), encoding: .utf8)
        var digits = String(Yuan.maximum.fen / 100), grouped = ""
        while digits.count > 3 {
            grouped = "," + digits.suffix(3) + grouped
            digits.removeLast(3)
        }
        grouped = digits + grouped
        #expect(docs.contains("the largest amount is \(grouped) yuan"), "docs/content-format.md should give \(grouped)")
        #expect(!docs.contains("1,000,000,000,000"))
        #expect(try Yuan.parse(String(Yuan.maximum.fen / 100)).get() == Yuan.maximum)
        #expect(throws: Yuan.ParseError.tooLarge) { try Yuan.parse(String(Yuan.maximum.fen / 100) + ".01").get() }
    }
}
