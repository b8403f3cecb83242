/// An amount of money in fen (1 yuan = 100 fen), exact. Never a floating-point number.
public struct Yuan: Hashable, Comparable, Sendable, CustomStringConvertible {
    public let fen: Int64

    public init(fen: Int64) { self.fen = fen }

    public static let zero = Yuan(fen: 0)

    public enum ParseError: Error, Equatable, Sendable {
        case empty
        case notANumber
        case negative
        case tooManyDecimals
        case tooLarge
    }

    /// The largest amount accepted: ten billion yuan, far beyond any programme, and far enough from Int64's
    /// end that the totals of a million projects' amounts and ledger rows still fit.
    public static let maximum = Yuan(fen: 10_000_000_000 * 100)

    /// Parses yuan written as `180000`, `90000.5` or `"180000.00"`: digits, at most one point, at most two
    /// decimals. Read exactly from the text, never through a floating-point number.
    public static func parse(_ text: String) -> Result<Yuan, ParseError> {
        if let value = plainAmount(text) { return .success(value) }
        return parseAnyText(text)
    }

    /// `parse` for any text, the long way: what `plainAmount` takes, this gives the same (a property test checks).
    static func parseAnyText(_ text: String) -> Result<Yuan, ParseError> {
        var s = Substring(text.trimmingSpaces())
        if s.isEmpty { return .failure(.empty) }
        if s.first == "-" {
            let rest = s.dropFirst()
            return rest.isEmpty || !rest.allSatisfy({ $0.isASCIIDigitOrPoint }) ? .failure(.notANumber) : .failure(.negative)
        }
        if s.first == "+" { s = s.dropFirst() }
        let parts = s.split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count <= 2, let whole = parts.first, !whole.isEmpty,
              whole.allSatisfy({ $0.isASCII && $0.isNumber }) else { return .failure(.notANumber) }
        let decimals = parts.count == 2 ? parts[1] : ""
        guard decimals.allSatisfy({ $0.isASCII && $0.isNumber }) else { return .failure(.notANumber) }
        if parts.count == 2 && decimals.isEmpty { return .failure(.notANumber) }
        if decimals.count > 2 { return .failure(.tooManyDecimals) }
        let wholeDigits = whole.drop(while: { $0 == "0" })
        if wholeDigits.count > 11 { return .failure(.tooLarge) }
        var fen: Int64 = 0
        for digit in wholeDigits { fen = fen * 10 + Int64(digit.wholeNumberValue!) }
        let paddedDecimals = decimals + String(repeating: "0", count: 2 - decimals.count)
        fen *= 100
        fen += Int64(paddedDecimals)!
        let value = Yuan(fen: fen)
        if value > maximum { return .failure(.tooLarge) }
        return .success(value)
    }

    /// The common case of `parse`, read from the bytes: ASCII digits, then perhaps a point and one or two
    /// digits, within the maximum. Anything else is nil, and left to `parse`.
    static func plainAmount(_ text: String) -> Yuan? {
        var whole: Int64 = 0, wholeDigits = 0, decimals: Int64 = 0, decimalDigits = 0
        var seenPoint = false, significant = false
        for byte in text.utf8 {
            switch byte {
            case UInt8(ascii: "0")...UInt8(ascii: "9"):
                let digit = Int64(byte - UInt8(ascii: "0"))
                if seenPoint {
                    decimalDigits += 1
                    guard decimalDigits <= 2 else { return nil }
                    decimals = decimals * 10 + digit
                } else {
                    wholeDigits += 1
                    if digit != 0 { significant = true }
                    if significant {
                        whole = whole * 10 + digit
                        guard whole <= 99_999_999_999 else { return nil }
                    }
                }
            case UInt8(ascii: "."):
                guard !seenPoint else { return nil }
                seenPoint = true
            default:
                return nil
            }
        }
        guard wholeDigits > 0, !seenPoint || decimalDigits > 0 else { return nil }
        if decimalDigits == 1 { decimals *= 10 }
        let value = Yuan(fen: whole * 100 + decimals)
        return value > maximum ? nil : value
    }

    public static func < (a: Yuan, b: Yuan) -> Bool { a.fen < b.fen }

    /// Adds without trapping: `nil` when the sum would not fit.
    public func adding(_ other: Yuan) -> Yuan? {
        let (sum, overflow) = fen.addingReportingOverflow(other.fen)
        return overflow ? nil : Yuan(fen: sum)
    }

    /// Subtracts; amounts in this model stay far below Int64's range (see `maximum`), and sums are checked.
    public static func - (a: Yuan, b: Yuan) -> Yuan { Yuan(fen: a.fen - b.fen) }

    /// A plain decimal with two places, as in CSV files and JSON: `180000.00`.
    public var plainText: String {
        let sign = fen < 0 ? "-" : ""
        let magnitude = fen.magnitude
        let cents = magnitude % 100
        return "\(sign)\(magnitude / 100).\(cents < 10 ? "0" : "")\(cents)"
    }

    public var description: String { plainText }
}

extension Character {
    fileprivate var isASCIIDigitOrPoint: Bool { isASCII && (isNumber || self == ".") }
}

extension String {
    /// Trims ASCII spaces and tabs (Foundation-free, so the model stays plain).
    public func trimmingSpaces() -> String {
        // Most text has nothing to trim: a first and last byte that are not one of these end it.
        func isSpaceByte(_ byte: UInt8) -> Bool { byte == 0x20 || byte == 0x09 || byte == 0x0D || byte == 0x0A }
        if let first = utf8.first, let last = utf8.last, !isSpaceByte(first), !isSpaceByte(last) { return self }
        return trimmingSpacesAnyText()
    }

    /// `trimmingSpaces` the long way, by Unicode scalars (a "\r\n" pair is one Character, which a test on
    /// Characters would not take for a space).
    func trimmingSpacesAnyText() -> String {
        let isSpace: (Unicode.Scalar) -> Bool = { $0 == " " || $0 == "\t" || $0 == "\r" || $0 == "\n" }
        let scalars = unicodeScalars
        guard let first = scalars.firstIndex(where: { !isSpace($0) }) else { return "" }
        let last = scalars.lastIndex(where: { !isSpace($0) })!
        return String(Substring(scalars[first...last]))
    }
}
