import Foundation
import GazetteContent
@testable import GazetteModel
import Testing

@Suite("Messages in the editors' language")
struct LanguageTests {
    @Test func bothCataloguesHoldTheSameKeysWithTheSamePlaceholders() {
        let english = MessageCatalogue.entries(.en), chinese = MessageCatalogue.entries(.zhCN)
        #expect(Set(english.keys).subtracting(chinese.keys).sorted() == [], "keys missing in zh-CN")
        #expect(Set(chinese.keys).subtracting(english.keys).sorted() == [], "keys missing in en")
        for (key, template) in english {
            guard let other = chinese[key] else { continue }
            #expect(Set(MessageCatalogue.placeholders(template)) == Set(MessageCatalogue.placeholders(other)),
                    "placeholders of \(key) differ: \(template) | \(other)")
        }
        // Every code has at least one message, in both languages.
        for code in DiagnosticCode.allCases {
            #expect(english.keys.contains { $0 == code.rawValue || $0.hasPrefix(code.rawValue + ".") }, "no message for \(code.rawValue)")
        }
    }

    @Test func writtenAsTheGlossarySays() {
        // The glossary's own example of a finding sentence, byte for byte.
        let finding = Message("F104", ["city": .text("海西蒙古族藏族自治州"), "checked": .number(1), "evaluated": .number(5),
                                       "share": .text("20.0%"), "required": .text("30%")])
        #expect(finding.text(in: .zhCN) == "海西蒙古族藏族自治州对5个项目的中期评估抽查了1个（20.0%），低于规定的30%。")
        for (key, template) in MessageCatalogue.entries(.zhCN) {
            #expect(!template.contains("您") && !template.contains("!"), "\(key): no 您, no exclamation marks")
        }
    }

    /// The glossary: full-width punctuation in Chinese text (，。：；（）？), half-width digits. What is not
    /// Chinese prose keeps its ASCII marks: code in backticks, quoted examples, `{placeholders}` and YAML flow
    /// examples, 「键: 值」 shown as written, web addresses, `{host}:{port}`.
    static func halfWidthMarks(_ text: String) -> [String] {
        var rest = text
        for pattern in [#"`[^`]*`"#, #""[^"]*""#, #"\{\{[^}]*\}\}"#, #"\{[^{}]*:[^{}]*\}"#, #"\[[^\]]*,[^\]]*\]"#,
                        #"「[^」]*: [^」]*」"#, #"「: 」"#, #"https?://\S+"#, #"\{[a-zA-Z]+\}:\{[a-zA-Z]+\}"#] {
            rest = rest.replacingOccurrences(of: pattern, with: "·", options: .regularExpression)
        }
        var found: [String] = []
        var search = rest.startIndex..<rest.endIndex
        while let range = rest.range(of: #"[\p{Han}][,;:()?]|[,;:()?][\p{Han}]"#, options: .regularExpression, range: search) {
            found.append(String(rest[range]))
            search = range.upperBound..<rest.endIndex
        }
        return found
    }

    @Test func chinesePunctuationIsFullWidth() throws {
        #expect(Self.halfWidthMarks("整改期限已过,截至").count == 1)
        #expect(Self.halfWidthMarks("应写 `{2015: 合格, 2016: 合格}`，「键: 值」，{host}:{port}").isEmpty)
        for (key, template) in MessageCatalogue.entries(.zhCN) {
            // `gazette new`'s skeletons: only their comment lines are prose.
            let prose = key.hasPrefix("new.")
                ? template.split(separator: "\n").filter { $0.hasPrefix("# ") && !$0.contains(": ") }.joined(separator: "\n") : template
            #expect(Self.halfWidthMarks(prose).isEmpty, "\(key): \(Self.halfWidthMarks(prose)) in \(template)")
        }
        let strings = try String(contentsOf: Fixture.packageRoot.appendingPathComponent("templates/i18n/zh-CN.yaml"), encoding: .utf8)
        for line in strings.split(separator: "\n") {
            let value = line.firstRange(of: ": ").map { String(line[$0.upperBound...]) } ?? String(line)
            #expect(Self.halfWidthMarks(value).isEmpty, "templates/i18n/zh-CN.yaml: \(line)")
        }
    }

    @Test func everyKeyIsInOnePartOfTheCatalogue() {
        #expect(Set(MessageCatalogue.english.keys).isDisjoint(with: MessageCatalogue.englishCommands.keys))
        #expect(Set(MessageCatalogue.chinese.keys).isDisjoint(with: MessageCatalogue.chineseCommands.keys))
    }

    @Test func theSampleChecksInChineseLineByLine() throws {
        let run = try GazetteBinary.run(["check"], in: Fixture.packageRoot)
        #expect(run.status == 0)
        let expected = try String(contentsOf: Fixture.packageRoot.appendingPathComponent("Tests/Expected/check.zh-CN.txt"), encoding: .utf8)
        let got = (run.stderr + run.stdout).split(separator: "\n", omittingEmptySubsequences: false)
        let want = expected.split(separator: "\n", omittingEmptySubsequences: false)
        #expect(got.count == want.count)
        for (index, (a, b)) in zip(got, want).enumerated() { #expect(a == b, "line \(index + 1)") }
    }

    @Test func languageFromOptionThenEnvironmentThenSite() throws {
        let english = try GazetteBinary.run(["check", "--lang", "en"], in: Fixture.packageRoot)
        #expect(english.stdout.hasPrefix("gazette check: 0 errors, 2 findings"))
        let json = try GazetteBinary.run(["check", "--format", "json"], in: Fixture.packageRoot)
        let object = try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any]
        let items = object?["diagnostics"] as? [[String: Any]] ?? []
        #expect(items.first?["code"] as? String == "F108")
        #expect(items.first?["message"] as? String == "整改期限2018年3月15日已过，截至2018年3月31日尚无复核结果。")
        #expect(Language.resolve(option: nil, environment: ["GAZETTE_LANG": "en"], site: "zh-CN") == .en)
        #expect(Language.resolve(option: "zh-CN", environment: ["GAZETTE_LANG": "en"], site: "en") == .zhCN)
        #expect(Language.resolve(option: nil, environment: [:], site: "en") == .en)
        let bad = try GazetteBinary.run(["check", "--lang", "fr"], in: Fixture.packageRoot)
        #expect(bad.status == 2)
    }

    @Test func datesAndAmountsAsTheSiteShowsThem() {
        let message = Message("F101", ["amount": .yuan(Yuan(fen: 20_001_000)), "cap": .yuan(Yuan(fen: 20_000_000))])
        #expect(message.text(in: .zhCN) == "合同金额20.001万元超过了每个项目20万元的上限。")
        #expect(message.text(in: .en) == "The contract amount, ¥200,010, is over the cap of ¥200,000 per project.")
        #expect(MessageArgument.day(Day("2018-03-15")!).text(in: .zhCN) == "2018年3月15日")
    }
}

