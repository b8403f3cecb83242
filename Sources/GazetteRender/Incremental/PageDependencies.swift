import GazetteModel

/// What each page shows, as keys: a page is rendered again only when one of its keys changed.
/// A key names a record (`project:ID`), a set (`projects-in:CODE`) or a list (`notices`). A page of a kind
/// not listed here depends on `*`: it is rendered every time, which is always correct.
enum PageDependencies {
    static let everything = "*"
    /// The pages that sum or list every project: the home page, the indexes, the catalogue.
    static let aggregates = "aggregate"

    static func of(path: String, site: ResolvedSite) -> Set<String> {
        let parts = path.split(separator: "/").map(String.init)
        switch (parts.first, parts.count) {
        case (nil, _): return [aggregates, "notices", "findings"]
        case ("projects", 1), ("organizations", 1), ("services", 1): return [aggregates]
        case ("findings", 1): return ["findings"]
        case ("404.html", 1): return []
        case ("regions", 2):
            return ["projects-in:\(parts[1])", "notices-for:region:\(parts[1])", "findings:region:\(parts[1])"]
        case ("organizations", 2):
            let id = parts[1]
            return ["organization:\(id)", "projects-of:\(id)", "notices-for:organization:\(id)", "findings-of-organization:\(id)"]
        case ("projects", 2):
            let id = parts[1]
            var keys: Set<String> = ["project:\(id)", "notices-for:project:\(id)", "findings:project:\(id)"]
            if let project = site.project(id) { keys.insert("organization:\(project.project.organization)") }
            return keys
        case ("services", 2): return ["projects-with-service:\(parts[1])"]
        case ("groups", 2): return ["projects-for-group:\(parts[1])"]
        case ("notices", _) where parts.count >= 2 && (parts[1] == "page" || parts[1] == "kind"): return ["notices"]
        case ("notices", 1): return ["notices"]
        case ("notices", 2):
            guard let notice = site.notice(parts[1]) else { return [everything] }
            return Set(["notice:\(notice.slug)"] + notice.projects.map { "project:\($0)" }
                + notice.organizations.map { "organization:\($0)" } + notice.regions.map { "region:\($0)" })
        case ("pages", 2): return ["page:\(parts[1])"]
        default: return [everything]
        }
    }

    /// The keys a project's record touches: itself, the places, organization and catalogue entries it counts in.
    static func keys(of project: ResolvedProject) -> Set<String> {
        var keys: Set<String> = ["project:\(project.id)", aggregates, "projects-of:\(project.project.organization)",
                                 "projects-in:\(project.project.county)", "findings"]
        if let city = project.city { keys.insert("projects-in:\(city.code)") }
        for service in project.project.services { keys.insert("projects-with-service:\(service)") }
        for group in project.project.targetGroups { keys.insert("projects-for-group:\(group)") }
        return keys
    }

    /// The keys a notice touches: the lists, itself, and every record it names or links to.
    static func keys(of notice: Notice, links: [String]) -> Set<String> {
        var keys: Set<String> = ["notice:\(notice.slug)", "notices"]
        for id in notice.projects { keys.insert("notices-for:project:\(id)") }
        for id in notice.organizations { keys.insert("notices-for:organization:\(id)") }
        for code in notice.regions { keys.insert("notices-for:region:\(code)") }
        for link in links { if let target = RecordLink(link) { keys.insert("notices-for:\(target.kind.rawValue):\(target.id)") } }
        return keys
    }
}
