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

    /// Random link texts, and pairs Swift's `String` calls equal whose bytes differ, looked up over several runs
    /// in shuffled order, some texts twice.
    @Test(arguments: [UInt64(0x16_0b01), 0x16_0b02])
    func memoEqualsMarkdownLinks(seed: UInt64) {
        var random = SeededRandom(seed: seed)
        let pieces = ["项目进展顺利。", "[城北区](region:630105)", "[项目](project:qh2017-xn-001)", "\n\n", "见[公告](notice:2017-04-launch#a)。",
                      "[caf\u{E9}](page:caf\u{E9})", "[cafe\u{301}](page:cafe\u{301})", "![图](assets/a.png)", "- 一\n- [二](organization:o-1)\n",
                      "`[不是链接](project:x)`", "\r\n", "<https://example.org/>", " "]
        var texts: [String] = []
        for _ in 0..<60 {
            texts.append((0..<random.int(1...12)).map { _ in random.pick(pieces) }.joined())
        }
        // Equal as `String`s, different bytes.
        texts.append("[x](page:caf\u{E9})")
        texts.append("[x](page:cafe\u{301})")
        #expect(texts[texts.count - 1] == texts[texts.count - 2])
        let memo = MarkdownLinksMemo()
        for _ in 0..<3 {
            memo.startRun()
            for text in texts.shuffled(using: &random) + Array(texts.prefix(5)) {
                #expect(memo.links(in: text) == Markdown.links(in: text), "\(text.debugDescription)")
            }
        }
        // `String`'s `==` calls the two URLs equal: their bytes must differ (each text got its own links).
        let precomposed = memo.links(in: "[x](page:caf\u{E9})").first.map { Array($0.url.utf8) }
        let decomposed = memo.links(in: "[x](page:cafe\u{301})").first.map { Array($0.url.utf8) }
        #expect(precomposed == Array("page:caf\u{E9}".utf8) && decomposed == Array("page:cafe\u{301}".utf8))
    }
}
