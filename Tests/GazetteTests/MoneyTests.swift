import GazetteModel
import Testing

@Suite("Money is exact: yuan parsed from text into integer fen")
struct MoneyTests {
    @Test("valid amounts", arguments: [
        ("0", Int64(0)), ("0.01", 1), ("200000", 20_000_000), ("200000.00", 20_000_000), ("90000.5", 9_000_050),
        ("  180000 ", 18_000_000), ("007", 700), ("9999999999.99", 999_999_999_999), ("10000000000", 1_000_000_000_000),
    ])
    func valid(_ text: String, _ fen: Int64) throws {
        #expect(try Yuan.parse(text).get() == Yuan(fen: fen))
    }

    @Test("invalid amounts", arguments: [
        ("1e5", Yuan.ParseError.notANumber), ("-1", .negative), ("0.001", .tooManyDecimals), ("12,000", .notANumber),
        ("", .empty), ("1.", .notANumber), (".5", .notANumber), ("1.2.3", .notANumber), ("١٢", .notANumber),
        ("0x10", .notANumber), ("NaN", .notANumber), ("inf", .notANumber), ("1.500", .tooManyDecimals),
        ("99999999999999999999999999", .tooLarge), ("10000000000.01", .tooLarge), ("1000000000001", .tooLarge),
        ("9223372036854775808", .tooLarge),
    ])
    func invalid(_ text: String, _ error: Yuan.ParseError) {
        #expect(throws: error) { try Yuan.parse(text).get() }
    }

    @Test func formatting() {
        #expect(Yuan(fen: 18_000_000).plainText == "180000.00")
        #expect(Yuan(fen: 5).plainText == "0.05")
        #expect(Yuan(fen: -150).plainText == "-1.50")
    }

    @Test func sumsDoNotTrap() {
        #expect(Yuan(fen: 1).adding(Yuan(fen: 2)) == Yuan(fen: 3))
        #expect(Yuan(fen: .max).adding(Yuan(fen: 1)) == nil)
    }
}

@Suite("Dates are calendar-valid")
struct DayTests {
    @Test("valid", arguments: ["2017-06-20", "2016-02-29", "2000-02-29", "2017-12-31"])
    func valid(_ text: String) {
        #expect(Day(text)?.description == text)
    }

    @Test("invalid", arguments: ["2017-02-29", "1900-02-29", "2017-13-01", "2017-04-31", "2017-6-20", "17-06-20",
                                 "2017/06/20", "2017-06-20T00:00", "", "2017-00-10", "2017-01-00"])
    func invalid(_ text: String) {
        #expect(Day(text) == nil)
    }

    @Test func ordinalsCountDays() {
        #expect(Day("2018-01-01")!.ordinal - Day("2017-01-01")!.ordinal == 365)
        #expect(Day("2017-03-01")!.ordinal - Day("2016-02-28")!.ordinal == 367)
    }
}

@Suite("Ratios and percentages are exact")
struct RatioTests {
    @Test func ratio() {
        let r = Ratio("0.30")!
        #expect(r.isBelow(part: 1, of: 5))
        #expect(!r.isBelow(part: 3, of: 10))
        #expect(r.isBelow(part: 2, of: 7))
        #expect(Ratio("30%") == Ratio("0.3"))
        #expect(Ratio("1.5") == nil)
        #expect(Ratio("abc") == nil)
        #expect(r.percentText == "30%")
    }

    @Test func percent() {
        #expect(Percent("92.5")?.hundredths == 9250)
        #expect(Percent("100")?.hundredths == 10000)
        #expect(Percent("100.01") == nil)
        #expect(Percent("-1") == nil)
        #expect(Percent("92.555") == nil)
        #expect(Percent("92.5")?.description == "92.5")
    }
}
