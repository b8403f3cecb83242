import GazetteModel

/// An Atom 1.0 feed (RFC 4287), written as text: a small reusable writer. Give it entries; it sorts them
/// (newest first, then by ID), escapes every value and stamps dates from the records, never the clock.
///
/// Dates are days; a day is written as midnight at `utcOffset` (`2017-06-12T00:00:00+08:00`).
public struct AtomFeed: Sendable {
    public struct Category: Sendable, Hashable {
        public var term: String
        public var label: String?
        public init(term: String, label: String? = nil) {
            self.term = term
            self.label = label
        }
    }

    public struct Entry: Sendable {
        /// A stable IRI, such as a `TagURI`.
        public var id: String
        public var title: String
        public var updated: Day
        public var published: Day?
        /// The absolute URL of the page the entry is about.
        public var link: String
        /// Plain text.
        public var summary: String?
        public var categories: [Category]

        public init(id: String, title: String, updated: Day, published: Day? = nil, link: String, summary: String? = nil,
                    categories: [Category] = []) {
            self.id = id
            self.title = title
            self.updated = updated
            self.published = published
            self.link = link
            self.summary = summary
            self.categories = categories
        }
    }

    public var id: String
    public var title: String
    public var subtitle: String?
    /// The feed's own absolute URL (`rel="self"`).
    public var selfURL: String
    /// The absolute URL of the page the feed follows (`rel="alternate"`).
    public var pageURL: String
    public var author: String
    /// `zh-CN`, `en`: the feed's `xml:lang`.
    public var language: String
    public var entries: [Entry]
    /// When the feed has no entries: the date the data is current to.
    public var emptyUpdated: Day
    public var utcOffset: String
    /// Links to the feed's other documents (RFC 5005, feed paging and archiving): `prev-archive`,
    /// `next-archive`, `current`, each with its absolute URL.
    public var historyLinks: [(rel: String, href: String)] = []
    /// An archive document (RFC 5005 §4): marked `<fh:archive/>`; its entries do not change.
    public var isArchive = false

    public init(id: String, title: String, subtitle: String? = nil, selfURL: String, pageURL: String, author: String,
                language: String, entries: [Entry], emptyUpdated: Day, utcOffset: String = "+08:00") {
        self.id = id
        self.title = title
        self.subtitle = subtitle
        self.selfURL = selfURL
        self.pageURL = pageURL
        self.author = author
        self.language = language
        self.entries = entries
        self.emptyUpdated = emptyUpdated
        self.utcOffset = utcOffset
    }

    /// The newest entry's date, or `emptyUpdated` for a feed with no entries.
    public var updated: Day { entries.map(\.updated).max() ?? emptyUpdated }

    /// Entries newest first, then by ID: the same entries always come out in the same order.
    public var sortedEntries: [Entry] {
        entries.sorted { ($0.updated, $1.id) > ($1.updated, $0.id) }
    }

    /// RFC 3339: `2017-06-12T00:00:00+08:00`.
    public static func timestamp(_ day: Day, utcOffset: String = "+08:00") -> String {
        "\(day)T00:00:00\(utcOffset)"
    }

    public func xml() -> String {
        func text(_ name: String, _ value: String, _ indent: String) -> String {
            "\(indent)<\(name)>\(Escape.xml(value))</\(name)>\n"
        }
        func link(_ rel: String, _ type: String, _ href: String, _ indent: String) -> String {
            "\(indent)<link rel=\"\(rel)\" type=\"\(type)\" href=\"\(Escape.xml(href))\"/>\n"
        }
        var out = "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n"
        let history = isArchive ? " xmlns:fh=\"http://purl.org/syndication/history/1.0\"" : ""
        out += "<feed xmlns=\"http://www.w3.org/2005/Atom\"\(history) xml:lang=\"\(Escape.xml(language))\">\n"
        out += text("id", id, "  ")
        out += text("title", title, "  ")
        if let subtitle { out += text("subtitle", subtitle, "  ") }
        out += text("updated", Self.timestamp(updated, utcOffset: utcOffset), "  ")
        out += link("self", "application/atom+xml", selfURL, "  ")
        out += link("alternate", "text/html", pageURL, "  ")
        for history in historyLinks { out += link(history.rel, "application/atom+xml", history.href, "  ") }
        if isArchive { out += "  <fh:archive/>\n" }
        out += "  <author>\n" + text("name", author, "    ") + "  </author>\n"
        out += "  <generator>Gazette</generator>\n"
        for entry in sortedEntries {
            out += "  <entry>\n"
            out += text("id", entry.id, "    ")
            out += text("title", entry.title, "    ")
            out += text("updated", Self.timestamp(entry.updated, utcOffset: utcOffset), "    ")
            if let published = entry.published {
                out += text("published", Self.timestamp(published, utcOffset: utcOffset), "    ")
            }
            out += link("alternate", "text/html", entry.link, "    ")
            for category in entry.categories {
                out += "    <category term=\"\(Escape.xml(category.term))\""
                    + (category.label.map { " label=\"\(Escape.xml($0))\"" } ?? "") + "/>\n"
            }
            if let summary = entry.summary, !summary.isEmpty { out += text("summary", summary, "    ") }
            out += "  </entry>\n"
        }
        return out + "</feed>\n"
    }
}

/// A stable, unique ID for a feed or an entry (RFC 4151): `tag:HOST,DATE:PATH`, from the base URL's host and
/// path and the page's path (`tag:mzt.example.gov.cn,2017:/gmfw/projects/qh2017-xn-001/#contract`). The same
/// base URL, date and path always give the same ID.
public enum TagURI {
    /// - `date`: `YYYY` or `YYYY-MM-DD`, a date at which the site's owner held the host (Gazette uses the
    ///   programme's year, from programme.yaml).
    /// - `path`: a path inside the site, without a leading `/`, optionally with a `#fragment`.
    public static func make(baseURL: String, date: String, path: String) -> String {
        prefix(baseURL: baseURL, date: date) + path
    }

    /// The part of every tag of a site before its path (`tag:HOST,DATE:/BASE/`): made once by a feed's notice
    /// entries rather than parsed from the base URL for each.
    public static func prefix(baseURL: String, date: String) -> String {
        var rest = Substring(baseURL)
        if let scheme = rest.range(of: "://") { rest = rest[scheme.upperBound...] }
        let authority = rest.prefix { $0 != "/" }
        let basePath = rest.dropFirst(authority.count)
        var host = authority.split(separator: "@").last.map(String.init) ?? ""
        var port = ""
        if let colon = host.lastIndex(of: ":"), !host.hasSuffix("]") {
            port = String(host[host.index(after: colon)...])
            host = String(host[..<colon])
        }
        // A port is not part of a tag's authority; it goes into the specific part so that two sites on one
        // host keep apart.
        let prefix = port.isEmpty ? "" : ":\(port)"
        let sitePath = basePath.isEmpty ? "/" : String(basePath)
        return "tag:\(host.lowercased()),\(date):\(prefix)\(sitePath)"
    }
}
