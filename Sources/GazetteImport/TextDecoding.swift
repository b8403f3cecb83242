import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The text of a CSV file as Excel, WPS and Notepad save it: UTF-8 (with or without a BOM), UTF-16 with a BOM
/// (Excel's "Unicode text"), or GB18030 (which includes GBK and GB2312, what Chinese Windows saves as "ANSI").
/// GB18030 goes through the system's iconv.
enum TextDecoding {
    enum Encoding: String { case utf8 = "UTF-8", utf16LE = "UTF-16LE", utf16BE = "UTF-16BE", gb18030 = "GB18030" }

    static func decode(_ data: Data) -> (text: String, encoding: Encoding)? {
        if data.starts(with: [0xEF, 0xBB, 0xBF]) {
            return String(data: data.dropFirst(3), encoding: .utf8).map { ($0, .utf8) }
        }
        if data.starts(with: [0xFF, 0xFE]) {
            return String(data: data.dropFirst(2), encoding: .utf16LittleEndian).map { ($0, .utf16LE) }
        }
        if data.starts(with: [0xFE, 0xFF]) {
            return String(data: data.dropFirst(2), encoding: .utf16BigEndian).map { ($0, .utf16BE) }
        }
        if let text = String(data: data, encoding: .utf8) { return (text, .utf8) }
        return iconv(data, from: "GB18030").map { ($0, .gb18030) }
    }

    /// `data` converted from `encoding` to UTF-8 by iconv, or nil where the bytes are not that encoding.
    static func iconv(_ data: Data, from encoding: String) -> String? {
        let converter = iconv_open("UTF-8", encoding)
        guard converter != iconv_t(bitPattern: -1) else { return nil }
        defer { iconv_close(converter) }
        var input = data.map { CChar(bitPattern: $0) }
        var output = [CChar](repeating: 0, count: data.count * 4 + 16)
        var inLeft = input.count, outLeft = output.count
        let converted: Int = input.withUnsafeMutableBufferPointer { inBuffer in
            output.withUnsafeMutableBufferPointer { outBuffer in
                var inPointer: UnsafeMutablePointer<CChar>? = inBuffer.baseAddress
                var outPointer: UnsafeMutablePointer<CChar>? = outBuffer.baseAddress
                return Glibc.iconv(converter, &inPointer, &inLeft, &outPointer, &outLeft)
            }
        }
        guard converted != -1, inLeft == 0 else { return nil }
        let bytes = output[0..<(output.count - outLeft)].map { UInt8(bitPattern: $0) }
        return String(bytes: bytes, encoding: .utf8)
    }
}
