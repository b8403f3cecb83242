import Foundation
@testable import GazetteMachineFiles
@testable import GazetteMarkdown
import GazetteModel
@testable import GazetteOutput
@testable import GazettePages
import Testing

/// The rendering and writing fast paths (issue 16, full-build CPU) against the slow paths they replace, on
/// seeded random and mutated inputs: the feed summary from the first paragraph alone against the whole
/// document's HTML, heading ids added over cmark's bytes against the String version, the HTML escaper's
/// quick scan against the escaper without it, the mailto encoder against Foundation's percent-encoding,
/// and the writer's folder of a path against URL's.
@Suite("Rendering fast paths against their oracles")
struct RenderFastPathOracleTests {
    static let rounds = 600

    /// Markdown pieces that reach every place a first paragraph can be: after headings, inside block quotes
    /// and lists (tight and loose), after code and thematic breaks, with links, images, entities and escapes.
    static let blocks = [
        "# 标题\n\n", "## 二、申报要求\n\n", "段落文字,含[链接](project:p-1)和![图](x.png \"题\")。\n\n", "第一行\n第二行  \n第三行\n\n",
        "> 引用的段落\n> 第二行\n\n", "- 紧凑列表一\n- 紧凑列表二\n\n", "- 松散列表一\n\n- 松散列表二\n\n", "1. 有序\n2. 列表\n\n",
        "    缩进代码 <p>\n\n", "```\n围栏 </p> <p>\n```\n\n", "---\n\n", "<div>raw</div>\n\n", "&lt;实体&gt; &amp; &#39; &quot; &copy;\n\n",
        "\\<p\\> 转义 \\*星\\*\n\n", "**粗** *斜* `代码 <p>`\n\n", "[ref]: https://example.org/x \"t\"\n\n", "[引用链接][ref]\n\n",
        "<https://example.org/a?b=c&d=e>\n\n", "It's \"quoted\" <em>html</em> a>b\n\n", "- > 列表里的引用\n\n", "> - 引用里的列表\n\n",
        "   \n", "\n", "Setext\n======\n\n", "文字\n---\n\n", String(repeating: "长", count: 250) + "\n\n",
    ]

    static func document(_ random: inout SeededRandom, round: Int) -> String {
        var pieces: [String] = []
        for _ in 0..<random.int(0...7) { pieces.append(random.pick(Self.blocks)) }
        if random.chance(0.3) { pieces.append(random.pick(FastPathOracleTests.markdownPieces)) }
        return random.mutated(pieces.joined(), round: round)
    }

    @Test func firstParagraphIsTheWholeDocumentsFirstParagraph() {
        var random = SeededRandom(seed: 0x16_0d01)
        var found = 0
        for round in 0..<Self.rounds {
            let text = Self.document(&random, round: round)
            let whole = Markdown.html(text, resolve: { _ in "#" })
            let part = Markdown.firstParagraphHTML(text)
            // Byte for byte (String equality would let canonically equivalent text pass).
            #expect(Self.firstParagraph(in: whole).map { Array($0.utf8) } == part.flatMap(Self.firstParagraph).map { Array($0.utf8) },
                    "\(text.debugDescription)")
            #expect(PlainText.firstParagraph(text).map { Array($0.utf8) } == PlainText.firstParagraphFromWholeHTML(text).map { Array($0.utf8) },
                    "\(text.debugDescription)")
            if part != nil { found += 1 }
        }
        // Not vacuous: most documents have a first paragraph, some have none.
        #expect(found > Self.rounds / 2 && found < Self.rounds, "\(found)")
    }

    /// `<p>`…`</p>`, as the summary takes it from HTML.
    static func firstParagraph(in html: String) -> Substring? {
        guard let start = html.range(of: "<p>"), let end = html.range(of: "</p>", range: start.upperBound..<html.endIndex) else { return nil }
        return html[start.lowerBound..<end.upperBound]
    }

    @Test func headingIDsOverBytesMatchTheStringVersion() {
        var random = SeededRandom(seed: 0x16_0d02)
        let pieces = ["<h2>", "<h3>", "<h1>", "<h7>", "<h", "<h2", "h2>", "<p>", "文字", "a", "<", ">", "\n", "</h2>", "<h6>", "é\u{301}"]
        for round in 0..<Self.rounds {
            var html = ""
            for _ in 0..<random.int(0...14) { html += random.pick(pieces) }
            let ids = (0..<random.int(0...4)).map { "id-\($0)-" + random.pick(["x", "进展", "a-2", ""]) }
            let fast = Array(html.utf8).withUnsafeBufferPointer { Markdown.addHeadingIDs($0, ids: ids) }
            #expect(Array(fast.utf8) == Array(Markdown.addHeadingIDs(html, ids: ids).utf8), "\(round): \(html.debugDescription) \(ids)")
        }
        // And through cmark: the page's HTML for documents with headings.
        for round in 0..<Self.rounds / 4 {
            let text = Self.document(&random, round: round)
            let html = Markdown.html(text, resolve: { _ in nil })
            #expect(!html.contains("<h2>") && !html.contains("<h1"), "\(text.debugDescription)")
        }
    }

    @Test func htmlEscapeQuickScanMatchesTheEscaper() {
        var random = SeededRandom(seed: 0x16_0d03)
        let pieces = ["&", "<", ">", "\"", "'", "文字", "a", " ", "\u{301}", "&amp;", "\n", "\r\n", "👩‍👩‍👧", "\u{0}"]
        for round in 0..<Self.rounds {
            var text = ""
            for _ in 0..<random.int(0...12) { text += random.pick(pieces) }
            // Bridged and substring-made strings too, which may not be stored as UTF-8.
            let forms = [text, String(text[...]), NSString(string: text) as String]
            for form in forms {
                var fast = "前", slow = "前"
                Escape.html(form, into: &fast)
                Escape.escapeHTML(form, into: &slow)
                #expect(Array(fast.utf8) == Array(slow.utf8), "\(round): \(text.debugDescription)")
            }
        }
    }

    @Test func mailtoEncodingMatchesFoundation() {
        var random = SeededRandom(seed: 0x16_0d04)
        var unreserved = CharacterSet()
        unreserved.insert(charactersIn: "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~")
        let pieces = ["报告", "a", "Z", "0", "9", " ", "-", ".", "_", "~", ":", "/", "?", "&", "=", "%", "+", "\n", "é", "👩‍👩‍👧", "\u{301}"]
        for round in 0..<Self.rounds {
            var text = ""
            for _ in 0..<random.int(0...16) { text += random.pick(pieces) }
            #expect(PageContext.mailtoEncode(text) == text.addingPercentEncoding(withAllowedCharacters: unreserved), "\(round): \(text.debugDescription)")
        }
    }

    @Test func writersFolderOfAPathMatchesURL() {
        var random = SeededRandom(seed: 0x16_0d05)
        let segments = ["projects", "qh2017-xn-001", "index.html", "notices", "页", "a.b", "feeds", "x.atom"]
        for _ in 0..<Self.rounds {
            let path = (0..<random.int(1...5)).map { _ in random.pick(segments) }.joined(separator: "/")
            let staging = "/tmp/.site.staging-1"
            let expected = URL(fileURLWithPath: staging).appendingPathComponent(path).deletingLastPathComponent().path
            #expect(SiteWriter.folder(of: staging + "/" + path) == expected, "\(path)")
        }
    }
}
