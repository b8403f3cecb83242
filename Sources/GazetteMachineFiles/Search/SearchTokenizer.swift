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

    /// The terms of a text, in order, repeats included.
    public static func terms(_ text: String) -> [Term] {
        let normalized = text.precomposedStringWithCompatibilityMapping.lowercased()
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
