import Foundation
import GazetteContent
import GazetteModel
import GazetteSpreadsheet

/// `gazette import`: tables of projects, organizations and ledger rows into `content/`. Read every table, turn
/// every cell into a field (each problem at its cell), plan the files (new records, field-by-field updates, ledger
/// rows not already there), check the whole content with the plan applied in a copy, and only then write — each
/// file replaced atomically — or, with `--dry-run`, print the plan.
public enum Importer {
    public struct Options: Sendable {
        public var files: [String]
        public var content: URL
        public var kind: RecordKind?
        public var dryRun: Bool
        /// The content folder as the user typed it, for naming its files in messages.
        public var shownContent: String

        public init(files: [String], content: URL, kind: RecordKind? = nil, dryRun: Bool = false, shownContent: String? = nil) {
            self.files = files
            self.content = content
            self.shownContent = shownContent ?? content.path
            self.kind = kind
            self.dryRun = dryRun
        }
    }

    /// One file the import writes.
    public struct FileChange: Sendable {
        public enum Action: String, Sendable { case new, updated, appended }
        /// Relative to the content folder: `projects/x.yaml`, `ledger/2017.csv`.
        public var path: String
        public var action: Action
        public var text: String
        /// The field-level changes of an updated record; the rows added to a ledger file.
        public var changes: [YAMLEditor.Change]
        public var ledgerRows: [String]
        /// For placing problems the check finds in this file: line → the cell the line came from.
        var cells: [Int: SourceLocation]
        /// The record's first cell (its row), for problems of the whole record.
        var rowLocation: SourceLocation
    }

    public struct Report: Sendable {
        public var diagnostics: [Diagnostic] = []
        /// Things said but not wrong: hidden sheets skipped, rows already in the ledger.
        public var notes: [String] = []
        public var changes: [FileChange] = []
        public var unchanged: [String] = []
        public var duplicateLedgerRows = 0
        public var written = false
        public var hasErrors: Bool { !diagnostics.errors.isEmpty }
    }

    public static func run(_ options: Options) -> Report {
        var report = Report()
        let loaded = ContentLoader.load(from: options.content)
        let before = loaded.diagnostics.errors
        if !before.isEmpty {
            report.diagnostics = before.map { contentDiagnostic($0, options) }
            report.notes.append("The content already has errors; fix them first (gazette check).")
            return report
        }
        let content = loaded.content

        // Read every table.
        var tables: [ImportTable] = []
        for file in options.files {
            switch ImportTable.load(path: file, notes: &report.notes) {
            case let .failure(diagnostic): report.diagnostics.append(diagnostic)
            case let .success(found): tables += found
            }
        }
        if report.hasErrors { return report }

        // Headers and rows.
        var rowsByKind: [RecordKind: [Row]] = [:]
        for table in tables {
            if let sheet = table.name.split(separator: "!").last, table.name.contains("!"), ImportTemplate.helperSheets.contains(String(sheet)) {
                continue
            }
            guard let header = mapHeader(table, kind: options.kind, report: &report) else { continue }
            rowsByKind[header.kind, default: []] += rows(of: table, header: header, report: &report)
        }
        if report.hasErrors { return report }

        // Organization names written in a project table may name organizations imported at the same time.
        var importedOrganizations: [String: String] = [:]
        for row in rowsByKind[.organization] ?? [] {
            if let name = row.raw["name"], let id = row.raw["id"] { importedOrganizations[name] = id }
        }
        let values = CellValues(content: content, importedOrganizations: importedOrganizations)

        for kind in [RecordKind.organization, .project] {
            planRecords(kind, rows: rowsByKind[kind] ?? [], values: values, options: options, report: &report)
        }
        planLedger(rowsByKind[.ledger] ?? [], values: values, content: content, options: options, report: &report)
        if report.hasErrors { return report }
        guard !report.changes.isEmpty else { return report }

        // The content as a whole, with the plan applied in a copy.
        let problems = checkInCopy(report.changes, options: options)
        if !problems.isEmpty {
            report.diagnostics += problems
            return report
        }
        if options.dryRun { return report }
        do {
            for change in report.changes {
                try writeAtomically(change.text, to: options.content.appendingPathComponent(change.path))
            }
            report.written = true
        } catch {
            report.diagnostics.append(Diagnostic(.unreadableFile, at: SourceLocation(file: options.content.path),
                                                 "The content could not be written: \(error.localizedDescription)"))
        }
        return report
    }

