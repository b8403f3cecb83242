import Foundation
import GazetteContent
import GazetteModel
import GazetteSpreadsheet

/// One table to import: a sheet of a workbook or a CSV file, as cells with the place each is shown at.
struct ImportTable {
    struct Cell {
        var row: Int
        var column: Int
        var text: String
        /// A spreadsheet number cell's value exactly as the file writes it; nil for text and for CSV cells.
        var number: String?
        /// A number cell formatted as a percentage (it holds 0.952 for 95.2%).
        var percent = false
        var location: SourceLocation
    }

    /// `表.xlsx!项目汇总` or `file.csv`.
    var name: String
    var rows: [[Cell]]
    var merges: [CellRange]
    var date1904: Bool

    /// `表.xlsx!项目汇总!C7`, as a location with no line (the formatter prints the file name as it is).
    static func location(file: String, sheet: String, column: Int, row: Int) -> SourceLocation {
        SourceLocation(file: "\(file)!\(sheet)!\(CellReference.name(column: column, row: row))")
    }

    /// The tables of a file: each visible sheet of a workbook, or the CSV file. Hidden sheets are skipped and noted.
    static func load(path: String, notes: inout [Message]) -> Result<[ImportTable], Diagnostic> {
        let url = URL(fileURLWithPath: path)
        let lowercased = path.lowercased()
        guard let data = try? Data(contentsOf: url) else {
            return .failure(Diagnostic(.unreadableFile, at: SourceLocation(file: path), Message("import.file.unreadable"),
                                       help: Message("import.file.unreadable.help")))
        }
        if lowercased.hasSuffix(".csv") || lowercased.hasSuffix(".txt") {
            return loadCSV(data, path: path).map { [$0] }
        }
        let workbook: Workbook
        do {
            workbook = try XLSXReader.read(data, fileName: url.lastPathComponent)
        } catch {
            var place = SourceLocation(file: path)
            if let sheet = error.sheet {
                place = SourceLocation(file: "\(path)!\(sheet)")
                if let cell = error.cell.flatMap(CellReference.parse) {
                    place = ImportTable.location(file: path, sheet: sheet, column: cell.column, row: cell.row)
                }
            }
            let code: DiagnosticCode = error.kind == .tooLarge ? .tooLarge : .unreadableFile
            return .failure(Diagnostic(code, at: place, message(error), help: help(error)))
        }
        var tables: [ImportTable] = []
        for sheet in workbook.sheets {
            if sheet.hidden {
                notes.append(Message("import.note.hiddenSheet", ["sheet": .text("\(path)!\(sheet.name)")]))
                continue
            }
            let rows = sheet.rows.map { row in
                row.cells.filter { if case .formulaWithoutValue = $0.value { return false } else { return true } }.map { cell -> Cell in
                    var number: String?
                    if case let .number(text) = cell.value { number = text }
                    return Cell(row: cell.row, column: cell.column, text: cell.text.trimmingSpaces(), number: number,
                                percent: cell.percent, location: ImportTable.location(file: path, sheet: sheet.name, column: cell.column, row: cell.row))
                }
            }
            // A formula without a stored result is an error only where it is read (see `Importer`).
            var table = ImportTable(name: "\(path)!\(sheet.name)", rows: rows.filter { !$0.isEmpty }, merges: sheet.merges, date1904: workbook.date1904)
            table.formulas = sheet.rows.flatMap { row in
                row.cells.compactMap { cell -> (Int, Int)? in
                    if case .formulaWithoutValue = cell.value { return (cell.row, cell.column) }
                    return nil
                }
            }
            tables.append(table)
        }
        return .success(tables)
    }

    /// Cells holding a formula that was saved without its result (row, column).
    var formulas: [(Int, Int)] = []

    /// A CSV file in any encoding Windows saves (told by `EncodingDetector`, the one the content reader uses, with
    /// its errors at line and column); bytes that are no text at all are refused as a whole.
    static func loadCSV(_ data: Data, path: String) -> Result<ImportTable, Diagnostic> {
        guard EncodingDetector.detect(data) != nil else {
            return .failure(Diagnostic(.notUTF8, at: SourceLocation(file: path), Message("import.csv.notText"),
                                       help: Message("import.csv.notText.help")))
        }
        let text: String
        switch EncodingDetector.utf8(data, path: path) {
        case let .failure(diagnostic): return .failure(diagnostic)
        case let .success(decoded): text = String(decoding: decoded.data, as: UTF8.self)
        }
        switch CSVCells.parse(text, file: path) {
        case let .failure(diagnostic): return .failure(diagnostic)
        case let .success(rows):
            let cells = rows.enumerated().map { index, row in
                row.enumerated().compactMap { column, cell -> Cell? in
                    let text = cell.text.trimmingSpaces()
                    guard !text.isEmpty else { return nil }
                    return Cell(row: cell.line, column: column + 1, text: text, number: nil,
                                location: SourceLocation(file: path, line: cell.line, column: cell.column))
                }
            }.filter { !$0.isEmpty }
            return .success(ImportTable(name: path, rows: cells, merges: [], date1904: false))
        }
    }
}

extension ImportTable {
    /// A workbook's problem in the reader's language: the catalogue's `import.xlsx.KEY` with the error's values.
    static func message(_ error: SpreadsheetError) -> Message {
        guard !error.key.isEmpty else { return .verbatim(error.message) }
        return Message("import.xlsx.\(error.key)", error.values.mapValues { MessageArgument.text($0) })
    }

    static func help(_ error: SpreadsheetError) -> Message? {
        switch error.key {
        case "": return error.suggestion.map(Message.verbatim)
        case "xlsm", "xls": return Message("import.xlsx.saveAs.help")
        case "encrypted": return Message("import.xlsx.encrypted.help")
        case "notXLSX": return Message("import.xlsx.notXLSX.help")
        case "tooLarge": return Message("import.xlsx.tooLarge.help")
        case "unreadable": return nil
        default: return Message("import.xlsx.resave.help")
        }
    }
}
