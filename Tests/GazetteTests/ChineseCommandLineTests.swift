import Foundation
import Testing

/// Issue 12's promise: a Chinese editor can check, preview and fix the sample without reading a word of
/// English. Each subcommand's common failures (and a few successes) are run on a zh-CN site, and what the
/// command prints must hold no English sentence. Codes, paths, flags, file names, quoted values and the
/// lines of a file shown under a message are not sentences and are allowed.
@Suite("Chinese command line: no English sentence")
struct ChineseCommandLineTests {
    /// Without GAZETTE_LANG (the test runner's may be set), so the site's language (zh-CN) decides.
    static let environment = ProcessInfo.processInfo.environment.filter { $0.key != "GAZETTE_LANG" }

    static func run(_ arguments: [String], in directory: URL? = nil, timeout: Double = 120) throws -> GazetteBinary.Run {
        try GazetteBinary.run(arguments, in: directory, timeout: timeout, environment: environment)
    }

    /// Runs of three or more English words (ASCII letters, two or more each) in a row, outside what is allowed.
    static func englishSentences(_ text: String) -> [String] {
        var found: [String] = []
        for line in text.split(separator: "\n") {
            // A file's line shown under a message (` 25 |   amount: 180000`), or the caret line.
            if line.range(of: #"^\s*\d*\s*\|"#, options: .regularExpression) != nil { continue }
            var rest = String(line)
            for pattern in [#"`[^`]*`"#, #"'[^']*'"#, #""[^"]*""#, #"<[^>]*>"#, #"\[[^\]]*\]"#,
                            #"[^\s、，：；（）「」]*[/.@:_=0-9\-~][^\s、，：；（）「」]*"#] {
                rest = rest.replacingOccurrences(of: pattern, with: " ", options: .regularExpression)
            }
            if let range = rest.range(of: #"[A-Za-z]{2,}(?:[ ,]+[A-Za-z]{2,}){2,}"#, options: .regularExpression) {
                found.append("\(rest[range])  ←  \(line)")
            }
        }
        return found
    }

    static func expectChinese(_ run: GazetteBinary.Run, _ what: String, sourceLocation: SourceLocation = #_sourceLocation) {
        let output = run.stdout + run.stderr
        #expect(!output.isEmpty, "\(what): printed nothing", sourceLocation: sourceLocation)
        #expect(output.unicodeScalars.contains { (0x4E00...0x9FFF).contains($0.value) }, "\(what): no Chinese at all\n\(output)",
                sourceLocation: sourceLocation)
        let english = englishSentences(output)
        #expect(english.isEmpty, "\(what): English in the output:\n\(english.joined(separator: "\n"))\n---\n\(output)",
                sourceLocation: sourceLocation)
    }

    @Test("the checker finds an English sentence and lets codes, paths and flags pass")
    func theCheckerWorks() {
        #expect(!Self.englishSentences("gazette：错误：the file cannot be read").isEmpty)
        #expect(Self.englishSentences("content/projects/qh2017-xn-001.yaml:8:9: 错误: [E105] 「12,000」不是金额 `--base-url` --to <to>").isEmpty)
        #expect(Self.englishSentences(" 25 |   rectification: {deadline: 2018-03-15, result: pass here now}").isEmpty)
    }

    @Test("check: broken content, a missing folder, wrong options")
    func check() throws {
        let fixture = try Fixture.copyOfSample()
        try fixture.replace("projects/qh2017-xn-001.yaml", "amount: 180000", with: "amount: \"12,000\"\nbudgett: 1")
        try fixture.replace("regions.yaml", "phone: \"0971-0001000\"", with: "phone: \"0971-00010OO\"")
        try fixture.replace("regions.yaml", "email: gmfw@example.gov.cn", with: "email: gmfw.example.gov.cn")
        try fixture.replace("regions.yaml", "web: \"https://mzj630102.example.gov.cn/\"", with: "web: \"http//mzj630102\"")
        try fixture.write("projects/qh2017-xn-099.yaml", "title: 项目: 测试\n")
        let broken = try Self.run(["check", "--content", fixture.root.path])
        #expect(broken.status == 1)
        for code in ["E105", "E103", "E104", "E108", "E004"] { #expect(broken.stderr.contains("[\(code)]"), "\(code)\n\(broken.stderr)") }
        Self.expectChinese(broken, "check on broken content")
        Self.expectChinese(try Self.run(["check", "--content", fixture.root.path, "--format", "json"]), "check --format json")
        for arguments in [["check", "--content", "/nonexistent/content"], ["check", "--contnet", "x"],
                          ["check", "--format", "xml"], ["check", "a", "b"], ["check", "--lang", "fr"], ["frob"]] {
            let run = try Self.run(arguments, in: Fixture.packageRoot)
            #expect(run.status == 2, "\(arguments)")
            Self.expectChinese(run, arguments.joined(separator: " "))
        }
    }

    @Test("build: content errors, a bad base URL, broken templates")
    func build() throws {
        let fixture = try Fixture.copyOfSample()
        let templates = fixture.root.appendingPathComponent("templates-copy")
        try FileManager.default.copyItem(at: Fixture.packageRoot.appendingPathComponent("templates"), to: templates)
        try fixture.replace("projects/qh2017-xn-001.yaml", "amount: 180000", with: "amount: -5")
        let output = fixture.root.appendingPathComponent("out").path
        let errors = try Self.run(["build", "--content", fixture.root.path, "--templates", templates.path, "--output", output])
        #expect(errors.status == 1)
        Self.expectChinese(errors, "build with content errors")
        try fixture.replace("projects/qh2017-xn-001.yaml", "amount: -5", with: "amount: 180000")
        let badURL = try Self.run(["build", "--content", fixture.root.path, "--templates", templates.path, "--output", output,
                                   "--base-url", "ftp://x/"])
        #expect(badURL.status == 2)
        Self.expectChinese(badURL, "build --base-url ftp://x/")
        try "{{#items}}未结束的区块\n".write(to: templates.appendingPathComponent("home.mustache"), atomically: true, encoding: .utf8)
        try FileManager.default.removeItem(at: templates.appendingPathComponent("404.mustache"))
        try "{{>no-such-partial}}\n".write(to: templates.appendingPathComponent("partials/extra.mustache"), atomically: true, encoding: .utf8)
        let broken = try Self.run(["build", "--content", fixture.root.path, "--templates", templates.path, "--output", output])
        #expect(broken.status == 1)
        for code in ["E701", "E702"] { #expect(broken.stderr.contains("[\(code)]"), "\(code)\n\(broken.stderr)") }
        Self.expectChinese(broken, "build with broken templates")
        let done = try Self.run(["build", "--content", fixture.root.path, "--output", output], in: Fixture.packageRoot)
        #expect(done.status == 0)
        Self.expectChinese(done, "build")
    }

    @Test("publish and nginx: wrong targets, nothing live, a publication, verify, rollback")
    func publish() throws {
        let fixture = try Fixture.copyOfSample()
        let target = fixture.root.appendingPathComponent("target").path
        let content = ["--content", fixture.root.path, "--templates", Fixture.packageRoot.appendingPathComponent("templates").path]
        let cases: [(arguments: [String], status: Int32)] = [
            (["publish"], 2),
            (["publish", "--to", "web1:relative"] + content, 2),
            (["publish", "--to", "u@h:/srv/a b"] + content, 2),
            (["publish", "--to", target, "--keep", "0"] + content, 2),
            (["publish", "--to", target, "--rollback", "--verify"] + content, 2),
            (["publish", "--to", target, "--rollback"] + content, 2),
            (["publish", "--to", target, "--verify"] + content, 2),
            (["publish", "--to", target, "--dry-run"] + content, 0),
            (["publish", "--to", target] + content, 0),
            (["publish", "--to", target] + content, 0),
            (["publish", "--to", target, "--verify"] + content, 0),
            (["publish", "--to", target, "--rollback"] + content, 2),
            (["nginx", "--to", "/srv/gazette", "--base-url", "ftp://x/", "--content", fixture.root.path], 2),
            (["nginx", "--to", "/srv/gazette", "--listen", "abc", "--content", fixture.root.path], 2),
            (["nginx", "--to", "/srv/gazette", "--server-name", "a_b.cn", "--content", fixture.root.path], 2),
        ]
        for (arguments, status) in cases {
            let run = try Self.run(arguments, in: Fixture.packageRoot)
            #expect(run.status == status, "\(arguments): \(run.stderr)")
            Self.expectChinese(run, arguments.joined(separator: " "))
        }
    }

    @Test("serve, convert and new: usage errors and refusals")
    func otherCommands() throws {
        let fixture = try Fixture.copyOfSample()
        let cases: [(arguments: [String], status: Int32)] = [
            (["serve", "--content", fixture.root.path, "--port", "70000"], 2),
            (["serve", "--content", "/nonexistent/content"], 2),
            (["serve", "--port", "abc"], 2),
            (["convert", "no-such-file.csv", "--content", fixture.root.path], 2),
            (["convert", "site.yaml", "--content", fixture.root.path], 0),
            (["new"], 2),
            (["new", "page", "--content", fixture.root.path], 2),
            (["new", "project", "qh2017-xn-001", "--content", fixture.root.path], 1),
            (["new", "project", "Bad_ID", "--content", fixture.root.path], 2),
        ]
        for (arguments, status) in cases {
            let run = try Self.run(arguments, in: Fixture.packageRoot)
            #expect(run.status == status, "\(arguments): \(run.stderr)")
            Self.expectChinese(run, arguments.joined(separator: " "))
        }
    }

    @Test("help: every subcommand's abstract and options in Chinese")
    func help() throws {
        for command in ["check", "build", "serve", "publish", "nginx", "convert", "new", "import"] {
            let run = try Self.run([command, "--help"], in: Fixture.packageRoot)
            #expect(run.status == 0)
            Self.expectChinese(run, "\(command) --help")
        }
        let overview = try Self.run(["--help"], in: Fixture.packageRoot)
        Self.expectChinese(overview, "--help")
    }
}
