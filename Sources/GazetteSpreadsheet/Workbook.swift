/// A workbook as read from an .xlsx file: its visible and hidden sheets, each a sparse grid of cells with the
/// text the file holds for them. Numbers are kept as the text of the cell's XML (`18.5`, `4.2912E4`), never as a
/// floating-point value, so that amounts can be converted exactly.
public struct Workbook: Sendable {
    public var sheets: [Sheet]
    /// `workbookPr date1904`: serial numbers count days from 1904-01-01 rather than from 1899-12-31.
    public var date1904: Bool

    public init(sheets: [Sheet], date1904: Bool = false) {
        self.sheets = sheets
        self.date1904 = date1904
    }
}

public struct Sheet: Sendable {
    public var name: String
    /// Hidden (or "very hidden") sheets are not imported; the importer says so.
    public var hidden: Bool
    /// The rows that hold at least one cell with a value, in order (row numbers are 1-based, as in `C7`).
    public var rows: [Row]
    /// Merged ranges (`A1:F1`), as the sheet lists them.
    public var merges: [CellRange]

    public init(name: String, hidden: Bool = false, rows: [Row] = [], merges: [CellRange] = []) {
        self.name = name
        self.hidden = hidden
        self.rows = rows
        self.merges = merges
    }
}

public struct Row: Sendable {
    public var number: Int
    /// The row's cells with a value, by column (1-based), in column order.
    public var cells: [Cell]

    public init(number: Int, cells: [Cell]) {
        self.number = number
        self.cells = cells
    }

    public func cell(_ column: Int) -> Cell? { cells.first { $0.column == column } }
}

public struct Cell: Sendable, Equatable {
    public enum Value: Sendable, Equatable {
        /// Text: a shared string, an inline string, or a formula's text result.
        case text(String)
        /// A number exactly as the file writes it (`18.5`, `180000`, `1.8E5`).
        case number(String)
        case bool(Bool)
        /// An error value such as `#DIV/0!`.
        case error(String)
        /// A formula whose result the file does not hold (saved without calculating).
        case formulaWithoutValue(String)
    }

    public var column: Int
    public var row: Int
    public var value: Value
    /// A number shown as a percentage (the cell's format is `0%`, `0.00%` or another with `%`): the file holds
    /// 0.952 for what the sheet shows as 95.2%.
    public var percent = false

    public init(column: Int, row: Int, value: Value) {
        self.column = column
        self.row = row
        self.value = value
    }

    /// `C7`.
    public var reference: String { CellReference.name(column: column, row: row) }

    /// The text a person sees typed into the cell (a number's text as written in the file).
    public var text: String {
        switch value {
        case let .text(text), let .number(text), let .error(text): return text
        case let .bool(value): return value ? "TRUE" : "FALSE"
        case .formulaWithoutValue: return ""
        }
    }
}

public struct CellRange: Sendable, Equatable {
    public var first: (column: Int, row: Int)
    public var last: (column: Int, row: Int)

    public init(first: (column: Int, row: Int), last: (column: Int, row: Int)) {
        self.first = first
        self.last = last
    }

    public static func == (a: CellRange, b: CellRange) -> Bool {
        a.first == b.first && a.last == b.last
    }

    /// `A1:F1` or `B2`.
    public init?(_ text: String) {
        let parts = text.split(separator: ":")
        guard (1...2).contains(parts.count), let first = CellReference.parse(String(parts[0])),
              let last = CellReference.parse(String(parts.last!)) else { return nil }
        self.first = first
        self.last = last
    }

    public func contains(column: Int, row: Int) -> Bool {
        (first.column...last.column).contains(column) && (first.row...last.row).contains(row)
    }
}

/// `C7` ⇄ (3, 7).
public enum CellReference {
    /// Excel's limits: 16,384 columns (XFD), 1,048,576 rows.
    public static let maximumColumn = 16_384
    public static let maximumRow = 1_048_576

    public static func columnName(_ column: Int) -> String {
        var n = column
        var letters: [Character] = []
        while n > 0 {
            let remainder = (n - 1) % 26
            letters.insert(Character(Unicode.Scalar(UInt8(65 + remainder))), at: 0)
            n = (n - 1) / 26
        }
        return String(letters)
    }

    public static func name(column: Int, row: Int) -> String { columnName(column) + String(row) }

    /// (column, row) of `C7` or `$C$7`; nil for anything else or beyond Excel's limits.
    public static func parse(_ text: String) -> (column: Int, row: Int)? {
        var column = 0, row = 0, seenDigit = false
        for byte in text.utf8 where byte != UInt8(ascii: "$") {
            switch byte {
            case UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "a")...UInt8(ascii: "z"):
                guard !seenDigit, column <= maximumColumn else { return nil }
                column = column * 26 + Int((byte & 0xDF) - 64)
            case UInt8(ascii: "0")...UInt8(ascii: "9"):
                seenDigit = true
                row = row * 10 + Int(byte - 48)
                guard row <= maximumRow else { return nil }
            default: return nil
            }
        }
        guard column >= 1, column <= maximumColumn, row >= 1 else { return nil }
        return (column, row)
    }

    /// The column of a reference without its row (`C7` → 3), or nil.
    public static func column(of text: String) -> Int? {
        var column = 0
        for byte in text.utf8 {
            switch byte {
            case UInt8(ascii: "A")...UInt8(ascii: "Z"): column = column * 26 + Int(byte - 64)
            case UInt8(ascii: "$"): continue
            default: return column >= 1 && column <= maximumColumn ? column : nil
            }
            if column > maximumColumn { return nil }
        }
        return column >= 1 && column <= maximumColumn ? column : nil
    }
}
