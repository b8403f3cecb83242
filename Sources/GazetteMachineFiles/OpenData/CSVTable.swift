import Foundation
import GazetteModel

/// A CSV file as spreadsheets read it: UTF-8 with a byte-order mark (so Excel shows Chinese text), CRLF line
/// ends, and RFC 4180 quoting (a field with a comma, quote, CR or LF is quoted; a quote is doubled). A field
/// a spreadsheet would run as a formula (`=…`, `+…`, `-…` but a negative number, `@…`) gets an apostrophe
/// in front (`SpreadsheetText`).
public struct CSVTable: Sendable {
    public var header: [String]
    public var rows: [[String]]

    public init(header: [String], rows: [[String]] = []) {
        self.header = header
        self.rows = rows
    }

    public static let byteOrderMark: [UInt8] = [0xEF, 0xBB, 0xBF]

    public var bytes: Data {
        var text = ""
        for row in [header] + rows {
            text += row.map(CSVTable.field).joined(separator: ",") + "\r\n"
        }
        return Data(CSVTable.byteOrderMark) + Data(text.utf8)
    }

    static func field(_ value: String) -> String {
        let value = SpreadsheetText.neutralised(value)
        let needsQuotes = value.contains { $0 == "," || $0 == "\"" || $0 == "\r" || $0 == "\n" || $0 == "\r\n" }
        guard needsQuotes else { return value }
        return "\"" + value.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }
}
