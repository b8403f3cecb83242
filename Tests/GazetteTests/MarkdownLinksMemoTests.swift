import Foundation
import GazetteMarkdown
import Testing

/// The links memo (keyed by each text's bytes, hashed once) against cmark's own parse, on seeded random and
/// mutated Markdown seen again, across runs, and in texts that differ only in their Unicode normal form.
@Suite("Markdown links memo against cmark")
struct MarkdownLinksMemoTests {
    @Test func memoGivesCmarksLinks() {
        var random = SeededRandom(seed: 0x16_6d02)
        let memo = MarkdownLinksMemo()
        var texts: [String] = []
        for round in 0..<FastPathOracleTests.rounds {
            if round % 100 == 0 { memo.startRun() }
            // Half the time a text seen before (a memo hit), else a new one.
            let text: String
            if !texts.isEmpty && random.chance(0.5) {
                text = random.pick(texts)
            } else {
                var pieces: [String] = []
                for _ in 0..<random.int(1...12) { pieces.append(random.pick(FastPathOracleTests.markdownPieces + ["é", "e\u{301}", "\u{212B}", "Å"])) }
                text = random.mutated(pieces.joined(), round: round)
                texts.append(text)
            }
            #expect(memo.links(in: text) == Markdown.links(in: text), "\(text.debugDescription)")
        }
    }

    /// `é` as one scalar and as `e` + a combining accent are equal Strings but not equal bytes: cmark's columns
    /// count bytes, so each text keeps its own links (a String key gave the second text the first one's).
    @Test func normalFormsKeepTheirOwnColumns() {
        let composed = "\u{E9} [a](project:p-1)", decomposed = "e\u{301} [a](project:p-1)"
        #expect(composed == decomposed)
        let memo = MarkdownLinksMemo()
        #expect(memo.links(in: composed) == Markdown.links(in: composed))
        #expect(memo.links(in: decomposed) == Markdown.links(in: decomposed))
        #expect(Markdown.links(in: composed).map(\.column) != Markdown.links(in: decomposed).map(\.column))
        #expect(memo.count == 2)
    }
}
