import Foundation
import GazetteModel
import GazetteSpreadsheet
import GazetteTemplates

/// The open data's CSV tables as Excel workbooks (`data/projects.xlsx` beside `data/projects.csv`): the same rows,
/// with typed cells — amounts as numbers in the yuan format, dates as dates, counts as numbers — a header row in
/// the site's language, frozen, and columns as wide as their text. The bytes depend only on the table.
enum DataWorkbooks {
    static let yuanColumns: Set<String> = ["amount", "cap", "paid", "recovered", "net", "to_pay", "to_recover", "contracted"]
    static let dateColumns: Set<String> = ["applied", "contract_date", "period_start", "period_end", "midterm_date",
                                           "spot_check_date", "rectification_deadline", "final_date", "founded", "date"]
    static let numberColumns: Set<String> = ["midterm_satisfaction", "final_satisfaction", "final_score", "beneficiaries",
                                             "sessions", "hours", "staff", "certified_social_workers", "violations",
                                             "projects", "rating_year", "line", "column"]

    /// `data/projects.csv` → `data/projects.xlsx`.
    static func path(beside csvPath: String) -> String { String(csvPath.dropLast(4)) + ".xlsx" }

    /// The header a column has in the site's language (the CSV's English name where the strings have none).
    static func header(_ column: String, strings: Strings) -> String {
        let key = "dataWorkbook.columns.\(column)"
        let text = strings.text(key)
        return text == key ? column : text
    }

    static func draft(_ table: CSVTable, sheetName: String, strings: Strings) -> WorkbookDraft {
        var sheet = SheetDraft(name: sheetName, columns: table.header.map { SheetDraft.Column(header: header($0, strings: strings)) })
        sheet.rows = table.rows.map { row in
            zip(table.header, row).map { column, text in value(text, column: column) }
        }
        return WorkbookDraft(sheets: [sheet])
    }

    static func value(_ text: String, column: String) -> SheetDraft.Value {
        if text.isEmpty { return .empty }
        if yuanColumns.contains(column), case let .success(yuan) = Yuan.parse(text) { return .yuan(yuan.fen) }
        if dateColumns.contains(column), let day = Day(text) { return .date(year: day.year, month: day.month, day: day.day) }
        if numberColumns.contains(column), text.allSatisfy({ $0.isASCII && ($0.isNumber || $0 == ".") }) { return .number(text) }
        return .text(text)
    }

    /// The workbook of `draft(table…)`, its rows typed one at a time as they are written (`SheetRows`): no typed
    /// copy of the table nor its whole sheet XML in memory.
    static func bytes(_ table: CSVTable, sheetName: String, strings: Strings) -> Data {
        let layout = SheetDraft(name: sheetName, columns: table.header.map { SheetDraft.Column(header: header($0, strings: strings)) })
        let rows = SheetRows(layout: layout, count: table.rows.count) { index in
            zip(table.header, table.rows[index]).map { column, text in value(text, column: column) }
        }
        // Writing to memory cannot fail but for a ZIPFoundation bug; an empty file would then show in the tests.
        return (try? XLSXWriter.write(rows: rows)) ?? Data()
    }
}
