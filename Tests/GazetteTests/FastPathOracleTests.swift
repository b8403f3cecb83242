import Foundation
@testable import GazetteContent
import GazetteMarkdown
import GazetteModel
@testable import GazetteSite
import Testing

/// Every fast path against its oracle, on seeded random and mutated inputs: the libyaml event composer
/// against Yams, the CSV byte parser against the Character parser, the quick file read against Foundation's,
/// the quick UTF-8 decode against a plain check, the front-matter splitter against a splitter over Characters,
/// and the record links the site finds in Markdown against cmark's own parse. The inputs reach the places a
/// fast path hands over to the slow one: CRLF and lone CR line ends, a BOM, quotes, CJK text with combining
/// marks next to commas and quotes, long digit runs, tabs, code spans and autolinks.
@Suite("Fast paths against their oracles")
struct FastPathOracleTests {
    static let rounds = 400

    // MARK: YAML

    @Test func eventComposerMatchesYams() throws {
        var random = SeededRandom(seed: 0x15_0001)
        var composed = 0, declined = 0
        for round in 0..<Self.rounds {
            // Half the documents as written, half mutated.
            let document = Self.yamlDocument(&random)
            let text = round % 2 == 0 ? document : random.mutated(document, round: round)
            let file = "projects/p\(round).yaml"
            let lineOffset = round % 3
            switch EventComposer.compose(text, file: file, lineOffset: lineOffset) {
            case .declined:
                declined += 1
            case let .failed(diagnostic):
                // A key written twice: Yams finds the repeat too, and the diagnostic is the same (E103 at the
                // second key).
                let slow = YAMLParser.parse(text, file: file, lineOffset: lineOffset, composer: false)
                guard case let .failure(failure) = slow, failure.diagnostic == diagnostic else {
                    Issue.record("composer: \(diagnostic), Yams: \(slow)\n\(text.debugDescription)")
                    continue
                }
            case .empty:
                let slow = YAMLParser.parse(text, file: file, lineOffset: lineOffset, composer: false)
                guard case .success(nil) = slow else {
                    Issue.record("composer: empty, Yams: \(slow)\n\(text.debugDescription)")
                    continue
                }
            case let .root(node):
                composed += 1
                let slow = YAMLParser.parse(text, file: file, lineOffset: lineOffset, composer: false)
                guard case let .success(yams?) = slow else {
                    Issue.record("composer: a value, Yams: \(slow)\n\(text.debugDescription)")
                    continue
                }
                #expect(Self.dump(node) == Self.dump(yams), "\(text.debugDescription)")
            }
            // Whichever route is taken, the public entry gives what Yams gives.
            #expect(Self.outcome(YAMLParser.parse(text, file: file, lineOffset: lineOffset))
                == Self.outcome(YAMLParser.parse(text, file: file, lineOffset: lineOffset, composer: false)))
        }
        // Not vacuous: both routes are taken often.
        #expect(composed > Self.rounds / 3 && declined > Self.rounds / 20, "composed \(composed), declined \(declined)")
    }

    static func yamlDocument(_ random: inout SeededRandom) -> String {
        var lines: [String] = []
        let keys = ["id", "title", "名称", "amount", "county", "date", "notes", "服务", "id"]
        for index in 0..<random.int(1...8) {
            let key = random.pick(keys) + (random.chance(0.9) ? "\(index)" : "")
            switch random.int(0...9) {
            case 0:
                lines.append("\(key): |")
                for _ in 0..<random.int(1...3) { lines.append("  " + random.pick(yamlScalars)) }
            case 1:
                lines.append("\(key):")
                for _ in 0..<random.int(1...3) { lines.append("  - " + random.pick(yamlScalars)) }
            case 2:
                lines.append("\(key): [\(random.pick(yamlScalars)), \(random.pick(yamlScalars))]")
            case 3:
                lines.append("\(key):")
                lines.append("  inner: " + random.pick(yamlScalars))
                lines.append("  other: " + random.pick(yamlScalars) + (random.chance(0.3) ? "  # 注释" : ""))
            case 4:
                lines.append("\(key): &a" + "\(index) " + random.pick(yamlScalars))
                lines.append("copy\(index): *a\(index)")
            default:
                lines.append("\(key): " + random.pick(yamlScalars))
            }
        }
        if random.chance(0.05) { lines.append("---") ; lines.append("second: document") }
        return lines.joined(separator: "\n") + (random.chance(0.7) ? "\n" : "")
    }

    static let yamlScalars = [
        "plain", "西宁市城东区", "\"双引号 \\\" 与 \\u4e2d\"", "'单引号 '' 中'", "12345678901234567890123456789",
        "0012", "3.14159", "2017-06-30", "~", "null", "", "true", "\"\"", "居家养老服务（上门）", "'x: y'",
        "e\u{301}", "\"tab\\there\"", "!!str 12", "多 个 空 格", "0x1F", "[1, 2]", "{a: 1}", "a: b", "@bad",
    ]

    /// A node written out with every position and style, for comparing two parses.
    static func dump(_ node: YAMLNode) -> String {
        let at = "\(node.location.line):\(node.location.column)"
        switch node {
        case let .scalar(text, style, _): return "S\(style)@\(at)\(text.debugDescription)"
        case let .sequence(items, _): return "[@\(at)" + items.map(dump).joined(separator: ",") + "]"
        case let .mapping(pairs, _): return "{@\(at)" + pairs.map { dump($0.key) + "=" + dump($0.value) }.joined(separator: ",") + "}"
        }
    }

    static func outcome(_ result: Result<YAMLNode?, YAMLParser.Failure>) -> String {
        switch result {
        case let .success(node): return node.map(dump) ?? "nothing"
        case let .failure(failure): return "\(failure.diagnostic)"
        }
    }

    // MARK: CSV

    @Test func csvByteParserMatchesCharacterParser() {
        var random = SeededRandom(seed: 0x15_0002)
        var fast = 0
        for round in 0..<Self.rounds {
            // Rows of well-formed fields, then, for half of them, random pieces and mutations.
            var rows: [String] = []
            for _ in 0..<random.int(1...6) {
                rows.append((0..<random.int(1...6)).map { _ in random.pick(Self.csvFields) }.joined(separator: ","))
            }
            var text = rows.joined(separator: random.pick(["\n", "\r\n", "\r"])) + random.pick(["", "\n", "\r\n"])
            if round % 2 == 1 {
                for _ in 0..<random.int(0...3) {
                    let position = random.int(0...text.count)
                    text.insert(contentsOf: random.pick(Self.csvPieces), at: text.index(text.startIndex, offsetBy: position))
                }
                text = random.mutated(text, round: round)
            }
            // A first line with tabs and no comma is tab-separated (Excel's "Unicode text"): the same for both.
            let separator = GazetteContent.CSVTable.separator(of: text)
            let expected = Self.describe(GazetteContent.CSVTable.parseCharacters(text, file: "ledger/x.csv", separator: separator))
            #expect(Self.describe(GazetteContent.CSVTable.parse(text, file: "ledger/x.csv")) == expected, "\(text.debugDescription)")
            if case .success = GazetteContent.CSVTable.parseCharacters(text, file: "ledger/x.csv", separator: separator) { fast += 1 }
        }
        #expect(fast > Self.rounds / 3, "only \(fast) of \(Self.rounds) inputs were valid CSV")
    }

    static let csvFields = [
        "", "plain", "西宁市城东区", "\"quoted, with comma\"", "\"多行\n文字\"", "\"a\"\"b\"", "123456789012345678901234567890",
        "e\u{301}", "\"\u{301}x\"", "x\u{301}", "2017-06-30", "60000.00", "青民财〔2017〕41号", "👍🏽", "🇨🇳", " spaced ", "\t",
        "\"\"", "\"\r\n\"",
    ]

    static let csvPieces = [
        ",", ",", "\n", "\r\n", "\r", "\"", "\"\"", "\"quoted, with comma\"", "\"多行\n文字\"", "plain", "西宁市",
        "123456789012345678901234567890", "e\u{301}", ",\u{301}", "\u{301}\"", "\"\u{301}", "2017-06-30", " ", "\t",
        "\u{FEFF}", "\"a\"\"b\"", "x\"y", "👍🏽", "🇨🇳",
    ]

    static func describe(_ result: Result<GazetteContent.CSVTable, Diagnostic>) -> String {
        switch result {
        case let .success(table):
            return table.rows.map { $0.map { "\($0.line):\($0.column)\($0.text.debugDescription)" }.joined(separator: "|") }
                .joined(separator: "\n")
        case let .failure(diagnostic): return "\(diagnostic)"
        }
    }

    // MARK: Text files

    @Test func quickReadMatchesFoundation() throws {
        var random = SeededRandom(seed: 0x15_0003)
        let folder = try TemporaryFolder()
        for round in 0..<60 {
            let size = random.pick([0, 1, 2, 3, 4095, 4096, 4097, 65_536, random.int(0...200_000)])
            let bytes = (0..<size).map { _ in UInt8.random(in: 0...255, using: &random) }
            let url = folder.url.appendingPathComponent("f\(round).txt")
            try Data(bytes).write(to: url)
            var target = url
            if round % 5 == 0 {
                // A link takes the slow path; the bytes must be the same.
                target = folder.url.appendingPathComponent("link\(round).txt")
                try FileManager.default.createSymbolicLink(at: target, withDestinationURL: url)
            }
            let read = TextFile.readData(target, path: "notices/f.md")
            guard case let .success(data) = read else {
                Issue.record("\(read)")
                continue
            }
            #expect(data == (try Data(contentsOf: target)))
        }
        // A missing file: no quick read, the same diagnostic as before.
        guard case let .failure(missing) = TextFile.readData(folder.url.appendingPathComponent("none"), path: "x.md") else {
            Issue.record("a missing file was read")
            return
        }
        #expect(missing.code == .unreadableFile)
    }

    @Test func quickDecodeMatchesPlainCheck() {
        var random = SeededRandom(seed: 0x15_0004)
        for round in 0..<Self.rounds {
            var bytes: [UInt8] = []
            for _ in 0..<random.int(0...40) { bytes += random.pick(Self.bytePieces) }
            if round % 50 == 0 { bytes += Array(repeating: UInt8(ascii: "9"), count: TextFile.maximumLineBytes + random.int(-1...1)) }
            let data = Data(bytes)
            let decoded = TextFile.decode(data, path: "x.md")
            // The oracle: Foundation's UTF-8 check, then the rules written out plainly.
            var body = bytes.starts(with: [0xEF, 0xBB, 0xBF]) ? Array(bytes.dropFirst(3)) : bytes
            // Line ends: CRLF is LF; a file with no LF at all (old Mac) has CR line ends.
            if !body.contains(0x0A) {
                body = body.map { $0 == 0x0D ? 0x0A : $0 }
            } else {
                var joined: [UInt8] = []
                for (index, byte) in body.enumerated() where !(byte == 0x0D && index + 1 < body.count && body[index + 1] == 0x0A) {
                    joined.append(byte)
                }
                body = joined
            }
            let text = String(data: Data(body), encoding: .utf8)
            let control = body.contains { ($0 < 0x20 && $0 != 0x09 && $0 != 0x0A && $0 != 0x0D) || $0 == 0x7F }
            let longLine = body.split(separator: 0x0A, omittingEmptySubsequences: false).contains { $0.count > TextFile.maximumLineBytes }
            switch decoded {
            case let .success(file):
                #expect(text != nil && !control && !longLine, "\(bytes)")
                #expect(file.text == text)
            case let .failure(diagnostic):
                #expect(text == nil || control || longLine, "\(bytes): \(diagnostic)")
            }
        }
    }

    static let bytePieces: [[UInt8]] = [
        Array("abc".utf8), Array("西宁".utf8), [0x0A], [0x0D, 0x0A], [0x0D], [0x09], [0x00], [0x7F], [0x1B],
        [0xEF, 0xBB, 0xBF], [0xC3], [0xE4, 0xB8], [0xED, 0xA0, 0x80], [0xF4, 0x90, 0x80, 0x80], [0xC0, 0x80],
        [0xF0, 0x9F, 0x91, 0x8D], [0xFF], Array("12345678901234567890".utf8),
    ]

    // MARK: Front matter

    @Test func frontMatterSplitterMatchesCharacterSplitter() {
        var random = SeededRandom(seed: 0x15_0005)
        for round in 0..<Self.rounds {
            var lines: [String] = []
            for _ in 0..<random.int(0...8) { lines.append(random.pick(Self.frontMatterLines)) }
            let text = random.mutated(lines.joined(separator: random.pick(["\n", "\n", "\r\n"])), round: round)
            let fast = FrontMatter.split(text, file: "notices/n.md")
            let slow = Self.slowSplit(text)
            switch (fast, slow) {
            case let (.success(split), (yaml, body, bodyLine)?):
                #expect(split.yaml == yaml && split.body == body && split.bodyLine == bodyLine && split.yamlLineOffset == 1,
                        "\(text.debugDescription)")
            case (.failure, nil):
                break
            default:
                Issue.record("splitter \(fast), oracle \(String(describing: slow)): \(text.debugDescription)")
            }
        }
    }

    static let frontMatterLines = [
        "---", "---", " --- ", "---\t", "----", "title: 公告", "date: 2017-06-30", "", "正文第一段。", "- list", "-- -",
        "--- x", "text with --- inside", "\u{FEFF}---",
    ]

    /// The rule as stated: the text's lines (its Characters split at "\n", so "\r\n" ends no line here), the
    /// first and the closing line `---` once trimmed of a final "\r" and of spaces; the YAML is the lines
    /// between, the body the lines after.
    static func slowSplit(_ text: String) -> (yaml: String, body: String, bodyLine: Int)? {
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        func isFence(_ line: String) -> Bool {
            var line = line
            if line.hasSuffix("\r") { line.removeLast() }
            return line.trimmingSpaces() == "---"
        }
        guard let first = lines.first, isFence(first) else { return nil }
        guard let close = lines.indices.dropFirst().first(where: { isFence(lines[$0]) }) else { return nil }
        return (lines[1..<close].joined(separator: "\n"), lines[(close + 1)...].joined(separator: "\n"), close + 2)
    }

    // MARK: Record links in Markdown

    @Test func recordLinksAreCmarksLinks() {
        // Code spans and code blocks hold no links; autolinks are links.
        let text = """
            See [the project](project:qh-1) and <organization:org-2>.
            Not `[x](project:in-code)` nor:

                [y](project:in-block)

            ```
            [z](region:in-fence)
            ```
            ![图](notice:pic) [页](page:about#part) [web](https://example.org/project:x)
            """
        #expect(MarkdownLinks.recordTargets(in: text) == ["project:qh-1", "organization:org-2", "notice:pic", "page:about"])

        var random = SeededRandom(seed: 0x15_0006)
        for round in 0..<Self.rounds {
            var pieces: [String] = []
            for _ in 0..<random.int(1...12) { pieces.append(random.pick(Self.markdownPieces)) }
            let text = random.mutated(pieces.joined(), round: round)
            let cmark = Set(Markdown.links(in: text).compactMap { RecordLink($0.url) }.map { "\($0.kind.rawValue):\($0.id)" })
            #expect(MarkdownLinks.recordTargets(in: text) == cmark, "\(text.debugDescription)")
            // And `check` sees the same links in the same text.
            let checked = ContentCheck.recordLinks(in: MarkdownText(text: text, start: SourceLocation(file: "n.md", line: 1, column: 1), owner: "notice:n"))
            #expect(Set(checked.compactMap { RecordLink($0.url) }.map { "\($0.kind.rawValue):\($0.id)" }) == cmark)
        }
    }

    static let markdownPieces = [
        "[a](project:p-1)", "<project:p-2>", "`[c](project:p-3)`", "``<region:630102>``", "\n\n    [d](project:p-4)\n\n",
        "\n```\n[e](organization:o-1)\n```\n", "文字", " ", "\n", "[f]( project:p-5 )", "[g](project:p-6#进展)",
        "[h](<project:p 7>)", "[i][ref]\n\n[ref]: project:p-8\n", "\\[j](project:p-9)", "<https://x.org/project:p>",
        "[k](project:p-10 \"标题\")", "`", "[", "](project:p-11)", "*", "<", ">",
    ]
}

