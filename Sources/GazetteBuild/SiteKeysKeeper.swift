import Foundation
import GazetteModel
import GazettePages
import GazetteSite

/// `SiteKeys` made again between the rebuilds of a warm build (`serve`) only where their inputs changed: a
/// project's or a notice's keys when its file changed, a project's ledger hash when its rows changed, a
/// subject's findings hash when its findings changed; everything when a site-wide file changed. Always equal to
/// `SiteKeys(site)` (`IncrementalEqualsFullTests` compares them after every step).
final class SiteKeysKeeper {
    /// The last keys, with the last site's ledger rows by project and findings by subject (to tell which changed).
    private var last: (keys: SiteKeys, ledgerRows: [String: [LedgerEntry]], findings: [String: [Diagnostic]])?

    /// The site's keys; kept for the next call.
    func keys(_ site: ResolvedSite) -> SiteKeys {
        let findings = Dictionary(grouping: site.findings, by: { $0.subject ?? "" })
        guard let old = last, let keys = update(old, to: site, findings: findings) else {
            let keys = SiteKeys(site)
            last = (keys, Dictionary(grouping: site.content.ledger, by: \.project), findings)
            return keys
        }
        return keys
    }

    /// The keys made from `old` where their inputs did not change; nil when a site-wide file changed (or one this
    /// does not know), which changes how every record reads.
    private func update(_ old: (keys: SiteKeys, ledgerRows: [String: [LedgerEntry]], findings: [String: [Diagnostic]]),
                        to site: ResolvedSite, findings: [String: [Diagnostic]]) -> SiteKeys? {
        let new = site.content.fileHashes
        let changedFiles = Set(old.keys.fileHashes.keys).union(new.keys).filter { old.keys.fileHashes[$0] != new[$0] }
        let known = ["projects/", "notices/", "ledger/", "organizations/", "pages/"]
        if changedFiles.contains(where: { path in !known.contains(where: path.hasPrefix) }) { return nil }
        var keys = SiteKeys()
        keys.fileHashes = new
        var oldProjects = old.keys.projectKeys, oldNotices = old.keys.noticeKeys
        for path in changedFiles {
            let id = ((path as NSString).lastPathComponent as NSString).deletingPathExtension
            if path.hasPrefix("projects/") { oldProjects[id] = nil }
            if path.hasPrefix("notices/") { oldNotices[id] = nil }
        }
        keys.projectKeys.reserveCapacity(site.projects.count)
        keys.projectOrganization.reserveCapacity(site.projects.count)
        for project in site.projects {
            keys.projectKeys[project.id] = oldProjects[project.id] ?? PageDependencies.keys(of: project)
            keys.projectOrganization[project.id] = project.project.organization
        }
        var changedNotices: [Notice] = []
        for notice in site.content.notices {
            keys.noticeKeys[notice.slug] = oldNotices[notice.slug]
                ?? PageDependencies.keys(of: notice, links: site.noticeLinks[notice.slug].map(Array.init) ?? [])
            keys.noticeShown[notice.slug] = oldNotices[notice.slug] != nil ? old.keys.noticeShown[notice.slug] : SiteKeys.shownHash(notice)
            if let row = oldNotices[notice.slug] != nil ? old.keys.noticeRows[notice.slug] : nil {
                keys.noticeRows[notice.slug] = row
            } else {
                changedNotices.append(notice)
            }
        }
        keys.noticeRows.merge(SiteKeys.noticeRows(changedNotices)) { _, new in new }
        keys.noticeList = SiteKeys.noticeList(site)
        // The ledger rows come from the ledger files alone: unchanged when none changed.
        var ledgerRows = old.ledgerRows
        if changedFiles.contains(where: { $0.hasPrefix("ledger/") }) {
            ledgerRows = Dictionary(grouping: site.content.ledger, by: \.project)
            for (project, rows) in ledgerRows {
                keys.ledger[project] = old.ledgerRows[project] == rows ? old.keys.ledger[project] : SiteKeys.ledgerHash(rows)
            }
        } else {
            keys.ledger = old.keys.ledger
        }
        for (subject, found) in findings {
            keys.findings[subject] = old.findings[subject] == found ? old.keys.findings[subject] : SiteKeys.findingsHash(found)
        }
        keys.asOf = site.asOf.description
        keys.menu = SiteKeys.menu(site)
        last = (keys, ledgerRows, findings)
        return keys
    }
}
