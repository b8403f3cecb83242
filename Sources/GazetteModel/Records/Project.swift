/// `projects/ID.yaml`: one project, from the residents' needs to the final payment or recovery.
public struct Project: Sendable {
    /// What was done about this project's findings (`responses:`), in the order written.
    public var responses: [FindingResponse] = []
    public struct Contract: Sendable, Hashable {
        public var date: Day?
        public var number: String?
        public init(date: Day?, number: String?) {
            self.date = date
            self.number = number
        }
    }

    public struct Period: Sendable, Hashable {
        public var start: Day
        public var end: Day
        public init(start: Day, end: Day) {
            self.start = start
            self.end = end
        }
    }

    public struct NeedsAssessment: Sendable, Hashable {
        public var date: Day?
        public var method: String?
        public var respondents: Int?
        public var findings: String?
        public init(date: Day?, method: String?, respondents: Int?, findings: String?) {
            self.date = date
            self.method = method
            self.respondents = respondents
            self.findings = findings
        }
    }

    /// `pass`, `rectify` or `fail`.
    public enum Result: String, Sendable, Hashable, CaseIterable {
        case pass, rectify, fail
    }

    public struct SpotCheck: Sendable, Hashable {
        public var by: String?
        public var date: Day?
        public var result: Result?
        public init(by: String?, date: Day?, result: Result?) {
            self.by = by
            self.date = date
            self.result = result
        }
    }

    public struct Rectification: Sendable, Hashable {
        public var deadline: Day?
        /// Absent while the organization is still rectifying.
        public var result: Result?
        public init(deadline: Day?, result: Result?) {
            self.deadline = deadline
            self.result = result
        }
    }

    public struct Midterm: Sendable, Hashable {
        public var date: Day
        public var by: [String]
        public var result: Result
        public var satisfaction: Percent?
        public var spotCheck: SpotCheck?
        public var rectification: Rectification?
        public init(date: Day, by: [String], result: Result, satisfaction: Percent?, spotCheck: SpotCheck?,
                    rectification: Rectification?) {
            self.date = date
            self.by = by
            self.result = result
            self.satisfaction = satisfaction
            self.spotCheck = spotCheck
            self.rectification = rectification
        }
    }

    public struct Final: Sendable, Hashable {
        public var date: Day
        public var by: String?
        public var result: Result
        public var satisfaction: Percent?
        public var score: Percent?
        public init(date: Day, by: String?, result: Result, satisfaction: Percent?, score: Percent?) {
            self.date = date
            self.by = by
            self.result = result
            self.satisfaction = satisfaction
            self.score = score
        }
    }

    public struct Outcomes: Sendable, Hashable {
        public var beneficiaries: Int?
        public var sessions: Int?
        public var hours: Int?
        public var highlights: String?
        public init(beneficiaries: Int?, sessions: Int?, hours: Int?, highlights: String?) {
            self.beneficiaries = beneficiaries
            self.sessions = sessions
            self.hours = hours
            self.highlights = highlights
        }
    }

    public struct Document: Sendable, Hashable {
        public var title: String
        /// A path under `content/` or an https URL.
        public var file: String
        public init(title: String, file: String) {
            self.title = title
            self.file = file
        }
        public var isURL: Bool { file.lowercased().hasPrefix("https://") || file.lowercased().hasPrefix("http://") }
    }

    public var id: String
    public var title: String
    public var organization: String
    public var category: String
    public var services: [String]
    public var targetGroups: [String]
    public var county: String
    public var communities: [String]
    public var amount: Yuan
    public var applied: Day?
    public var reviewedBy: String?
    public var contract: Contract?
    public var period: Period?
    public var needsAssessment: NeedsAssessment?
    public var midterm: Midterm?
    public var final: Final?
    public var outcomes: Outcomes?
    public var documents: [Document]
    public var summary: String?
    public var locations: FieldLocations

    /// The date the rules judge an application on: the application date, else the contract's.
    public var applicationDate: Day? { applied ?? contract?.date }

    public init(id: String, title: String, organization: String, category: String, services: [String],
                targetGroups: [String], county: String, communities: [String] = [], amount: Yuan,
                applied: Day? = nil, reviewedBy: String? = nil, contract: Contract? = nil, period: Period? = nil,
                needsAssessment: NeedsAssessment? = nil, midterm: Midterm? = nil, final: Final? = nil,
                outcomes: Outcomes? = nil, documents: [Document] = [], summary: String? = nil,
                locations: FieldLocations) {
        self.id = id
        self.title = title
        self.organization = organization
        self.category = category
        self.services = services
        self.targetGroups = targetGroups
        self.county = county
        self.communities = communities
        self.amount = amount
        self.applied = applied
        self.reviewedBy = reviewedBy
        self.contract = contract
        self.period = period
        self.needsAssessment = needsAssessment
        self.midterm = midterm
        self.final = final
        self.outcomes = outcomes
        self.documents = documents
        self.summary = summary
        self.locations = locations
    }
}

/// A percentage from 0 to 100 with at most two decimals (`92.5`), kept exactly in hundredths.
public struct Percent: Hashable, Comparable, Sendable, CustomStringConvertible {
    public let hundredths: Int
    public init?(_ text: String) {
        guard let value = Percent.plainHundredths(text) ?? Percent.hundredths(text) else { return nil }
        hundredths = value
    }

    /// The common case from the bytes: one to three digits, perhaps a point and one or two digits. Nil
    /// for anything else, left to `hundredths(_:)`, which gives the same answer (a property test checks).
    static func plainHundredths(_ text: String) -> Int? {
        var whole = 0, wholeDigits = 0, decimals = 0, decimalDigits = 0, seenPoint = false
        for byte in text.utf8 {
            if byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9") {
                let digit = Int(byte - UInt8(ascii: "0"))
                if seenPoint { decimals = decimals * 10 + digit; decimalDigits += 1 } else { whole = whole * 10 + digit; wholeDigits += 1 }
                // More digits than a percentage has: not the common case (and the sums would overflow).
                if wholeDigits > 3 || decimalDigits > 2 { return nil }
            } else if byte == UInt8(ascii: ".") && !seenPoint {
                seenPoint = true
            } else {
                return nil
            }
        }
        guard (1...3).contains(wholeDigits), !seenPoint || (1...2).contains(decimalDigits) else { return nil }
        let value = whole * 100 + decimals * (decimalDigits == 1 ? 10 : 1)
        return value <= 10_000 ? value : nil
    }

    /// Any text: spaces around, then up to three digits, perhaps a point and one or two digits, at most 100.
    static func hundredths(_ text: String) -> Int? {
        let t = text.trimmingSpaces()
        let parts = t.split(separator: ".", omittingEmptySubsequences: false)
        guard (1...2).contains(parts.count),
              parts.allSatisfy({ !$0.isEmpty && $0.count <= 3 && $0.allSatisfy { $0.isASCII && $0.isNumber } }),
              parts.count == 1 || parts[1].count <= 2 else { return nil }
        var value = Int(String(parts[0]))! * 100
        if parts.count == 2 {
            let decimals = String(parts[1])
            value += Int(decimals)! * (decimals.count == 1 ? 10 : 1)
        }
        return value <= 10_000 ? value : nil
    }
    public static func < (a: Percent, b: Percent) -> Bool { a.hundredths < b.hundredths }
    /// `92.5`, `95`, `88.25`.
    public var description: String {
        let whole = hundredths / 100, rest = hundredths % 100
        if rest == 0 { return "\(whole)" }
        return rest % 10 == 0 ? "\(whole).\(rest / 10)" : "\(whole).\(rest < 10 ? "0" : "")\(rest)"
    }
}
