import Foundation
import GazetteModel
import Testing

@Suite("gazette check on the command line")
struct CommandLineTests {
    @Test func sampleChecksWithFindingsAndExitsZero() throws {
        let run = try GazetteBinary.run(["check", "--lang", "en"], in: Fixture.packageRoot)
        #expect(run.status == 0)
        #expect(run.stdout.contains("0 errors, 2 findings"))
        #expect(run.stderr.contains("content/regions.yaml:126:11: finding: [F104]"))
        #expect(run.stderr.contains("content/projects/qh2017-xn-013.yaml:25:29: finding: [F108]"))
        // The offending line and a caret under column 29.
        #expect(run.stderr.contains(" 25 |   rectification: {deadline: 2018-03-15}\n    | " + String(repeating: " ", count: 28) + "^\n"))
    }

    @Test func strictTurnsFindingsIntoFailure() throws {
        let run = try GazetteBinary.run(["check", "--strict", "--content", Fixture.sample.path])
        #expect(run.status == 1)
    }

    @Test func jsonGivesTheSameData() throws {
        let run = try GazetteBinary.run(["check", "--format", "json", "--content", Fixture.sample.path])
        #expect(run.status == 0)
        let object = try JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [String: Any]
        #expect(object?["errors"] as? Int == 0)
        #expect(object?["findings"] as? Int == 2)
        let items = object?["diagnostics"] as? [[String: Any]] ?? []
        #expect(items.map { $0["code"] as? String } == ["F108", "F104"])
        #expect(items.first?["file"] as? String == "projects/qh2017-xn-013.yaml")
        #expect(items.first?["line"] as? Int == 25)
        #expect(items.first?["column"] as? Int == 29)
        #expect(items.first?["severity"] as? String == "finding")
    }

    @Test func errorsExitOneAndPointAtTheLine() throws {
        let fixture = try Fixture.copyOfSample()
        try fixture.replace(xn001, "amount: 180000", with: "amount: \"12,000\"")
        let run = try GazetteBinary.run(["check", "--lang", "en", "--content", fixture.root.path])
        #expect(run.status == 1)
        #expect(run.stderr.contains("projects/qh2017-xn-001.yaml:8:9: error: [E105]"))
        #expect(run.stderr.contains("= help: Leave out the thousands separators: `12000`."))
    }

    @Test func aMissingContentFolderIsAUsageError() throws {
        let run = try GazetteBinary.run(["check", "--lang", "en", "--content", "/nonexistent/content"])
        #expect(run.status == 2)
        #expect(run.stderr.contains("does not exist"))
        let chinese = try GazetteBinary.run(["check", "--content", "/nonexistent/content"])
        #expect(chinese.status == 2)
        #expect(chinese.stderr.contains("找不到文件夹 `/nonexistent/content`"))
    }

    @Test func anUnknownOptionIsAUsageError() throws {
        let run = try GazetteBinary.run(["check", "--bogus"])
        #expect(run.status == 2)
        #expect(run.stderr.contains("--bogus"))
    }
}
