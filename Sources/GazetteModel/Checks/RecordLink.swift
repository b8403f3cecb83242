/// A link from Markdown to a record: `project:ID`, `organization:ID`, `region:CODE`, `notice:SLUG`, `page:SLUG`.
public struct RecordLink: Hashable, Sendable {
    public enum Kind: String, Sendable, CaseIterable {
        case project, organization, region, notice, page
    }
    public var kind: Kind
    public var id: String
    /// `#section` after the ID, kept for the page's URL.
    public var fragment: String?

    /// Notice IDs the notices index uses for its own pages (`/notices/page/2/`, `/notices/kind/publicity/`).
    public static let reservedNoticeSlugs: Set<String> = ["page", "kind"]

    /// Parses a link's destination; nil when it is an ordinary URL (no record scheme).
    public init?(_ url: String) {
        // ASCII text, read from the bytes: each byte is a Character there (a "\r\n" pair aside, which
        // holds neither ":" nor "#").
        let utf8 = url.utf8
        if utf8.allSatisfy({ $0 < 0x80 }) {
            guard let colon = utf8.firstIndex(of: UInt8(ascii: ":")),
                  let kind = Kind(rawValue: String(url[..<colon])) else { return nil }
            self.kind = kind
            let rest = utf8.index(after: colon)
            if let hash = utf8[rest...].firstIndex(of: UInt8(ascii: "#")) {
                fragment = String(url[utf8.index(after: hash)...])
                id = String(url[rest..<hash])
            } else {
                id = String(url[rest...])
            }
            return
        }
        guard let colon = url.firstIndex(of: ":"), let kind = Kind(rawValue: String(url[..<colon])) else { return nil }
        self.kind = kind
        var rest = url[url.index(after: colon)...]
        if let hash = rest.firstIndex(of: "#") {
            fragment = String(rest[rest.index(after: hash)...])
            rest = rest[..<hash]
        }
        id = String(rest)
    }
}
