import Foundation
import GazetteMarkdown
import Testing

/// `MarkdownLinksMemo` keys texts by their UTF-8 bytes: against `Markdown.links(in:)` on random texts made of
/// links, Chinese, and pairs that Swift's `String` calls equal but whose bytes differ (é precomposed and
/// decomposed, in a link's destination), looked up over several runs in shuffled order, some texts twice.
@Suite("Markdown links remembered by their bytes")
struct MarkdownLinksMemoTests {
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
