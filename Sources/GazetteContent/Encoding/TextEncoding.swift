import Foundation
#if canImport(Glibc)
import Glibc
#endif
import GazetteModel

/// The encodings a file saved on Windows may be in, told from the bytes alone (never from the locale).
public enum TextEncoding: String, Sendable, Hashable {
    case utf8 = "UTF-8"
    case utf8BOM = "UTF-8 (BOM)"
    case utf16LE = "UTF-16LE"
    case utf16BE = "UTF-16BE"
    case utf16LENoBOM = "UTF-16LE (no BOM)"
    case utf16BENoBOM = "UTF-16BE (no BOM)"
    case gb18030 = "GBK/GB18030"

    /// The name iconv knows it by.
    var iconvName: String {
        switch self {
        case .utf8, .utf8BOM: return "UTF-8"
        case .utf16LE, .utf16LENoBOM: return "UTF-16LE"
        case .utf16BE, .utf16BENoBOM: return "UTF-16BE"
        case .gb18030: return "GB18030"
        }
    }

    var bomLength: Int {
        switch self {
        case .utf8BOM: return 3
        case .utf16LE, .utf16BE: return 2
        default: return 0
        }
    }
}

/// Reads text in whatever encoding the bytes are in, or says exactly where they stop being that encoding.
public enum EncodingDetector {
    /// What the bytes are: a BOM decides; else valid UTF-8 is UTF-8; else UTF-16 by its zero bytes; else
    /// GBK/GB18030 (the encoding of Chinese Windows). Nil for bytes that are none of these shapes (binary).
    public static func detect(_ data: Data) -> TextEncoding? {
        let bytes = [UInt8](data.prefix(3))
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { return .utf8BOM }
        if bytes.starts(with: [0xFF, 0xFE]) { return .utf16LE }
        if bytes.starts(with: [0xFE, 0xFF]) { return .utf16BE }
        let hasZero = Bytes.contains(data, 0)
        if hasZero, let utf16 = looksLikeUTF16(data) { return utf16 }
        if isUTF8(data) { return .utf8 }
        if hasZero { return nil }
        return .gb18030
    }

    /// UTF-16 without a BOM: text with ASCII in it (digits, commas, field names) has a zero byte in every
    /// other position; nothing else does.
    static func looksLikeUTF16(_ data: Data) -> TextEncoding? {
        guard data.count >= 4, data.count % 2 == 0 else { return nil }
        var zeroEven = 0, zeroOdd = 0
        for (index, byte) in data.enumerated() where byte == 0 {
            if index % 2 == 0 { zeroEven += 1 } else { zeroOdd += 1 }
        }
        let pairs = data.count / 2
        if zeroOdd * 4 >= pairs && zeroEven == 0 { return .utf16LENoBOM }
        if zeroEven * 4 >= pairs && zeroOdd == 0 { return .utf16BENoBOM }
        return nil
    }

    /// The text of a file that may be in any of the encodings (a CSV from Excel or WPS), as UTF-8 bytes,
    /// with the encoding it was in. A BOM that the bytes contradict, a file mixing UTF-8 with another
    /// encoding, and bytes that are not valid in the encoding are errors at their line and column.
    public static func utf8(_ data: Data, path: String) -> Result<(data: Data, encoding: TextEncoding), Diagnostic> {
        guard let encoding = detect(data) else { return .success((data, .utf8)) }    // binary: TextFile reports it
        switch encoding {
        case .utf8: return .success((data, .utf8))
        case .utf8BOM:
            let body = data.dropFirst(3)
            if isUTF8(body) { return .success((Data(body), .utf8BOM)) }
            let offset = firstInvalidUTF8(body)
            return .failure(Diagnostic(.notUTF8, at: position(of: offset, in: body, path: path, encoding: .utf8),
                                       Message("E002.bomDisagrees", ["bom": .text("UTF-8")]), help: convertHelp(path)))
        case .gb18030:
            if let mixed = mixedLine(data) {
                return .failure(Diagnostic(.notUTF8, at: position(of: mixed.offset, in: data, path: path, encoding: .gb18030),
                                           Message("E002.mixed", ["line": .number(mixed.utf8Line)]), help: Message("E002.mixed.help")))
            }
            fallthrough
        default:
            let body = data.dropFirst(encoding.bomLength)
            switch convert(Data(body), from: encoding.iconvName) {
            case let .success(converted): return .success((converted, encoding))
            case let .failure(failure):
                let offset = failure.offset
                let message = encoding.bomLength > 0 ? Message("E002.bomDisagrees", ["bom": .text(encoding.iconvName)])
                    : Message("E002.invalidIn", ["encoding": .text(encoding.rawValue)])
                return .failure(Diagnostic(.notUTF8, at: position(of: offset, in: Data(body), path: path, encoding: encoding),
                                           message, help: Message("E002.invalidIn.help")))
            }
        }
    }

