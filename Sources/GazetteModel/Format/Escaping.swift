/// The one place text is escaped for another language: HTML (the template renderer, the preview overlay), XML
/// (feeds, sitemap, the SVG charts, the .xlsx workbooks), JSON (search index, open data) and YAML's
/// double-quoted scalars (record files written by `import`).
public enum Escape {
    /// Text for HTML content and attribute values, appended to `out`: `&`, `<`, `>`, `"` and `'` escaped. Most
    /// text has none of them and is appended whole.
    public static func html(_ text: String, into out: inout String) {
        // Most text has nothing to escape: one scan of its bytes says so, and it is appended whole.
        let clean = text.utf8.withContiguousStorageIfAvailable { bytes in
            !bytes.contains { $0 == UInt8(ascii: "&") || $0 == UInt8(ascii: "<") || $0 == UInt8(ascii: ">")
                || $0 == UInt8(ascii: "\"") || $0 == UInt8(ascii: "'") }
        }
        if clean == true {
            out += text
            return
        }
        escapeHTML(text, into: &out)
    }

    /// `html(_:into:)` without the quick scan: its oracle, and what it does for text that has something to escape.
    package static func escapeHTML(_ text: String, into out: inout String) {
        let utf8 = text.utf8
        var chunkStart = utf8.startIndex
        var index = chunkStart
        while index != utf8.endIndex {
            let replacement: String
            switch utf8[index] {
            case UInt8(ascii: "&"): replacement = "&amp;"
            case UInt8(ascii: "<"): replacement = "&lt;"
            case UInt8(ascii: ">"): replacement = "&gt;"
            case UInt8(ascii: "\""): replacement = "&quot;"
            case UInt8(ascii: "'"): replacement = "&#39;"
            default:
                utf8.formIndex(after: &index)
                continue
            }
            // The escaped characters are ASCII, so these indices fall on character boundaries.
            out += text[chunkStart..<index]
            out += replacement
            utf8.formIndex(after: &index)
            chunkStart = index
        }
        if chunkStart == utf8.startIndex { out += text } else { out += text[chunkStart...] }
    }

    /// Text for XML content and attribute values: `&`, `<`, `>`, `"` and `'` escaped, and characters that XML 1.0
    /// does not allow (control characters, U+FFFE, U+FFFF) dropped.
    public static func xml(_ text: String) -> String {
        // Most text has nothing to escape: it is returned as it is.
        if !needsEscape(text, json: false) {
            return text
        }
        var out = ""
        out.reserveCapacity(text.utf8.count + 16)
        for scalar in text.unicodeScalars {
            switch scalar {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&apos;"
            case "\t", "\n", "\r": out.unicodeScalars.append(scalar)
            default:
                let v = scalar.value
                if v < 0x20 || v == 0xFFFE || v == 0xFFFF { continue }
                out.unicodeScalars.append(scalar)
            }
        }
        return out
    }

    /// A JSON string literal, quotes included. Non-ASCII text is kept as UTF-8 (shorter than `\u` escapes);
    /// `<`, `>` and `&` are escaped so the text is safe even if the JSON is ever placed inside HTML.
    public static func json(_ text: String) -> String { quoted(text, forHTML: true) }

    /// A YAML double-quoted scalar, quotes included: JSON's escapes (which YAML reads the same way), with
    /// `<`, `>` and `&` left as they are, so that an editor reads the text as written; what YAML may not hold
    /// as it is (other control characters, line separators, U+FEFF, U+FFFE, U+FFFF) as `\u` escapes.
    public static func yamlQuoted(_ text: String) -> String { quoted(text, forHTML: false) }

    private static func quoted(_ text: String, forHTML: Bool) -> String {
        // Most text has nothing to escape: quoted as it is.
        if forHTML && !needsEscape(text, json: true) {
            return "\"" + text + "\""
        }
        var out = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            case "<" where forHTML: out += "\\u003c"
            case ">" where forHTML: out += "\\u003e"
            case "&" where forHTML: out += "\\u0026"
            case "\u{2028}": out += "\\u2028"
            case "\u{2029}": out += "\\u2029"
            default:
                let v = scalar.value
                if v < 0x20 || (!forHTML && (v == 0x7F || (0x80...0x9F).contains(v) || v == 0xFEFF || v == 0xFFFE || v == 0xFFFF)) {
                    let hex = String(scalar.value, radix: 16)
                    out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
                } else {
                    out.unicodeScalars.append(scalar)
                }
            }
        }
        return out + "\""
    }

    /// Whether text holds anything the XML (or JSON) escaper changes: a control character, `&<>"` and `'`
    /// (or `\\`), U+FFFE/U+FFFF (or U+2028/U+2029). One pass over the bytes.
    private static func needsEscape(_ text: String, json: Bool) -> Bool {
        var text = text
        return text.withUTF8 { bytes in
            let count = bytes.count
            var index = 0
            while index < count {
                let byte = bytes[index]
                switch byte {
                case 0..<0x20, 0x26, 0x3C, 0x3E, 0x22: return true
                case 0x27: if !json { return true }
                case 0x5C: if json { return true }
                case 0xEF where !json && index + 2 < count:
                    if bytes[index + 1] == 0xBF, bytes[index + 2] == 0xBE || bytes[index + 2] == 0xBF { return true }
                case 0xE2 where json && index + 2 < count:
                    if bytes[index + 1] == 0x80, bytes[index + 2] == 0xA8 || bytes[index + 2] == 0xA9 { return true }
                default: break
                }
                index += 1
            }
            return false
        }
    }
}
