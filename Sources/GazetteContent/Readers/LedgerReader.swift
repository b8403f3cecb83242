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
            return ([], [Diagnostic(.csvSyntax, at: SourceLocation(file: file), Message("E006.empty"), help: Message("E006.header.help"))])
        }
        var diagnostics: [Diagnostic] = []
        var index: [String: Int] = [:]
        for (position, cell) in header.enumerated() {
            let name = cell.text.trimmingSpaces()
            guard let column = columns.first(where: { $0.key == name || $0.chinese == name }) else {
                diagnostics.append(Diagnostic(.unknownKey, at: SourceLocation(file: file, line: cell.line, column: cell.column),
                                              Message("E103.column", ["value": .text(String(name.prefix(40)))]),
                                              help: Nearest.help(for: name, among: columns.map(\.key))
                                                  ?? Keywords.nearestTerm(name, columns.map(\.chinese)).map { Message("help.didYouMean", ["word": .text($0)]) }
                                                  ?? Message("E006.header.help")))
                continue
            }
            if index[column.key] != nil {
                diagnostics.append(Diagnostic(.unknownKey, at: SourceLocation(file: file, line: cell.line, column: cell.column),
                                              Message("E103.columnTwice", ["column": .text(column.key)])))
            }
            index[column.key] = position
        }
        for column in columns where column.required && index[column.key] == nil {
            diagnostics.append(Diagnostic(.missingField, at: SourceLocation(file: file, line: 1, column: 1),
                                          Message("E101.column", ["column": .text(column.key), "chinese": .text(column.chinese)]),
                                          help: Message("E006.header.help")))
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
                                              Message("E006.fields", ["count": .number(row.count), "header": .number(header.count)]),
                                              help: Message("E006.fields.help")))
                continue
            }
            var problems = false
            let dateCell = cell("date"), projectCell = cell("project"), kindCell = cell("kind"), amountCell = cell("amount")
            let date = Day(dateCell?.text ?? "")
            if date == nil {
                problems = true
                diagnostics.append(Diagnostic(.badDate, at: at(dateCell),
                                              Message("E106", ["value": .text(String((dateCell?.text ?? "").prefix(40))), "field": .text("date")]),
                                              help: Message("E106.help")))
            }
            let project = (projectCell?.text ?? "").trimmingSpaces()
            if project.isEmpty {
                problems = true
                diagnostics.append(Diagnostic(.missingField, at: at(projectCell), Message("E101.project")))
            }
            let kindText = (kindCell?.text ?? "").trimmingSpaces()
            let kindKeys = LedgerEntry.Kind.allCases.map(\.rawValue)
            let kind = Keywords.key(for: kindText, among: kindKeys).flatMap(LedgerEntry.Kind.init(rawValue:))
            if kind == nil {
                problems = true
                diagnostics.append(Diagnostic(.outOfRange, at: at(kindCell),
                                              Message("E104.choice", ["value": .text(String(kindText.prefix(40))), "field": .text("kind"),
                                                                      "choices": .alternatives(kindKeys.map { Keywords.shown($0) })]),
                                              help: Keywords.nearest(for: kindText, among: kindKeys)))
            }
            let amountReader = RecordReader(file: file)
            let amount = amountReader.yuan(amountCell?.text ?? "", key: "amount", at: at(amountCell))
            diagnostics += amountReader.diagnostics
            if let amount, amount == .zero {
                problems = true
                diagnostics.append(Diagnostic(.badAmount, at: at(amountCell), Message("E105.zero"), help: Message("E105.zero.help")))
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
