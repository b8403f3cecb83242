import GazetteContent
import GazetteModel
import GazetteSpreadsheet

/// Turns a cell into the text a record file holds for a field: dates as `YYYY-MM-DD`, amounts as exact yuan,
/// Chinese words and names as the content format's keys. A problem is a message and suggestion for the cell.
struct CellValues {
    struct Problem: Error {
        var code: DiagnosticCode
        var message: Message
        var help: Message?

        init(code: DiagnosticCode, _ key: String, _ arguments: [String: MessageArgument] = [:], help: String? = nil) {
            self.code = code
            message = Message(key, arguments)
            self.help = help.map { Message($0) }
        }
    }

    let content: Content
    /// Organization names in the content (and in the tables being imported) → IDs.
    var organizationIDs: [String: String]

    init(content: Content, importedOrganizations: [String: String]) {
        self.content = content
        var ids: [String: String] = [:]
        for organization in content.organizations { ids[organization.name] = organization.id }
        ids.merge(importedOrganizations) { _, new in new }
        organizationIDs = ids
    }

    func value(_ cell: ImportTable.Cell, column: HeaderRow.Column, date1904: Bool) -> Result<YAMLValue, Problem> {
        let field = column.field
        let text = cell.text
        switch field.type {
        case .text:
            if field.path == "organization", let id = organizationIDs[text] { return .success(.scalar(id)) }
            return .success(.scalar(cell.number.map(Self.plainNumber) ?? text))
        case .markdown: return .success(.markdown(text.replacingOccurrences(of: "\r\n", with: "\n")))
        case .date: return date(cell, date1904: date1904).map { .scalar($0) }
        case .yuan: return yuan(cell, yuanPerUnit: column.yuanPerUnit).map { .scalar($0) }
        case .integer:
            let number = cell.number.map(Self.plainNumber) ?? text.filter { $0 != "," && $0 != "，" }
            return .success(.scalar(number.hasSuffix(".0") ? String(number.dropLast(2)) : number))
        case .percent:
            return percent(cell).map { .scalar($0) }
        case .regionCode:
            let code = cell.number.map(Self.plainNumber) ?? text
            if RegionCode.isValid(code) { return .success(.quoted(code)) }
            if let region = content.regions?.all.first(where: { $0.name == text && $0.level == .county }) {
                return .success(.quoted(region.code))
            }
            return .success(.quoted(code))
        case .bool:
            return .success(.scalar(text))
        case .list:
            return .success(.list(Self.items(text)))
        case let .choice(words):
            return .success(.scalar(words[text] ?? text))
        case let .catalogue(list):
            return .success(.scalar(catalogueKey(text, list: list)))
        case let .catalogueList(list):
            return .success(.list(Self.items(text).map { catalogueKey($0, list: list) }))
        }
    }

    /// Items of a list cell: separated by `;`, `；`, `、`, `,`, `，` or line breaks.
    static func items(_ text: String) -> [String] {
        text.split(whereSeparator: { ";；、,，\n\r".contains($0) }).map { String($0).trimmingSpaces() }.filter { !$0.isEmpty }
    }

    /// The key of a catalogue entry written as its key or its Chinese name; anything else as written (the
    /// reader then reports it with the nearest key).
    func catalogueKey(_ text: String, list: String) -> String {
        guard let programme = content.programme else { return text }
        let entries: [Programme.Entry]
        switch list {
        case "categories": entries = programme.categories.map(\.entry)
        case "services": entries = programme.allServices
        case "target_groups": entries = programme.targetGroups
        case "organization_types": entries = programme.organizationTypes
        default: entries = programme.organizationCategories
        }
        return entries.first { $0.key == text || $0.name == text }?.key ?? text
    }

    // MARK: Dates

