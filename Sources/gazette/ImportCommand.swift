import ArgumentParser
import Foundation
import GazetteContent
import GazetteImport
import GazetteModel
import GazetteSpreadsheet

/// `gazette import`: tables (.xlsx, .csv) of projects, organizations and ledger rows into the content, all or
/// nothing; `--template` writes the form to send to counties.
struct ImportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "import",
        abstract: "Import tables (.xlsx or .csv) of projects, organizations and ledger rows into the content.",
        discussion: "Nothing is written if any cell is wrong or the content would not pass `check`. See docs/import.md."
    )

    @Argument(help: "The tables: .xlsx workbooks (every visible sheet) or .csv files.")
    var files: [String] = []

    @Option(name: .long, help: "The content folder.")
    var content: String = "content"

    @Flag(name: .customLong("dry-run"), help: "Print what would change, and write nothing.")
    var dryRun = false

    @Option(name: .long, help: "The kind of every table: project, organization or ledger (otherwise told from the headers).")
    var kind: String?

    @Option(name: .long, help: "Write an empty workbook to fill in (one sheet per kind, drop-down lists) to this .xlsx file.")
    var template: String?

    @Flag(name: .customLong("with-records"), help: "With --template: fill the workbook with the content's records.")
    var withRecords = false

    func run() throws {
        let directory = try ContentDirectory.resolve(content)
        if let template {
            try writeTemplate(template, directory: directory)
            return
        }
        guard !files.isEmpty else {
            FileHandle.standardError.write(Data("gazette: error: name the tables to import (gazette import 表.xlsx), or --template FILE.xlsx\n".utf8))
            throw ExitCode(2)
        }
        var recordKind: RecordKind?
        if let kind {
            guard let parsed = RecordKind(rawValue: kind) else {
                FileHandle.standardError.write(Data("gazette: error: --kind is project, organization or ledger, not `\(kind)`\n".utf8))
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
            errorText += DiagnosticFormatter.text([diagnostic], contentDirectory: folder, shownRoot: "")
        }
        FileHandle.standardError.write(Data(errorText.utf8))
        for note in report.notes { print("note: \(note)") }
        if report.hasErrors {
            print("gazette import: \(report.diagnostics.errors.count) error(s); nothing was written.")
            throw ExitCode(1)
        }
        print(ImportPlanText.text(report, shownRoot: shownRoot, dryRun: dryRun))
    }

    private func writeTemplate(_ path: String, directory: URL) throws {
        guard path.lowercased().hasSuffix(".xlsx") else {
            FileHandle.standardError.write(Data("gazette: error: the template is an .xlsx file: --template 汇总表.xlsx\n".utf8))
            throw ExitCode(2)
        }
        let loaded = ContentLoader.load(from: directory)
        if !loaded.diagnostics.errors.isEmpty {
            FileHandle.standardError.write(Data("gazette: error: the content has errors; run gazette check first.\n".utf8))
            throw ExitCode(1)
        }
        let draft = withRecords ? RecordsWorkbook.workbook(content: loaded.content, directory: directory)
            : ImportTemplate.workbook(content: loaded.content)
        let bytes = try XLSXWriter.write(draft)
        do {
            try bytes.write(to: URL(fileURLWithPath: path), options: .atomic)
        } catch {
            FileHandle.standardError.write(Data("gazette: error: `\(path)` cannot be written: \(error.localizedDescription)\n".utf8))
            throw ExitCode(2)
        }
        print("gazette import: wrote the template \(path)")
    }
}

/// The plan, as `--dry-run` prints it (and the import, once written).
enum ImportPlanText {
    static func text(_ report: Importer.Report, shownRoot: String, dryRun: Bool) -> String {
        var lines: [String] = []
        let new = report.changes.filter { $0.action == .new }
        let updated = report.changes.filter { $0.action == .updated }
        let appended = report.changes.filter { $0.action == .appended }
        for change in new { lines.append("new      \(shownRoot)\(change.path)") }
        for change in updated {
            lines.append("updated  \(shownRoot)\(change.path)")
            for field in change.changes {
                lines.append("           \(field.path): \(field.old.map { "\($0.prefix(60))" } ?? "(none)") → \(field.new.prefix(60))")
            }
        }
        for change in appended {
            lines.append("ledger   \(shownRoot)\(change.path): +\(change.ledgerRows.count) row(s)")
            for row in change.ledgerRows { lines.append("           \(row)") }
        }
        let rows = appended.reduce(0) { $0 + $1.ledgerRows.count }
        var summary = "gazette import: \(new.count) new, \(updated.count) updated, \(report.unchanged.count) unchanged, \(rows) ledger row(s) to add"
        if report.duplicateLedgerRows > 0 { summary += " (\(report.duplicateLedgerRows) already in the ledger)" }
        summary += dryRun ? "; dry run, nothing written." : (report.written ? "; written." : "; nothing to write.")
        lines.append(summary)
        return lines.joined(separator: "\n")
    }
}
