import ArgumentParser
import Foundation
import GazetteContent
import GazetteModel

/// `gazette check`: reads `content/` and reports every error and finding.
struct CheckCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check",
        abstract: "Check the content against the content format and the programme's rules.",
        discussion: "Errors stop a build; findings are facts to disclose, shown on the site. See docs/diagnostics.md."
    )

    enum Format: String, ExpressibleByArgument, CaseIterable {
        case text, json
    }

    @Option(name: .long, help: "The content folder.")
    var content: String = "content"

    @Option(name: .long, help: "Output format: text or json.")
    var format: Format = .text

    @Flag(name: .long, help: "Treat findings as failures (exit status 1).")
    var strict = false

    func run() throws {
        let directory = try ContentDirectory.resolve(content)
        let report = ContentCheck.run(contentDirectory: directory)
        switch format {
        case .text:
            let shownRoot = content.hasSuffix("/") ? content : content + "/"
            let text = DiagnosticFormatter.text(report.diagnostics, contentDirectory: directory, shownRoot: shownRoot)
            FileHandle.standardError.write(Data(text.utf8))
            let counts = "\(report.content.projects.count) projects, \(report.content.organizations.count) organizations, "
                + "\(report.content.notices.count) notices, \(report.content.ledger.count) ledger rows"
            print("gazette check: \(DiagnosticFormatter.summary(report.diagnostics)) (\(counts))")
        case .json:
            print(DiagnosticFormatter.json(report.diagnostics), terminator: "")
        }
        if report.hasErrors || (strict && !report.diagnostics.findings.isEmpty) {
            throw ExitCode(1)
        }
    }
}

/// The content folder given on the command line, which must exist.
enum ContentDirectory {
    static func resolve(_ path: String, what: String = "content") throws -> URL {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory), isDirectory.boolValue else {
            FileHandle.standardError.write(Data("gazette: error: the \(what) folder `\(path)` does not exist (run from the project's root, or pass --\(what) DIR).\n".utf8))
            throw ExitCode(2)
        }
        return URL(fileURLWithPath: path, isDirectory: true)
    }
}

