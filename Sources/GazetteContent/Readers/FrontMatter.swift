import GazetteModel

/// Splits a Markdown file into its YAML front matter (between two `---` lines) and its body.
struct FrontMatter {
    var yaml: String
    /// The line of the file the YAML starts on, minus one: added to YAML positions.
    var yamlLineOffset: Int
    var body: String
    /// The line the body starts on.
    var bodyLine: Int

    static func split(_ text: String, file: String) -> Result<FrontMatter, Diagnostic> {
        var text = text
        text.makeContiguousUTF8()
        let found = text.utf8.withContiguousStorageIfAvailable { fences(in: $0, of: text) }!
        switch found {
        case .notOpened:
            return .failure(Diagnostic(.frontMatter, at: SourceLocation(file: file, line: 1, column: 1),
                                       Message("E005.open"), help: Message("E005.open.help")))
        case .notClosed:
            return .failure(Diagnostic(.frontMatter, at: SourceLocation(file: file, line: 1, column: 1),
                                       Message("E005.close"), help: Message("E005.close.help")))
        case let .closed(yaml, body, close):
            let utf8 = text.utf8
            func part(_ range: Range<Int>) -> String {
                String(text[utf8.index(utf8.startIndex, offsetBy: range.lowerBound)..<utf8.index(utf8.startIndex, offsetBy: range.upperBound)])
            }
            return .success(FrontMatter(yaml: part(yaml), yamlLineOffset: 1, body: part(body), bodyLine: close + 3))
        }
    }

    private enum Fences {
        case notOpened
        case notClosed
        /// The byte ranges of the YAML and of the body, and the closing line's number counted from the
        /// line after the opening one, from 0.
        case closed(yaml: Range<Int>, body: Range<Int>, close: Int)
    }

    /// Finds the two `---` lines, reading only as far as the closing one.
    ///
    /// Lines are what splitting the text's Characters at "\n" gives: "\r\n" is one Character, so a line
    /// feed after a carriage return does not end a line. The YAML is the lines between the fences joined by
    /// "\n", and the body the lines after the closing one — that is, the bytes between them.
    private static func fences(in bytes: UnsafeBufferPointer<UInt8>, of text: String) -> Fences {
        let count = bytes.count
        let lineFeed = UInt8(ascii: "\n"), carriageReturn = UInt8(ascii: "\r")
        func lineEnd(from start: Int) -> Int {
            var index = start
            while index < count {
                if bytes[index] == lineFeed && (index == 0 || bytes[index - 1] != carriageReturn) { return index }
                index += 1
            }
            return count
        }
        func isFence(_ start: Int, _ end: Int) -> Bool {
            var first = start, last = end
            func isSpace(_ byte: UInt8) -> Bool {
                byte == UInt8(ascii: " ") || byte == UInt8(ascii: "\t") || byte == carriageReturn || byte == lineFeed
            }
            while first < last && isSpace(bytes[first]) { first += 1 }
            while last > first && isSpace(bytes[last - 1]) { last -= 1 }
            guard last - first == 3, bytes[first] == UInt8(ascii: "-"), bytes[first + 1] == UInt8(ascii: "-"),
                  bytes[first + 2] == UInt8(ascii: "-") else { return false }
            // A "\r\n" inside the line is one Character that trimming leaves: ask the Characters.
            if bytes[start..<end].contains(lineFeed) {
                let utf8 = text.utf8
                return isFenceLine(text[utf8.index(utf8.startIndex, offsetBy: start)..<utf8.index(utf8.startIndex, offsetBy: end)])
            }
            return true
        }

        let firstEnd = lineEnd(from: 0)
        guard isFence(0, firstEnd) else { return .notOpened }
        guard firstEnd < count else { return .notClosed }
        let yamlStart = firstEnd + 1
        var start = yamlStart, close = 0
        while true {
            let end = lineEnd(from: start)
            if isFence(start, end) {
                return .closed(yaml: yamlStart..<(close == 0 ? yamlStart : start - 1),
                               body: end < count ? (end + 1)..<count : count..<count, close: close)
            }
            guard end < count else { return .notClosed }
            start = end + 1
            close += 1
        }
    }

    /// A `---` line, by its Characters.
    private static func isFenceLine(_ line: Substring) -> Bool {
        var l = line
        if l.hasSuffix("\r") { l = l.dropLast() }
        return String(l).trimmingSpaces() == "---"
    }
}