    // MARK: Header

    static func mapHeader(_ table: ImportTable, kind: RecordKind?, report: inout Report) -> HeaderRow? {
        guard var header = HeaderRow.find(in: table, kind: kind) else {
            if table.rows.isEmpty {
                report.notes.append("\(table.name): empty, nothing to import.")
            } else if table.rows.prefix(HeaderRow.searchedRows).contains(where: { $0.count >= 2 }) {
                let first = table.rows.first(where: { $0.count >= 2 })!
                report.diagnostics.append(Diagnostic(.missingField, at: first[0].location,
                    "No header row naming the fields of projects, organizations or ledger rows was found in the first \(HeaderRow.searchedRows) rows.",
                    suggestion: "Use the column names of `gazette import --template` (项目名称, 合同金额, …), or pass --kind."))
            } else {
                report.notes.append("\(table.name): no table found, skipped.")
            }
            return nil
        }
        let fields = FieldNames.fields(header.kind)
        var seen: [String: ImportTable.Cell] = [:]
        for cell in table.rows[header.index] {
            let normalized = HeaderRow.normalize(cell.text)
            if HeaderRow.ignored.contains(normalized.name.lowercased()) { continue }
            let field = HeaderRow.field(named: cell.text, in: fields)
                ?? HeaderRow.groupName(cell, table: table, rowIndex: header.index).flatMap { HeaderRow.field(named: $0, in: fields) }
            guard let field else {
                let names = fields.flatMap { [$0.chinese, $0.english, $0.path] }
                let suggestion = Nearest.match(for: normalized.name, among: names).map { "did you mean `\($0)`?" }
                    ?? "The \(header.kind.rawValue) columns are: \(fields.map(\.chinese).joined(separator: "、"))."
                report.diagnostics.append(Diagnostic(.unknownKey, at: cell.location,
                                                     "The column `\(cell.text.prefix(40))` is not a field of \(article(header.kind)).",
                                                     suggestion: suggestion))
                continue
            }
            if let first = seen[field.path] {
                report.diagnostics.append(Diagnostic(.unknownKey, at: cell.location,
                    "The columns `\(first.text)` (\(CellReference.columnName(first.column))) and `\(cell.text)` both give `\(field.path)`.",
                    suggestion: "Keep one of them."))
                continue
            }
            seen[field.path] = cell
            header.columns.append(HeaderRow.Column(column: cell.column, field: field, yuanPerUnit: normalized.yuanPerUnit, cell: cell))
        }
        // A table may update a few fields of existing records: only the columns that say which record a row is
        // (and every ledger column) must be there. A new record's required fields are checked row by row.
        let headerLocation = table.rows[header.index].first!.location
        for field in fields where field.required && seen[field.path] == nil && (header.kind == .ledger || field.path == "id") {
            report.diagnostics.append(Diagnostic(.missingField, at: headerLocation,
                                                 "The table has no `\(field.chinese)` (\(field.path)) column.",
                                                 suggestion: "Add the column; `gazette import --template` writes a form with every column."))
        }
        return header
    }

    static func article(_ kind: RecordKind) -> String {
        switch kind {
        case .project: return "a project"
        case .organization: return "an organization"
        case .ledger: return "a ledger row"
        }
    }

    // MARK: Rows

    struct Row {
        var kind: RecordKind
        var table: ImportTable
        var cells: [(column: HeaderRow.Column, cell: ImportTable.Cell)]
        /// The cells' text by field path (for IDs and names).
        var raw: [String: String]
        var location: SourceLocation
    }

