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

    /// The site-wide feeds carry the newest entries only; the older ones go into archive documents.
    package var isSiteWide: Bool {
        switch self {
        case .notices, .changes: return true
        case .region, .project: return false
        }
    }

    /// Archive document `number` (from 1, the oldest entries) of a site-wide feed (RFC 5005):
    /// `feeds/archive/notices-1.atom`.
    package func archivePath(_ number: Int) -> String {
        let name = path.dropFirst("feeds/".count).dropLast(".atom".count)
        return "feeds/archive/\(name)-\(number).atom"
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
