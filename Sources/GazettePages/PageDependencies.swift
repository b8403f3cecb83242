import GazetteModel
import GazetteOutput
import GazetteSite

/// What each page shows, as keys: a page is rendered again only when one of its keys changed.
/// A key names a record (`project:ID`), a set (`projects-in:CODE`) or a list (`notices`). Each page declares
/// its keys where it is defined (`SiteRenderer.jobs()`); a page that declares none depends on `*`: it is
/// rendered every time, which is always correct.
package enum PageDependencies {
    package static let everything = OutputJob.everything
    /// The pages that sum or list every project: the home page, the indexes, the catalogue.
    package static let aggregates = "aggregate"

    /// The home page: the totals, the newest notices (their list rows), the findings.
    package static let home: Set<String> = [aggregates, noticeList, noticeRows, "findings"]

    // MARK: Notices as lists show them
    //
    // `notices` is touched by every change to a notice (the files that show notices' text depend on it). The
    // lists of notices (the notices index, the home page, the notices of a project, organization or region, and
    // their feeds) show only each notice's row — title, date, kind, summary (or the body's first paragraph), draft,
    // publicity period — so they depend on finer keys, and a change to the rest of a notice's body re-renders only
    // its own page (`SiteKeys.dirtyKeys`).

    /// The order and kinds of the listed notices (which notice falls on which index page, the pager, the kinds).
    package static let noticeList = "notice-list"
    /// Touched when any notice's row changes.
    package static let noticeRows = "notice-rows"
    /// Touched when this notice's row changes.
    package static func noticeRow(_ slug: String) -> String { "notice-row:\(slug)" }

    package static func of(region code: String) -> Set<String> {
        ["projects-in:\(code)", "notices-for:region:\(code)", "findings:region:\(code)"]
    }

    package static func of(organization id: String) -> Set<String> {
        ["organization:\(id)", "projects-of:\(id)", "notices-for:organization:\(id)", "findings-of-organization:\(id)"]
    }

    package static func of(project: ResolvedProject) -> Set<String> {
        ["project:\(project.id)", "notices-for:project:\(project.id)", "findings:project:\(project.id)",
         "organization:\(project.project.organization)"]
    }

    package static func of(notice: Notice) -> Set<String> {
        Set(["notice:\(notice.slug)"] + notice.projects.map { "project:\($0)" }
            + notice.organizations.map { "organization:\($0)" } + notice.regions.map { "region:\($0)" })
    }

    /// The keys a project's record touches: itself, the places, organization and catalogue entries it counts in.
    package static func keys(of project: ResolvedProject) -> Set<String> {
        var keys: Set<String> = ["project:\(project.id)", aggregates, "projects-of:\(project.project.organization)",
                                 "projects-in:\(project.project.county)", "findings"]
        if let city = project.city { keys.insert("projects-in:\(city.code)") }
        for service in project.project.services { keys.insert("projects-with-service:\(service)") }
        for group in project.project.targetGroups { keys.insert("projects-for-group:\(group)") }
        return keys
    }

    /// The keys a notice touches: the lists, itself, and every record it names or links to.
    package static func keys(of notice: Notice, links: [String]) -> Set<String> {
        var keys: Set<String> = ["notice:\(notice.slug)", "notices"]
        for id in notice.projects { keys.insert("notices-for:project:\(id)") }
        for id in notice.organizations { keys.insert("notices-for:organization:\(id)") }
        for code in notice.regions { keys.insert("notices-for:region:\(code)") }
        for link in links { if let target = RecordLink(link) { keys.insert("notices-for:\(target.kind.rawValue):\(target.id)") } }
        return keys
    }
}

// MARK: What the data files show of the notices (h16l)

extension PageDependencies {
    /// Touched when what `data/site.json` shows of a notice changed — everything but its body (slug, title, date,
    /// kind, the records it names, publicity period, draft, summary) — or a notice came or went. A paragraph
    /// edited in a notice's body leaves it untouched, and so keeps `site.json` and its gzip copy.
    package static let noticesShown = "notices-shown"

    /// Touched when the records a notice names or links to changed (its `keys(of:links:)`), or a notice came or
    /// went: the pages dated by the notices naming them change their `lastmod` in the sitemap.
    package static let noticesNaming = "notices-naming"

    /// The sitemap: every page's path (the records, the notices and their index pages, the findings' pages) and
    /// its last content date (the records' dates, the dates of the notices naming them). A free page's set and
    /// titles are the menu, whose change makes everything again.
    package static let sitemap: Set<String> = [aggregates, "findings", noticesShown, noticesNaming]

    /// What `noticesShown` covers of one notice, as text: every field but the body and the field positions.
    package static func shownText(of notice: Notice) -> String {
        var text = "\(notice.slug)\u{1}\(notice.title)\u{1}\(notice.date)\u{1}\(notice.kind.rawValue)\u{1}\(notice.draft)"
        text += "\u{1}\(notice.summary ?? "\u{2}")\u{1}\(notice.publicityPeriod.map { "\($0.start)/\($0.end)" } ?? "")"
        for list in [notice.regions, notice.projects, notice.organizations] { text += "\u{1}" + list.joined(separator: "\u{3}") }
        return text
    }
}