    /// The help that names the command converting a file to UTF-8.
    static func convertHelp(_ path: String) -> Message { Message("E002.convert.help", ["file": .text(path)]) }

    /// Bytes to UTF-8 through iconv; on failure, the offset of the first byte it could not convert.
    struct Unconvertible: Error {
        /// Where the first byte iconv could not convert is.
        var offset: Int
    }

    static func convert(_ data: Data, from encoding: String) -> Result<Data, Unconvertible> {
        guard !data.isEmpty else { return .success(Data()) }
        let descriptor = iconv_open("UTF-8", encoding)
        guard descriptor != iconv_t(bitPattern: -1) else { return .failure(Unconvertible(offset: 0)) }
        defer { iconv_close(descriptor) }
        var input = [UInt8](data)
        var output = [UInt8](repeating: 0, count: data.count * 4 + 16)
        let total = input.count
        let (left, produced): (Int, Int) = input.withUnsafeMutableBufferPointer { inBuffer in
            output.withUnsafeMutableBufferPointer { outBuffer in
                var inPointer: UnsafeMutablePointer<CChar>? = UnsafeMutableRawPointer(inBuffer.baseAddress!).assumingMemoryBound(to: CChar.self)
                var outPointer: UnsafeMutablePointer<CChar>? = UnsafeMutableRawPointer(outBuffer.baseAddress!).assumingMemoryBound(to: CChar.self)
                var inLeft = total, outLeft = outBuffer.count
                _ = iconv(descriptor, &inPointer, &inLeft, &outPointer, &outLeft)
                return (inLeft, outBuffer.count - outLeft)
            }
        }
        guard left == 0 else { return .failure(Unconvertible(offset: total - left)) }
        return .success(Data(output[0..<produced]))
    }

    /// The line and column of byte `offset`: lines counted up to it, and the characters of its line
    /// before it (decoded in `encoding`, or as UTF-8 where the line is that).
    static func position(of offset: Int, in data: Data, path: String, encoding: TextEncoding) -> SourceLocation {
        let prefix = Data(data.prefix(offset))
        if encoding.iconvName.hasPrefix("UTF-16") {
            let text = (try? convert(prefix, from: encoding.iconvName).get()).map { String(decoding: $0, as: UTF8.self) } ?? ""
            let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
            return SourceLocation(file: path, line: lines.count, column: (lines.last?.unicodeScalars.count ?? 0) + 1)
        }
        // ASCII-compatible encodings: a line feed is byte 0x0A whatever the encoding.
        let lineStart = (prefix.lastIndex(of: 0x0A).map { $0 + 1 }) ?? prefix.startIndex
        let line = prefix.reduce(1) { $1 == 0x0A ? $0 + 1 : $0 }
        let linePrefix = Data(prefix[lineStart...])
        let text: String
        if isUTF8(linePrefix) {
            text = String(decoding: linePrefix, as: UTF8.self)
        } else if case let .success(converted) = convert(linePrefix, from: encoding.iconvName) {
            text = String(decoding: converted, as: UTF8.self)
        } else {
            text = String(decoding: linePrefix, as: UTF8.self)
        }
        return SourceLocation(file: path, line: line, column: text.unicodeScalars.filter { $0 != "\r" }.count + 1)
    }

