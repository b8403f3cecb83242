import GazetteModel
import GazettePages
import GazetteSite

/// The last content date of each page, for the sitemap's `lastmod`: the latest date among the records the page
/// shows (a project's steps and ledger rows, the notices naming a record), never later than the as-of date; the
/// as-of date itself for pages that show no dated record.
struct PageDates {
    let site: ResolvedSite
    private let projectDates: [String: Day]
    /// The newest date over every project, computed once.
    private let allProjects: Day?
    /// The notices of each kind, newest first.
    private let noticesByKind: [Notice.Kind: [Notice]]

    init(site: ResolvedSite) {
        self.site = site
        var projectDates: [String: Day] = [:]
        for p in site.projects {
            let project = p.project
            var days: [Day?] = [project.applied, project.needsAssessment?.date, project.contract?.date,
                                project.midterm?.date, project.midterm?.spotCheck?.date, project.final?.date,
                                site.notices(naming: .project, p.id).first?.date]
            if let deadline = project.midterm?.rectification?.deadline, deadline <= site.asOf { days.append(deadline) }
            days += p.ledger.map(\.date)
            if let latest = days.compactMap({ $0 }).max() { projectDates[p.id] = latest }
        }
        self.projectDates = projectDates
        allProjects = projectDates.values.max()
        noticesByKind = Dictionary(grouping: site.notices, by: \.kind)
    }

    /// The latest of these dates, capped at the as-of date; the as-of date when there is none.
    private func latest(_ days: [Day?]) -> Day {
        min(days.compactMap { $0 }.max() ?? site.asOf, site.asOf)
    }

    private func projects(_ list: [ResolvedProject]) -> Day? { list.compactMap { projectDates[$0.id] }.max() }

    /// The last content date of each page at `paths`, in order: each list dated once for all its pages. `lastmod`
    /// page by page went over a city's (or a service's) projects again for each of the list's pages, which grew
    /// with the square of the province (the sitemap took 3.4× the time for twice the projects).
    func lastmods(_ paths: [String]) -> [Day] {
        var lists: [[String]: Day] = [:]
        return paths.map { path in
            let parts = Self.listParts(path)
            if let known = lists[parts] { return known }
            let day = lastmod(parts: parts)
            lists[parts] = day
            return day
        }
    }

    /// The last content date of the page at `path` (`projects/x/`, `notices/kind/publicity/page/2/`).
    func lastmod(_ path: String) -> Day { lastmod(parts: Self.listParts(path)) }

    /// The path's parts, a later page of a list (`regions/630100/page/2/`) as the list, since it is dated as the
    /// list (the notices' pages are dated by their own notices, so they keep their page).
    private static func listParts(_ path: String) -> [String] {
        var parts = path.split(separator: "/").map(String.init)
        if parts.first != "notices", parts.count >= 2, parts[parts.count - 2] == "page", Int(parts[parts.count - 1]) != nil {
            parts.removeLast(2)
        }
        return parts
    }

    private func lastmod(parts: [String]) -> Day {
        let all = allProjects
        switch (parts.first ?? "", parts.count) {
        case ("", _), ("search", _):
            return latest([all, site.notices.first?.date])
        case ("projects", 2):
            return latest([projectDates[parts[1]]])
        case ("organizations", 2):
            let violations = site.organization(parts[1])?.violations.map(\.date) ?? []
            return latest([projects(site.projects(of: parts[1])), site.notices(naming: .organization, parts[1]).first?.date] + violations)
        case ("regions", 2):
            return latest([site.regions[parts[1]].flatMap { projects(site.projects(in: $0)) }, site.notices(naming: .region, parts[1]).first?.date])
        case ("services", 2):
            return latest([projects(site.projects(withService: parts[1]))])
        case ("groups", 2):
            return latest([projects(site.projects(forGroup: parts[1]))])
        case ("notices", _):
            return noticesLastmod(parts)
        case ("projects", _), ("organizations", _), ("services", _):
            return latest([all])
        default:
            return site.asOf
        }
    }

    /// A notice: its own date and the projects it lists. An index page: the newest notice on it.
    private func noticesLastmod(_ parts: [String]) -> Day {
        if parts.count == 2, let notice = site.notice(parts[1]) {
            return latest([notice.date, projects(notice.projects.compactMap { site.project($0) })])
        }
        var notices = site.notices
        var rest = parts.dropFirst()
        if rest.first == "kind", rest.count >= 2, let kind = Notice.Kind(rawValue: rest[rest.startIndex + 1]) {
            notices = noticesByKind[kind] ?? []
            rest = rest.dropFirst(2)
        }
        var page = 1
        if rest.first == "page", rest.count == 2, let number = Int(rest[rest.startIndex + 1]) { page = number }
        let shown = notices.dropFirst((page - 1) * SiteRenderer.noticesPerPage).prefix(SiteRenderer.noticesPerPage)
        return latest([shown.map(\.date).max()])
    }
}