    /// A date cell: a spreadsheet serial number (1900 or 1904 system), or text `2017-06-26`, `2017/6/26`,
    /// `2017.6.26` or `2017年6月26日`.
    func date(_ cell: ImportTable.Cell, date1904: Bool) -> Result<String, Problem> {
        if let number = cell.number {
            let whole = number.split(separator: ".").first.map(String.init) ?? number
            guard let serial = Int(whole), !number.contains("E"), !number.contains("e"),
                  let date = SerialDate.civil(serial, date1904: date1904),
                  let day = Day(year: date.year, month: date.month, day: date.day) else {
                return .failure(Problem(code: .badDate, "import.date.notSerial", ["number": .text(number)], help: "import.date.notSerial.help"))
            }
            return .success(day.description)
        }
        let text = cell.text
        var parts: [Int] = []
        var current = ""
        for character in text {
            if character.isASCII && character.isNumber { current.append(character) } else {
                if !current.isEmpty { parts.append(Int(current)!) }
                current = ""
                guard "-/.年月日 ".contains(character) else { parts = []; break }
            }
        }
        if !current.isEmpty, current.count <= 4 { parts.append(Int(current)!) }
        if parts.count == 3, parts[0] >= 1000, let day = Day(year: parts[0], month: parts[1], day: parts[2]) {
            return .success(day.description)
        }
        return .failure(Problem(code: .badDate, "import.date.bad", ["text": .text(String(text.prefix(40)))], help: "import.date.bad.help"))
    }

    // MARK: Amounts

    /// An amount cell as exact yuan text (`185000`, `90000.50`). A number cell's value is read from its text in
    /// the file: decimal digits scaled by the unit, never a floating-point number. A spreadsheet holds a
    /// computed number to 17 significant digits (`18.500000000000004`); it is rounded to the 15 that Excel shows.
    func yuan(_ cell: ImportTable.Cell, yuanPerUnit: Int) -> Result<String, Problem> {
        var unit = yuanPerUnit
        var text = cell.number ?? cell.text
        if cell.number == nil {
            text = text.filter { !$0.isWhitespace && $0 != "," && $0 != "，" && $0 != "¥" && $0 != "￥" }
            if text.hasSuffix("万元") { unit = 10_000; text.removeLast(2) } else if text.hasSuffix("万") { unit = 10_000; text.removeLast() }
            else if text.hasSuffix("元") { text.removeLast() }
        }
        guard let decimal = Decimal10(text) else {
            return .failure(Problem(code: .badAmount, "import.amount.bad", ["text": .text(String(cell.text.prefix(40)))], help: "import.amount.bad.help"))
        }
        var value = cell.number != nil ? decimal.rounded(significantDigits: 15) : decimal
        value.exponent += unit == 10_000 ? 4 : 0
        guard !value.negative else {
            return .failure(Problem(code: .badAmount, "import.amount.negative", ["text": .text(String(cell.text.prefix(40)))],
                                    help: "import.amount.negative.help"))
        }
        guard let fen = value.integer(scaledBy: 2) else {
            return .failure(Problem(code: .badAmount, "import.amount.notFen",
                                    ["text": .text(String(cell.text.prefix(40))), "unit": .word(unit == 10_000 ? "import.unit.wan" : "import.unit.yuan")],
                                    help: "import.amount.notFen.help"))
        }
        guard fen <= Yuan.maximum.fen else {
            return .failure(Problem(code: .badAmount, "import.amount.tooLarge", ["text": .text(String(cell.text.prefix(40)))]))
        }
        return .success(Yuan(fen: fen).plainText)
    }

    // MARK: Percentages

    /// A percentage field (`92.5` for 92.5%): a number cell formatted as a percentage holds a fraction (0.925), so
    /// it is scaled by 100 exactly, in decimal; a plain number cell or text (`92.5`, `92.5%`) is taken as written.
    func percent(_ cell: ImportTable.Cell) -> Result<String, Problem> {
        if let number = cell.number {
            guard var decimal = Decimal10(number) else {
                return .failure(Problem(code: .wrongType, "import.percent.bad", ["text": .text(String(cell.text.prefix(40)))],
                                        help: "import.percent.bad.help"))
            }
            // Rounded to the 15 digits a spreadsheet shows before scaling: 0.95199999999999996 is 95.2%.
            decimal = decimal.rounded(significantDigits: 15)
            if cell.percent { decimal.exponent += 2 }
            return .success(decimal.plainText)
        }
        var text = cell.text
        if text.hasSuffix("%") || text.hasSuffix("％") { text = String(text.dropLast()).trimmingSpaces() }
        return .success(text)
    }

