import GazetteModel

/// A CSV file split into rows and cells (RFC 4180: quoted fields, `""` for a quote, line breaks inside
/// quotes, CRLF or LF), each cell with the line and column it starts at.
struct CSVTable {
    struct Cell {
        var text: String
        var line: Int
        var column: Int
    }

    var rows: [[Cell]]

    static func parse(_ text: String, file: String) -> Result<CSVTable, Diagnostic> {
        var rows: [[Cell]] = []
        var row: [Cell] = []
        var field = ""
        var fieldLine = 1, fieldColumn = 1
        var line = 1, column = 1
        var inQuotes = false, wasQuoted = false
        var quoteLine = 1, quoteColumn = 1
        var iterator = text.makeIterator()
        var pending: Character? = nil

        func endField() {
            row.append(Cell(text: field, line: fieldLine, column: fieldColumn))
            field = ""
            wasQuoted = false
        }
        func endRow() {
            endField()
            // A blank line is no row.
            if !(row.count == 1 && row[0].text.isEmpty) { rows.append(row) }
            row = []
        }

        while let character = pending ?? iterator.next() {
            pending = nil
            if inQuotes {
                if character == "\"" {
                    let next = iterator.next()
                    if next == "\"" {
                        field.append("\"")
                        column += 2
                        continue
                    }
                    inQuotes = false
                    column += 1
                    pending = next
                    continue
                }
                field.append(character)
                if character == "\n" || character == "\r\n" {
                    line += 1
                    column = 1
                } else {
                    column += 1
                }
                continue
            }
            switch character {
            case ",":
                endField()
                column += 1
                fieldLine = line
                fieldColumn = column
            case "\n", "\r\n", "\r":
                endRow()
                line += 1
                column = 1
                fieldLine = line
                fieldColumn = 1
            case "\"":
                if field.isEmpty && !wasQuoted {
                    inQuotes = true
                    wasQuoted = true
                    quoteLine = line
                    quoteColumn = column
                } else {
                    return .failure(Diagnostic(.csvSyntax, at: SourceLocation(file: file, line: line, column: column),
                                               "A quote (\") stands inside an unquoted field.",
                                               suggestion: "Quote the whole field and double the quote inside it: \"say \"\"hello\"\"\"."))
                }
                column += 1
            default:
                if wasQuoted {
                    return .failure(Diagnostic(.csvSyntax, at: SourceLocation(file: file, line: line, column: column),
                                               "Text follows the closing quote of a field.",
                                               suggestion: "Put a comma after the closing quote, or double a quote that belongs in the text."))
                }
                field.append(character)
                column += 1
            }
        }
        if inQuotes {
            return .failure(Diagnostic(.csvSyntax, at: SourceLocation(file: file, line: quoteLine, column: quoteColumn),
                                       "This quoted field is never closed.",
                                       suggestion: "Add the closing quote (\")."))
        }
        if !field.isEmpty || !row.isEmpty { endRow() }
        return .success(CSVTable(rows: rows))
    }
}
