import Foundation
@testable import GazetteMachineFiles
import GazetteMarkdown
import Testing

/// The feed summary's text found in the bytes (`PlainText.textByBytes`) against the Character and Foundation
/// version it stands in for, on seeded random Markdown and on random HTML around paragraph tags with the
/// characters that Swift joins to a `<` or `>` (combining marks, joiners, prepended Arabic signs), entities,
/// carriage returns and empty lines: where the bytes decide, the same bytes.
@Suite("Feed summary text by bytes against its oracle")
struct PlainTextOracleTests {
    static let pieces = [
        "<p>", "</p>", "<a href=\"#\">", "</a>", "<em>", "</em>", "<br />", "<img src=\"#\" alt=\"图\" />", "\n", "\n\n",
        "文字", "。", "“引号”", "，", "ascii text", " ", "&amp;", "&lt;", "&quot;", "\r", "\r\n", "\u{301}", "\u{200D}",
        "\u{600}", "\u{302A}", "\u{FF9E}", "é", "😀", "<", ">", "p>", "</", "<p", String(repeating: "长", count: 120),
    ]

    @Test func bytesGiveTheSameTextAsCharacters() {
        var random = SeededRandom(seed: 0x16_1a02)
        var decided = 0, total = 0, markdownDecided = 0, markdownTotal = 0
        for round in 0..<RenderFastPathOracleTests.rounds * 2 {
            let html: String
            if round % 2 == 0 {
                // What the summary meets: cmark's first paragraph of a random document.
                guard let paragraph = Markdown.firstParagraphHTML(RenderFastPathOracleTests.document(&random, round: round)) else { continue }
                html = paragraph
            } else {
                var text = random.chance(0.7) ? "<p>" : ""
                for _ in 0..<random.int(0...10) { text += random.pick(Self.pieces) }
                if random.chance(0.7) { text += "</p>\n" }
                html = random.mutated(text, round: round)
            }
            for limit in [1, 7, 200] {
                total += 1
                if round % 2 == 0 { markdownTotal += 1 }
                let slow = PlainText.text(ofFirstParagraphIn: html, limit: limit)
                guard let fast = PlainText.textByBytes(ofFirstParagraphIn: html, limit: limit) else { continue }
                decided += 1
                if round % 2 == 0 { markdownDecided += 1 }
                // Byte for byte (String equality would let canonically equivalent text pass).
                #expect(fast.text.map { Array($0.utf8) } == slow.map { Array($0.utf8) }, "\(html.debugDescription) limit \(limit)")
            }
        }
        // Not vacuous: the bytes decide most of cmark's paragraphs and many of the hostile ones, and not all (the
        // joining characters and entities do occur).
        #expect(markdownDecided > markdownTotal / 2, "\(markdownDecided) of \(markdownTotal) paragraphs")
        #expect(decided > total / 3 && decided < total, "\(decided) of \(total)")
    }
}