    /// The data rows below the header: empty rows and total rows (`合计`) left out; a formula without a stored
    /// value is an error at its cell.
    static func rows(of table: ImportTable, header: HeaderRow, report: inout Report) -> [Row] {
        let byColumn = Dictionary(uniqueKeysWithValues: header.columns.map { ($0.column, $0) })
        var rows: [Row] = []
        var totalRows: Set<Int> = []
        for row in table.rows.dropFirst(header.index + 1) {
            let first = row.first!.text
            if ["合计", "总计", "小计", "total"].contains(HeaderRow.normalize(first).name.lowercased()) {
                report.notes.append("\(row.first!.location.file)\(row.first!.location.line > 0 ? ":\(row.first!.location.line)" : ""): a total row (\(first)), not imported.")
                totalRows.insert(row.first!.row)
                continue
            }
            var cells: [(HeaderRow.Column, ImportTable.Cell)] = []
            var raw: [String: String] = [:]
            for cell in row {
                guard let column = byColumn[cell.column] else { continue }
                cells.append((column, cell))
                raw[column.field.path] = cell.text
            }
            guard !cells.isEmpty else { continue }
            rows.append(Row(kind: header.kind, table: table, cells: cells, raw: raw, location: row.first!.location))
        }
        // A formula saved without its result, in a column that is read: its value is unknown.
        let headerRow = table.rows[header.index].first!.row
        let parts = table.name.split(separator: "!", maxSplits: 1).map(String.init)
        for (row, column) in table.formulas where row > headerRow && !totalRows.contains(row) && byColumn[column] != nil && parts.count == 2 {
            report.diagnostics.append(Diagnostic(.wrongType, at: ImportTable.location(file: parts[0], sheet: parts[1], column: column, row: row),
                "This cell holds a formula that was saved without its result, so its value is unknown.",
                suggestion: "Open the workbook in Excel, WPS or LibreOffice, let it calculate, and save it; or type the value."))
        }
        if rows.isEmpty { report.notes.append("\(table.name): a header but no rows.") }
        return rows
    }

    /// A row's fields as record values, in the table's field order; problems reported at their cells.
    static func fieldValues(_ row: Row, values: CellValues, report: inout Report) -> [(path: String, value: YAMLValue, cell: SourceLocation)] {
        var out: [(String, YAMLValue, SourceLocation)] = []
        let order = FieldNames.fields(row.kind).map(\.path)
        for (column, cell) in row.cells.sorted(by: { order.firstIndex(of: $0.column.field.path)! < order.firstIndex(of: $1.column.field.path)! }) {
            switch values.value(cell, column: column, date1904: row.table.date1904) {
            case let .success(value): out.append((column.field.path, value, cell.location))
            case let .failure(problem):
                report.diagnostics.append(Diagnostic(problem.code, at: cell.location, problem.message, suggestion: problem.suggestion))
            }
        }
        return out
    }

    // MARK: Records

    static func planRecords(_ kind: RecordKind, rows: [Row], values: CellValues, options: Options, report: inout Report) {
        var seen: [String: SourceLocation] = [:]
        for row in rows {
            guard let id = row.raw["id"], let idCell = row.cells.first(where: { $0.column.field.path == "id" })?.cell else {
                report.diagnostics.append(Diagnostic(.missingField, at: row.location, "This row has no \(kind == .project ? "项目编号" : "机构编号") (id).",
                                                     suggestion: "Every record needs an ID: lowercase letters, digits and hyphens, like qh2017-xn-001."))
                continue
            }
            guard ID.isValid(id) else {
                report.diagnostics.append(Diagnostic(.badID, at: idCell.location, "`\(id.prefix(40))` is not an ID: lowercase letters, digits and hyphens, at most 64.",
                                                     suggestion: "For example `qh2017-xn-001`."))
                continue
            }
            if let first = seen[id] {
                report.diagnostics.append(Diagnostic(.duplicateID, at: idCell.location, "The ID `\(id)` is on two rows (the other at \(describe(first)))."))
                continue
            }
            seen[id] = idCell.location
            let fields = fieldValues(row, values: values, report: &report).filter { $0.path != "id" }
            let path = "\(kind.folder)/\(id).yaml"
            let url = options.content.appendingPathComponent(path)
            var cellsByPath: [String: SourceLocation] = [:]
            for field in fields { cellsByPath[field.path] = field.cell }
            if let data = try? Data(contentsOf: url) {
                let text = String(decoding: data, as: UTF8.self)
                let updates = fields.map { ($0.path, $0.value) }
                switch YAMLEditor.update(text, file: path, values: updates) {
                case let .failure(refusal):
                    report.diagnostics.append(Diagnostic(.wrongType, at: cellsByPath[refusal.path] ?? row.location,
                        "`\(path)` cannot be updated in place\(refusal.path.isEmpty ? "" : " at `\(refusal.path)`"): \(refusal.reason).",
                        suggestion: "Change the field in the file by hand, or leave the cell empty."))
                case let .success((newText, changes, lines)):
                    if changes.isEmpty {
                        report.unchanged.append(path)
                    } else {
                        var cells: [Int: SourceLocation] = [:]
                        for (fieldPath, line) in lines { if let cell = cellsByPath[fieldPath] { cells[line] = cell } }
                        report.changes.append(FileChange(path: path, action: .updated, text: newText, changes: changes, ledgerRows: [],
                                                         cells: cells, rowLocation: idCell.location))
                    }
                }
            } else {
                let nonEmpty = fields.filter { !$0.value.isEmpty }
                let missing = FieldNames.fields(kind).filter { field in
                    field.required && field.path != "id" && !nonEmpty.contains { $0.path == field.path }
                }
                if !missing.isEmpty {
                    report.diagnostics.append(Diagnostic(.missingField, at: idCell.location,
                        "`\(id)` is a new \(kind.rawValue) (there is no \(path)), and this row leaves \(missing.map { "`\($0.chinese)` (\($0.path))" }.joined(separator: ", ")) empty.",
                        suggestion: "Fill them in, or check the ID: an existing record's ID updates that record."))
                    continue
                }
                let (text, lines) = YAMLEditor.newFile(nonEmpty.map { ($0.path, $0.value) })
                var cells: [Int: SourceLocation] = [:]
                for (fieldPath, line) in lines { if let cell = cellsByPath[fieldPath] { cells[line] = cell } }
                report.changes.append(FileChange(path: path, action: .new, text: text, changes: [], ledgerRows: [],
                                                 cells: cells, rowLocation: idCell.location))
            }
        }
    }

