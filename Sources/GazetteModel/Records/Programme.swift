/// `programme.yaml`: the programme, its catalogue and its rules' parameters. Nothing of any one province
/// or year is written in code: all of it comes from here.
public struct Programme: Sendable {
    /// One entry of a list of keys: a service, a target group, an organization type or category.
    public struct Entry: Sendable, Hashable {
        public var key: String
        public var name: String
        public var nameEn: String?
        public var description: String?
        public init(key: String, name: String, nameEn: String? = nil, description: String? = nil) {
            self.key = key
            self.name = name
            self.nameEn = nameEn
            self.description = description
        }
    }

    public struct Category: Sendable, Hashable {
        public var entry: Entry
        public var services: [Entry]
        public var targetGroups: [String]
        public init(entry: Entry, services: [Entry], targetGroups: [String]) {
            self.entry = entry
            self.services = services
            self.targetGroups = targetGroups
        }
        public var key: String { entry.key }
    }

    public struct Rules: Sendable, Hashable {
        public var projectCap: Yuan
        public var ratedProjectCap: Yuan
        public var ratedMinGrade: Grade
        public var gradeValidYears: Int
        public var inspectionYears: [Int]
        public var registrationLevels: [String]
        public var spotCheckMinRatio: Ratio
        public init(projectCap: Yuan, ratedProjectCap: Yuan, ratedMinGrade: Grade, gradeValidYears: Int,
                    inspectionYears: [Int], registrationLevels: [String], spotCheckMinRatio: Ratio) {
            self.projectCap = projectCap
            self.ratedProjectCap = ratedProjectCap
            self.ratedMinGrade = ratedMinGrade
            self.gradeValidYears = gradeValidYears
            self.inspectionYears = inspectionYears
            self.registrationLevels = registrationLevels
            self.spotCheckMinRatio = spotCheckMinRatio
        }
    }

    public var name: String
    public var year: Int
    public var buyer: String
    public var partners: [String]
    /// `free`, `low-cost` or `paid`.
    public var fee: String
    public var regions: [String]
    public var targetGroups: [Entry]
    public var categories: [Category]
    public var organizationTypes: [Entry]
    public var organizationCategories: [Entry]
    public var rules: Rules
    /// Markdown: the programme in plain words.
    public var description: String?
    public var locations: FieldLocations

    public init(name: String, year: Int, buyer: String, partners: [String], fee: String, regions: [String],
                targetGroups: [Entry], categories: [Category], organizationTypes: [Entry],
                organizationCategories: [Entry], rules: Rules, locations: FieldLocations) {
        self.name = name
        self.year = year
        self.buyer = buyer
        self.partners = partners
        self.fee = fee
        self.regions = regions
        self.targetGroups = targetGroups
        self.categories = categories
        self.organizationTypes = organizationTypes
        self.organizationCategories = organizationCategories
        self.rules = rules
        self.locations = locations
    }

    public func category(_ key: String) -> Category? { categories.first { $0.key == key } }
    public func targetGroup(_ key: String) -> Entry? { targetGroups.first { $0.key == key } }
    public func service(_ key: String) -> Entry? {
        for category in categories { if let s = category.services.first(where: { $0.key == key }) { return s } }
        return nil
    }
    public var allServices: [Entry] { categories.flatMap(\.services) }
}

/// An evaluation grade of a social organization, 1A to 5A (社会组织评估等级).
public struct Grade: Hashable, Comparable, Sendable, CustomStringConvertible {
    public let stars: Int
    public init?(_ text: String) {
        // `4A`, or as the certificates write it: `4A级`, `AAAA`, `AAAA级`.
        var t = text.trimmingSpaces().uppercased()
        if t.hasSuffix("级") { t.removeLast() }
        if (1...5).contains(t.count), t.allSatisfy({ $0 == "A" }) {
            stars = t.count
            return
        }
        guard t.count == 2, t.last == "A", let n = Int(String(t.first!)), (1...5).contains(n) else { return nil }
        stars = n
    }
    public static func < (a: Grade, b: Grade) -> Bool { a.stars < b.stars }
    public var description: String { "\(stars)A" }
}

/// A share written as a decimal (`0.30`) or a percent (`30%`), kept as an exact fraction.
public struct Ratio: Hashable, Sendable, CustomStringConvertible {
    public let numerator: Int
    public let denominator: Int
    public init?(_ text: String) {
        var t = text.trimmingSpaces()
        var denominator = 1
        if t.hasSuffix("%") {
            t.removeLast()
            denominator = 100
        }
        let parts = t.split(separator: ".", omittingEmptySubsequences: false)
        guard (1...2).contains(parts.count), parts.allSatisfy({ !$0.isEmpty && $0.allSatisfy { $0.isASCII && $0.isNumber } }),
              parts.count == 1 || parts[1].count <= 6, parts[0].count <= 6 else { return nil }
        let decimals = parts.count == 2 ? String(parts[1]) : ""
        var scale = 1
        for _ in decimals { scale *= 10 }
        let top = Int(String(parts[0]))! * scale + (decimals.isEmpty ? 0 : Int(decimals)!)
        let bottom = denominator * scale
        guard top <= bottom else { return nil }
        // In lowest terms, so that `30%` and `0.3` are the same ratio.
        var (a, b) = (top, bottom)
        while b != 0 { (a, b) = (b, a % b) }
        numerator = top / a
        self.denominator = bottom / a
    }
    /// Whether `part / whole` is below this ratio, computed exactly.
    public func isBelow(part: Int, of whole: Int) -> Bool {
        part * denominator < numerator * whole
    }
    /// `30%`, with decimals only where needed.
    public var percentText: String {
        let hundredths = numerator * 10000 / denominator
        let whole = hundredths / 100, rest = hundredths % 100
        if rest == 0 { return "\(whole)%" }
        return rest % 10 == 0 ? "\(whole).\(rest / 10)%" : "\(whole).\(rest < 10 ? "0" : "")\(rest)%"
    }
    public var description: String { percentText }
}