    /// A number cell's text written out without an exponent (`1.8E5` → `180000`), to 15 significant digits.
    static func plainNumber(_ text: String) -> String {
        guard let decimal = Decimal10(text) else { return text }
        return decimal.rounded(significantDigits: 15).plainText
    }
}

/// A decimal number as digits and a power of ten, parsed from text (`-1.85E-2`), for exact arithmetic.
struct Decimal10 {
    var negative: Bool
    /// Digits without leading zeros ("" is zero).
    var digits: [UInt8]
    var exponent: Int

    init?(_ text: String) {
        var s = Substring(text.trimmingSpaces())
        negative = s.hasPrefix("-")
        if negative || s.hasPrefix("+") { s = s.dropFirst() }
        var mantissa = s, exponentPart = 0
        if let e = s.firstIndex(where: { $0 == "e" || $0 == "E" }) {
            mantissa = s[..<e]
            guard let value = Int(s[s.index(after: e)...]), abs(value) < 400 else { return nil }
            exponentPart = value
        }
        let pieces = mantissa.split(separator: ".", omittingEmptySubsequences: false)
        guard (1...2).contains(pieces.count), !mantissa.isEmpty, mantissa != ".",
              pieces.allSatisfy({ $0.allSatisfy { $0.isASCII && $0.isNumber } }) else { return nil }
        let whole = pieces[0], fraction = pieces.count == 2 ? pieces[1] : ""
        guard !(whole.isEmpty && fraction.isEmpty) else { return nil }
        var all = (whole + fraction).compactMap { $0.asciiValue.map { $0 - 48 } }
        while all.first == 0 { all.removeFirst() }
        digits = all
        exponent = exponentPart - fraction.count
        if digits.isEmpty { negative = false }
    }

    /// Half-up rounding to at most `count` significant digits.
    func rounded(significantDigits count: Int) -> Decimal10 {
        guard digits.count > count else { return self }
        var copy = self
        let roundUp = digits[count] >= 5
        var kept = Array(digits.prefix(count))
        copy.exponent += digits.count - count
        if roundUp {
            var index = kept.count - 1
            while index >= 0 {
                if kept[index] == 9 { kept[index] = 0; index -= 1 } else { kept[index] += 1; break }
            }
            if index < 0 { kept.insert(1, at: 0) }
        }
        copy.digits = kept
        return copy
    }

    /// The value times 10^`places` as an integer, or nil when it is not whole or too large.
    func integer(scaledBy places: Int) -> Int64? {
        var digits = self.digits
        var exponent = self.exponent + places
        while exponent < 0, digits.last == 0 { digits.removeLast(); exponent += 1 }
        guard exponent >= 0 || digits.isEmpty else { return nil }
        guard digits.count + max(0, exponent) <= 18 else { return nil }
        var value: Int64 = 0
        for digit in digits { value = value * 10 + Int64(digit) }
        for _ in 0..<max(0, exponent) { value *= 10 }
        return negative ? -value : value
    }

    /// `180000`, `18.5`, `0.952`: no exponent, no trailing zeros after the point.
    var plainText: String {
        if digits.isEmpty { return "0" }
        var text = digits.map { String($0) }.joined()
        if exponent >= 0 {
            text += String(repeating: "0", count: exponent)
        } else {
            let places = -exponent
            if text.count <= places { text = String(repeating: "0", count: places - text.count + 1) + text }
            text.insert(".", at: text.index(text.endIndex, offsetBy: -places))
            while text.hasSuffix("0") { text.removeLast() }
            if text.hasSuffix(".") { text.removeLast() }
        }
        return (negative ? "-" : "") + text
    }
}
