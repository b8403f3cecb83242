

/// Money as residents read it, formatted in one place: `¥180,000.00` in tables, `18万元` in running text.
public enum MoneyFormat {
    /// `¥180,000.00`; a negative amount `-¥1,500.00`.
    public static func table(_ amount: Yuan) -> String {
        let magnitude = amount.fen.magnitude
        let cents = magnitude % 100
        return (amount.fen < 0 ? "-" : "") + "¥" + grouped(magnitude / 100) + "." + (cents < 10 ? "0" : "") + String(cents)
    }

    /// Running text. Chinese: `18万元`, `18.55万元`, `5,000元`; English: `¥180,000` (decimals only when there are fen).
    public static func prose(_ amount: Yuan, language: String) -> String {
        let sign = amount.fen < 0 ? "-" : ""
        let fen = amount.fen.magnitude
        if language == "en" {
            let cents = fen % 100
            return sign + "¥" + grouped(fen / 100) + (cents == 0 ? "" : "." + (cents < 10 ? "0" : "") + String(cents))
        }
        // 1万元 = 1,000,000 fen: six exact decimal places, trailing zeros dropped.
        if fen >= 1_000_000 {
            let whole = fen / 1_000_000
            var decimals = String(fen % 1_000_000)
            decimals = String(repeating: "0", count: 6 - decimals.count) + decimals
            while decimals.last == "0" { decimals.removeLast() }
            return sign + String(whole) + (decimals.isEmpty ? "" : "." + decimals) + "万元"
        }
        let cents = fen % 100
        return sign + grouped(fen / 100) + (cents == 0 ? "" : "." + (cents < 10 ? "0" : "") + String(cents)) + "元"
    }

    /// `1,234,567`.
    static func grouped(_ value: UInt64) -> String {
        let digits = Array(String(value))
        var out = ""
        for (index, digit) in digits.enumerated() {
            if index > 0 && (digits.count - index) % 3 == 0 { out.append(",") }
            out.append(digit)
        }
        return out
    }
}

/// Dates as residents read them: `2017年6月20日` in Chinese, `20 June 2017` in English.
public enum DateFormat {
    static let months = ["January", "February", "March", "April", "May", "June", "July", "August", "September",
                         "October", "November", "December"]

    public static func long(_ day: Day, language: String) -> String {
        language == "en" ? "\(day.day) \(months[day.month - 1]) \(day.year)" : "\(day.year)年\(day.month)月\(day.day)日"
    }
}
