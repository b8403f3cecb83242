import Foundation
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
    /// Each notice's summary for feed entries, made once, by the first feed that needs them (a notice appears in
    /// many feeds): not while the jobs are listed, which `serve` does before the reload.
    private let summaryTable: SummaryTable
    private var summaries: [String: String] { summaryTable.all }
    /// `TagURI.prefix` of the site: a notice entry's ID is this and its path.
    private let tagPrefix: String

    /// `noticeSummaries: false` for a feed without notices (the changes feed): a summary costs a Markdown pass.
    package init(site: ResolvedSite, strings: Strings, baseURL: String, noticeSummaries: Bool = true) {
        self.site = site
        self.strings = strings
        self.baseURL = baseURL
        tagPrefix = TagURI.prefix(baseURL: baseURL, date: String(site.programme.year))
        let notices = noticeSummaries ? site.notices : []
        summaryTable = SummaryTable {
            let made = ParallelMap.run(notices.map { notice in
                { @Sendable in notice.summary ?? PlainText.firstParagraph(notice.body) ?? strings.text("noticeKinds.\(notice.kind.rawValue)") }
            })
            return Dictionary(zip(notices.map(\.slug), made), uniquingKeysWith: { first, _ in first })
        }
    }

    /// Every feed as jobs: the notices, each region, and the projects' feeds in groups (one job per feed would
    /// cost more in scheduling than a small feed takes to make).
    package func jobs() -> [OutputJob] {
        let feeds: [Feed] = [.notices] + (site.regions.cities + site.regions.counties).map { .region($0) }
            + site.projects.map { .project($0) }
        let groupSize = 64
        return stride(from: 0, to: feeds.count, by: groupSize).map { start in
            let group = Array(feeds[start..<min(start + groupSize, feeds.count)])
            var job = OutputJob(page: nil, kind: "feeds") { [self] sink in
                for feed in group { documents(feed).forEach(sink.put) }
            }
            // Named by the feeds it makes, so a group that changed makes its feeds again.
            job.identity = "feeds:" + StableHash.hex(StableHash.of(group.map(\.path).joined(separator: "\n")))
            job.dependencies = group.reduce(into: []) { $0.formUnion(Self.dependencies(of: $1)) }
            return job
        }
    }

    /// What a feed shows, as `PageDependencies` keys: its notices (their titles and summaries) and, for a
    /// project, the project's own dated steps, as the project's page shows them.
    static func dependencies(of feed: Feed) -> Set<String> {
        switch feed {
        case .notices: return ["notices"]
        case let .region(region): return ["notices-for:region:\(region.code)"]
        case let .project(project): return PageDependencies.of(project: project)
        case .changes: return [PageDependencies.everything]
        }
    }

    /// How many entries a site-wide feed carries (issue 16: a feed reader fetches it often; the older entries
    /// are in its archive documents, which do not change once full).
    static let newestEntries = 50

    /// A feed's files: the feed; for a site-wide feed with more than `newestEntries` entries, the newest of
    /// them, linked (`prev-archive`) to archive documents of `newestEntries` each, filled from the oldest.
    /// Each archive links the one before and after it and the feed (`current`), and says it is an archive.
    func documents(_ feed: Feed) -> [OutputFile] {
        var whole = atom(feed)
        let size = Self.newestEntries
        guard feed.isSiteWide, whole.entries.count > size else { return [OutputFile(path: feed.path, text: whole.xml())] }
        let sorted = whole.sortedEntries
        let older = Array(sorted.dropFirst(size).reversed())
        let archiveCount = (older.count + size - 1) / size
        let c = PageContext(site: site, strings: strings, path: feed.path, baseURL: baseURL)
        var files: [OutputFile] = []
        for number in 1...archiveCount {
            var archive = whole
            archive.entries = Array(older[(number - 1) * size..<min(number * size, older.count)])
            archive.selfURL = c.absoluteURL(feed.archivePath(number))
            archive.id = c.tagURI(feed.archivePath(number))
            archive.isArchive = true
            archive.historyLinks = [("current", whole.selfURL)]
            if number > 1 { archive.historyLinks.append(("prev-archive", c.absoluteURL(feed.archivePath(number - 1)))) }
            if number < archiveCount { archive.historyLinks.append(("next-archive", c.absoluteURL(feed.archivePath(number + 1)))) }
            files.append(OutputFile(path: feed.archivePath(number), text: archive.xml()))
        }
        whole.entries = Array(sorted.prefix(size))
        whole.historyLinks = [("prev-archive", c.absoluteURL(feed.archivePath(archiveCount)))]
        return [OutputFile(path: feed.path, text: whole.xml())] + files
    }

    func atom(_ feed: Feed) -> AtomFeed {
        let c = PageContext(site: site, strings: strings, path: feed.path, baseURL: baseURL)
        let entries: [AtomFeed.Entry]
        let subtitle: String
        // Read once (behind a lock), not once per entry.
        let summaries: [String: String]
        if case .changes = feed { summaries = [:] } else { summaries = self.summaries }
        switch feed {
        case let .changes(publications):
            entries = publications.map { changeEntry($0, c) }
            subtitle = strings.text("feeds.changesSubtitle")
        case .notices:
            entries = site.notices.map { noticeEntry($0, c, summaries) }
            subtitle = strings.text("feeds.noticesSubtitle")
        case let .region(region):
            entries = site.notices(naming: .region, region.code).map { noticeEntry($0, c, summaries) }
            subtitle = strings.format("feeds.regionSubtitle", ["region": c.name(region)])
        case let .project(p):
            entries = site.notices(naming: .project, p.id).map { noticeEntry($0, c, summaries) } + c.projectEvents(p)
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

    func noticeEntry(_ notice: Notice, _ c: PageContext, _ summaries: [String: String]) -> AtomFeed.Entry {
        let path = Routes.notice(notice.slug)
        let kind = strings.text("noticeKinds.\(notice.kind.rawValue)")
        // `c.tagURI(path)`: `c` has this site and base URL.
        return AtomFeed.Entry(id: tagPrefix + path, title: notice.title, updated: notice.date, published: notice.date,
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

/// The notices' summaries, made once on first use.
/// `@unchecked Sendable`: `made` is read and written only with `lock` held.
final class SummaryTable: @unchecked Sendable {
    private let lock = NSLock()
    private var made: [String: String]?
    private let make: @Sendable () -> [String: String]

    init(_ make: @escaping @Sendable () -> [String: String]) { self.make = make }

    var all: [String: String] {
        lock.lock()
        defer { lock.unlock() }
        if let made { return made }
        let table = make()
        made = table
        return table
    }
}