    static func describe(_ location: SourceLocation) -> String {
        location.line > 0 ? "\(location.file):\(location.line):\(location.column)" : location.file
    }

    // MARK: Ledger

    /// Ledger rows go to `ledger/YEAR.csv` by their date, after the rows there; a row already in the ledger (same
    /// date, project, kind, amount and reference) is not added again.
    static func planLedger(_ rows: [Row], values: CellValues, content: Content, options: Options, report: inout Report) {
        guard !rows.isEmpty else { return }
        func key(_ date: String, _ project: String, _ kind: String, _ amount: String, _ reference: String) -> String {
            [date, project, kind, amount, reference].joined(separator: "\u{1F}")
        }
        var existing = Set(content.ledger.map {
            key($0.date.description, $0.project, $0.kind.rawValue, $0.amount.plainText, $0.reference)
        })
        var appended: [String: (rows: [(fields: [String: String], cells: [String: SourceLocation], row: SourceLocation)], order: Int)] = [:]
        for row in rows {
            let fields = fieldValues(row, values: values, report: &report)
            var texts: [String: String] = [:]
            var cells: [String: SourceLocation] = [:]
            for field in fields {
                texts[field.path] = field.value.texts.first ?? ""
                cells[field.path] = field.cell
            }
            guard let date = texts["date"], let day = Day(date), let amountText = texts["amount"],
                  case let .success(amount) = Yuan.parse(amountText) else { continue }
            let kind = texts["kind"] ?? ""
            let project = texts["project"] ?? ""
            let rowKey = key(day.description, project, kind, amount.plainText, texts["reference"] ?? "")
            if existing.contains(rowKey) {
                report.duplicateLedgerRows += 1
                continue
            }
            existing.insert(rowKey)
            texts["amount"] = amount.plainText
            let path = "ledger/\(day.year).csv"
            let order = appended.count
            appended[path, default: ([], order)].rows.append((texts, cells, row.location))
        }
        for (path, planned) in appended.sorted(by: { $0.key < $1.key }) {
            let url = options.content.appendingPathComponent(path)
            var text = ""
            var header = FieldNames.ledger.map(\.path)
            var lineEnd = "\n"
            if let data = try? Data(contentsOf: url) {
                guard let decoded = String(data: data, encoding: .utf8) else {
                    report.diagnostics.append(Diagnostic(.notUTF8, at: SourceLocation(file: path),
                        "`\(path)` is not UTF-8, so rows cannot be added to it.", suggestion: "Save it as CSV UTF-8 first."))
                    continue
                }
                text = decoded
                if text.contains("\r\n") { lineEnd = "\r\n" }
                if let firstLine = text.split(whereSeparator: { $0 == "\n" || $0 == "\r\n" }).first {
                    let names = firstLine.split(separator: ",").map { String($0).trimmingSpaces().replacingOccurrences(of: "\u{FEFF}", with: "") }
                    header = names.map { name in FieldNames.ledger.first { $0.path == name || $0.chinese == name }?.path ?? name }
                }
                if !text.isEmpty && !text.hasSuffix("\n") { text += lineEnd }
            } else {
                text = header.joined(separator: ",") + lineEnd
            }
            var line = text.filter { $0 == "\n" || $0 == "\r\n" }.count + 1
            var cells: [Int: SourceLocation] = [:]
            var added: [String] = []
            for planned in planned.rows {
                let fields = header.map { csvField(planned.fields[$0] ?? "") }
                let rowText = fields.joined(separator: ",")
                text += rowText + lineEnd
                cells[line] = planned.row
                for (index, name) in header.enumerated() { if let cell = planned.cells[name] { cells[line * 1000 + index + 1] = cell } }
                added.append(rowText)
                line += 1
            }
            report.changes.append(FileChange(path: path, action: .appended, text: text, changes: [], ledgerRows: added,
                                             cells: cells, rowLocation: planned.rows.first!.row))
        }
    }

