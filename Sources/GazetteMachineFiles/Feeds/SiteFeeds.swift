import GazetteModel
import GazetteOutput
import GazettePages
import GazetteSite
import GazetteTemplates

/// The site's Atom feeds: every notice (`feeds/notices.atom`), the notices naming each city and county
/// (`feeds/regions/CODE.atom`), and each project's notices and dated steps (`feeds/projects/ID.atom`).
package struct SiteFeeds {
    typealias Feed = SiteFeed

    let site: ResolvedSite
    let strings: Strings
    let baseURL: String
    /// Each notice's summary for feed entries, made once: a notice appears in many feeds.
    private let summaries: [String: String]

    /// `noticeSummaries: false` for a feed without notices (the changes feed): a summary costs a Markdown pass.
    package init(site: ResolvedSite, strings: Strings, baseURL: String, noticeSummaries: Bool = true) {
        self.site = site
        self.strings = strings
        self.baseURL = baseURL
        let notices = noticeSummaries ? site.notices : []
        let made = ParallelMap.run(notices.map { notice in
            { @Sendable in notice.summary ?? PlainText.firstParagraph(notice.body) ?? strings.text("noticeKinds.\(notice.kind.rawValue)") }
        })
        summaries = Dictionary(zip(notices.map(\.slug), made), uniquingKeysWith: { first, _ in first })
    }

    /// Every feed as jobs: the notices, each region, and the projects' feeds in groups (one job per feed would
    /// cost more in scheduling than a small feed takes to make).
    package func jobs() -> [OutputJob] {
        let feeds: [Feed] = [.notices] + (site.regions.cities + site.regions.counties).map { .region($0) }
            + site.projects.map { .project($0) }
        let groupSize = 64
        return stride(from: 0, to: feeds.count, by: groupSize).map { start in
            let group = Array(feeds[start..<min(start + groupSize, feeds.count)])
            return OutputJob(page: nil, kind: "feeds") { [self] sink in
                for feed in group { sink.put(OutputFile(path: feed.path, text: atom(feed).xml())) }
            }
        }
    }

    func atom(_ feed: Feed) -> AtomFeed {
        let c = PageContext(site: site, strings: strings, path: feed.path, baseURL: baseURL)
        let entries: [AtomFeed.Entry]
        let subtitle: String
        switch feed {
        case let .changes(publications):
            entries = publications.map { changeEntry($0, c) }
            subtitle = strings.text("feeds.changesSubtitle")
        case .notices:
            entries = site.notices.map { noticeEntry($0, c) }
            subtitle = strings.text("feeds.noticesSubtitle")
        case let .region(region):
            entries = site.notices(naming: .region, region.code).map { noticeEntry($0, c) }
            subtitle = strings.format("feeds.regionSubtitle", ["region": c.name(region)])
        case let .project(p):
            entries = site.notices(naming: .project, p.id).map { noticeEntry($0, c) } + c.projectEvents(p)
            subtitle = strings.text("feeds.projectSubtitle")
        }
        return AtomFeed(id: c.tagURI(feed.path), title: feed.title(c), subtitle: subtitle,
                        selfURL: c.absoluteURL(feed.path), pageURL: c.absoluteURL(feed.pagePath),
                        author: site.site.publisher, language: site.site.language, entries: entries,
                        emptyUpdated: site.asOf)
    }

    /// One publication: what it added, changed and removed, linked to its part of the changes page.
    func changeEntry(_ change: ChangeEntry, _ c: PageContext) -> AtomFeed.Entry {
        let path = "changes/#\(ChangeEntry.anchor(change.number))"
        let count = { (kind: PublicationDiff.Kind) in String(change.diff.records.filter { $0.kind == kind }.count) }
        let summary = change.isFirst
            ? strings.format("changes.firstSummary", ["projects": String(change.projects), "organizations": String(change.organizations),
                                                      "notices": String(change.notices), "ledger": String(change.ledgerRows)])
            : strings.format("feeds.changesSummary", ["added": count(.added), "changed": count(.changed), "removed": count(.removed),
                                                      "ledger": String(change.diff.ledgerAdded.count)])
        return AtomFeed.Entry(id: c.tagURI(path), title: strings.format("changes.publication", ["n": String(change.number)]),
                              updated: change.date, published: change.date, link: c.absoluteURL(path), summary: summary,
                              categories: [])
    }

    func noticeEntry(_ notice: Notice, _ c: PageContext) -> AtomFeed.Entry {
        let path = Routes.notice(notice.slug)
        let kind = strings.text("noticeKinds.\(notice.kind.rawValue)")
        return AtomFeed.Entry(id: c.tagURI(path), title: notice.title, updated: notice.date, published: notice.date,
                              link: c.absoluteURL(path), summary: summaries[notice.slug] ?? kind,
                              categories: [AtomFeed.Category(term: notice.kind.rawValue, label: kind)])
    }
}

extension PageContext {
    /// The stable ID of a page or a part of one: `tag:HOST,YEAR:/BASE/PATH`, dated with the programme's year.
    func tagURI(_ sitePath: String) -> String {
        TagURI.make(baseURL: baseURL, date: String(site.programme.year), path: sitePath)
    }
}
