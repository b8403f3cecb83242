import Foundation
import GazetteContent
import GazetteModel
import Testing

/// One small break of the sample per error code: the code, the file and the line must be the expected ones.
struct BrokenContent: Sendable, CustomTestStringConvertible {
    var code: DiagnosticCode
    var file: String
    var line: Int
    var why: String
    var breakIt: @Sendable (Fixture) throws -> Void

    var testDescription: String { "\(code.rawValue) \(why)" }
}

let xn001 = "projects/qh2017-xn-001.yaml"

let brokenContents: [BrokenContent] = [
    BrokenContent(code: .unreadableFile, file: "projects/qh2017-zz-001.yaml", line: 0, why: "a link to nothing") { f in
        try FileManager.default.createSymbolicLink(atPath: f.url("projects/qh2017-zz-001.yaml").path,
                                                   withDestinationPath: "missing.yaml")
    },
    BrokenContent(code: .notUTF8, file: xn001, line: 1, why: "GBK bytes in a title") { f in
        try f.write(xn001, bytes: Array("title: ".utf8) + [0xB3, 0xC7, 0xB6, 0xAB] + Array("\n".utf8) + Array(try f.read(xn001).utf8))
    },
    BrokenContent(code: .tooLarge, file: "notices/2017-04-launch.md", line: 23, why: "a 10 MB line") { f in
        try f.append("notices/2017-04-launch.md", String(repeating: "长", count: 10 << 20 / 3) + "\n")
    },
    BrokenContent(code: .yamlSyntax, file: xn001, line: 14, why: "a tab for indentation") { f in
        try f.replace(xn001, "  date: 2017-04-15", with: "\tdate: 2017-04-15")
    },
    BrokenContent(code: .frontMatter, file: "notices/2017-04-launch.md", line: 1, why: "front matter never closed") { f in
        let text = try f.read("notices/2017-04-launch.md")
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        let closing = lines.dropFirst().firstIndex(of: "---")!
        try f.write("notices/2017-04-launch.md", lines.enumerated().filter { $0.offset != closing }.map { String($0.element) }.joined(separator: "\n"))
    },
    BrokenContent(code: .csvSyntax, file: "ledger/2017.csv", line: 38, why: "a quote never closed") { f in
        try f.append("ledger/2017.csv", "2017-07-01,qh2017-xn-001,installment,1.00,\"青民财,note\n")
    },
    BrokenContent(code: .tooDeep, file: xn001, line: 43, why: "lists nested 10,000 deep") { f in
        try f.append(xn001, "communities: " + String(repeating: "[", count: 10_000) + String(repeating: "]", count: 10_000) + "\n")
    },
    BrokenContent(code: .outsideContent, file: "projects/qh2017-zz-002.yaml", line: 0, why: "a link to /etc/passwd") { f in
        try FileManager.default.createSymbolicLink(atPath: f.url("projects/qh2017-zz-002.yaml").path, withDestinationPath: "/etc/passwd")
    },
    BrokenContent(code: .missingFile, file: "regions.yaml", line: 0, why: "regions.yaml removed") { f in
        try f.remove("regions.yaml")
    },
    BrokenContent(code: .missingField, file: xn001, line: 1, why: "no title") { f in
        try f.replace(xn001, "title: 城东区留守困境儿童关爱服务项目\n", with: "")
    },
    BrokenContent(code: .wrongType, file: xn001, line: 4, why: "services as a mapping") { f in
        try f.replace(xn001, "services: [counselling, humanistic-care]", with: "services: {counselling: yes}")
    },
    BrokenContent(code: .unknownKey, file: xn001, line: 8, why: "a misspelt key") { f in
        try f.replace(xn001, "amount: 180000", with: "amout: 180000")
    },
    BrokenContent(code: .unknownKey, file: xn001, line: 10, why: "a key written twice, placed at the second") { f in
        try f.replace(xn001, "applied: 2017-05-03\n", with: "applied: 2017-05-03\ntitle: 又一个标题\n")
    },
    BrokenContent(code: .unknownKey, file: xn001, line: 10, why: "a key written twice in a file with an alias") { f in
        try f.replace(xn001, "county: \"630102\"\n", with: "county: &c \"630102\"\n")
        try f.replace(xn001, "applied: 2017-05-03\n", with: "applied: 2017-05-03\ntitle: *c\n")
    },
    BrokenContent(code: .controlCharacter, file: xn001, line: 1, why: "an ESC written as a YAML escape") { f in
        try f.replace(xn001, "title: 城东区留守困境儿童关爱服务项目", with: "title: \"城东区\\e[2K项目\"")
    },
    BrokenContent(code: .controlCharacter, file: "ledger/2017.csv", line: 38, why: "a lone carriage return in a quoted ledger note") { f in
        try f.append("ledger/2017.csv", "2017-12-01,qh2017-xn-001,installment,1.00,青民财〔2017〕99号,\"a\rb\"\n")
    },
    BrokenContent(code: .outOfRange, file: xn001, line: 24, why: "a result that is not pass, rectify or fail") { f in
        try f.replace(xn001, "  result: pass\n  satisfaction: 87.7", with: "  result: passed\n  satisfaction: 87.7")
    },
    BrokenContent(code: .badAmount, file: xn001, line: 8, why: "an amount in exponent notation") { f in
        try f.replace(xn001, "amount: 180000", with: "amount: 1.8e5")
    },
    BrokenContent(code: .badDate, file: xn001, line: 9, why: "February 30th") { f in
        try f.replace(xn001, "applied: 2017-05-03", with: "applied: 2017-02-30")
    },
    BrokenContent(code: .badRegionCode, file: xn001, line: 6, why: "a five-digit region code") { f in
        try f.replace(xn001, "county: \"630102\"", with: "county: \"63010\"")
    },
    BrokenContent(code: .badURL, file: "site.yaml", line: 2, why: "a base URL without http") { f in
        try f.replace("site.yaml", "base_url: https://mzt.example.gov.cn/gmfw/", with: "base_url: mzt.example.gov.cn/gmfw/")
    },
    BrokenContent(code: .badID, file: "projects/QH2017 Bad.yaml", line: 0, why: "a file name that is no ID") { f in
        try f.write("projects/QH2017 Bad.yaml", try f.read(xn001))
    },
    BrokenContent(code: .duplicateID, file: "programme.yaml", line: 10, why: "a target group key defined twice") { f in
        try f.replace("programme.yaml", "  - {key: disabled, name: 残疾人", with: "  - {key: elderly, name: 残疾人")
    },
    BrokenContent(code: .reservedID, file: "notices/page.md", line: 0, why: "a notice named like the index's pages") { f in
        try f.write("notices/page.md", try f.read("notices/2017-04-launch.md"))
    },
    BrokenContent(code: .unknownReference, file: xn001, line: 2, why: "an organization that does not exist") { f in
        try f.replace(xn001, "organization: xinyuan-social-work", with: "organization: xinyuan-social-wrk")
    },
    BrokenContent(code: .unknownReference, file: "notices/2017-06-review-publicity.md", line: 9, why: "a Markdown link to no notice") { f in
        try f.replace("notices/2017-06-review-publicity.md", "(notice:2017-04-call-for-applications)", with: "(notice:2017-04-call)")
    },
    BrokenContent(code: .outsideCategory, file: xn001, line: 4, why: "a convenience service in a social-work project") { f in
        try f.replace(xn001, "services: [counselling, humanistic-care]", with: "services: [counselling, legal-aid]")
    },
    BrokenContent(code: .missingDocument, file: xn001, line: 40, why: "a document file that is not there") { f in
        try f.replace(xn001, "file: \"https://mzt.example.gov.cn/gmfw/files/qh2017-xn-001-midterm.pdf\"", with: "file: assets/reports/none.pdf")
    },
    BrokenContent(code: .creditCodeFormat, file: "organizations/xinyuan-social-work.yaml", line: 2, why: "an I in the credit code") { f in
        try f.replace("organizations/xinyuan-social-work.yaml", "52630102MJ6EARAG66", with: "52630102MJ6EARAGI6")
    },
    BrokenContent(code: .creditCodeCheck, file: "organizations/xinyuan-social-work.yaml", line: 2, why: "a wrong check character") { f in
        try f.replace("organizations/xinyuan-social-work.yaml", "52630102MJ6EARAG66", with: "52630102MJ6EARAG67")
    },
    BrokenContent(code: .datesOutOfOrder, file: xn001, line: 11, why: "a contract before the application") { f in
        try f.replace(xn001, "contract: {date: 2017-06-20", with: "contract: {date: 2017-04-20")
    },
    BrokenContent(code: .ledgerBeforeContract, file: "ledger/2017.csv", line: 3, why: "an advance before the contract") { f in
        try f.replace("ledger/2017.csv", "2017-06-23,qh2017-xn-001,advance", with: "2017-06-01,qh2017-xn-001,advance")
    },
    BrokenContent(code: .overpaid, file: "ledger/2017.csv", line: 38, why: "paid more than the amount") { f in
        try f.append("ledger/2017.csv", "2017-12-01,qh2017-xn-001,installment,90000.01,青民财〔2017〕99号,\n")
    },
    BrokenContent(code: .overRecovered, file: "ledger/2018.csv", line: 9, why: "more recovered than paid") { f in
        try f.replace("ledger/2018.csv", "2018-02-10,qh2017-hx-004,收回,60000.00", with: "2018-02-10,qh2017-hx-004,收回,60000.50")
    },
    BrokenContent(code: .finalWithoutPass, file: "ledger/2018.csv", line: 31, why: "a final payment without a final evaluation") { f in
        try f.append("ledger/2018.csv", "2018-03-01,qh2017-xn-013,尾款,10000.00,青民财〔2018〕99号,\n")
    },
]

