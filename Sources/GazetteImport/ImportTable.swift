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
    static func load(path: String, notes: inout [String]) -> Result<[ImportTable], Diagnostic> {
        let url = URL(fileURLWithPath: path)
        let lowercased = path.lowercased()
        guard let data = try? Data(contentsOf: url) else {
            return .failure(Diagnostic(.unreadableFile, at: SourceLocation(file: path), "The file cannot be read.",
                                       suggestion: "Check the file's name and that it exists."))
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
            return .failure(Diagnostic(code, at: place, error.message, suggestion: error.suggestion))
        }
        var tables: [ImportTable] = []
        for sheet in workbook.sheets {
            if sheet.hidden {
                notes.append("\(path)!\(sheet.name): the sheet is hidden, so it is not imported (unhide it to import it).")
                continue
            }
            let rows = sheet.rows.map { row in
                row.cells.filter { if case .formulaWithoutValue = $0.value { return false } else { return true } }.map { cell -> Cell in
                    var number: String?
                    if case let .number(text) = cell.value { number = text }
                    return Cell(row: cell.row, column: cell.column, text: cell.text.trimmingSpaces(), number: number,
                                location: ImportTable.location(file: path, sheet: sheet.name, column: cell.column, row: cell.row))
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

    static func loadCSV(_ data: Data, path: String) -> Result<ImportTable, Diagnostic> {
        guard let (text, _) = TextDecoding.decode(data) else {
            return .failure(Diagnostic(.notUTF8, at: SourceLocation(file: path),
                                       "The file is not text in UTF-8, UTF-16 or GBK/GB18030.",
                                       suggestion: "Save the table as CSV UTF-8 (逗号分隔) from Excel or WPS."))
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
