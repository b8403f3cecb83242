import GazetteModel
import GazetteSite

extension SiteFeed {
    /// The feed's title, in the site's language.
    package func title(_ c: PageContext) -> String {
        switch self {
        case .changes: return c.strings.format("feeds.changes", ["site": c.site.site.title])
        case .notices: return c.strings.format("feeds.notices", ["site": c.site.site.title])
        case let .region(region): return c.strings.format("feeds.region", ["region": c.name(region)])
        case let .project(p): return c.strings.format("feeds.project", ["project": p.project.title])
        }
    }
}
