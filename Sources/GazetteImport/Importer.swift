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
        /// Things said but not wrong: hidden sheets skipped, total rows left out.
        public var notes: [Message] = []
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
            report.notes.append(Message("import.note.contentHasErrors"))
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

        // Repeated items (documents, inspections, …) by the record they belong to, then the records.
        var items: [RecordKind: [String: [ItemField]]] = [:]
        for kind in [RecordKind.document, .response, .inspection, .violation] {
            planItems(kind, rows: rowsByKind[kind] ?? [], values: values, into: &items, report: &report)
        }
        for kind in [RecordKind.organization, .project] {
            planRecords(kind, rows: rowsByKind[kind] ?? [], items: items[kind] ?? [:], values: values, options: options, report: &report)
        }
        planLedger(rowsByKind[.ledger] ?? [], values: values, content: content, options: options, report: &report)
        if report.hasErrors { return report }
        guard !report.changes.isEmpty else { return report }

        // The content as a whole, with the plan applied in a copy.
        let problems = checkInCopy(report.changes, options: options, rowsByKind: rowsByKind)
        if !problems.isEmpty {
            report.diagnostics += problems
            return report
        }
        if options.dryRun { return report }
        do {
            for change in report.changes {
                try ContentFolder(options.content).replace(change.path, with: Data(change.text.utf8))
            }
            report.written = true
        } catch {
            report.diagnostics.append(Diagnostic(.unreadableFile, at: SourceLocation(file: options.content.path),
                                                 Message("import.writeFailed", ["reason": .text(error.localizedDescription)])))
        }
        return report
    }

    // MARK: Header

    static func mapHeader(_ table: ImportTable, kind: RecordKind?, report: inout Report) -> HeaderRow? {
        guard var header = HeaderRow.find(in: table, kind: kind) else {
            if table.rows.isEmpty {
                report.notes.append(Message("import.note.empty", ["table": .text(table.name)]))
            } else if table.rows.prefix(HeaderRow.searchedRows).contains(where: { $0.count >= 2 }) {
                let first = table.rows.first(where: { $0.count >= 2 })!
                report.diagnostics.append(Diagnostic(.missingField, at: first[0].location,
                    Message("import.header.none", ["rows": .number(HeaderRow.searchedRows)]), help: Message("import.header.none.help")))
            } else {
                report.notes.append(Message("import.note.noTable", ["table": .text(table.name)]))
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
                let help = HeaderRow.nearest(to: cell.text, in: fields).map { Message("help.didYouMean", ["word": .text($0)]) }
                    ?? Message("import.header.columns", ["what": what(header.kind), "columns": .texts(fields.map(\.chinese))])
                report.diagnostics.append(Diagnostic(.unknownKey, at: cell.location,
                                                     Message("import.header.unknown", ["header": .text(String(cell.text.prefix(40))),
                                                                                       "what": what(header.kind)]),
                                                     help: help))
                continue
            }
            if let first = seen[field.path] {
                report.diagnostics.append(Diagnostic(.unknownKey, at: cell.location,
                    Message("import.header.twice", ["first": .text(first.text), "column": .text(CellReference.columnName(first.column)),
                                                    "second": .text(cell.text), "field": .text(field.path)]),
                    help: Message("import.header.twice.help")))
                continue
            }
            seen[field.path] = cell
            header.columns.append(HeaderRow.Column(column: cell.column, field: field, yuanPerUnit: normalized.yuanPerUnit, cell: cell))
        }
        // A table may update a few fields of existing records: only the columns that say which record a row is
        // (and every ledger column) must be there. A new record's required fields are checked row by row.
        let headerLocation = table.rows[header.index].first!.location
        // Repeated items, like ledger rows, need every required column.
        let needsAll = header.kind == .ledger || header.kind.owner != nil
        for field in fields where field.required && seen[field.path] == nil && (needsAll || field.path == "id") {
            report.diagnostics.append(Diagnostic(.missingField, at: headerLocation,
                                                 Message("import.header.missing", ["header": .text(field.chinese), "field": .text(field.path)]),
                                                 help: Message("import.header.missing.help")))
        }
        return header
    }

    /// "a project", "项目": what a row of a kind of table is.
    static func what(_ kind: RecordKind) -> MessageArgument { .word("import.what.\(kind.rawValue)") }

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
                report.notes.append(Message("import.note.totalRow", ["place": .text(describe(row.first!.location)), "text": .text(first)]))
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
                Message("import.formula.noValue"), help: Message("import.formula.noValue.help")))
        }
        if rows.isEmpty { report.notes.append(Message("import.note.noRows", ["table": .text(table.name)])) }
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
                report.diagnostics.append(Diagnostic(problem.code, at: cell.location, problem.message, help: problem.help))
            }
        }
        return out
    }

    // MARK: Records

    /// A record's field as the tables give it, with the cell it came from.
    typealias Field = (path: String, value: YAMLValue, cell: SourceLocation)
    /// A record's repeated items as one field (`documents`), with the ID cell of the item's first row.
    typealias ItemField = (field: Field, idCell: SourceLocation)

    /// The ID of a row's record, reported when it is missing or not an ID.
    static func recordID(_ row: Row, report: inout Report) -> (id: String, cell: ImportTable.Cell)? {
        let kind = row.kind.owner?.kind ?? row.kind
        guard let id = row.raw["id"], let idCell = row.cells.first(where: { $0.column.field.path == "id" })?.cell else {
            report.diagnostics.append(Diagnostic(.missingField, at: row.location,
                                                 Message("import.row.noID", ["header": .text(kind == .project ? "项目编号" : "机构编号")]),
                                                 help: Message("import.row.noID.help")))
            return nil
        }
        guard ID.isValid(id) else {
            report.diagnostics.append(Diagnostic(.badID, at: idCell.location, Message("import.row.badID", ["id": .text(String(id.prefix(40)))]),
                                                 help: Message("import.row.badID.help")))
            return nil
        }
        return (id, idCell)
    }

    /// Rows of repeated items, gathered per record into the record's field: for each record named, the sheet
    /// gives all of its items (a list of mappings; inspections a mapping of year to result).
    static func planItems(_ kind: RecordKind, rows: [Row], values: CellValues, into items: inout [RecordKind: [String: [ItemField]]],
                          report: inout Report) {
        guard let owner = kind.owner, !rows.isEmpty else { return }
        var order: [String] = []
        var gathered: [String: (pairs: [[YAMLPair]], idCell: SourceLocation, keys: [String: SourceLocation])] = [:]
        for row in rows {
            guard let (id, idCell) = recordID(row, report: &report) else { continue }
            let fields = fieldValues(row, values: values, report: &report).filter { $0.path != "id" }
            var pairs = fields.compactMap { field -> YAMLPair? in
                guard let text = field.value.texts.first, !text.isEmpty else { return nil }
                return YAMLPair(field.path, text)
            }
            if gathered[id] == nil {
                order.append(id)
                gathered[id] = ([], idCell.location, [:])
            }
            if kind == .inspection {
                // One year once: `{2015: pass}`.
                guard let year = pairs.first(where: { $0.key == "year" })?.value else { continue }
                if let other = gathered[id]!.keys[year] {
                    report.diagnostics.append(Diagnostic(.duplicateID, at: idCell.location,
                        Message("import.item.twice", ["what": what(kind), "id": .text(id), "key": .text(year), "other": .text(describe(other))])))
                    continue
                }
                gathered[id]!.keys[year] = idCell.location
                pairs = [YAMLPair(year, pairs.first(where: { $0.key == "result" })?.value ?? "")]
            }
            gathered[id]!.pairs.append(pairs)
        }
        for id in order {
            let entry = gathered[id]!
            let value: YAMLValue = kind == .inspection ? .mapping(entry.pairs.flatMap { $0 }) : .mappings(entry.pairs)
            items[owner.kind, default: [:]][id, default: []].append(((owner.field, value, entry.idCell), entry.idCell))
        }
    }

    static func planRecords(_ kind: RecordKind, rows: [Row], items: [String: [ItemField]], values: CellValues, options: Options,
                            report: inout Report) {
        var seen: [String: SourceLocation] = [:]
        for row in rows {
            guard let (id, idCell) = recordID(row, report: &report) else { continue }
            if let first = seen[id] {
                report.diagnostics.append(Diagnostic(.duplicateID, at: idCell.location,
                                                     Message("import.row.duplicateID", ["id": .text(id), "other": .text(describe(first))])))
                continue
            }
            seen[id] = idCell.location
            let fields = fieldValues(row, values: values, report: &report).filter { $0.path != "id" }
            planFile(kind, id: id, idCell: idCell.location, fields: fields + (items[id] ?? []).map(\.field), fromRow: true,
                     options: options, report: &report)
        }
        // Items of records that have no row in the tables: the record must exist already.
        for (id, itemFields) in items.sorted(by: { $0.key < $1.key }) where seen[id] == nil {
            planFile(kind, id: id, idCell: itemFields[0].idCell, fields: itemFields.map(\.field), fromRow: false,
                     options: options, report: &report)
        }
    }

    /// One record file: updated field by field when it exists, else written new (when a row gives the record).
    static func planFile(_ kind: RecordKind, id: String, idCell: SourceLocation, fields: [Field], fromRow: Bool,
                         options: Options, report: inout Report) {
        let path = "\(kind.folder)/\(id).yaml"
        var cellsByPath: [String: SourceLocation] = [:]
        for field in fields { cellsByPath[field.path] = field.cell }
        if let data = ContentFolder(options.content).data(path) {
            let text = String(decoding: data, as: UTF8.self)
            let updates = fields.map { ($0.path, $0.value) }
            switch YAMLEditor.update(text, file: path, values: updates) {
            case let .failure(refusal):
                report.diagnostics.append(Diagnostic(.wrongType, at: cellsByPath[refusal.path] ?? idCell,
                    Message("import.update.refused", ["path": .text(path), "field": .text(refusal.path.isEmpty ? "…" : refusal.path),
                                                      "reason": .message(refusal.reason)]),
                    help: Message("import.update.refused.help")))
            case let .success((newText, changes, lines)):
                if changes.isEmpty {
                    report.unchanged.append(path)
                } else {
                    var cells: [Int: SourceLocation] = [:]
                    for (fieldPath, line) in lines { if let cell = cellsByPath[fieldPath] { cells[line] = cell } }
                    report.changes.append(FileChange(path: path, action: .updated, text: newText, changes: changes, ledgerRows: [],
                                                     cells: cells, rowLocation: idCell))
                }
            }
            return
        }
        guard fromRow else {
            let itemKind = RecordKind.allCases.first { $0.owner?.kind == kind && $0.owner?.field == fields.first?.path } ?? kind
            report.diagnostics.append(Diagnostic(.unknownReference, at: idCell,
                Message("import.item.noRecord", ["id": .text(id), "path": .text(path), "what": what(itemKind)]),
                help: Message("import.item.noRecord.help")))
            return
        }
        let nonEmpty = fields.filter { !$0.value.isEmpty }
        let missing = FieldNames.fields(kind).filter { field in
            field.required && field.path != "id" && !nonEmpty.contains { $0.path == field.path }
        }
        if !missing.isEmpty {
            report.diagnostics.append(Diagnostic(.missingField, at: idCell,
                Message("import.row.newMissing", ["id": .text(id), "path": .text(path),
                                                  "fields": .list(missing.map { .message(Message("import.row.field", ["header": .text($0.chinese), "field": .text($0.path)])) })]),
                help: Message("import.row.newMissing.help")))
            return
        }
        let (text, lines) = YAMLEditor.newFile(nonEmpty.map { ($0.path, $0.value) })
        var cells: [Int: SourceLocation] = [:]
        for (fieldPath, line) in lines { if let cell = cellsByPath[fieldPath] { cells[line] = cell } }
        report.changes.append(FileChange(path: path, action: .new, text: text, changes: [], ledgerRows: [],
                                         cells: cells, rowLocation: idCell))
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
            var text = ""
            var header = FieldNames.ledger.map(\.path)
            var lineEnd = "\n"
            if let data = ContentFolder(options.content).data(path) {
                guard let decoded = String(data: data, encoding: .utf8) else {
                    report.diagnostics.append(Diagnostic(.notUTF8, at: SourceLocation(file: path),
                        Message("import.ledger.notUTF8", ["path": .text(path)]), help: Message("import.ledger.notUTF8.help", ["path": .text(path)])))
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
    static func checkInCopy(_ changes: [FileChange], options: Options, rowsByKind: [RecordKind: [Row]] = [:]) -> [Diagnostic] {
        let copy: ContentFolder
        do {
            copy = try ContentFolder(options.content).copy(applying: changes.map { ($0.path, $0.text) })
        } catch {
            return [Diagnostic(.unreadableFile, at: SourceLocation(file: options.content.path),
                               Message("import.copyFailed", ["reason": .text(error.localizedDescription)]))]
        }
        defer { copy.removeCopy() }
        let report = ContentCheck.run(contentDirectory: copy.root)
        let errors = report.diagnostics.errors
        guard !errors.isEmpty else { return [] }
        let byPath = Dictionary(changes.map { ($0.path, $0) }, uniquingKeysWith: { a, _ in a })
        let related = importedCells(rowsByKind: rowsByKind)
        return errors.map { diagnostic in
            guard let change = byPath[diagnostic.location.file] else {
                // Found at a file the import does not change (an existing ledger row now overpaid, say): the
                // error stays at that file, and names the imported cells of the record it is about.
                var shown = contentDiagnostic(diagnostic, options)
                if let subject = diagnostic.subject, let cells = related[subject], !cells.isEmpty {
                    shown.text = Message("import.causedBy", ["message": .message(diagnostic.text),
                                                             "cells": .texts(cells.prefix(5).map(describe))])
                }
                return shown
            }
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

    /// The first cell of each imported row, by the record it changes (`project:ID`, `organization:ID`): the
    /// record's own row and its items, and for a project the ledger rows that name it.
    static func importedCells(rowsByKind: [RecordKind: [Row]]) -> [String: [SourceLocation]] {
        var cells: [String: [SourceLocation]] = [:]
        for (kind, rows) in rowsByKind.sorted(by: { $0.key.rawValue < $1.key.rawValue }) {
            let owner = kind == .ledger ? RecordKind.project : (kind.owner?.kind ?? kind)
            for row in rows {
                guard let id = row.raw[kind == .ledger ? "project" : "id"] else { continue }
                let cell = row.cells.first(where: { $0.column.field.path == (kind == .ledger ? "project" : "id") })?.cell.location ?? row.location
                cells["\(owner.rawValue):\(id)", default: []].append(cell)
            }
        }
        // The content had no errors before the import, so an error about one of these records comes from it.
        return cells
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
}


extension YAMLValue {
    var isEmpty: Bool { texts.allSatisfy { $0.isEmpty } }
}