    static func csvField(_ value: String) -> String {
        guard value.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" || $0 == "\r\n" }) else { return value }
        return "\"" + value.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }

    // MARK: Check and write

    /// The content checked with the changes in a copy of the folder; errors in the changed files are placed at
    /// the cells they came from.
    static func checkInCopy(_ changes: [FileChange], options: Options) -> [Diagnostic] {
        let manager = FileManager.default
        let copy = manager.temporaryDirectory.appendingPathComponent("gazette-import-\(ProcessInfo.processInfo.processIdentifier)-\(UInt64.random(in: 0...UInt64.max))")
        defer { try? manager.removeItem(at: copy) }
        do {
            try manager.copyItem(at: options.content, to: copy)
            for change in changes {
                let url = copy.appendingPathComponent(change.path)
                try manager.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
                try Data(change.text.utf8).write(to: url)
            }
        } catch {
            return [Diagnostic(.unreadableFile, at: SourceLocation(file: options.content.path),
                               "The content could not be copied to check the import: \(error.localizedDescription)")]
        }
        let report = ContentCheck.run(contentDirectory: copy)
        let errors = report.diagnostics.errors
        guard !errors.isEmpty else { return [] }
        let byPath = Dictionary(changes.map { ($0.path, $0) }, uniquingKeysWith: { a, _ in a })
        return errors.map { diagnostic in
            guard let change = byPath[diagnostic.location.file] else { return contentDiagnostic(diagnostic, options) }
            var placed = diagnostic
            let line = diagnostic.location.line
            if let cell = change.cells[line * 1000 + diagnostic.location.column] ?? nearestColumnCell(change, line: line, diagnostic.location.column)
                ?? change.cells[line] {
                placed.location = cell
            } else if change.action == .appended, line > 0, change.cells[line] == nil {
                return contentDiagnostic(diagnostic, options)
            } else {
                placed.location = change.rowLocation
            }
            placed.text = Message("import.inFile", ["message": .message(diagnostic.text), "path": .text(change.path)])
            return placed
        }
    }

    /// For an appended ledger row: the cell of the CSV field at `column` (its 1-based character column).
    static func nearestColumnCell(_ change: FileChange, line: Int, _ column: Int) -> SourceLocation? {
        guard change.action == .appended, let index = change.text.split(separator: "\n", omittingEmptySubsequences: false)
            .dropFirst(line - 1).first else { return nil }
        let field = index.prefix(max(0, column - 1)).filter { $0 == "," }.count + 1
        return change.cells[line * 1000 + field]
    }

    /// A diagnostic about a file of the content, named under the content folder as given.
    static func contentDiagnostic(_ diagnostic: Diagnostic, _ options: Options) -> Diagnostic {
        var shown = diagnostic
        let root = options.shownContent.hasSuffix("/") ? options.shownContent : options.shownContent + "/"
        shown.location.file = root + diagnostic.location.file
        return shown
    }

    /// Writes `text` to a temporary file beside `url`, then renames it over `url`: a reader sees the old file or
    /// the new one, never half of one.
    static func writeAtomically(_ text: String, to url: URL) throws {
        let manager = FileManager.default
        try manager.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        let temporary = url.deletingLastPathComponent().appendingPathComponent(".\(url.lastPathComponent).import-\(ProcessInfo.processInfo.processIdentifier)")
        try Data(text.utf8).write(to: temporary)
        if rename(temporary.path, url.path) != 0 {
            try? manager.removeItem(at: temporary)
            throw CocoaError(.fileWriteUnknown)
        }
    }
}

extension YAMLValue {
    var isEmpty: Bool { texts.allSatisfy { $0.isEmpty } }
}
