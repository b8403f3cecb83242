/// `notices/SLUG.md`: a notice (公告, 公示...), or `pages/SLUG.md`: a free page. Front matter, then Markdown.
public struct Notice: Sendable {
    /// `announcement` 公告 | `publicity` 公示 | `result` 结果公告 | `interpretation` 政策解读 | `report` 报告.
    public enum Kind: String, Sendable, Hashable, CaseIterable {
        case announcement, publicity, result, interpretation, report
    }

    public var slug: String
    public var title: String
    public var date: Day
    public var kind: Kind
    public var regions: [String]
    public var projects: [String]
    public var organizations: [String]
    public var publicityPeriod: Project.Period?
    public var draft: Bool
    /// One or two sentences for lists and feeds.
    public var summary: String?
    /// Where and how to object to a 公示; nil means the issuing region's contact (see `ResolvedSite`).
    public var objection: Objection?
    public var body: String
    public var locations: FieldLocations

    /// `objection` in a notice's front matter: how to object, and to whom.
    public struct Objection: Sendable, Hashable {
        /// How to object, as a sentence (书面形式, 写明姓名和联系方式).
        public var how: String?
        public var contact: Contact?
        public init(how: String? = nil, contact: Contact? = nil) {
            self.how = how
            self.contact = contact
        }
    }

    public init(slug: String, title: String, date: Day, kind: Kind, regions: [String] = [], projects: [String] = [],
                organizations: [String] = [], publicityPeriod: Project.Period? = nil, draft: Bool = false,
                body: String, locations: FieldLocations) {
        self.slug = slug
        self.title = title
        self.date = date
        self.kind = kind
        self.regions = regions
        self.projects = projects
        self.organizations = organizations
        self.publicityPeriod = publicityPeriod
        self.draft = draft
        self.body = body
        self.locations = locations
    }
}

public struct Page: Sendable {
    public var slug: String
    public var title: String
    public var draft: Bool
    /// Optional: where the page sits in the site's menu, smallest first.
    public var weight: Int?
    /// One sentence for search engines and lists.
    public var description: String?
    public var body: String
    public var locations: FieldLocations

    public init(slug: String, title: String, draft: Bool = false, weight: Int? = nil, body: String,
                locations: FieldLocations) {
        self.slug = slug
        self.title = title
        self.draft = draft
        self.weight = weight
        self.body = body
        self.locations = locations
    }
}
