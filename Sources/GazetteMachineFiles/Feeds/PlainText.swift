import Foundation
import GazetteMarkdown

/// Plain text from Markdown, for feed summaries: the first paragraph, without markup, at most `limit` characters.
enum PlainText {
    static func firstParagraph(_ markdown: String, limit: Int = 200) -> String? {
        guard let html = Markdown.firstParagraphHTML(markdown) else { return nil }
        return text(ofFirstParagraphIn: html, limit: limit)
    }

    /// The same from the whole document's HTML: the slow path `firstParagraphHTML` is checked against.
    static func firstParagraphFromWholeHTML(_ markdown: String, limit: Int = 200) -> String? {
        text(ofFirstParagraphIn: Markdown.html(markdown, resolve: { _ in "#" }), limit: limit)
    }

    /// The text of the first `<p>`…`</p>` in `html`, without tags and entities, lines joined by spaces.
    private static func text(ofFirstParagraphIn html: String, limit: Int) -> String? {
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
}
