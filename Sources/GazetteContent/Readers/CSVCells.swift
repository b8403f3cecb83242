import GazetteModel

/// The CSV reader's cells, for other modules (`gazette import`): each cell's text with its line and column.
public enum CSVCells {
    public struct Cell: Sendable {
        public var text: String
        public var line: Int
        public var column: Int
    }

    public static func parse(_ text: String, file: String) -> Result<[[Cell]], Diagnostic> {
        CSVTable.parse(text, file: file).map { table in
            table.rows.map { row in row.map { Cell(text: $0.text, line: $0.line, column: $0.column) } }
        }
    }
}

extension YAMLEditor {
    /// Whether `text` reads as YAML (for the importer's check of the files it writes).
    public static func reads(_ text: String, file: String) -> Bool {
        if case .success = YAMLParser.parse(text, file: file) { return true }
        return false
    }
}
