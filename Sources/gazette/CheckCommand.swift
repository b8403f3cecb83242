import ArgumentParser
import Foundation
import GazetteContent
import GazetteModel

/// `gazette check`: reads `content/` and reports every error and finding.
struct CheckCommand: ParsableCommand {
    static var configuration: CommandConfiguration {
        CommandConfiguration(
            commandName: "check",
            abstract: Help.text("help.check.abstract"),
            discussion: Help.text("help.check.discussion")
        )
    }

    enum Format: String, ExpressibleByArgument, CaseIterable {
        case text, json
    }

    @Option(name: .long, help: Help.text("help.check.content"))
    var content: String = "content"

    @Option(name: .long, help: Help.text("help.check.format"))
    var format: Format = .text

    @Flag(name: .long, help: Help.text("help.check.strict"))
    var strict = false

    @OptionGroup var lang: LanguageOption

    func run() throws {
        let directory = try ContentDirectory.resolve(content, language: lang.early)
        let report = ContentCheck.run(contentDirectory: directory)
        let language = lang.language(content: directory)
        switch format {
        case .text:
            let shownRoot = content.hasSuffix("/") ? content : content + "/"
            var text = DiagnosticFormatter.text(report.diagnostics, contentDirectory: directory, shownRoot: shownRoot, language: language)
            for (path, encoding) in report.content.fileEncodings.sorted(by: { $0.key < $1.key }) {
                text += Say.text("cli.check.encoding", language, ["file": .text(shownRoot + path), "encoding": .text(encoding)]) + "\n"
            }
            FileHandle.standardError.write(Data(text.utf8))
            print(Say.text("cli.check.summary", language, [
                "summary": .text(DiagnosticFormatter.summary(report.diagnostics, language: language)),
                "projects": .number(report.content.projects.count), "organizations": .number(report.content.organizations.count),
                "notices": .number(report.content.notices.count), "ledger": .number(report.content.ledger.count)]))
        case .json:
            print(DiagnosticFormatter.json(report.diagnostics, language: language), terminator: "")
        }
        if report.hasErrors || (strict && !report.diagnostics.findings.isEmpty) {
            throw ExitCode(1)
        }
    }
}

/// The content folder given on the command line, which must exist.
enum ContentDirectory {
    static func resolve(_ path: String, what: String = "content", language: Language = .zhCN) throws -> URL {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory), isDirectory.boolValue else {
            Say.error("cli.noFolder", language, ["what": .text(what), "path": .text(path)])
            throw ExitCode(2)
        }
        return URL(fileURLWithPath: path, isDirectory: true)
    }
}

