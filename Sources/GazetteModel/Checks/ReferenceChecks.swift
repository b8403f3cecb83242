import Foundation
import Synchronization

/// References between records: every name must point at something that exists.
struct ReferenceChecks: Sendable {
    static func run(_ c: CheckContext, links: [RecordLinkUse]) -> [Diagnostic] {
        jobs(c, links: links).flatMap { $0() }
    }

    /// The checks in parts that can run at once (groups of projects, ledger rows, notices, links); their
    /// results joined in order are `run`'s.
    static func jobs(_ c: CheckContext, links: [RecordLinkUse]) -> [@Sendable () -> [Diagnostic]] {
        let checks = ReferenceChecks(c)
        let content = c.content
        var jobs: [@Sendable () -> [Diagnostic]] = [{ checks.programmeAndOrganizations() }]
        jobs += ParallelMap.ranges(content.projects.count).map { range in { checks.projects(range) } }
        jobs += ParallelMap.ranges(content.ledger.count).map { range in { checks.ledger(range) } }
        jobs += ParallelMap.ranges(content.notices.count).map { range in { checks.notices(range) } }
        jobs += ParallelMap.ranges(links.count).map { range in { checks.links(links[range]) } }
        return jobs
    }

    let content: Content
    let regions: Regions?
    // Every record file counts as existing, even one whose errors kept it from being read.
    let knownOrganizations: Set<String>
    let knownProjects: Set<String>
    let noticeSlugs: Set<String>
    let pageSlugs: Set<String>
    let assets: Set<String>
    // Sorted only for a suggestion, when a reference is wrong.
    private let sortedOrganizations: SortedOnce
    private let sortedProjects: SortedOnce
    var organizationIDs: [String] { sortedOrganizations.values }
    var projectIDs: [String] { sortedProjects.values }

    private init(_ c: CheckContext) {
        let content = c.content
        self.content = content
        regions = content.regions
        func ids(_ kind: String, _ read: [String]) -> Set<String> { (content.fileIDs[kind] ?? []).union(read) }
        knownOrganizations = ids("organization", content.organizations.map(\.id))
        knownProjects = ids("project", content.projects.map(\.id))
        noticeSlugs = ids("notice", content.notices.map(\.slug))
        pageSlugs = ids("page", content.pages.map(\.slug))
        assets = Set(content.assets)
        sortedOrganizations = SortedOnce(knownOrganizations)
        sortedProjects = SortedOnce(knownProjects)
    }

    private func county(_ code: String, at: @autoclosure () -> SourceLocation, what: String, into out: inout [Diagnostic]) {
        guard let regions, !code.isEmpty else { return }
        guard let region = regions[code] else {
            out.append(Diagnostic(.unknownReference, at: at(), Message("E301.region", ["what": .word(what), "code": .text(code)]),
                                  help: Nearest.help(for: code, among: regions.counties.map(\.code))))
            return
        }
        if region.level != .county {
            out.append(Diagnostic(.unknownReference, at: at(),
                                  Message("E301.notCounty", ["what": .word(what), "code": .text(code), "name": .text(region.name),
                                                             "level": .word("region.\(region.level.rawValue)")]),
                                  help: Message("E301.notCounty.help")))
        }
    }

    func programmeAndOrganizations() -> [Diagnostic] {
        var out: [Diagnostic] = []
        if let programme = content.programme, let regions {
            for (index, code) in programme.regions.enumerated() where regions[code] == nil {
                out.append(Diagnostic(.unknownReference, at: programme.locations.at("regions[\(index)]"),
                                      Message("E301.programmeRegion", ["code": .text(code)]),
                                      help: Nearest.help(for: code, among: regions.all.map(\.code))))
            }
        }
        for organization in content.organizations {
            county(organization.county, at: organization.locations.at("county"), what: "county.registration", into: &out)
        }
        return out
    }

    func projects(_ range: Range<Int>) -> [Diagnostic] {
        var out: [Diagnostic] = []
        for project in content.projects[range] {
            if !knownOrganizations.contains(project.organization) {
                out.append(Diagnostic(.unknownReference, at: project.locations.at("organization"),
                                      Message("E301.organization", ["id": .text(String(project.organization.prefix(64)))]),
                                      help: Nearest.help(for: project.organization, among: organizationIDs)
                                          ?? Message("E301.organization.help"),
                                      subject: "project:\(project.id)"))
            }
            county(project.county, at: project.locations.at("county"), what: "county.project", into: &out)
            for (index, document) in project.documents.enumerated() where !document.isURL {
                let path = document.file
                // No ".." in the bytes, no ".." component: the split is needed only when there is.
                let safe = !path.hasPrefix("/") && !(path.utf8.containsDotDot && path.split(separator: "/").contains(".."))
                if !safe || !assets.contains(path) {
                    out.append(Diagnostic(.missingDocument, at: project.locations.at("documents[\(index)].file"),
                                          Message("E303", ["path": .text(String(path.prefix(80)))]), help: Message("E303.help")))
                }
            }
        }
        return out
    }

