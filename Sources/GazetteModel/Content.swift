/// Everything read from `content/`, in a fixed order (by ID, by file), with where each value came from.
public struct Content: Sendable {
    public var site: Site?
    public var programme: Programme?
    public var regions: Regions?
    public var organizations: [Organization]
    public var projects: [Project]
    public var ledger: [LedgerEntry]
    public var notices: [Notice]
    public var pages: [Page]
    /// Files under `content/assets/`, as paths relative to `content/`.
    public var assets: [String]
    /// Every Markdown text in the content, so that its record links can be checked and resolved.
    public var markdown: [MarkdownText]
    /// The IDs of every record file found, read or not (`project` → IDs): a reference to a record whose
    /// file has errors is not reported again as a reference to nothing.
    public var fileIDs: [String: Set<String>] = [:]
    /// The hash of every file read (path → `StableHash` of its bytes): what changed between two reads.
    public var fileHashes: [String: UInt64] = [:]
    /// Files read in an encoding other than plain UTF-8 (a ledger saved as GBK or UTF-16), by path: `check` notes them.
    public var fileEncodings: [String: String] = [:]

    public init(site: Site? = nil, programme: Programme? = nil, regions: Regions? = nil,
                organizations: [Organization] = [], projects: [Project] = [], ledger: [LedgerEntry] = [],
                notices: [Notice] = [], pages: [Page] = [], assets: [String] = [], markdown: [MarkdownText] = []) {
        self.site = site
        self.programme = programme
        self.regions = regions
        self.organizations = organizations
        self.projects = projects
        self.ledger = ledger
        self.notices = notices
        self.pages = pages
        self.assets = assets
        self.markdown = markdown
    }

    public func organization(_ id: String) -> Organization? { organizationsByID[id] }
    public func project(_ id: String) -> Project? { projectsByID[id] }

    public var organizationsByID: [String: Organization] {
        Dictionary(organizations.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
    }
    public var projectsByID: [String: Project] {
        Dictionary(projects.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
    }

    /// The date the data is current to: `site.as_of`, or else the latest date in the records, so that the
    /// same content always gives the same answer whatever day it is built.
    public var asOf: Day? {
        if let asOf = site?.asOf { return asOf }
        var latest: Day?
        func consider(_ day: Day?) {
            if let day, latest.map({ day > $0 }) ?? true { latest = day }
        }
        for project in projects {
            consider(project.applied)
            consider(project.contract?.date)
            consider(project.midterm?.date)
            consider(project.midterm?.spotCheck?.date)
            consider(project.final?.date)
        }
        for entry in ledger { consider(entry.date) }
        for notice in notices where !notice.draft { consider(notice.date) }
        return latest
    }
}

/// A Markdown text of some record, with where its first line is in the file.
public struct MarkdownText: Sendable, Hashable {
    public var text: String
    /// The position of the text's first character in its file; every line of the text starts at this
    /// column (a YAML block scalar is indented as a whole).
    public var start: SourceLocation
    /// The record it belongs to (`project:qh2017-xn-001`).
    public var owner: String

    public init(text: String, start: SourceLocation, owner: String) {
        self.text = text
        self.start = start
        self.owner = owner
    }

    /// Where line `line`, column `column` of the text (both from 1, as cmark counts) is in the file.
    public func location(line: Int, column: Int) -> SourceLocation {
        SourceLocation(file: start.file, line: start.line + line - 1, column: start.column + column - 1)
    }
}
