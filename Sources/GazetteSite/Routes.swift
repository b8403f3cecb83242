import GazetteModel

/// Where each record's page is, relative to the site's root: the one routing table. The page jobs, the links
/// in pages, the feeds, the search index and the open data all take their paths from here.
package enum Routes {}

package extension Routes {
    static func project(_ id: String) -> String { "projects/\(id)/" }
    static func organization(_ id: String) -> String { "organizations/\(id)/" }
    /// A city's or county's page; the province's page is the home page (`region(_:in:)`).
    static func region(_ code: String) -> String { "regions/\(code)/" }
    static func notice(_ slug: String) -> String { "notices/\(slug)/" }
    static func page(_ slug: String) -> String { "pages/\(slug)/" }
    static func service(_ key: String) -> String { "services/\(key)/" }
    static func group(_ key: String) -> String { "groups/\(key)/" }
    /// A community's page (`630102-dongguan-dajie`, see `Community.slug`).
    static func community(_ slug: String) -> String { "communities/\(slug)/" }

    /// A region's page, the home page for the province.
    static func region(_ code: String, in regions: Regions) -> String { code == regions.province.code ? "" : region(code) }

    /// The page a record link (`project:ID`, without its fragment) leads to.
    static func record(_ link: RecordLink, in regions: Regions) -> String {
        switch link.kind {
        case .project: return project(link.id)
        case .organization: return organization(link.id)
        case .region: return region(link.id, in: regions)
        case .notice: return notice(link.id)
        case .page: return page(link.id)
        }
    }
}