    func ledger(_ range: Range<Int>) -> [Diagnostic] {
        var out: [Diagnostic] = []
        for entry in content.ledger[range] where !knownProjects.contains(entry.project) {
            out.append(Diagnostic(.unknownReference, at: entry.projectLocation,
                                  Message("E301.ledgerProject", ["id": .text(String(entry.project.prefix(64)))]),
                                  help: Nearest.help(for: entry.project, among: projectIDs)))
        }
        return out
    }

    func notices(_ range: Range<Int>) -> [Diagnostic] {
        var out: [Diagnostic] = []
        for notice in content.notices[range] {
            if RecordLink.reservedNoticeSlugs.contains(notice.slug) {
                out.append(Diagnostic(.reservedID, at: SourceLocation(file: notice.locations.file),
                                      Message("E203", ["id": .text(notice.slug)]),
                                      help: Message("E203.help", ["example": .text("\(notice.date)-\(notice.slug)")])))
            }
            for (index, id) in notice.projects.enumerated() where !knownProjects.contains(id) {
                out.append(Diagnostic(.unknownReference, at: notice.locations.at("projects[\(index)]"),
                                      Message("E301.noticeProject", ["id": .text(String(id.prefix(64)))]),
                                      help: Nearest.help(for: id, among: projectIDs)))
            }
            for (index, id) in notice.organizations.enumerated() where !knownOrganizations.contains(id) {
                out.append(Diagnostic(.unknownReference, at: notice.locations.at("organizations[\(index)]"),
                                      Message("E301.noticeOrganization", ["id": .text(String(id.prefix(64)))]),
                                      help: Nearest.help(for: id, among: organizationIDs)))
            }
            if let regions {
                for (index, code) in notice.regions.enumerated() where regions[code] == nil {
                    out.append(Diagnostic(.unknownReference, at: notice.locations.at("regions[\(index)]"),
                                          Message("E301.noticeRegion", ["code": .text(code)]),
                                          help: Nearest.help(for: code, among: regions.all.map(\.code))))
                }
            }
        }
        return out
    }

    func links(_ uses: ArraySlice<RecordLinkUse>) -> [Diagnostic] {
        var out: [Diagnostic] = []
        for use in uses {
            guard let link = RecordLink(use.url) else { continue }
            let known: Bool
            switch link.kind {
            case .project: known = knownProjects.contains(link.id)
            case .organization: known = knownOrganizations.contains(link.id)
            case .region: known = regions?[link.id] != nil
            case .notice: known = noticeSlugs.contains(link.id)
            case .page: known = pageSlugs.contains(link.id)
            }
            if !known {
                // The candidates for a suggestion are listed only for a link that is wrong.
                let candidates: [String]
                switch link.kind {
                case .project: candidates = projectIDs
                case .organization: candidates = organizationIDs
                case .region: candidates = regions?.all.map(\.code) ?? []
                case .notice: candidates = noticeSlugs.sorted()
                case .page: candidates = pageSlugs.sorted()
                }
                out.append(Diagnostic(.unknownReference, at: use.location,
                                      Message("E301.link", ["url": .text(String(use.url.prefix(80))), "kind": .word("what.\(link.kind.rawValue)")]),
                                      help: Nearest.match(for: link.id, among: candidates).map { Message("help.didYouMean", ["word": .text("\(link.kind.rawValue):\($0)")]) }))
            }
        }
        return out
    }
}

/// A set's members sorted, the first time they are asked for (from any thread).
private final class SortedOnce: Sendable {
    private let set: Set<String>
    private let sorted = Mutex<[String]?>(nil)

    init(_ set: Set<String>) { self.set = set }

    var values: [String] {
        sorted.withLock { sorted in
            if let sorted { return sorted }
            let values = set.sorted()
            sorted = values
            return values
        }
    }
}

private extension String.UTF8View {
    /// Whether two dots follow each other somewhere.
    var containsDotDot: Bool {
        var previous: UInt8 = 0
        for byte in self {
            if byte == UInt8(ascii: "."), previous == UInt8(ascii: ".") { return true }
            previous = byte
        }
        return false
    }
}
