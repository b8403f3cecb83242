/// Text as a spreadsheet reads a CSV cell. Excel, WPS and LibreOffice take a cell that starts with `=`, `+`,
/// `-` or `@` (or a tab or carriage return before one) as a formula: `=HYPERLINK("http://evil.example","x")`
/// in a ledger note would become a live link in `data/ledger.csv`. The open-data CSVs write such a cell
/// with an apostrophe in front (OWASP's advice), which the spreadsheet shows as text; `check` warns about
/// such values in the content (W101). A negative number (`-150.00`) stays a number.
public enum SpreadsheetText {
    /// Whether a spreadsheet would read `text`, as a CSV cell, as a formula.
    public static func startsFormula(_ text: String) -> Bool {
        guard let first = text.utf8.first else { return false }
        switch first {
        case UInt8(ascii: "="), UInt8(ascii: "+"), UInt8(ascii: "@"), 0x09, 0x0D, 0x0A: return true
        case UInt8(ascii: "-"): return !isNegativeNumber(text)
        default: return false
        }
    }

    /// The cell as written to an open-data CSV: with a leading apostrophe when it would start a formula.
    public static func neutralised(_ text: String) -> String {
        startsFormula(text) ? "'" + text : text
    }

    /// `-12`, `-150.00`: a minus, digits, perhaps a point and digits.
    static func isNegativeNumber(_ text: String) -> Bool {
        let parts = text.utf8.dropFirst().split(separator: UInt8(ascii: "."), omittingEmptySubsequences: false)
        return (1...2).contains(parts.count) && parts.allSatisfy { part in
            !part.isEmpty && part.allSatisfy { $0 >= UInt8(ascii: "0") && $0 <= UInt8(ascii: "9") }
        }
    }
}
