import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
@testable import GazetteContent
import GazetteModel
import Testing

/// The one escaper (`Escape`, in GazetteModel) against the parsers that read its output back: libyaml for
/// YAML's double-quoted scalars, Foundation's JSONSerialization for JSON, XMLParser for XML text.
@Suite("Escaping, read back")
struct EscapeTests {
    /// Characters that each language treats specially, and some that it does not.
    static let pieces: [String] = [
        "\"", "\\", "\n", "\r", "\t", "\u{01}", "\u{1F}", "\u{7F}", "\u{85}", "\u{9F}", "\u{A0}", "\u{2028}", "\u{2029}",
        "\u{FEFF}", "<", ">", "&", "'", "#", ": ", "- ", "*a", "&a", "!", "%", "@", "`", "西宁市", "（上门）", "e\u{301}",
        "👍🏽", "🇨🇳", " ", "  ", "123", "~", "null", "{", "}", "[", "]", ",", "\u{10FFFF}",
    ]

    static func randomText(_ random: inout SeededRandom) -> String {
        (0..<Int.random(in: 0...8, using: &random)).map { _ in random.pick(pieces) }.joined()
    }

    @Test func yamlQuotedReadsBackAsWritten() {
        var random = SeededRandom(seed: 0x15_0b01)
        for _ in 0..<500 {
            let text = Self.randomText(&random)
            let document = "key: " + Escape.yamlQuoted(text) + "\n"
            guard case let .success(root?) = YAMLParser.parse(document, file: "x.yaml"),
                  case let .mapping(pairs, _) = root, let value = pairs.first?.value.text else {
                Issue.record("does not parse: \(document.debugDescription)")
                continue
            }
            #expect(value == text, "\(document.debugDescription)")
        }
    }

    @Test func jsonReadsBackAsWrittenAndHidesMarkup() throws {
        var random = SeededRandom(seed: 0x15_0b02)
        for _ in 0..<500 {
            // Without U+FEFF: Foundation's JSON reader drops it wherever it stands (browsers keep it).
            let text = Self.randomText(&random).replacingOccurrences(of: "\u{FEFF}", with: "")
            let literal = Escape.json(text)
            #expect(!literal.contains("<") && !literal.contains(">") && !literal.contains("&"))
            let decoded = try JSONSerialization.jsonObject(with: Data("[\(literal)]".utf8)) as? [String]
            #expect(decoded == [text], "\(literal.debugDescription)")
        }
    }

    @Test func xmlReadsBackWithoutWhatXMLCannotHold() {
        var random = SeededRandom(seed: 0x15_0b03)
        for _ in 0..<300 {
            let text = Self.randomText(&random)
            let escaped = Escape.xml(text)
            let parser = XMLParser(data: Data("<t a=\"\(escaped)\">\(escaped)</t>".utf8))
            let reader = TextCollector()
            parser.delegate = reader
            #expect(parser.parse(), "\(escaped.debugDescription)")
            // XML drops the control characters it cannot hold (tab, line feed and carriage return stay).
            let expected = String(String.UnicodeScalarView(text.unicodeScalars.filter {
                $0.value >= 0x20 && $0.value != 0xFFFE && $0.value != 0xFFFF || $0 == "\t" || $0 == "\n" || $0 == "\r"
            }))
            // XML turns a carriage return (and CR LF) in text into a line feed.
            #expect(reader.text == expected.replacingOccurrences(of: "\r\n", with: "\n").replacingOccurrences(of: "\r", with: "\n"),
                    "\(escaped.debugDescription)")
        }
    }
}

private final class TextCollector: NSObject, XMLParserDelegate {
    var text = ""
    func parser(_ parser: XMLParser, foundCharacters string: String) { text += string }
}
