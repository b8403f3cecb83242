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
        var text = text
        text.makeContiguousUTF8()
        let separator = separator(of: text)
        if let table = text.utf8.withContiguousStorageIfAvailable({ parsePlain($0, text: text, separator: separator) }) ?? nil {
            return .success(table)
        }
        return parseCharacters(text, file: file, separator: separator)
    }

    /// A comma, or a tab when the first line has tabs and no comma: Excel's and WPS's "Unicode text" is
    /// tab-separated.
    static func separator(of text: String) -> UInt8 {
        let firstLine = text.utf8.prefix { $0 != UInt8(ascii: "\n") }
        return firstLine.contains(UInt8(ascii: "\t")) && !firstLine.contains(UInt8(ascii: ",")) ? UInt8(ascii: "\t") : UInt8(ascii: ",")
    }

    /// `parseCharacters` over the bytes, for the common case: nil for anything it does not take — a
    /// syntax error, or a comma or quote that a neighbouring character joins into a larger Character (a
    /// combining mark after it, a prepended mark before it) — and the Character parser then reads the
    /// text, for its result or its diagnostic. Elsewhere the structural characters stand alone (a line
    /// break always ends a Character, and "\r\n" is taken as one), so fields and columns come out the
    /// same; a column counts the Characters of the non-ASCII text before it.
    private static func parsePlain(_ bytes: UnsafeBufferPointer<UInt8>, text: String, separator: UInt8) -> CSVTable? {
        let comma = separator, quote = UInt8(ascii: "\""), lineFeed = UInt8(ascii: "\n"),
            carriageReturn = UInt8(ascii: "\r")
        let count = bytes.count
        for index in bytes.indices where bytes[index] == comma || bytes[index] == quote {
            if (index > 0 && bytes[index - 1] >= 0x80) || (index + 1 < count && bytes[index + 1] >= 0x80) {
                guard standsAlone(index, in: bytes) else { return nil }
            }
        }
        let utf8 = text.utf8
        /// Characters in bytes[start..<end], which holds no line break or quote (nor a comma but as plain text).
        func characters(_ start: Int, _ end: Int) -> Int {
            var ascii = true
            for index in start..<end where bytes[index] >= 0x80 {
                ascii = false
                break
            }
            if ascii { return end - start }
            return text[utf8.index(utf8.startIndex, offsetBy: start)..<utf8.index(utf8.startIndex, offsetBy: end)].count
        }
        func isPlain(_ byte: UInt8) -> Bool {
            byte != comma && byte != quote && byte != lineFeed && byte != carriageReturn
        }

        var rows: [[Cell]] = []
        var row: [Cell] = []
        // The field's text: a range of the bytes while it is one, else collected.
        var fieldStart = 0, fieldEnd = 0
        var collected: [UInt8]? = nil
        var fieldLine = 1, fieldColumn = 1
        var line = 1, column = 1
        var inQuotes = false, wasQuoted = false

        func fieldIsEmpty() -> Bool { collected.map(\.isEmpty) ?? (fieldStart == fieldEnd) }
        func append(_ start: Int, _ end: Int) {
            guard start < end else { return }
            if collected == nil {
                if fieldStart == fieldEnd {
                    fieldStart = start
                    fieldEnd = end
                    return
                }
                if fieldEnd == start {
                    fieldEnd = end
                    return
                }
                collected = Array(bytes[fieldStart..<fieldEnd])
            }
            collected!.append(contentsOf: bytes[start..<end])
        }
        func endField() {
            let fieldText: String
            if let collected {
                fieldText = String(decoding: collected, as: UTF8.self)
            } else {
                fieldText = String(decoding: UnsafeBufferPointer(rebasing: bytes[fieldStart..<fieldEnd]), as: UTF8.self)
            }
            row.append(Cell(text: fieldText, line: fieldLine, column: fieldColumn))
            fieldStart = 0
            fieldEnd = 0
            collected = nil
            wasQuoted = false
        }
        func endRow() {
            endField()
            if !(row.count == 1 && row[0].text.isEmpty) { rows.append(row) }
            row = []
        }

        var index = 0
        while index < count {
            let byte = bytes[index]
            if inQuotes {
                if byte == quote {
                    if index + 1 < count && bytes[index + 1] == quote {
                        append(index + 1, index + 2)
                        column += 2
                        index += 2
                        continue
                    }
                    inQuotes = false
                    column += 1
                    index += 1
                    continue
                }
                if byte == lineFeed || byte == carriageReturn {
                    let end = byte == carriageReturn && index + 1 < count && bytes[index + 1] == lineFeed ? index + 2 : index + 1
                    append(index, end)
                    if end - index == 2 || byte == lineFeed {
                        line += 1
                        column = 1
                    } else {
                        column += 1
                    }
                    index = end
                    continue
                }
                var end = index + 1
                while end < count && isPlain(bytes[end]) { end += 1 }
                append(index, end)
                column += characters(index, end)
                index = end
                continue
            }
            switch byte {
            case comma:
                endField()
                column += 1
                fieldLine = line
                fieldColumn = column
                index += 1
            case lineFeed, carriageReturn:
                endRow()
                line += 1
                column = 1
                fieldLine = line
                fieldColumn = 1
                index += byte == carriageReturn && index + 1 < count && bytes[index + 1] == lineFeed ? 2 : 1
            case quote:
                guard fieldIsEmpty() && !wasQuoted else { return nil }
                inQuotes = true
                wasQuoted = true
                column += 1
                index += 1
            default:
                guard !wasQuoted else { return nil }
                var end = index + 1
                while end < count && isPlain(bytes[end]) { end += 1 }
                append(index, end)
                column += characters(index, end)
                index = end
            }
        }
        if inQuotes { return nil }
        if !fieldIsEmpty() || !row.isEmpty { endRow() }
        return CSVTable(rows: rows)
    }

    /// Whether the ASCII character at `index` is a Character of its own. Whether a grapheme breaks before
    /// it depends only on the scalar before it, and after it only on the scalar after it (it is neither an
    /// emoji nor a regional indicator), so the three scalars tell.
    private static func standsAlone(_ index: Int, in bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        var start = index, end = index + 1
        if start > 0 {
            start -= 1
            while start > 0 && bytes[start] & 0xC0 == 0x80 { start -= 1 }
        }
        if end < bytes.count {
            end += 1
            while end < bytes.count && bytes[end] & 0xC0 == 0x80 { end += 1 }
        }
        var offset = start
        for character in String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<end]), as: UTF8.self) {
            if offset == index { return character.utf8.count == 1 }
            if offset > index { return false }
            offset += character.utf8.count
        }
        return false
    }

    /// RFC 4180 over the text's Characters.
    static func parseCharacters(_ text: String, file: String, separator: UInt8 = UInt8(ascii: ",")) -> Result<CSVTable, Diagnostic> {
        let separatorCharacter = Character(Unicode.Scalar(separator))
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
            case separatorCharacter:
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
                                               Message("E006.quote"), help: Message("E006.quote.help")))
                }
                column += 1
            default:
                if wasQuoted {
                    return .failure(Diagnostic(.csvSyntax, at: SourceLocation(file: file, line: line, column: column),
                                               Message("E006.afterQuote"), help: Message("E006.afterQuote.help")))
                }
                field.append(character)
                column += 1
            }
        }
        if inQuotes {
            return .failure(Diagnostic(.csvSyntax, at: SourceLocation(file: file, line: quoteLine, column: quoteColumn),
                                       Message("E006.unclosed"), help: Message("E006.unclosed.help")))
        }
        if !field.isEmpty || !row.isEmpty { endRow() }
        return .success(CSVTable(rows: rows))
    }
}
