import GazetteModel

/// A feed of the site: where it is and the page it follows (`SiteFeeds` in GazetteMachineFiles makes them; a
/// page's `<head>` links to them).
package enum SiteFeed {
    case notices
    case region(Region)
    case project(ResolvedProject)
    /// The publication record: one entry per publication (`feeds/changes.atom`).
    case changes([ChangeEntry])

    package var path: String {
        switch self {
        case .changes: return "feeds/changes.atom"
        case .notices: return "feeds/notices.atom"
        case let .region(region): return "feeds/regions/\(region.code).atom"
        case let .project(project): return "feeds/projects/\(project.id).atom"
        }
    }

    /// The page the feed follows.
    package var pagePath: String {
        switch self {
        case .changes: return "changes/"
        case .notices: return "notices/"
        case let .region(region): return Routes.region(region.code)
        case let .project(project): return Routes.project(project.id)
        }
    }

    /// The feeds a page links to: the home page and the notices pages → all notices; a region or a project → its own.
    package static func feeds(forPage path: String, site: ResolvedSite) -> [SiteFeed] {
        let parts = path.split(separator: "/").map(String.init)
        if path.isEmpty || parts.first == "notices" { return [.notices] }
        if path == "changes/" { return [.changes([])] }
        guard parts.count == 2 else { return [] }
        switch parts[0] {
        case "regions": return site.regions[parts[1]].map { [.region($0)] } ?? []
        case "projects": return site.project(parts[1]).map { [.project($0)] } ?? []
        default: return []
        }
    }
}
