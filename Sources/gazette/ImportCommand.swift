import ArgumentParser
import Foundation
import GazetteContent
import GazetteImport
import GazetteModel
import GazetteSpreadsheet

/// `gazette import`: tables (.xlsx, .csv) of projects, organizations and ledger rows into the content, all or
/// nothing; `--template` writes the form to send to counties.
struct ImportCommand: ParsableCommand {
    static var configuration: CommandConfiguration {
        CommandConfiguration(
            commandName: "import",
            abstract: Help.text("help.import.abstract"),
            discussion: Help.text("help.import.discussion")
        )
    }

    @Argument(help: Help.text("help.import.files"))
    var files: [String] = []

    @Option(name: .long, help: Help.text("help.import.content"))
    var content: String = "content"

    @Flag(name: .customLong("dry-run"), help: Help.text("help.import.dryRun"))
    var dryRun = false

    @Option(name: .long, help: Help.text("help.import.kind"))
    var kind: String?

    @Option(name: .long, help: Help.text("help.import.template"))
    var template: String?

    @Flag(name: .customLong("with-records"), help: Help.text("help.import.withRecords"))
    var withRecords = false

    @OptionGroup var lang: LanguageOption

    func run() throws {
        let directory = try ContentDirectory.resolve(content, language: lang.early)
        let language = lang.language(content: directory)
        if let template {
            try writeTemplate(template, directory: directory, language: language)
            return
        }
        guard !files.isEmpty else {
            Say.error("import.cli.noFiles", language)
            throw ExitCode(2)
        }
        var recordKind: RecordKind?
        if let kind {
            guard let parsed = RecordKind(rawValue: kind) else {
                Say.error("import.cli.badKind", language, ["kind": .text(kind), "kinds": .choices(RecordKind.allCases.map(\.rawValue))])
                throw ExitCode(2)
            }
            recordKind = parsed
        }
        let report = Importer.run(Importer.Options(files: files, content: directory, kind: recordKind, dryRun: dryRun,
                                                   shownContent: content))
        let shownRoot = content.hasSuffix("/") ? content : content + "/"
        var errorText = ""
        for diagnostic in report.diagnostics {
            // A cell of a workbook has no line; a CSV cell's line is shown with a caret, read from the file as typed.
            let folder = URL(fileURLWithPath: diagnostic.location.file.hasPrefix("/") ? "/" : ".")
            errorText += DiagnosticFormatter.text([diagnostic], contentDirectory: folder, shownRoot: "", language: language)
        }
        FileHandle.standardError.write(Data(errorText.utf8))
        for note in report.notes { print(Say.text("import.note", language, ["text": .message(note)])) }
        if report.hasErrors {
            print(Say.text("import.cli.failed", language, ["summary": .text(DiagnosticFormatter.summary(report.diagnostics, language: language))]))
            throw ExitCode(1)
        }
        print(ImportPlanText.text(report, shownRoot: shownRoot, dryRun: dryRun, language: language))
    }

    private func writeTemplate(_ path: String, directory: URL, language: Language) throws {
        guard path.lowercased().hasSuffix(".xlsx") else {
            Say.error("import.cli.templateExtension", language)
            throw ExitCode(2)
        }
        let loaded = ContentLoader.load(from: directory)
        if !loaded.diagnostics.errors.isEmpty {
            Say.error("import.cli.contentErrors", language)
            throw ExitCode(1)
        }
        let draft = withRecords ? RecordsWorkbook.workbook(content: loaded.content, directory: directory)
            : ImportTemplate.workbook(content: loaded.content)
        let bytes = try XLSXWriter.write(draft)
        do {
            try bytes.write(to: URL(fileURLWithPath: path), options: .atomic)
        } catch {
            Say.error("import.cli.cannotWrite", language, ["path": .text(path), "reason": .text(error.localizedDescription)])
            throw ExitCode(2)
        }
        print(Say.text("import.cli.wroteTemplate", language, ["path": .text(path)]))
    }
}

/// The plan, as `--dry-run` prints it (and the import, once written), in the reader's language.
enum ImportPlanText {
    static func text(_ report: Importer.Report, shownRoot: String, dryRun: Bool, language: Language) -> String {
        func say(_ key: String, _ arguments: [String: MessageArgument] = [:]) -> String { Say.text(key, language, arguments) }
        var lines: [String] = []
        let new = report.changes.filter { $0.action == .new }
        let updated = report.changes.filter { $0.action == .updated }
        let appended = report.changes.filter { $0.action == .appended }
        for change in new { lines.append(say("import.plan.new", ["path": .text(shownRoot + change.path)])) }
        for change in updated {
            lines.append(say("import.plan.updated", ["path": .text(shownRoot + change.path)]))
            for field in change.changes {
                lines.append(say("import.plan.field", ["field": .text(field.path),
                                                       "old": field.old.map { .text(String($0.prefix(60))) } ?? .word("import.plan.none"),
                                                       "new": .text(String(field.new.prefix(60)))]))
            }
        }
        for change in appended {
            lines.append(say("import.plan.ledger", ["path": .text(shownRoot + change.path), "count": .number(change.ledgerRows.count)]))
            for row in change.ledgerRows { lines.append(say("import.plan.row", ["row": .text(row)])) }
        }
        let rows = appended.reduce(0) { $0 + $1.ledgerRows.count }
        var summary = say("import.plan.summary", ["new": .number(new.count), "updated": .number(updated.count),
                                                  "unchanged": .number(report.unchanged.count), "rows": .number(rows)])
        if report.duplicateLedgerRows > 0 { summary += say("import.plan.duplicates", ["count": .number(report.duplicateLedgerRows)]) }
        summary += say(dryRun ? "import.plan.dryRun" : (report.written ? "import.plan.written" : "import.plan.nothing"))
        lines.append(summary)
        return lines.joined(separator: "\n")
    }
}
