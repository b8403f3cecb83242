import GazetteModel

/// Reads `ledger/*.csv`: one row per payment or recovery. English or Chinese headers and kinds.
enum LedgerReader {
    /// The columns, each with the Chinese header accepted in its place.
    static let columns: [(key: String, chinese: String, required: Bool)] = [
        ("date", "日期", true), ("project", "项目", true), ("kind", "类型", true), ("amount", "金额", true),
        ("reference", "凭证号", false), ("note", "备注", false),
    ]

    static func read(_ text: String, file: String) -> (entries: [LedgerEntry], diagnostics: [Diagnostic]) {
        let table: CSVTable
        switch CSVTable.parse(text, file: file) {
        case let .success(parsed): table = parsed
        case let .failure(diagnostic): return ([], [diagnostic])
        }
        guard let header = table.rows.first else {
            return ([], [Diagnostic(.csvSyntax, at: SourceLocation(file: file), "The ledger file is empty.",
                                    suggestion: "Start it with the header `date,project,kind,amount,reference,note`.")])
        }
        var diagnostics: [Diagnostic] = []
        var index: [String: Int] = [:]
        for (position, cell) in header.enumerated() {
            let name = cell.text.trimmingSpaces()
            guard let column = columns.first(where: { $0.key == name || $0.chinese == name }) else {
                diagnostics.append(Diagnostic(.unknownKey, at: SourceLocation(file: file, line: cell.line, column: cell.column),
                                              "`\(name.prefix(40))` is not a ledger column.",
                                              suggestion: Nearest.suggestion(for: name, among: columns.map(\.key))
                                                  ?? "The columns are date, project, kind, amount, reference, note."))
                continue
            }
            if index[column.key] != nil {
                diagnostics.append(Diagnostic(.unknownKey, at: SourceLocation(file: file, line: cell.line, column: cell.column),
                                              "The column `\(column.key)` is named twice."))
            }
            index[column.key] = position
        }
        for column in columns where column.required && index[column.key] == nil {
            diagnostics.append(Diagnostic(.missingField, at: SourceLocation(file: file, line: 1, column: 1),
                                          "The ledger has no `\(column.key)` (\(column.chinese)) column.",
                                          suggestion: "The header is `date,project,kind,amount,reference,note`."))
        }
        if !diagnostics.isEmpty { return ([], diagnostics) }

        var entries: [LedgerEntry] = []
        for row in table.rows.dropFirst() {
            let rowLocation = SourceLocation(file: file, line: row[0].line, column: 1)
            func cell(_ key: String) -> CSVTable.Cell? {
                guard let position = index[key], position < row.count else { return nil }
                return row[position]
            }
            func at(_ cell: CSVTable.Cell?) -> SourceLocation {
                cell.map { SourceLocation(file: file, line: $0.line, column: $0.column) } ?? rowLocation
            }
            if row.count > header.count {
                diagnostics.append(Diagnostic(.csvSyntax, at: at(row[header.count]),
                                              "This row has \(row.count) fields; the header has \(header.count).",
                                              suggestion: "Quote a field that contains a comma: \"a, b\"."))
                continue
            }
            var problems = false
            let dateCell = cell("date"), projectCell = cell("project"), kindCell = cell("kind"), amountCell = cell("amount")
            let date = Day(dateCell?.text ?? "")
            if date == nil {
                problems = true
                diagnostics.append(Diagnostic(.badDate, at: at(dateCell),
                                              "`\((dateCell?.text ?? "").prefix(40))` is not a date that exists (write YYYY-MM-DD).",
                                              suggestion: "For example `2017-06-25`."))
            }
            let project = (projectCell?.text ?? "").trimmingSpaces()
            if project.isEmpty {
                problems = true
                diagnostics.append(Diagnostic(.missingField, at: at(projectCell), "This row names no project."))
            }
            let kindText = (kindCell?.text ?? "").trimmingSpaces()
            let kind = LedgerEntry.Kind(rawValue: kindText) ?? LedgerEntry.Kind.chineseNames[kindText]
            if kind == nil {
                problems = true
                diagnostics.append(Diagnostic(.outOfRange, at: at(kindCell),
                                              "`\(kindText.prefix(40))` is not a kind of ledger row; use advance, installment, final or recovery (预付, 进度款, 尾款, 收回).",
                                              suggestion: Nearest.suggestion(for: kindText, among: LedgerEntry.Kind.allCases.map(\.rawValue))))
            }
            let amountReader = RecordReader(file: file)
            let amount = amountReader.yuan(amountCell?.text ?? "", key: "amount", at: at(amountCell))
            diagnostics += amountReader.diagnostics
            if let amount, amount == .zero {
                problems = true
                diagnostics.append(Diagnostic(.badAmount, at: at(amountCell), "A ledger row moves no money (amount 0).",
                                              suggestion: "Remove the row, or write the amount that was paid."))
            }
            for key in ["reference", "note"] {
                if let free = cell(key), let control = ControlCharacters.first(in: free.text) {
                    problems = true
                    diagnostics.append(ControlCharacters.diagnostic(control, key: key, at: at(free)))
                }
            }
            guard !problems, let date, let kind, let amount else { continue }
            entries.append(LedgerEntry(date: date, project: project, kind: kind, amount: amount,
                                       reference: cell("reference")?.text.trimmingSpaces() ?? "",
                                       note: cell("note")?.text.trimmingSpaces() ?? "",
                                       location: rowLocation, projectLocation: at(projectCell)))
        }
        return (entries, diagnostics)
    }
}
