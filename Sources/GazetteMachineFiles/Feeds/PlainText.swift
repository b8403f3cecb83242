import Foundation
import GazetteMarkdown

/// Plain text from Markdown, for feed summaries: the first paragraph, without markup, at most `limit` characters.
enum PlainText {
    static func firstParagraph(_ markdown: String, limit: Int = 200) -> String? {
        guard let html = Markdown.firstParagraphHTML(markdown) else { return nil }
        if let known = textByBytes(ofFirstParagraphIn: html, limit: limit) { return known.text }
        return text(ofFirstParagraphIn: html, limit: limit)
    }

    /// The same from the whole document's HTML: the slow path `firstParagraphHTML` is checked against.
    static func firstParagraphFromWholeHTML(_ markdown: String, limit: Int = 200) -> String? {
        text(ofFirstParagraphIn: Markdown.html(markdown, resolve: { _ in "#" }), limit: limit)
    }

    /// The text of the first `<p>`…`</p>` in `html`, without tags and entities, lines joined by spaces.
    /// (The slow path of `textByBytes`, and its oracle.)
    static func text(ofFirstParagraphIn html: String, limit: Int) -> String? {
        guard let start = html.range(of: "<p>"), let end = html.range(of: "</p>", range: start.upperBound..<html.endIndex) else {
            return nil
        }
        var text = "", inTag = false
        for character in html[start.upperBound..<end.lowerBound] {
            if character == "<" { inTag = true } else if character == ">" { inTag = false } else if !inTag { text.append(character) }
        }
        if text.contains("&") {
            for (entity, character) in [("&lt;", "<"), ("&gt;", ">"), ("&quot;", "\""), ("&#39;", "'"), ("&amp;", "&")] {
                text = text.replacingOccurrences(of: entity, with: character)
            }
        }
        text = text.split(whereSeparator: { $0 == "\n" }).joined(separator: " ")
        guard !text.isEmpty else { return nil }
        return text.count > limit ? String(text.prefix(limit)) + "…" : text
    }

    /// What `textByBytes` found: the summary, or nil when there is none.
    struct Found {
        var text: String?
    }

    /// The same as `text(ofFirstParagraphIn:limit:)`, found in the UTF-8 bytes (a feed summary per notice: the
    /// Foundation search and the Character loop were 2 % of a notices build). Nil when the bytes alone cannot
    /// tell that it is the same: an entity (`&`), a carriage return, or a `<` or `>` beside a character that
    /// Swift could join with it into one Character (then the slow path decides).
    static func textByBytes(ofFirstParagraphIn html: String, limit: Int) -> Found? {
        var html = html
        return html.withUTF8 { bytes -> Found? in
            let count = bytes.count
            func find(_ pattern: StaticString, from start: Int) -> Int? {
                let length = pattern.utf8CodeUnitCount
                guard length <= count else { return nil }
                return pattern.withUTF8Buffer { needle -> Int? in
                    var index = start
                    while index + length <= count {
                        if bytes[index] == needle[0] {
                            var same = true
                            for offset in 1..<length where bytes[index + offset] != needle[offset] {
                                same = false
                                break
                            }
                            if same { return index }
                        }
                        index += 1
                    }
                    return nil
                }
            }
            guard let open = find("<p>", from: 0) else {
                // No `<p>` byte run at all: none for Foundation either (nothing else is equivalent to it).
                return Found(text: nil)
            }
            guard let close = find("</p>", from: open + 3) else { return nil }
            // Every `<` and `>` from the opening tag to the closing one must be a Character of its own.
            for index in open..<(close + 4) where bytes[index] == UInt8(ascii: "<") || bytes[index] == UInt8(ascii: ">") {
                guard Self.standsAlone(at: index, in: bytes) else { return nil }
            }
            var out: [UInt8] = []
            out.reserveCapacity(close - open)
            var inTag = false
            var pendingSpace = false
            for index in (open + 3)..<close {
                let byte = bytes[index]
                if byte == UInt8(ascii: "&") || byte == 0x0D { return nil }
                if byte == UInt8(ascii: "<") {
                    inTag = true
                } else if byte == UInt8(ascii: ">") {
                    inTag = false
                } else if !inTag {
                    // Lines joined by one space, empty lines left out.
                    if byte == 0x0A {
                        pendingSpace = !out.isEmpty
                    } else {
                        if pendingSpace { out.append(UInt8(ascii: " ")) }
                        pendingSpace = false
                        out.append(byte)
                    }
                }
            }
            guard !out.isEmpty else { return Found(text: nil) }
            let text = String(decoding: out, as: UTF8.self)
            return Found(text: text.count > limit ? String(text.prefix(limit)) + "…" : text)
        }
    }

    /// Whether the byte at `index` (`<` or `>`) is a Character alone: the scalars either side of it are ones
    /// no grapheme rule joins to it — ASCII, or the CJK ideographs, punctuation and full-width forms of
    /// Chinese text (none of them combining marks, joiners, spacing marks or prepended characters).
    private static func standsAlone(at index: Int, in bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        func safe(_ scalar: UInt32) -> Bool {
            scalar < 0x80 || (0x4E00...0x9FFF).contains(scalar) || (0x3400...0x4DBF).contains(scalar)
                || (0x3000...0x3029).contains(scalar) || (0xFF01...0xFF5E).contains(scalar) || (0x2010...0x2027).contains(scalar)
        }
        func scalar(startingAt start: Int) -> UInt32? {
            guard start >= 0, start < bytes.count else { return nil }
            let lead = bytes[start]
            if lead < 0x80 { return UInt32(lead) }
            let length = lead >= 0xF0 ? 4 : lead >= 0xE0 ? 3 : 2
            guard start + length <= bytes.count else { return nil }
            var value = UInt32(lead) & (length == 2 ? 0x1F : length == 3 ? 0x0F : 0x07)
            for offset in 1..<length { value = value << 6 | UInt32(bytes[start + offset] & 0x3F) }
            return value
        }
        if index + 1 < bytes.count {
            guard let next = scalar(startingAt: index + 1), safe(next) else { return false }
        }
        if index > 0 {
            var start = index - 1
            while start > 0 && bytes[start] & 0xC0 == 0x80 { start -= 1 }
            guard let previous = scalar(startingAt: start), safe(previous) else { return false }
        }
        return true
    }
}