    /// The offset of the first byte that is not part of a valid UTF-8 sequence; the count when all are.
    static func firstInvalidUTF8(_ data: Data) -> Int {
        let bytes = [UInt8](data)
        var index = 0
        while index < bytes.count {
            let first = bytes[index]
            let length: Int
            switch first {
            case 0..<0x80: length = 1
            case 0xC2...0xDF: length = 2
            case 0xE0...0xEF: length = 3
            case 0xF0...0xF4: length = 4
            default: return index
            }
            if index + length > bytes.count { return index }
            if length > 1 {
                for offset in 1..<length where bytes[index + offset] & 0xC0 != 0x80 { return index }
                let second = bytes[index + 1]
                if (first == 0xE0 && second < 0xA0) || (first == 0xED && second >= 0xA0)
                    || (first == 0xF0 && second < 0x90) || (first == 0xF4 && second >= 0x90) { return index }
            }
            index += length
        }
        return bytes.count
    }

    /// Whether the bytes are valid UTF-8, by the standard library's validation (the quick way).
    static func isUTF8(_ data: Data) -> Bool {
        data.withUnsafeBytes { raw in
            if #available(macOS 15, *) { return String(validating: raw.bindMemory(to: UInt8.self), as: UTF8.self) != nil }
            return String(data: Data(raw), encoding: .utf8) != nil
        }
    }

    /// A file where some lines are UTF-8 Chinese (two or more three-byte characters in a row) and others
    /// are not UTF-8: the first line that is not, and the first line that is.
    static func mixedLine(_ data: Data) -> (offset: Int, utf8Line: Int)? {
        var firstUTF8Line: Int?, firstOther: Int?
        var lineNumber = 1, start = data.startIndex
        while start < data.endIndex {
            let end = data[start...].firstIndex(of: 0x0A) ?? data.endIndex
            let line = data[start..<end]
            if line.contains(where: { $0 >= 0x80 }) {
                if isUTF8(line) {
                    if firstUTF8Line == nil, hasUTF8Chinese(line) { firstUTF8Line = lineNumber }
                } else if firstOther == nil {
                    firstOther = start - data.startIndex + firstInvalidUTF8(Data(line))
                }
            }
            if let firstUTF8Line, let firstOther { return (firstOther, firstUTF8Line) }
            lineNumber += 1
            start = end < data.endIndex ? end + 1 : end
        }
        return nil
    }

    private static func hasUTF8Chinese(_ line: Data) -> Bool {
        var run = 0
        for scalar in String(decoding: line, as: UTF8.self).unicodeScalars {
            if (0x3400...0x9FFF).contains(scalar.value) { run += 1; if run >= 2 { return true } } else { run = 0 }
        }
        return false
    }

    /// The bytes as UTF-8 with "\n" line ends, for showing a line under a diagnostic; the bytes as they
    /// are when they cannot be converted.
    public static func displayBytes(_ data: Data) -> Data {
        var text = data
        if let encoding = detect(data), encoding != .utf8 {
            if case let .success(converted) = utf8(data, path: "") { text = converted.data }
        }
        return LineEnds.normalized(text)
    }
}

/// Byte searches through `memchr`, quick even on megabytes.
enum Bytes {
    static func contains(_ data: Data, _ byte: UInt8) -> Bool {
        data.withUnsafeBytes { raw in
            guard let base = raw.baseAddress, raw.count > 0 else { return false }
            return memchr(base, Int32(byte), raw.count) != nil
        }
    }
}

/// Windows (CRLF) and old Mac (CR) line ends made "\n", so that every reader sees one kind of line. A
/// file with no line feed at all has CR line ends; in any other file a CR not before a LF is a stray
/// control character, kept for the checks to report (E109), not a line end.
public enum LineEnds {
    public static func normalized(_ data: Data) -> Data {
        guard Bytes.contains(data, 0x0D) else { return data }
        if !Bytes.contains(data, 0x0A) { return Data(data.map { $0 == 0x0D ? 0x0A : $0 }) }
        var out = Data()
        out.reserveCapacity(data.count)
        var pendingCR = false
        for byte in data {
            if pendingCR {
                if byte != 0x0A { out.append(0x0D) }
                pendingCR = false
            }
            if byte == 0x0D {
                pendingCR = true
                continue
            }
            out.append(byte)
        }
        if pendingCR { out.append(0x0D) }
        return out
    }
}
