import GazetteMarkdown
import GazetteModel

/// A project with everything derived: its status, its money, its organization and places, its ledger rows.
/// A class, so that the many lists of projects (by county, by organization…) share it instead of copying it.
public final class ResolvedProject: Sendable {
    public let project: Project
    public let status: ProjectStatus
    public let money: ProjectMoney
    public let organization: Organization?
    public let county: Region?
    public let city: Region?
    /// Its ledger rows, oldest first.
    public let ledger: [LedgerEntry]
    public var id: String { project.id }

    init(project: Project, status: ProjectStatus, money: ProjectMoney, organization: Organization?, county: Region?,
         city: Region?, ledger: [LedgerEntry]) {
        self.project = project
        self.status = status
        self.money = money
        self.organization = organization
        self.county = county
        self.city = city
        self.ledger = ledger
    }
}

/// Money and counts over a set of projects. Every total is the sum of its rows, to the fen.
public struct Totals: Sendable {
    public var projects = 0
    public var organizations = 0
    public var contracted = Yuan.zero
    public var paid = Yuan.zero
    public var recovered = Yuan.zero
    public var toPay = Yuan.zero
    public var toRecover = Yuan.zero
    public var byStatus: [ProjectStatus: Int] = [:]
    public var net: Yuan { paid - recovered }

    /// Amounts are at most `Yuan.maximum` each, so a million projects' sums stay inside Int64.
    public init(_ projects: [ResolvedProject]) {
        self.projects = projects.count
        organizations = Set(projects.map(\.project.organization)).count
        var contracted: Int64 = 0, paid: Int64 = 0, recovered: Int64 = 0, toPay: Int64 = 0, toRecover: Int64 = 0
        for p in projects {
            contracted += p.project.amount.fen
            paid += p.money.paid.fen
            recovered += p.money.recovered.fen
            toPay += p.money.toPay.fen
            toRecover += p.money.toRecover.fen
            byStatus[p.status, default: 0] += 1
        }
        self.contracted = Yuan(fen: contracted)
        self.paid = Yuan(fen: paid)
        self.recovered = Yuan(fen: recovered)
        self.toPay = Yuan(fen: toPay)
        self.toRecover = Yuan(fen: toRecover)
    }
}

/// The records linked together, with status, money and totals derived: what the pages are made from.
/// A class, so that the build's many closures (a page job, a data file, a list's projects) share one site
/// instead of each copying its few kilobytes of fields.
public final class ResolvedSite: Sendable {
    public let content: Content
    public let site: Site
    public let programme: Programme
    public let regions: Regions
    public let asOf: Day
    /// Sorted by ID.
    public let projects: [ResolvedProject]
    /// Newest first; drafts only when asked for.
    public let notices: [Notice]
    /// The kinds of notice there are, in the kinds' order.
    public let noticeKinds: [Notice.Kind]
    public let pages: [Page]
    /// The findings to publish (none when `publish_findings: false`).
    public let findings: [Diagnostic]
    public let includesDrafts: Bool

    private let projectIndex: [String: Int]
    private let organizationIndex: [String: Organization]
    /// The projects by organization, county, city, service and target group (`organization:ID` → projects).
    private let projectsBy: [String: [ResolvedProject]]
    /// `project:ID` → positions in `notices` of the notices that name it in front matter or link to it from
    /// their text, ascending (so newest first).
    private let noticesByTarget: [String: [Int]]
    /// A notice's slug → its position in `notices`.
    private let noticeIndex: [String: Int]
    /// `project:ID` → positions in `findings` of the findings about it, ascending.
    private let findingsBySubject: [String: [Int]]
    /// The communities of every county, with their projects (`Communities.swift`).
    public let communityIndex: CommunityIndex
    /// A notice's slug → the records its text links to (`project:ID`…), drafts included.
    public let noticeLinks: [String: Set<String>]

