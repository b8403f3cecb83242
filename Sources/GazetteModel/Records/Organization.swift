/// `organizations/ID.yaml`: one social organization that may deliver projects.
public struct Organization: Sendable {
    public struct Rating: Sendable, Hashable {
        public var grade: Grade
        public var year: Int
        public init(grade: Grade, year: Int) {
            self.grade = grade
            self.year = year
        }
    }

    public struct Violation: Sendable, Hashable {
        public var date: Day
        public var description: String
        public init(date: Day, description: String) {
            self.date = date
            self.description = description
        }
    }

    public var id: String
    public var name: String
    /// The code as written; `creditCode` is set only when it is valid.
    public var creditCodeText: String
    public var creditCode: CreditCode?
    public var type: String
    public var category: String
    /// `province`, `city` or `county`.
    public var registeredWith: String
    public var registrationAuthority: String?
    public var county: String
    public var founded: Day?
    public var rating: Rating?
    /// Year → `pass` or `fail`.
    public var annualInspections: [Int: String]
    public var financialSystem: Bool?
    public var office: String?
    public var staff: Int?
    public var certifiedSocialWorkers: Int?
    public var violations: [Violation]
    public var website: String?
    /// Markdown.
    public var about: String?
    /// How residents reach the provider about its services.
    public var contact: Contact?
    /// What was done about findings that concern the provider itself (not eligible F102, barred F109) on any of
    /// its projects (`responses:`), in the order written; a project's own response to the same finding wins.
    public var responses: [FindingResponse] = []
    public var locations: FieldLocations

    public init(id: String, name: String, creditCodeText: String, creditCode: CreditCode?, type: String,
                category: String, registeredWith: String, registrationAuthority: String? = nil, county: String,
                founded: Day? = nil, rating: Rating? = nil, annualInspections: [Int: String] = [:],
                financialSystem: Bool? = nil, office: String? = nil, staff: Int? = nil,
                certifiedSocialWorkers: Int? = nil, violations: [Violation] = [], website: String? = nil,
                about: String? = nil, locations: FieldLocations) {
        self.id = id
        self.name = name
        self.creditCodeText = creditCodeText
        self.creditCode = creditCode
        self.type = type
        self.category = category
        self.registeredWith = registeredWith
        self.registrationAuthority = registrationAuthority
        self.county = county
        self.founded = founded
        self.rating = rating
        self.annualInspections = annualInspections
        self.financialSystem = financialSystem
        self.office = office
        self.staff = staff
        self.certifiedSocialWorkers = certifiedSocialWorkers
        self.violations = violations
        self.website = website
        self.about = about
        self.locations = locations
    }
}
