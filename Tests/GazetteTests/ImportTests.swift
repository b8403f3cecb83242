import Foundation
import GazetteContent
@testable import GazetteImport
import GazetteModel
import GazetteSpreadsheet
import Testing

/// `gazette import` on copies of the sample: what a person wrote is kept, the ledger gets no duplicate, and one
/// wrong cell stops everything, named at its cell.
@Suite("Import")
struct ImportTests {
    static func write(_ text: String, _ name: String) throws -> String {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("gazette-import-\(UUID().uuidString)-\(name)")
        try Data(text.utf8).write(to: url)
        return url.path
    }

    static func snapshot(_ root: URL) throws -> [String: Data] {
        var files: [String: Data] = [:]
        let enumerator = FileManager.default.enumerator(at: root, includingPropertiesForKeys: nil)!
        for case let url as URL in enumerator where !url.hasDirectoryPath {
            files[String(url.path.dropFirst(root.path.count))] = try Data(contentsOf: url)
        }
        return files
    }

    @Test func commentedYAMLIsEditedFieldByField() throws {
        let fixture = try Fixture.copyOfSample()
        let path = fixture.root.appendingPathComponent("projects/qh2017-hx-001.yaml")
        var original = try String(contentsOf: path, encoding: .utf8)
        // A person's comments, in the places people put them.
        original = "# 海西州报送,2017年6月核对\n" + original.replacingOccurrences(of: "amount: 180000\n", with: "amount: 180000  # 合同第3条\n")
        try Data(original.utf8).write(to: path)
        let table = try Self.write("""
            项目编号,合同金额(万元),终期评价得分,服务期结束,中期评估结果,抽查日期,服务社区
            qh2017-hx-001,18.5,96,2017/12/31,合格,2017-11-05,河东社区、西藏路社区
            """, "update.csv")
        let report = Importer.run(.init(files: [table], content: fixture.root))
        #expect(report.diagnostics.errors.isEmpty, "\(report.diagnostics)")
        let edited = try String(contentsOf: path, encoding: .utf8)
        let before = original.split(separator: "\n", omittingEmptySubsequences: false)
        let after = edited.split(separator: "\n", omittingEmptySubsequences: false)
        #expect(before.count == after.count)
        let changed = zip(before, after).filter { $0 != $1 }
        #expect(changed.map(\.1) == [
            "amount: 185000.00  # 合同第3条",
            "  spot_check: {by: 海西州民政局, date: 2017-11-05, result: pass}",
            "  score: 96",
        ])
        #expect(report.changes.first?.changes.map(\.path) == ["amount", "midterm.spot_check.date", "final.score"])
    }

    @Test func newRecordsAndLedgerRowsWithoutDuplicates() throws {
        let fixture = try Fixture.copyOfSample()
        let projects = try Self.write("""
            青海省2018年购买服务项目汇总表,,,,,,,,
            项目编号,项目名称,承接机构,服务类别,服务内容,服务对象,县(市、区),合同金额,合同签订日期
            qh2017-xn-901,城北区助餐服务项目,西宁市城北区向阳居家养老服务中心,社区便民服务,生活照料、健康体检,社区居家老年人,城北区,120000,2017-07-01
            """, "projects.csv")
        let ledger = try Self.write("""
            日期,项目,类型,金额,凭证号,备注
            2017-06-23,qh2017-hx-004,advance,60000.00,青民财〔2017〕41号,先期预付资金
            2017-07-10,qh2017-xn-901,预付,36000,青民财〔2017〕99号,先期预付资金
            """, "ledger.csv")
        let before = try Self.snapshot(fixture.root)
        let dry = Importer.run(.init(files: [projects, ledger], content: fixture.root, dryRun: true))
        #expect(dry.diagnostics.errors.isEmpty, "\(dry.diagnostics)")
        #expect(dry.changes.map(\.action) == [.new, .appended])
        #expect(dry.duplicateLedgerRows == 1)
        #expect(try Self.snapshot(fixture.root) == before, "a dry run wrote")
        let report = Importer.run(.init(files: [projects, ledger], content: fixture.root))
        #expect(report.written)
        let project = try String(contentsOf: fixture.root.appendingPathComponent("projects/qh2017-xn-901.yaml"), encoding: .utf8)
        #expect(project.contains("organization: chengbei-xiangyang-elderly\n"))
        #expect(project.contains("county: \"630105\"\n"))
        #expect(project.contains("services: [daily-care, health-checkup]\n"))
        let ledgerText = try String(contentsOf: fixture.root.appendingPathComponent("ledger/2017.csv"), encoding: .utf8)
        #expect(ledgerText.hasSuffix("2017-07-10,qh2017-xn-901,advance,36000.00,青民财〔2017〕99号,先期预付资金\n")
            || ledgerText.hasSuffix("2017-07-10,qh2017-xn-901,advance,36000.00,青民财〔2017〕99号,先期预付资金\r\n"))
        // Importing the same tables again changes nothing.
        let again = Importer.run(.init(files: [projects, ledger], content: fixture.root))
        #expect(again.changes.isEmpty && again.duplicateLedgerRows == 2 && again.unchanged.count == 1)
        #expect(ContentCheck.run(contentDirectory: fixture.root).diagnostics.errors.isEmpty)
    }

    @Test func oneWrongCellStopsEverythingAndIsNamed() throws {
        let fixture = try Fixture.copyOfSample()
        let before = try Self.snapshot(fixture.root)
        let table = try Self.write("""
            项目编号,合同金额,合同签订日期,服务对象
            qh2017-hx-001,185000,2017-06-26,社区居家老年人
            qh2017-hx-002,十八万,2017-06-26,社区居家老年人
            """, "bad.csv")
        let report = Importer.run(.init(files: [table], content: fixture.root))
        #expect(!report.written)
        let error = try #require(report.diagnostics.errors.first)
        #expect(error.code == .badAmount)
        #expect(error.location.file == table && error.location.line == 3 && error.location.column == 15)
        #expect(try Self.snapshot(fixture.root) == before)
    }

    @Test func checkErrorsArePlacedAtTheirCell() throws {
        let fixture = try Fixture.copyOfSample()
        let table = try Self.write("""
            项目编号,服务内容
            qh2017-hx-001,心理疏导、助餐
            """, "service.csv")
        let report = Importer.run(.init(files: [table], content: fixture.root))
        let error = try #require(report.diagnostics.errors.first)
        #expect(error.code == .unknownReference)
        #expect(error.location.file == table && error.location.line == 2 && error.location.column == 15, "\(error.location)")
    }

    @Test func headerProblemsSuggestTheNearestField() throws {
        let fixture = try Fixture.copyOfSample()
        let table = try Self.write("""
            项目编号,项目名称,合同全额,合同金额(万元),项目金额
            qh2017-hx-001,x,1,2,3
            """, "header.csv")
        let report = Importer.run(.init(files: [table], content: fixture.root))
        let messages = report.diagnostics.map { "\($0.location.line):\($0.location.column) \($0.code.rawValue) \($0.suggestion ?? "")" }
        #expect(messages.contains("1:11 E103 did you mean `合同金额`?"), "\(messages)")
        #expect(report.diagnostics.contains { $0.location.column == 25 && $0.message.contains("both give `amount`") })
    }

    /// A Chinese header near a Chinese field name suggests that name (containment or one edit, as `check` does
    /// for keywords), never an English key that happens to be two edits away (`县区` is not `id`).
    @Test func chineseHeadersSuggestChineseFields() throws {
        let fixture = try Fixture.copyOfSample()
        let table = try Self.write("""
            项目编号,项目名称,县区,合同签定日期,Amout
            qh2017-hx-001,x,格尔木市,2017-06-26,1
            """, "suggest.csv")
        let report = Importer.run(.init(files: [table], content: fixture.root))
        let byColumn = Dictionary(report.diagnostics.filter { $0.code == .unknownKey }.map { ($0.location.column, $0) }, uniquingKeysWith: { a, _ in a })
        #expect(byColumn[11]?.suggestion(in: .en) == "did you mean `县(市、区)`?", "\(report.diagnostics)")
        #expect(byColumn[11]?.suggestion(in: .zhCN)?.hasPrefix("是不是要写「县(市、区)」") == true)
        #expect(byColumn[11]?.message(in: .zhCN) == "列名「县区」不是项目的字段。")
        #expect(byColumn[14]?.suggestion(in: .en) == "did you mean `合同签订日期`?")
        #expect(byColumn[21]?.suggestion(in: .en) == "did you mean `Amount`?")
        let organizations = try Self.write("机构编号,机构名称,所在县区\nxinyuan-social-work,x,城西区\n", "suggest-org.csv")
        let second = Importer.run(.init(files: [organizations], content: fixture.root))
        #expect(second.diagnostics.first?.suggestion(in: .en) == "did you mean `所在县(市、区)`?", "\(second.diagnostics)")
        // Nothing near: the columns of that kind of table, in the reader's language.
        let far = try Self.write("项目编号,项目名称,备注说明\nqh2017-hx-001,x,y\n", "far.csv")
        let third = Importer.run(.init(files: [far], content: fixture.root))
        #expect(third.diagnostics.first?.suggestion(in: .zhCN)?.hasPrefix("项目的列有：项目编号、项目名称、") == true, "\(third.diagnostics)")
    }

    /// Documents, responses, inspections and violations come as sheets of their own, one row per item beside the
    /// record's ID; a record named there gets exactly those items, in place, and nothing else in its file moves.
    @Test func itemSheetsReplaceTheItemsOfTheRecordsTheyName() throws {
        let fixture = try Fixture.copyOfSample()
        let projectPath = fixture.root.appendingPathComponent("projects/qh2017-xn-010.yaml")
        let organizationPath = fixture.root.appendingPathComponent("organizations/delingha-ruxin-social-work.yaml")
        let projectBefore = try String(contentsOf: projectPath, encoding: .utf8)
        let organizationBefore = try String(contentsOf: organizationPath, encoding: .utf8)
        let documents = try Self.write("""
            项目编号,文件名称,文件地址
            qh2017-xn-010,项目合同(修订),https://mzt.example.gov.cn/gmfw/files/qh2017-xn-010-contract-2.pdf
            """, "documents.csv")
        let inspections = try Self.write("机构编号,年检年度,年检结果\ndelingha-ruxin-social-work,2016,合格\ndelingha-ruxin-social-work,2017,合格\n", "inspections.csv")
        let violations = try Self.write("机构编号,违规日期,违规情况\ndelingha-ruxin-social-work,2018/3/5,未按期报送年度报告\n", "violations.csv")
        let report = Importer.run(.init(files: [documents, inspections, violations], content: fixture.root))
        #expect(report.diagnostics.errors.isEmpty, "\(report.diagnostics)")
        #expect(report.written)
        let projectAfter = try String(contentsOf: projectPath, encoding: .utf8)
        #expect(projectAfter == projectBefore.replacingOccurrences(of: """
              - {title: 项目合同, file: "https://mzt.example.gov.cn/gmfw/files/qh2017-xn-010-contract.pdf"}
              - {title: 终期绩效评价报告, file: "https://mzt.example.gov.cn/gmfw/files/qh2017-xn-010-final.pdf"}
            """, with: """
              - {title: 项目合同(修订), file: "https://mzt.example.gov.cn/gmfw/files/qh2017-xn-010-contract-2.pdf"}
            """), "\(projectAfter)")
        let organizationAfter = try String(contentsOf: organizationPath, encoding: .utf8)
        #expect(organizationAfter == organizationBefore
            .replacingOccurrences(of: "annual_inspections: {2015: pass, 2016: pass}", with: "annual_inspections: {2016: pass, 2017: pass}")
            .replacingOccurrences(of: "  - {date: 2018-03-05, description: \"未按期报送2017年度工作报告和财务报表,被德令哈市民政局责令限期改正\"}",
                                  with: "  - {date: 2018-03-05, description: 未按期报送年度报告}"), "\(organizationAfter)")
        // The same tables again change nothing.
        let again = Importer.run(.init(files: [documents, inspections, violations], content: fixture.root))
        #expect(again.changes.isEmpty && again.unchanged.count == 2, "\(again.changes.map(\.path))")
        // An item of a record that does not exist is an error at its ID cell; nothing is written.
        let before = try Self.snapshot(fixture.root)
        let stray = try Self.write("项目编号,文件名称,文件地址\nqh2017-xn-999,合同,https://x.example.org/a.pdf\n", "stray.csv")
        let refused = Importer.run(.init(files: [stray], content: fixture.root))
        let error = try #require(refused.diagnostics.errors.first)
        #expect(error.code == .unknownReference && error.location.line == 2 && error.location.column == 1)
        #expect(error.message(in: .zhCN) == "内容和导入的表格中都没有记录 `qh2017-xn-999`（projects/qh2017-xn-999.yaml），这条项目文件无处归属。")
        #expect(try Self.snapshot(fixture.root) == before)
    }

    /// An error the import causes but the check finds at a file it does not change (a later ledger row now
    /// overpays) stays at that row and names the imported cell.
    @Test func anErrorFoundElsewhereNamesTheImportedCell() throws {
        let fixture = try Fixture.copyOfSample()
        let ledger = try Self.write("日期,项目,类型,金额,凭证号,备注\n2017-07-01,qh2017-xn-006,进度款,1000,青民财〔2017〕999号,\n", "overpay.csv")
        let report = Importer.run(.init(files: [ledger], content: fixture.root, shownContent: "content"))
        let error = try #require(report.diagnostics.errors.first { $0.code == .overpaid })
        #expect(error.location.file == "content/ledger/2018.csv", "\(error.location)")
        #expect(error.message(in: .en).hasSuffix("(the import changes this record: \(ledger):2:12)"), "\(error.message(in: .en))")
        #expect(error.message(in: .zhCN).hasSuffix("（本次导入修改了这条记录：\(ledger):2:12）"))
        #expect(!report.written)
    }

    @Test func workbookWithMergedTitleImports() throws {
        let fixture = try Fixture.copyOfSample()
        var sheet = SheetDraft(name: "项目汇总", columns: [.init(header: "青海省购买服务项目汇总表"), .init(header: ""), .init(header: "")])
        sheet.rows = [[.text("项目编号"), .text("合同金额(万元)"), .text("终期评价日期")],
                      [.text("qh2017-hx-001"), .number("18.5"), .date(year: 2018, month: 1, day: 15)]]
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("表-\(UUID().uuidString).xlsx")
        try XLSXWriter.write(WorkbookDraft(sheets: [sheet])).write(to: url)
        let report = Importer.run(.init(files: [url.path], content: fixture.root, dryRun: true))
        #expect(report.diagnostics.isEmpty, "\(report.diagnostics)")
        #expect(report.changes.first?.changes.map(\.new) == ["185000.00", "2018-01-15"])
    }
}

/// The record-file editor against its own oracle, on every project and organization of the sample: random
/// changes to scalars, lists, texts and nested fields (present or not, flow or block) are made in place, read
/// back as the new values, and leave every other value as it was.
@Suite("YAML editor")
struct YAMLEditorTests {
    static let projectFields: [(String, @Sendable (Int) -> YAMLValue)] = [
        ("amount", { .scalar("\(150_000 + $0).00") }),
        ("contract.number", { .scalar("QHMZ-2017-\($0)") }),
        ("final.score", { .scalar("\(80 + $0 % 20)") }),
        ("midterm.spot_check.date", { .scalar("2017-11-\(10 + $0 % 18)") }),
        ("midterm.rectification.deadline", { .scalar("2017-12-\(10 + $0 % 18)") }),
        ("services", { $0 % 2 == 0 ? .list(["counselling"]) : .list(["counselling", "humanistic-care"]) }),
        ("communities", { .list(["社区\($0)", "a, b: c"]) }),
        ("summary", { .markdown("第\($0)段。\n\n- 列表 **加粗**\n") }),
        ("outcomes.highlights", { .markdown("成效 #\($0): 好") }),
        ("county", { .quoted("6328\(String(format: "%02d", $0 % 100))") }),
        ("title", { .scalar("标题: \"引号\" #\($0)") }),
    ]

    @Test func randomEditsOfEverySampleFileKeepEverythingElse() throws {
        var generator = SystemRandomNumberGenerator()
        let folder = Fixture.sample.appendingPathComponent("projects")
        let files = try FileManager.default.contentsOfDirectory(atPath: folder.path).filter { $0.hasSuffix(".yaml") }.sorted()
        #expect(files.count >= 30)
        var edits = 0
        for round in 0..<3 {
            for file in files {
                let text = try String(contentsOf: folder.appendingPathComponent(file), encoding: .utf8)
                let chosen = Self.projectFields.filter { _ in Bool.random(using: &generator) }
                let values = chosen.map { ($0.0, $0.1(round * 100 + Int.random(in: 0..<100, using: &generator))) }
                switch YAMLEditor.update(text, file: file, values: values) {
                case let .failure(refusal):
                    Issue.record("\(file): \(refusal.path): \(refusal.reason)")
                case let .success((newText, changes, _)):
                    edits += changes.count
                    let paths = values.map(\.0)
                    let read = try #require(YAMLEditor.values(of: newText, file: file, paths: paths))
                    for (path, value) in values { #expect(read[path] == value.texts, "\(file) \(path)") }
                    // Comments and lines the edit did not touch are byte for byte the same.
                    let untouched = text.split(separator: "\n").filter { line in !paths.contains { line.contains(($0.split(separator: ".").last).map(String.init) ?? $0) } }
                    for line in untouched where !line.hasPrefix("  ") && !line.hasPrefix("-") {
                        #expect(newText.contains(line), "\(file): lost `\(line)`")
                    }
                }
            }
        }
        #expect(edits > 100)
    }

    @Test func newFilesReadBackExactly() throws {
        let values: [(path: String, value: YAMLValue)] = [
            ("title", .scalar("- 开头是连字符")), ("county", .quoted("632801")), ("amount", .scalar("180000.00")),
            ("communities", .list(["null", "yes", "[x]"])), ("contract.date", .scalar("2017-06-26")),
            ("contract.number", .scalar("#1")), ("midterm.spot_check.by", .scalar("a: b")),
            ("midterm.date", .scalar("2017-10-21")), ("summary", .markdown("一\n\n  二\n")),
        ]
        let (text, lines) = YAMLEditor.newFile(values)
        let read = try #require(YAMLEditor.values(of: text, file: "x.yaml", paths: values.map(\.path)))
        for (path, value) in values { #expect(read[path] == value.texts, "\(path) in\n\(text)") }
        #expect(lines["contract.number"] == 7)
    }
}