@Suite("Chinese keywords")
struct KeywordTests {
    func errors(_ change: (Fixture) throws -> Void) throws -> [Diagnostic] {
        let fixture = try Fixture.copyOfSample()
        try change(fixture)
        return fixture.check().diagnostics.errors
    }

    @Test func theProgrammesOwnTermsAreAccepted() throws {
        let found = try errors { f in
            try f.replace("projects/qh2017-xn-001.yaml", "  result: pass\n  satisfaction: 87.7", with: "  result: 合格\n  satisfaction: 87.7")
            try f.replace("notices/2017-04-launch.md", "kind: announcement", with: "kind: 公告")
            try f.replace("notices/2017-05-policy-interpretation.md", "kind: interpretation", with: "kind: 政策解读")
            try f.replace("organizations/golmud-kunlun-social-work.yaml", "registered_with: county", with: "registered_with: 县级")
            try f.replace("organizations/golmud-kunlun-social-work.yaml", "financial_system: true", with: "financial_system: 是")
            try f.replace("organizations/golmud-kunlun-social-work.yaml", "{2015: pass, 2016: pass}", with: "{2015: 合格, 2016: 合格}")
            try f.replace("organizations/golmud-kunlun-social-work.yaml", "grade: 3A", with: "grade: AAA级")
            try f.replace("projects/qh2017-xn-001.yaml", "category: social-work", with: "category: 社会工作服务")
        }
        #expect(found.map { "\($0.location): \($0.message)" } == [])
    }

    @Test func aNearMissIsSuggested() throws {
        let found = try errors { try $0.replace("projects/qh2017-xn-001.yaml", "  result: pass\n  satisfaction: 87.7", with: "  result: 合格了\n  satisfaction: 87.7") }
        #expect(found.count == 1)
        let error = try #require(found.first)
        #expect(error.code == .outOfRange)
        #expect(error.message(in: .zhCN) == "`midterm.result` 的值「合格了」无法识别，应为 合格、整改 或 不合格。")
        #expect(error.suggestion(in: .zhCN) == "是不是要写「合格」？")
        let kind = try errors { try $0.replace("notices/2017-04-launch.md", "kind: announcement", with: "kind: 公示通知") }
        #expect(kind.first?.suggestion(in: .zhCN) == "是不是要写「公示」？" || kind.first?.suggestion(in: .zhCN) == "是不是要写「通知」？")
    }

    @Test func outputUsesTheKey() throws {
        let fixture = try Fixture.copyOfSample()
        try fixture.replace("notices/2017-04-launch.md", "kind: announcement", with: "kind: 通知")
        let report = fixture.check()
        #expect(report.content.notices.first { $0.slug == "2017-04-launch" }?.kind == .announcement)
    }
}

private extension Fixture {
    var xn001: String { "projects/qh2017-xn-001.yaml" }
}
