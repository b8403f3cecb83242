/// How a resident reaches someone: a bureau, a provider, a residents' committee, the hotline. Every field is
/// optional; the reader checks the phone, email and web address (`ContactReader`).
public struct Contact: Sendable, Hashable {
    /// Who answers (城东区民政局, 东关大街社区居委会), when it is not the record's own name.
    public var name: String?
    public var phone: String?
    public var email: String?
    public var address: String?
    /// Office hours as written (周一至周五 8:30–12:00, 14:30–18:00).
    public var hours: String?
    /// An absolute http(s) address.
    public var web: String?

    public init(name: String? = nil, phone: String? = nil, email: String? = nil, address: String? = nil,
                hours: String? = nil, web: String? = nil) {
        self.name = name
        self.phone = phone
        self.email = email
        self.address = address
        self.hours = hours
        self.web = web
    }

    /// True when there is no way to reach anyone (a name alone is not a contact).
    public var isEmpty: Bool { phone == nil && email == nil && address == nil && web == nil }

    /// The `tel:` address of a phone number as written: its digits, with a leading `+` and `-` kept
    /// (RFC 3966 visual separators); spaces and brackets dropped.
    public static func telURI(_ phone: String) -> String {
        "tel:" + String(phone.filter { $0.isASCII && ($0.isNumber || $0 == "+" || $0 == "-") })
    }
}

/// A community (社区, with its residents' committee 居委会) of a county: listed in `regions.yaml` under its
/// county, or only named by projects' `communities`. Its page is `communities/COUNTY-KEY/`.
public struct Community: Sendable, Hashable {
    public var name: String
    /// The county's code.
    public var county: String
    /// `key` as written in `regions.yaml`, or a stable hash of the name for a community only projects name.
    public var key: String
    public var contact: Contact?
    public var location: SourceLocation?

    public init(name: String, county: String, key: String? = nil, contact: Contact? = nil, location: SourceLocation? = nil) {
        self.name = name
        self.county = county
        self.key = key ?? Community.derivedKey(name)
        self.contact = contact
        self.location = location
    }

    /// The page's path segment: `630102-dongguan`.
    public var slug: String { "\(county)-\(key)" }

    /// A key for a community that `regions.yaml` does not list: the same name gives the same key in every build.
    public static func derivedKey(_ name: String) -> String {
        String(StableHash.hex(StableHash.of(name)).prefix(8))
    }
}
