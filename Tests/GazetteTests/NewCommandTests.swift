import Foundation
import GazetteModel
import Testing

@Suite("gazette new")
struct NewCommandTests {
    /// Today as `gazette new` writes it (the machine's day).
    var today: String {
        let parts = Calendar.current.dateComponents([.year, .month, .day], from: Date())
        return Day(year: parts.year!, month: parts.month!, day: parts.day!)!.description
    }

    @Test func aProjectWithTheNextNumberEveryFieldAndTheCatalogue() throws {
        let fixture = try Fixture.copyOfSample()
        let run = try GazetteBinary.run(["new", "project", "--content", fixture.root.path])
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.stdout.contains("projects/qh2017-xn-028.yaml"))
        let text = try fixture.read("projects/qh2017-xn-028.yaml")
        #expect(text.hasPrefix("# 项目 qh2017-xn-028"))
        #expect(text.contains("applied: \(today)"))
        #expect(text.contains("social-work (社会工作服务)"), "the programme's categories as a comment")
        #expect(text.contains("\"630102\" 城东区"), "the programme's counties as a comment")
        // Every field of a project is there, written or commented.
        for key in ["title", "organization", "category", "services", "target_groups", "county", "communities", "amount",
                    "applied", "reviewed_by", "contract", "period", "needs_assessment", "midterm", "final", "outcomes",
                    "documents", "summary"] {
            #expect(text.contains("\n\(key):") || text.contains("\n# \(key):"), "\(key)")
        }
        // Refuses to overwrite.
        let again = try GazetteBinary.run(["new", "project", "qh2017-xn-028", "--content", fixture.root.path])
        #expect(again.status == 1)
        #expect(again.stderr.contains("已经存在"))
        #expect(try fixture.read("projects/qh2017-xn-028.yaml") == text)
    }

    @Test(arguments: ["project", "organization", "notice", "page"])
    func onceFilledItPassesCheck(_ kind: String) throws {
        let fixture = try Fixture.copyOfSample()
        for language in ["zh-CN", "en"] {
            let id = "new-\(kind)-\(language.lowercased())"
            let run = try GazetteBinary.run(["new", kind, id, "--lang", language, "--content", fixture.root.path])
            #expect(run.status == 0, "\(run.stderr)")
            let path = "\(kind)s/\(id).\(kind == "notice" || kind == "page" ? "md" : "yaml")"
            // Filled in as an editor would: the blank values get text.
            var text = try fixture.read(path)
            let fills: [String: String] = [
                "title": "测试", "organization": "golmud-kunlun-social-work", "category": "social-work",
                "services": "[counselling]", "target_groups": "[elderly]", "county": "\"632801\"", "amount": "100000",
                "reviewed_by": "青海衡平第三方评估有限公司", "name": "测试机构", "credit_code": "52632801MJ7PEYPHPL",
                "type": "social-work-service", "registration_authority": "格尔木市民政局", "office": "格尔木市",
                "summary": "摘要。", "description": "说明。",
            ]
            var lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
            for index in lines.indices {
                for (key, value) in fills where lines[index] == "\(key): " || lines[index] == "\(key): []" || lines[index] == "\(key): \"\"" {
                    lines[index] = "\(key): \(value)"
                }
                if kind == "organization" && lines[index].hasPrefix("category: ") { lines[index] = "category: community" }
            }
            text = lines.joined(separator: "\n")
            try fixture.write(path, text)
        }
        let check = try GazetteBinary.run(["check", "--lang", "en", "--content", fixture.root.path])
        #expect(check.status == 0, "\(check.stderr)")
    }

    @Test func aNoticeIsNamedByTodayAndAPageNeedsAnID() throws {
        let fixture = try Fixture.copyOfSample()
        let first = try GazetteBinary.run(["new", "notice", "--content", fixture.root.path])
        let second = try GazetteBinary.run(["new", "notice", "--content", fixture.root.path])
        #expect(first.status == 0 && second.status == 0)
        #expect(FileManager.default.fileExists(atPath: fixture.url("notices/\(today).md").path))
        #expect(FileManager.default.fileExists(atPath: fixture.url("notices/\(today)-2.md").path))
        let page = try GazetteBinary.run(["new", "page", "--content", fixture.root.path])
        #expect(page.status == 2)
        #expect(page.stderr.contains("新建页面要写编号"))
    }
}
