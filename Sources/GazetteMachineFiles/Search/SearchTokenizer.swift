import Foundation

/// Splits text into search terms, the same way `templates/assets/search.js` splits a query:
///
/// 1. NFKC, then lower case (full-width `ＡＢＣ１` → `abc1`);
/// 2. runs of Han characters (CJK ideographs) → every pair of neighbours (`留守儿童` → `留守 守儿 儿童`);
///    a run of one character → that character;
/// 3. runs of other letters and digits → the run, a word (`Chengdong`, `qh2017`);
/// 4. everything else separates.
///
/// A change here must be made in search.js too.
public enum SearchTokenizer {
    public enum Term: Hashable, Sendable {
        /// Two neighbouring Han characters, or one standing alone.
        case han(String)
        /// A lower-case word of letters and digits.
        case word(String)

        public var text: String {
            switch self {
            case let .han(text), let .word(text): return text
            }
        }
    }

    /// Han ideographs: CJK Unified Ideographs and extensions A–H, compatibility ideographs, and 〇.
    public static func isHan(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x3007, 0x3400...0x4DBF, 0x4E00...0x9FFF, 0xF900...0xFAFF, 0x20000...0x323AF: return true
        default: return false
        }
    }

    static func isWordCharacter(_ scalar: Unicode.Scalar) -> Bool {
        let p = scalar.properties
        return p.isAlphabetic || p.numericType != nil
    }

    /// NFKC, then lower case: `text.precomposedStringWithCompatibilityMapping.lowercased()`, which is the
    /// oracle (`SearchNormalizeOracleTests`). Foundation's NFKC was a fifth of the search index's time, and most
    /// indexed text needs none of it: a text made only of ASCII, the common Han ideographs (U+3400–4DBF,
    /// U+4E00–9FFF), the full-width ASCII forms and ideographic space (NFKC maps them to ASCII), and the
    /// punctuation Chinese text uses (which NFKC and lower case leave alone) is mapped here scalar by scalar.
    /// None of these composes with a neighbour, so scalar by scalar is the whole of NFKC for them. Any other
    /// scalar: Foundation.
    static func normalized(_ text: String) -> String {
        var out = String.UnicodeScalarView()
        var changed = false
        for scalar in text.unicodeScalars {
            let value = scalar.value
            switch value {
            case 0x41...0x5A:
                out.append(Unicode.Scalar(UInt8(value + 0x20)))
                changed = true
            case 0x00...0x7F, 0x3400...0x4DBF, 0x4E00...0x9FFF,
                 0xB7, 0x2013, 0x2014, 0x2018, 0x2019, 0x201C, 0x201D, 0x3001, 0x3002, 0x3008...0x3011, 0x3014, 0x3015:
                out.append(scalar)
            case 0xFF01...0xFF5E:
                let ascii = value - 0xFEE0
                out.append(Unicode.Scalar(UInt8(0x41...0x5A ~= ascii ? ascii + 0x20 : ascii)))
                changed = true
            case 0x3000:
                out.append(" ")
                changed = true
            default:
                return text.precomposedStringWithCompatibilityMapping.lowercased()
            }
        }
        return changed ? String(out) : text
    }

    /// The terms of a text, in order, repeats included.
    public static func terms(_ text: String) -> [Term] {
        let normalized = normalized(text)
        var terms: [Term] = []
        var han: [Unicode.Scalar] = []
        var word = String.UnicodeScalarView()
        func flushHan() {
            if han.count == 1 {
                terms.append(.han(String(Character(han[0]))))
            } else if han.count > 1 {
                for i in 0..<(han.count - 1) {
                    var pair = String.UnicodeScalarView()
                    pair.append(han[i])
                    pair.append(han[i + 1])
                    terms.append(.han(String(pair)))
                }
            }
            han.removeAll()
        }
        func flushWord() {
            if !word.isEmpty { terms.append(.word(String(word))) }
            word = String.UnicodeScalarView()
        }
        for scalar in normalized.unicodeScalars {
            if isHan(scalar) {
                flushWord()
                han.append(scalar)
            } else if isWordCharacter(scalar) {
                flushHan()
                word.append(scalar)
            } else {
                flushHan()
                flushWord()
            }
        }
        flushHan()
        flushWord()
        return terms
    }
}
