import Foundation
@testable import GazetteTemplates
import Testing

/// `Strings.format` over bytes (texts whose braces stand alone) against the same steps over Characters, on
/// seeded random texts with placeholders, unmatched and doubled braces, and the characters Swift joins to a
/// brace (combining marks, joiners, prepended signs); and every string of the interface files.
@Suite("String placeholders by bytes against Characters")
struct StringsFormatOracleTests {
    static let pieces = ["{", "}", "{n}", "{title}", "{url}", "{missing}", "{{n}}", "名称", "：", "a b", "\u{301}", "\u{200D}",
                         "\u{600}", "é", "\n", "\r\n", "{\u{301}n}", "{n\u{301}}", "😀", " "]

    @Test func bytesGiveTheSameTextAsCharacters() {
        var random = SeededRandom(seed: 0x16_1a04)
        var alone = 0
        for round in 0..<RenderFastPathOracleTests.rounds * 2 {
            var text = ""
            for _ in 0..<random.int(0...8) { text += random.pick(Self.pieces) }
            text = random.mutated(text, round: round)
            var values: [String: String] = [:]
            for name in ["n", "title", "url", "", "n\u{301}"] where random.chance(0.6) {
                values[name] = random.pick(["2", "公告 <a>", "", "{n}", "https://x.org/a?b=c&d"])
            }
            let slow = Strings.formatCharacters(text, values)
            if Strings.bracesStandAlone(text) {
                alone += 1
                // Byte for byte (String equality would let canonically equivalent text pass).
                #expect(Array(Strings.formatBytes(text, values).utf8) == Array(slow.utf8), "\(text.debugDescription) \(values)")
            } else {
                // The check is right to refuse: some brace byte is not a brace Character.
                #expect(text.unicodeScalars.contains { "{}".unicodeScalars.contains($0) })
            }
        }
        #expect(alone > RenderFastPathOracleTests.rounds && alone < RenderFastPathOracleTests.rounds * 2, "\(alone)")
    }

    /// Every string of the interface files, formatted through `format` (bytes where allowed) and over Characters.
    @Test(arguments: ["zh-CN", "en"])
    func interfaceStringsFormatTheSame(language: String) {
        let url = Fixture.packageRoot.appendingPathComponent("templates/i18n/\(language).yaml")
        guard case let .success(strings) = Strings.load(url, file: "\(language).yaml") else {
            Issue.record("templates/i18n/\(language).yaml does not load")
            return
        }
        let values = ["n": "12", "title": "关于 <本> & \"项目\"", "url": "https://x.org/notices/a/", "days": "7", "date": "2018年3月31日",
                      "publication": "第3次", "count": "5", "name": "西宁市", "shown": "50"]
        var placeholders = 0
        for path in strings.paths {
            let text = strings.text(path)
            if text.contains("{") { placeholders += 1 }
            #expect(Array(strings.format(path, values).utf8) == Array(Strings.formatCharacters(text, values).utf8), "\(path)")
        }
        #expect(placeholders > 10, "\(placeholders)")
    }
}
