import Foundation
import GazetteMarkdown

/// Plain text from Markdown, for feed summaries: the first paragraph, without markup, at most `limit` characters.
enum PlainText {
    static func firstParagraph(_ markdown: String, limit: Int = 200) -> String? {
        let html = Markdown.html(markdown, resolve: { _ in "#" })
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
