/// A calendar date, `YYYY-MM-DD`, checked against the Gregorian calendar. No time, no time zone.
public struct Day: Hashable, Comparable, Sendable, CustomStringConvertible {
    public let year: Int
    public let month: Int
    public let day: Int

    /// Returns `nil` for a date that does not exist (2017-02-30) or is not written `YYYY-MM-DD`.
    public init?(year: Int, month: Int, day: Int) {
        guard (1...9999).contains(year), (1...12).contains(month),
              (1...Day.daysIn(month: month, year: year)).contains(day) else { return nil }
        self.year = year
        self.month = month
        self.day = day
    }

    public init?(_ text: String) {
        guard let (y, m, d) = Day.plainFields(text) ?? Day.fields(text) else { return nil }
        self.init(year: y, month: m, day: d)
    }

    /// The common case, `YYYY-MM-DD` exactly, read from the bytes; nil for anything else, left to
    /// `fields(_:)`, which gives the same answer (a property test checks).
    static func plainFields(_ text: String) -> (Int, Int, Int)? {
        if text.utf8.count == 10 {
            var digits: (Int, Int, Int) = (0, 0, 0)
            var plain = true
            for (index, byte) in text.utf8.enumerated() {
                if index == 4 || index == 7 {
                    if byte != UInt8(ascii: "-") { plain = false; break }
                    continue
                }
                guard byte >= UInt8(ascii: "0"), byte <= UInt8(ascii: "9") else { plain = false; break }
                let digit = Int(byte - UInt8(ascii: "0"))
                switch index {
                case 0..<4: digits.0 = digits.0 * 10 + digit
                case 5..<7: digits.1 = digits.1 * 10 + digit
                default: digits.2 = digits.2 * 10 + digit
                }
            }
            if plain { return digits }
        }
        return nil
    }

    /// Any text: spaces around, then `YYYY-MM-DD` in ASCII digits.
    static func fields(_ text: String) -> (Int, Int, Int)? {
        let t = text.trimmingSpaces()
        let parts = t.split(separator: "-", omittingEmptySubsequences: false)
        guard parts.count == 3, parts[0].count == 4, parts[1].count == 2, parts[2].count == 2,
              parts.allSatisfy({ $0.allSatisfy { $0.isASCII && $0.isNumber } }),
              let y = Int(parts[0]), let m = Int(parts[1]), let d = Int(parts[2]) else { return nil }
        return (y, m, d)
    }

    public static func daysIn(month: Int, year: Int) -> Int {
        switch month {
        case 2: return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ? 29 : 28
        case 4, 6, 9, 11: return 30
        default: return 31
        }
    }

    /// `2017-06-20`.
    public var description: String {
        func pad(_ n: Int, _ width: Int) -> String {
            let s = String(n)
            return String(repeating: "0", count: max(0, width - s.count)) + s
        }
        return "\(pad(year, 4))-\(pad(month, 2))-\(pad(day, 2))"
    }

    public static func < (a: Day, b: Day) -> Bool { (a.year, a.month, a.day) < (b.year, b.month, b.day) }

    /// Days since 0001-01-01, for date arithmetic without Foundation's calendars.
    public var ordinal: Int {
        let y = year - 1
        var days = y * 365 + y / 4 - y / 100 + y / 400
        for m in 1..<month { days += Day.daysIn(month: m, year: year) }
        return days + day - 1
    }
}
