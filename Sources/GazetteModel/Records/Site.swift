/// `site.yaml`: the site itself.
public struct Site: Sendable {
    public struct Contact: Sendable, Hashable {
        public var phone: String?
        public var email: String?
        public var address: String?
        public init(phone: String? = nil, email: String? = nil, address: String? = nil) {
            self.phone = phone
            self.email = email
            self.address = address
        }
    }

    /// The licence the open data is published under (`license: {name, url}`).
    public struct License: Sendable, Hashable {
        public var name: String
        /// An absolute http(s) URL of the licence's text.
        public var url: String
        public init(name: String, url: String) {
            self.name = name
            self.url = url
        }
    }

    public var title: String
    /// Absolute http(s) URL, always ending in `/`; the site may live under a sub-path.
    public var baseURL: String
    /// `zh-CN` or `en`.
    public var language: String
    public var publisher: String
    public var contact: Contact
    public var ocidPrefix: String?
    public var asOf: Day?
    public var sample: Bool
    public var publishFindings: Bool
    /// A sentence about the site, for search engines and feeds.
    public var description: String?
    /// The open data's licence, when given.
    public var license: License?
    /// The site-wide hotline (12345政务服务便民热线), on every project page's contact block.
    public var hotline: GazetteModel.Contact?
    /// How many rows a list page shows (`page_size`, issue 16): longer lists go on to `page/2/`…; the totals
    /// above a list are always the whole list's.
    public var pageSize: Int = Site.defaultPageSize
    public static let defaultPageSize = 100
    public var locations: FieldLocations

    public init(title: String, baseURL: String, language: String = "zh-CN", publisher: String,
                contact: Contact = Contact(), ocidPrefix: String? = nil, asOf: Day? = nil, sample: Bool = false,
                publishFindings: Bool = true, locations: FieldLocations) {
        self.title = title
        self.baseURL = baseURL
        self.language = language
        self.publisher = publisher
        self.contact = contact
        self.ocidPrefix = ocidPrefix
        self.asOf = asOf
        self.sample = sample
        self.publishFindings = publishFindings
        self.locations = locations
    }
}
