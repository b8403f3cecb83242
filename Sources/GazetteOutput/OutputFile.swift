import Foundation

/// One file of the site, in memory: its path inside the output folder and its bytes.
public struct OutputFile: Sendable {
    public var path: String
    public var bytes: Data
    public init(path: String, bytes: Data) {
        self.path = path
        self.bytes = bytes
    }
    public init(path: String, text: String) {
        self.init(path: path, bytes: Data(text.utf8))
    }

    /// A path built from record values stays inside the output: relative, no `..`, no empty segment.
    /// An ASCII path (every page's: record IDs are checked as ASCII) is checked in its bytes; Foundation's
    /// search behind `contains` was 0.6 % of a notices build. Others as before (`isSafePathByCharacters`).
    public var isSafePath: Bool {
        var path = path
        let ascii: Bool? = path.withUTF8 { bytes in
            // ASCII throughout, or no answer: a combining mark makes `/`, `.` or a backslash part of another Character.
            guard bytes.allSatisfy({ $0 < 0x80 }) else { return nil }
            guard !bytes.isEmpty, bytes[0] != UInt8(ascii: "/") else { return false }
            var segmentStart = 0
            for index in 0...bytes.count {
                let byte = index < bytes.count ? bytes[index] : UInt8(ascii: "/")
                if byte == UInt8(ascii: "\\") || byte == 0 { return false }
                guard byte == UInt8(ascii: "/") else { continue }
                let length = index - segmentStart
                if length == 0 { return false }
                if bytes[segmentStart] == UInt8(ascii: "."), length == 1 || (length == 2 && bytes[segmentStart + 1] == UInt8(ascii: ".")) {
                    return false
                }
                segmentStart = index + 1
            }
            return true
        }
        return ascii ?? isSafePathByCharacters
    }

    /// The same check over Characters: for paths with other characters, and the oracle of the byte check.
    var isSafePathByCharacters: Bool {
        !path.isEmpty && !path.hasPrefix("/") && !path.contains("\\") && !path.contains("\0")
            && path.split(separator: "/", omittingEmptySubsequences: false).allSatisfy { $0 != ".." && $0 != "." && !$0.isEmpty }
    }
}