@Suite("Every error code, from a deliberately broken copy of the sample")
struct ErrorCodeTests {
    @Test(arguments: brokenContents)
    func reports(_ broken: BrokenContent) throws {
        let fixture = try Fixture.copyOfSample()
        try broken.breakIt(fixture)
        let report = fixture.check()
        let matching = report.diagnostics.filter { $0.code == broken.code }
        #expect(!matching.isEmpty, "expected \(broken.code.rawValue); got \(report.diagnostics.map { "\($0.code.rawValue) \($0.location): \($0.message)" })")
        #expect(matching.contains { $0.location.file == broken.file && $0.location.line == broken.line },
                "at \(broken.file):\(broken.line); got \(matching.map { "\($0.location)" })")
        let hasErrors = report.hasErrors, findings = report.diagnostics.findings.count
        #expect(hasErrors)
        #expect(findings == 0, "findings are not looked for in content with errors")
        for diagnostic in matching {
            #expect(diagnostic.message.last == "." || diagnostic.message.last == ")",
                    "a message is one sentence: \(diagnostic.message)")
        }
    }

    @Test func everyErrorCodeHasAFixture() {
        let covered = Set(brokenContents.map(\.code))
        // Template errors are the build's, tested in BuildTests.
        let errors = DiagnosticCode.allCases.filter { $0.severity == .error && ![.templateSyntax, .missingTemplate].contains($0) }
        #expect(errors.filter { !covered.contains($0) } == [])
    }

    @Test func unknownKeySuggestsTheNearest() throws {
        let fixture = try Fixture.copyOfSample()
        try fixture.replace(xn001, "amount: 180000", with: "amout: 180000")
        let diagnostic = try #require(fixture.check().diagnostics.first { $0.code == .unknownKey })
        #expect(diagnostic.suggestion == "did you mean `amount`?")
        #expect(diagnostic.location.column == 1)
    }

    @Test func chineseNamesAreAcceptedForKeys() throws {
        let fixture = try Fixture.copyOfSample()
        try fixture.replace(xn001, "category: social-work", with: "category: 社会工作服务")
        try fixture.replace(xn001, "services: [counselling, humanistic-care]", with: "services: [心理疏导, 人文关怀]")
        let report = fixture.check()
        #expect(report.diagnostics.errors.isEmpty, "\(report.diagnostics.errors)")
        let project = try #require(report.content.project("qh2017-xn-001"))
        #expect(project.category == "social-work")
        #expect(project.services == ["counselling", "humanistic-care"])
    }
}

