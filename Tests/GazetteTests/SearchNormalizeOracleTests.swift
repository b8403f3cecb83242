import Foundation
@testable import GazetteMachineFiles
import Testing

/// `SearchTokenizer.normalized` (NFKC and lower case, scalar by scalar for ASCII, common Han, full-width forms and
/// Chinese punctuation) against Foundation's `precomposedStringWithCompatibilityMapping.lowercased()`, compared
/// scalar for scalar (`String`'s `==` would call canonically equivalent texts equal).
@Suite("Search text normalized as Foundation does")
struct SearchNormalizeOracleTests {
    static func oracle(_ text: String) -> [Unicode.Scalar] {
        Array(text.precomposedStringWithCompatibilityMapping.lowercased().unicodeScalars)
    }

    /// Every scalar the fast path maps itself, alone.
    @Test func everyScalarOfTheFastPathAlone() {
        let ranges: [ClosedRange<UInt32>] = [0x00...0x7F, 0x3400...0x4DBF, 0x4E00...0x9FFF, 0xFF01...0xFF5E, 0x3000...0x3015,
                                              0xB7...0xB7, 0x2013...0x201D]
        var mismatches: [String] = []
        for range in ranges {
            for value in range {
                guard let scalar = Unicode.Scalar(value) else { continue }
                let text = String(Character(scalar))
                if Array(SearchTokenizer.normalized(text).unicodeScalars) != Self.oracle(text) { mismatches.append(String(value, radix: 16)) }
            }
        }
        #expect(mismatches.isEmpty, "\(mismatches.prefix(20))")
    }

    /// Random texts, mostly of the fast path's scalars, some with one that is not: accents and combining marks
    /// (which compose with the letter before them), Hangul and its jamo, ligatures, circled and Roman numerals,
    /// compatibility ideographs, letters whose lower case is special (İ, Σ, Å as the ångström sign), half-width
    /// katakana, the ellipsis.
    @Test(arguments: [UInt64(0x16_5e01), 0x16_5e02, 0x16_5e03])
    func randomTextsAsFoundation(seed: UInt64) {
        var random = SeededRandom(seed: seed)
        let fast = ["城东区", "留守儿童", "Chengdong", "QH2017-XN-001", "，", "（", "）", "：", "；", "ＡＢｃ１２", "　", "、", "。",
                    "“", "”", "《", "》", "【", "】", "·", "—", "–", " ", "\t", "\n", "\u{0}", "~", "Z", "a", "㐀", "鿿", "〔", "〕"]
        let other = ["é", "e\u{301}", "a\u{301}", "\u{301}", "가", "\u{1100}\u{1161}", "…", "ﬁ", "Ⅻ", "①", "İ", "ΣΑΣ", "\u{212B}",
                     "\u{F900}", "𠀀", "À", "ｶ", "ﾞ", "㈱", "ẞ", "〇", "\u{3099}", "\u{FF9E}", "Ǆ", "℃", "™"]
        for round in 0..<2_000 {
            var text = ""
            for _ in 0..<Int.random(in: 0...12, using: &random) { text += random.pick(fast) }
            if round % 3 == 0 {
                let piece = random.pick(other)
                let cut = Int.random(in: 0...text.unicodeScalars.count, using: &random)
                var scalars = Array(text.unicodeScalars)
                scalars.insert(contentsOf: piece.unicodeScalars, at: cut)
                text = String(String.UnicodeScalarView(scalars))
            }
            #expect(Array(SearchTokenizer.normalized(text).unicodeScalars) == Self.oracle(text), "\(text.debugDescription)")
        }
    }
}
