@testable import GazetteContent
@testable import GazetteModel
import Testing

/// Every fast path of the reader against its slow path and an independent reading of its specification,
/// on random and mutated text: long digit runs, signs, spaces, CJK and full-width digits, control
/// characters. The percent parser's fast path overflowed on 19 digits (a trap that killed every command)
/// because no test compared it with anything.
@Suite("Fast parsers agree with their slow paths and their specifications")
struct ParserOracleTests {
    static let rounds = 20_000

    @Test func percent() {
        var random = SeededRandom(seed: 0x11_0001)
        for _ in 0..<Self.rounds {
            let text = random.numberLikeText()
            let spec = Spec.percent(text)
            if let fast = Percent.plainHundredths(text) {
                #expect(fast == Percent.hundredths(text), "fast and slow differ on \(text.debugDescription)")
            }
            #expect(Percent(text)?.hundredths == spec, "Percent(\(text.debugDescription)) is not \(String(describing: spec))")
        }
    }

    @Test func amount() {
        var random = SeededRandom(seed: 0x11_0002)
        for _ in 0..<Self.rounds {
            let text = random.numberLikeText()
            let spec = Spec.amount(text)
            if let fast = Yuan.plainAmount(text) {
                #expect(Result<Yuan, Yuan.ParseError>.success(fast) == Yuan.parseAnyText(text), "fast and slow differ on \(text.debugDescription)")
            }
            #expect(Yuan.parse(text) == spec, "Yuan.parse(\(text.debugDescription)) is not \(spec)")
        }
    }

    @Test func date() {
        var random = SeededRandom(seed: 0x11_0003)
        for _ in 0..<Self.rounds {
            let text = random.dateLikeText()
            let spec = Spec.date(text)
            if let fast = Day.plainFields(text) {
                #expect(Day.fields(text).map { [$0.0, $0.1, $0.2] } == [fast.0, fast.1, fast.2], "fast and slow differ on \(text.debugDescription)")
            }
            #expect(Day(text)?.description == spec, "Day(\(text.debugDescription)) is not \(String(describing: spec))")
        }
    }

    @Test func spaces() {
        var random = SeededRandom(seed: 0x11_0004)
        for _ in 0..<Self.rounds {
            let text = random.numberLikeText()
            #expect(text.trimmingSpaces() == Spec.trimmed(text), "trimming \(text.debugDescription)")
            #expect(text.trimmingSpacesAnyText() == Spec.trimmed(text))
        }
    }

    @Test func url() {
        var random = SeededRandom(seed: 0x11_0005)
        for _ in 0..<Self.rounds {
            let text = random.urlLikeText()
            if URLCheck.isPlainAbsoluteHTTP(text) {
                #expect(URLCheck.problemAnyText(text) == URLCheck.hostProblem(text, asciiHost: false),
                        "the fast path takes \(text.debugDescription), which the slow path finds wrong")
            }
            #expect((URLCheck.problem(withAbsoluteHTTP: text) == nil) == Spec.isAbsoluteHTTP(text), "URL \(text.debugDescription)")
        }
    }

    @Test func recordID() {
        var random = SeededRandom(seed: 0x11_0006)
        for _ in 0..<Self.rounds {
            let text = random.idLikeText()
            #expect(ID.isValid(text) == Spec.isID(text), "ID \(text.debugDescription)")
        }
    }

    @Test("the inputs that broke or nearly broke a fast path", arguments: [
        "95.10000000000000000001", "9999999999999999999", "99999999999999999999.5", "1.99999999999999999999",
        "100.001", "0000000000000000000001", "5\r\n", "\r\n5", " 5 ", "５", "1e2", "-0", "+5", "1.", ".5",
    ])
    func knownInputs(_ text: String) {
        #expect(Percent(text)?.hundredths == Spec.percent(text))
        #expect(Yuan.parse(text) == Spec.amount(text))
    }
}

/// The specifications, read straight from docs/content-format.md, written as plainly as possible (by Unicode
/// scalars, with arbitrary-length digit strings compared as text), independent of the code under test.
enum Spec {
    static let spaces: Set<Unicode.Scalar> = [" ", "\t", "\r", "\n"]

    static func trimmed(_ text: String) -> String {
        var scalars = Array(text.unicodeScalars)
        while let first = scalars.first, spaces.contains(first) { scalars.removeFirst() }
        while let last = scalars.last, spaces.contains(last) { scalars.removeLast() }
        var out = String.UnicodeScalarView()
        out.append(contentsOf: scalars)
        return String(out)
    }