@Suite("Diagnostics are precise")
struct PrecisionTests {
    /// A record with an error is still known by its ID: no cascade of "does not exist" errors.
    @Test func oneBrokenFieldGivesOneError() throws {
        let fixture = try Fixture.copyOfSample()
        try fixture.replace(xn001, "amount: 180000", with: "amount: 18万")
        let errors = fixture.check().diagnostics.errors
        #expect(errors.map(\.code) == [.badAmount])
    }

    /// An unreadable ledger file does not make the other one look wrong.
    @Test func oneBrokenLedgerFileGivesOneError() throws {
        let fixture = try Fixture.copyOfSample()
        try fixture.append("ledger/2017.csv", "2017-07-01,qh2017-xn-001,advance,1.00,\"unclosed\n")
        let errors = fixture.check().diagnostics.errors
        #expect(errors.map(\.code) == [.csvSyntax])
    }

    /// Markdown link positions count characters, as YAML positions do, on Chinese lines too.
    @Test func markdownLinkColumnsCountCharacters() throws {
        let fixture = try Fixture.copyOfSample()
        try fixture.replace("notices/2017-06-review-publicity.md", "(notice:2017-04-call-for-applications)", with: "(notice:2017-04-call)")
        let diagnostic = try #require(fixture.check().diagnostics.first { $0.code == .unknownReference })
        #expect(diagnostic.location == SourceLocation(file: "notices/2017-06-review-publicity.md", line: 9, column: 3))
        // The nearest notice by edit distance (an assertion that accepted any suggestion, or none, could not fail).
        #expect(diagnostic.suggestion == "did you mean `notice:2017-04-launch`?")
    }

    /// A link inside an indented YAML block scalar points into the right line and column of the file.
    @Test func markdownInYAMLBlockScalarsIsPlaced() throws {
        let fixture = try Fixture.copyOfSample()
        try fixture.replace(xn001, "  心缘社工为两个社区", with: "  见[说明](page:nope)。心缘社工为两个社区")
        let diagnostic = try #require(fixture.check().diagnostics.first { $0.code == .unknownReference })
        #expect(diagnostic.location == SourceLocation(file: xn001, line: 42, column: 4))
    }

    @Test func programmeRegionsMustBeInRegionsYAML() throws {
        let fixture = try Fixture.copyOfSample()
        try fixture.replace("programme.yaml", "\"632802\"]", with: "\"632803\"]")
        let diagnostic = try #require(fixture.check().diagnostics.first { $0.code == .unknownReference })
        #expect(diagnostic.location.file == "programme.yaml" && diagnostic.location.line == 6)
    }
}