    /// `figures`: the projects' status and money as the checks derived them (`ContentCheck.Report.figures`);
    /// derived here when not given.
    /// `links`: the Markdown texts' links remembered between runs (`serve`).
    public init(content: Content, figures: ProjectFigures? = nil, findings: [Diagnostic], includeDrafts: Bool,
                links memo: MarkdownLinksMemo? = nil) throws {
        guard let site = content.site, let programme = content.programme, let regions = content.regions,
              let asOf = content.asOf else {
            throw ResolveError.incomplete
        }
        self.content = content
        self.site = site
        self.programme = programme
        self.regions = regions
        self.asOf = asOf
        includesDrafts = includeDrafts
        let organizations = content.organizationsByID
        organizationIndex = organizations
        let figures = figures ?? ProjectFigures(content)
        projects = zip(content.projects, figures.all).sorted { $0.0.id < $1.0.id }.map { project, figures in
            let county = regions[project.county]
            return ResolvedProject(project: project, status: figures.status, money: figures.money,
                                   organization: organizations[project.organization], county: county,
                                   city: county?.parent.flatMap { regions[$0] }, ledger: figures.ledger)
        }
        projectIndex = Dictionary(uniqueKeysWithValues: projects.enumerated().map { ($1.id, $0) })
        var by: [String: [ResolvedProject]] = [:]
        for p in projects {
            by["organization:\(p.project.organization)", default: []].append(p)
            by["county:\(p.project.county)", default: []].append(p)
            if let city = p.city { by["city:\(city.code)", default: []].append(p) }
            for service in Set(p.project.services) { by["service:\(service)", default: []].append(p) }
            for group in Set(p.project.targetGroups) { by["group:\(group)", default: []].append(p) }
        }
        projectsBy = by
        notices = content.notices.filter { includeDrafts || !$0.draft }
            .sorted { ($0.date, $1.slug) > ($1.date, $0.slug) }
        let kinds = Set(notices.map(\.kind))
        noticeKinds = Notice.Kind.allCases.filter(kinds.contains)
        pages = content.pages.filter { includeDrafts || !$0.draft }
            .sorted { ($0.weight ?? 0, $0.slug) < ($1.weight ?? 0, $1.slug) }
        self.findings = site.publishFindings ? findings.filter { $0.severity == .finding } : []
        var byTarget: [String: Set<String>] = [:]
        for notice in notices {
            for id in notice.projects { byTarget["project:\(id)", default: []].insert(notice.slug) }
            for id in notice.organizations { byTarget["organization:\(id)", default: []].insert(notice.slug) }
            for code in notice.regions { byTarget["region:\(code)", default: []].insert(notice.slug) }
        }
        var links: [String: Set<String>] = [:]
        for text in content.markdown where text.owner.hasPrefix("notice:") {
            let slug = String(text.owner.dropFirst("notice:".count))
            let targets = MarkdownLinks.recordTargets(in: text.text, memo: memo)
            links[slug, default: []].formUnion(targets)
            for target in targets { byTarget[target, default: []].insert(slug) }
        }
        noticeLinks = links
        var position: [String: Int] = [:]
        for (index, notice) in notices.enumerated() { position[notice.slug] = index }
        noticeIndex = position
        noticesByTarget = byTarget.mapValues { slugs in slugs.compactMap { position[$0] }.sorted() }
        var bySubject: [String: [Int]] = [:]
        for (index, finding) in self.findings.enumerated() {
            if let subject = finding.subject { bySubject[subject, default: []].append(index) }
        }
        findingsBySubject = bySubject
        communityIndex = CommunityIndex(regions: regions, projects: projects)
    }

    public enum ResolveError: Error { case incomplete }

    /// Why a well-formed content cannot become a site: it has no date to be current to.
    public static let noDateDiagnostic = Diagnostic(
        .missingField, at: SourceLocation(file: "site.yaml", line: 1, column: 1),
        Message("E101.noDate"), help: Message("E101.noDate.help"))

    public func project(_ id: String) -> ResolvedProject? { projectIndex[id].map { projects[$0] } }
    public func organization(_ id: String) -> Organization? { organizationIndex[id] }
    /// A published notice (a draft only when drafts are included).
    public func notice(_ slug: String) -> Notice? { noticeIndex[slug].map { notices[$0] } }

    public func projects(inCounty code: String) -> [ResolvedProject] { projectsBy["county:\(code)"] ?? [] }
    public func projects(inCity code: String) -> [ResolvedProject] { projectsBy["city:\(code)"] ?? [] }
    public func projects(of organization: String) -> [ResolvedProject] { projectsBy["organization:\(organization)"] ?? [] }
    public func projects(withService key: String) -> [ResolvedProject] { projectsBy["service:\(key)"] ?? [] }
    public func projects(forGroup key: String) -> [ResolvedProject] { projectsBy["group:\(key)"] ?? [] }

    /// Projects in a region at any level: the province, a city or a county.
    public func projects(in region: Region) -> [ResolvedProject] {
        switch region.level {
        case .province: return projects
        case .city: return projects(inCity: region.code)
        case .county: return projects(inCounty: region.code)
        }
    }

    /// Findings about a record (`project:ID`, `region:CODE`, `organization:ID`).
    public func findings(about subject: String) -> [Diagnostic] { (findingsBySubject[subject] ?? []).map { findings[$0] } }

    /// Findings about any of these records, in the findings' order.
    public func findings(aboutAny subjects: [String]) -> [Diagnostic] {
        Set(subjects.flatMap { findingsBySubject[$0] ?? [] }).sorted().map { findings[$0] }
    }

    /// Notices that name a record in their front matter or link to it from their text, newest first.
    public func notices(naming link: RecordLink.Kind, _ id: String) -> [Notice] {
        guard let positions = noticesByTarget["\(link.rawValue):\(id)"] else { return [] }
        return positions.map { notices[$0] }
    }
}

/// The records a Markdown text links to (`[…](project:ID)`, `<project:ID>` → `project:ID`), as cmark reads
/// its links: the same parse `check` validates them with, so a link written inside a code span is none.
package enum MarkdownLinks {
    package static func recordTargets(in text: String, memo: MarkdownLinksMemo? = nil) -> Set<String> {
        var targets: Set<String> = []
        for link in memo?.links(in: text) ?? Markdown.links(in: text) {
            if let record = RecordLink(link.url) { targets.insert("\(record.kind.rawValue):\(record.id)") }
        }
        return targets
    }
}