    static func isDigits(_ text: Substring) -> Bool {
        !text.isEmpty && text.unicodeScalars.allSatisfy { ("0"..."9").contains($0) }
    }

    /// A percentage: 1–3 digits, perhaps a point and 1–2 digits, from 0 to 100, spaces around allowed.
    static func percent(_ text: String) -> Int? {
        let parts = trimmed(text).split(separator: ".", omittingEmptySubsequences: false)
        guard (1...2).contains(parts.count), parts.allSatisfy(isDigits), parts[0].unicodeScalars.count <= 3,
              parts.count == 1 || parts[1].unicodeScalars.count <= 2 else { return nil }
        let decimals = parts.count == 2 ? String(parts[1]) + String(repeating: "0", count: 2 - parts[1].unicodeScalars.count) : "00"
        let value = Int(String(parts[0]))! * 100 + Int(decimals)!
        return value <= 10_000 ? value : nil
    }

    /// An amount in yuan: digits, perhaps a point and 1–2 digits; no sign but an optional `+`; at most ten
    /// billion yuan; spaces around allowed. The errors in the order the docs give them.
    static func amount(_ text: String) -> Result<Yuan, Yuan.ParseError> {
        var t = Substring(trimmed(text))
        if t.isEmpty { return .failure(.empty) }
        if t.hasPrefix("-") {
            let rest = t.dropFirst()
            let numeric = !rest.isEmpty && rest.unicodeScalars.allSatisfy { ("0"..."9").contains($0) || $0 == "." }
            return .failure(numeric ? .negative : .notANumber)
        }
        if t.hasPrefix("+") { t = t.dropFirst() }
        let parts = t.split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count <= 2, isDigits(parts[0]) else { return .failure(.notANumber) }
        if parts.count == 2 && !isDigits(parts[1]) { return .failure(.notANumber) }
        let decimals = parts.count == 2 ? String(parts[1]) : ""
        if decimals.count > 2 { return .failure(.tooManyDecimals) }
        let whole = String(parts[0].drop { $0 == "0" })
        // Compared as text: more digits than "10000000000" (11) is too large, whatever they are.
        if whole.count > 11 { return .failure(.tooLarge) }
        let fen = (Int64(whole) ?? 0) * 100 + Int64(decimals + String(repeating: "0", count: 2 - decimals.count))!
        return fen > 10_000_000_000 * 100 ? .failure(.tooLarge) : .success(Yuan(fen: fen))
    }

    /// A date: `YYYY-MM-DD` in ASCII digits, spaces around allowed, a day that exists.
    static func date(_ text: String) -> String? {
        let parts = trimmed(text).split(separator: "-", omittingEmptySubsequences: false)
        guard parts.count == 3, parts.allSatisfy(isDigits),
              parts.map({ $0.unicodeScalars.count }) == [4, 2, 2] else { return nil }
        let (y, m, d) = (Int(parts[0])!, Int(parts[1])!, Int(parts[2])!)
        let leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0
        let lengths = [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31]
        guard y >= 1, (1...12).contains(m), (1...lengths[m - 1]).contains(d) else { return nil }
        return trimmed(text)
    }

    /// An absolute http(s) URL as docs/content-format.md describes it: the scheme, a host name (letters of
    /// any script, digits, hyphens, dots; or an IP address), perhaps a port, then a path without spaces,
    /// `<>"\`, a query or a fragment.
    static func isAbsoluteHTTP(_ text: String) -> Bool {
        let lower = text.lowercased()
        let rest: Substring
        if lower.hasPrefix("https://") { rest = text.dropFirst(8) } else if lower.hasPrefix("http://") { rest = text.dropFirst(7) } else { return false }
        if text.unicodeScalars.contains(where: { " <>\"\\?#".unicodeScalars.contains($0) }) { return false }
        let authority = rest.prefix { $0 != "/" }
        if authority.isEmpty || authority.contains("@") { return false }
        var host = authority
        if let colon = authority.lastIndex(of: ":"), !authority.hasPrefix("[") || authority[..<colon].hasSuffix("]") {
            let port = authority[authority.index(after: colon)...]
            guard isDigits(port), port.count <= 5, let number = Int(port), (1...65535).contains(number) else { return false }
            host = authority[..<colon]
        }
        if host.hasPrefix("[") {
            return host.hasSuffix("]") && host.count > 2 && host.dropFirst().dropLast().allSatisfy { $0 == ":" || $0 == "." || ($0.isASCII && $0.isHexDigit) }
                && host.contains(":")
        }
        let labels = host.split(separator: ".", omittingEmptySubsequences: false)
        return host.utf8.count <= 253 && labels.allSatisfy { label in
            !label.isEmpty && label.count <= 63 && !label.hasPrefix("-") && !label.hasSuffix("-")
                && label.allSatisfy { $0 == "-" || ($0.isASCII ? ($0.isLetter || $0.isNumber) : ($0.isLetter || $0.isNumber)) }
        }
    }

