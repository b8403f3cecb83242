/// Splitting the build state's text (`BuildState`, `SiteKeys`, `RawInputs`) into lines and fields by bytes: the
/// separators (line feed, tab) are ASCII and escaped inside fields, so a byte split is the split, and it does
/// not walk the text by characters (grapheme clusters), which was most of reading the state at province scale.
enum StateText {
    /// The parts of `text` between `separator` bytes, empty ones included (as `split(separator:omittingEmptySubsequences: false)`).
    static func split(_ text: Substring, _ separator: UInt8) -> [Substring] {
        var parts: [Substring] = []
        let utf8 = text.utf8
        var start = utf8.startIndex, index = start
        while index != utf8.endIndex {
            if utf8[index] == separator {
                parts.append(Substring(utf8[start..<index]))
                start = utf8.index(after: index)
            }
            index = utf8.index(after: index)
        }
        parts.append(Substring(utf8[start..<utf8.endIndex]))
        return parts
    }

    static func lines(_ text: Substring) -> [Substring] { split(text, UInt8(ascii: "\n")) }
    static func fields(_ line: Substring) -> [Substring] { split(line, UInt8(ascii: "\t")) }
}