extension SeededRandom {
    mutating func int(_ range: ClosedRange<Int>) -> Int { Int.random(in: range, using: &self) }
    mutating func chance(_ p: Double) -> Bool { Double.random(in: 0..<1, using: &self) < p }

    /// `text` as editors' tools and accidents change it: Windows or old-Mac line ends, a BOM, and a few
    /// characters inserted, deleted or doubled. Round 0 of every ten is left as it is.
    mutating func mutated(_ text: String, round: Int) -> String {
        guard round % 10 != 0 else { return text }
        var characters = Array(text)
        for _ in 0..<int(0...3) {
            let position = int(0...characters.count)
            switch int(0...3) {
            case 0: characters.insert(pick(["\"", "'", ":", "\r", "\t", "#", "\u{301}", "中", "`", "<", "9999999999999999999"]).first!, at: position)
            case 1: if position < characters.count { characters.remove(at: position) }
            case 2: if position < characters.count { characters.insert(characters[position], at: position) }
            default: break
            }
        }
        var result = String(characters)
        if chance(0.2) { result = result.replacingOccurrences(of: "\n", with: "\r\n") }
        if chance(0.1) { result = result.replacingOccurrences(of: "\n", with: "\r") }
        if chance(0.1) { result = "\u{FEFF}" + result }
        return result
    }
}