    static func isID(_ text: String) -> Bool {
        let scalars = Array(text.unicodeScalars)
        let allowed: (Unicode.Scalar) -> Bool = { ("a"..."z").contains($0) || ("0"..."9").contains($0) }
        return (1...64).contains(scalars.count) && allowed(scalars[0]) && scalars.allSatisfy { allowed($0) || $0 == "-" }
    }
}

extension SeededRandom {
    mutating func digits(_ range: ClosedRange<Int>) -> String {
        String((0..<Int.random(in: range, using: &self)).map { _ in Character(String(Int.random(in: 0...9, using: &self))) })
    }

    /// Pieces a number's text is made of, and the noise around real ones.
    static let noise = [" ", "\t", "\r\n", "\n", "\r", ".", "-", "+", "0", "00", "%", ",", "e", "E", "１", "５", "٣", "百", "元",
                        "\u{301}", "\u{0}", "\u{1B}", "\u{85}", "x", " .", "..", "–"]

    mutating func numberLikeText() -> String {
        var text: String
        switch Int.random(in: 0..<4, using: &self) {
        case 0: text = digits(1...3) + (Bool.random(using: &self) ? "." + digits(0...3) : "")
        case 1: text = digits(1...25) + (Bool.random(using: &self) ? "." + digits(0...25) : "")
        case 2: text = digits(9...13) + "." + digits(1...2)
        default: text = (0..<Int.random(in: 1...6, using: &self)).map { _ in Bool.random(using: &self) ? digits(1...4) : pick(Self.noise) }.joined()
        }
        return mutate(text)
    }

    mutating func dateLikeText() -> String {
        let text = "\(digits(3...5))-\(digits(1...3))-\(digits(1...3))"
        let valid = "\(Int.random(in: 1...9999, using: &self))".leftPadded(4) + "-" + "\(Int.random(in: 1...12, using: &self))".leftPadded(2)
            + "-" + "\(Int.random(in: 1...31, using: &self))".leftPadded(2)
        return mutate(Bool.random(using: &self) ? valid : text)
    }

    mutating func urlLikeText() -> String {
        let scheme = pick(["https://", "http://", "HTTPS://", "ftp://", "https:/", ""])
        let host = pick(["mzt.qinghai.gov.cn", "x", "127.0.0.1", "[::1]", "例子.中国", "a-b.c", "-a.b", "a..b", "a_b.cn", "x.gov.cn;listen=1",
                         "x.gov.cn:8080", "x.gov.cn:99999", "x.gov.cn:", "u@x.gov.cn", "", "[zz]", "a b", String(repeating: "a", count: 70)])
        let path = pick(["/", "/gmfw/", "", "/a b", "/a?x=1", "/a#f", "/中文/", "/<x>", "/a\\b"])
        return mutate(scheme + host + path, rarely: true)
    }

    mutating func idLikeText() -> String {
        let alphabet = Array("abcz09-_A .é中")
        return String((0..<Int.random(in: 0...70, using: &self)).map { _ in pick(alphabet) })
    }

    /// Sometimes the text as it is; else a piece of noise inserted, or a character dropped or repeated.
    mutating func mutate(_ text: String, rarely: Bool = false) -> String {
        var characters = Array(text)
        for _ in 0..<Int.random(in: 0...(rarely ? 1 : 2), using: &self) {
            let position = Int.random(in: 0...characters.count, using: &self)
            switch Int.random(in: 0..<4, using: &self) {
            case 0: characters.insert(contentsOf: pick(Self.noise), at: position)
            case 1 where position < characters.count: characters.remove(at: position)
            case 2 where position < characters.count: characters.insert(characters[position], at: position)
            default: break
            }
        }
        return String(characters)
    }
}

extension String {
    fileprivate func leftPadded(_ width: Int) -> String { String(repeating: "0", count: max(0, width - count)) + self }
}
