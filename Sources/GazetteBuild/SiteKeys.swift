import Foundation
import GazetteMarkdown
import GazetteModel
import GazettePages
import GazetteSite

/// What an incremental build must remember of the last site to tell which pages a change touches: each content
/// file's hash, the `PageDependencies` keys each project and notice touches, each project's organization, a
/// hash of each project's ledger rows and of the findings about each record, the as-of date and the menu.
/// `serve` keeps it in memory between rebuilds; `build` keeps it beside the output (`BuildState`), so the two
/// tell changes apart with the same function, `dirtyKeys(from:to:)`.
struct SiteKeys: Equatable, Sendable {
    var fileHashes: [String: UInt64] = [:]
    /// Project ID → `PageDependencies.keys(of:)`.
    var projectKeys: [String: Set<String>] = [:]
    /// Project ID → its organization's ID.
    var projectOrganization: [String: String] = [:]
    /// Notice slug → `PageDependencies.keys(of:links:)`, drafts included.
    var noticeKeys: [String: Set<String>] = [:]
    /// Notice slug → a hash of what `site.json` shows of it (`PageDependencies.shownText(of:)`: all but its body), drafts included.
    var noticeShown: [String: UInt64] = [:]
    /// Project ID → a hash of its ledger rows (every field, in the rows' order).
    var ledger: [String: UInt64] = [:]
    /// Subject (`project:ID`, `organization:ID`, ``) → a hash of the findings about it.
    var findings: [String: UInt64] = [:]
    var asOf = ""
    var menu: [String] = []
    /// Notice slug → a hash of its row as lists show it (`noticeRowHash`), drafts included; and a hash of the
    /// listed notices' order and kinds. With them a change to a notice's body re-renders only its own page.
    var noticeRows: [String: UInt64] = [:]
    var noticeList: UInt64 = 0

    init() {}

    init(_ site: ResolvedSite) {
        fileHashes = site.content.fileHashes
        for project in site.projects {
            projectKeys[project.id] = PageDependencies.keys(of: project)
            projectOrganization[project.id] = project.project.organization
        }
        for notice in site.content.notices {
            noticeKeys[notice.slug] = PageDependencies.keys(of: notice, links: site.noticeLinks[notice.slug].map(Array.init) ?? [])
            noticeShown[notice.slug] = Self.shownHash(notice)
        }
        for (project, rows) in Dictionary(grouping: site.content.ledger, by: \.project) {
            ledger[project] = Self.ledgerHash(rows)
        }
        for (subject, found) in Dictionary(grouping: site.findings, by: { $0.subject ?? "" }) {
            findings[subject] = Self.findingsHash(found)
        }
        asOf = site.asOf.description
        menu = Self.menu(site)
        noticeRows = Self.noticeRows(site.content.notices)
        noticeList = Self.noticeList(site)
    }

    /// Each notice's row hash, made on all cores (the first paragraph is parsed with cmark).
    static func noticeRows(_ notices: [Notice]) -> [String: UInt64] {
        let jobs: [@Sendable () -> [(String, UInt64)]] = ParallelMap.ranges(notices.count, minimumSize: 256).map { range in
            { notices[range].map { ($0.slug, noticeRowHash($0)) } }
        }
        return Dictionary(ParallelMap.run(jobs).flatMap { $0 }, uniquingKeysWith: { first, _ in first })
    }

    /// What a list shows of a notice (the notices index, a record's notices, the feeds): its title, date, kind,
    /// summary — or, without one, its body's first paragraph, which the feeds show —, draft flag and publicity
    /// period (whether it is open for objection). A field a list starts to show belongs here too.
    static func noticeRowHash(_ notice: Notice) -> UInt64 {
        let period = notice.publicityPeriod.map { "\($0.start)/\($0.end)" } ?? "-"
        let summary = notice.summary.map { "s\($0)" } ?? ("p" + (Markdown.firstParagraphHTML(notice.body) ?? "-"))
        return StableHash.of([notice.slug, notice.title, notice.date.description, notice.kind.rawValue, "\(notice.draft)", period,
                              summary].joined(separator: "\u{1}"))
    }

    /// The listed notices' slugs and kinds, in the order the lists show them.
    static func noticeList(_ site: ResolvedSite) -> UInt64 {
        StableHash.of(site.notices.map { "\($0.slug)\u{2}\($0.kind.rawValue)" }.joined(separator: "\u{1}"))
    }

    /// A hash of a project's ledger rows (every field, in the rows' order).
    static func ledgerHash(_ rows: [LedgerEntry]) -> UInt64 {
        StableHash.of(rows.map(Self.describe).joined(separator: "\u{1}"))
    }

    /// A hash of what `site.json` shows of a notice.
    static func shownHash(_ notice: Notice) -> UInt64 {
        StableHash.of(PageDependencies.shownText(of: notice))
    }

    /// A hash of the findings about one subject.
    static func findingsHash(_ found: [Diagnostic]) -> UInt64 {
        StableHash.of(found.map(Self.describe).joined(separator: "\u{1}"))
    }

    static func menu(_ site: ResolvedSite) -> [String] {
        site.pages.map { "\($0.slug)\u{1}\($0.title)\u{1}\($0.draft)" }
    }

    /// A ledger row as text: every field (`String(describing:)`, which reflects, was most of this stage at
    /// province scale). A field added to `LedgerEntry` belongs here too.
    static func describe(_ row: LedgerEntry) -> String {
        func at(_ location: SourceLocation) -> String { "\(location.file):\(location.line):\(location.column)" }
        return "\(row.date)\u{2}\(row.project)\u{2}\(row.kind.rawValue)\u{2}\(row.amount.fen)\u{2}\(row.reference)\u{2}\(row.note)"
            + "\u{2}\(at(row.location))\u{2}\(at(row.projectLocation))"
    }

    /// A finding as text, the same in every run (its message's arguments are a dictionary, whose order is not).
    static func describe(_ finding: Diagnostic) -> String {
        var text = "\(finding.code) \(finding.severity) \(finding.location) \(finding.subject ?? "")"
        for language in Language.allCases {
            text += "\u{2}\(finding.message(in: language))\u{2}\(finding.suggestion(in: language) ?? "")"
        }
        return text
    }

    /// The site-wide files: when one changes, every page is made again.
    static let globalFiles: Set<String> = ["site.yaml", "programme.yaml", "regions.yaml"]

    /// The keys whose pages must be made again, or nil when everything must (a site-wide file, the as-of date
    /// or the menu changed, or a file of a kind this function does not know).
    static func dirtyKeys(from old: SiteKeys, to new: SiteKeys) -> Set<String>? {
        if old.asOf != new.asOf || old.menu != new.menu { return nil }
        let changedFiles = Set(old.fileHashes.keys).union(new.fileHashes.keys).filter { old.fileHashes[$0] != new.fileHashes[$0] }
        var keys: Set<String> = []
        var ledgerChanged = false
        for path in changedFiles {
            if globalFiles.contains(path) { return nil }
            let id = ((path as NSString).lastPathComponent as NSString).deletingPathExtension
            if path.hasPrefix("projects/") {
                for side in [old, new] { keys.formUnion(side.projectKeys[id] ?? []) }
                keys.insert("project:\(id)")
            } else if path.hasPrefix("organizations/") {
                keys.formUnion(["organization:\(id)", "projects-of:\(id)", PageDependencies.aggregates])
                for side in [old, new] {
                    for (project, organization) in side.projectOrganization where organization == id {
                        keys.formUnion(side.projectKeys[project] ?? [])
                    }
                }
            } else if path.hasPrefix("notices/") {
                keys.formUnion(["notice:\(id)", "notices"])
                // The lists that show it only when its row, or what it names or links to, changed.
                if old.noticeRows[id] == nil || old.noticeRows[id] != new.noticeRows[id] || old.noticeKeys[id] != new.noticeKeys[id] {
                    keys.formUnion([PageDependencies.noticeRow(id), PageDependencies.noticeRows])
                    for side in [old, new] { keys.formUnion(side.noticeKeys[id] ?? []) }
                }
                // A notice that came, went, or changed more than its body (an old state has no hashes: changed).
                if old.noticeShown[id] == nil || old.noticeShown[id] != new.noticeShown[id] { keys.insert(PageDependencies.noticesShown) }
                if old.noticeKeys[id] == nil || old.noticeKeys[id] != new.noticeKeys[id] { keys.insert(PageDependencies.noticesNaming) }
            } else if path.hasPrefix("pages/") {
                keys.insert("page:\(id)")
            } else if path.hasPrefix("ledger/") {
                ledgerChanged = true
            } else {
                return nil
            }
        }
        if old.noticeList != new.noticeList { keys.insert(PageDependencies.noticeList) }
        if ledgerChanged {
            for project in Set(old.ledger.keys).union(new.ledger.keys) where old.ledger[project] != new.ledger[project] {
                for side in [old, new] { keys.formUnion(side.projectKeys[project] ?? []) }
            }
        }
        // Findings follow from every record: compare them by subject.
        for subject in Set(old.findings.keys).union(new.findings.keys) where old.findings[subject] != new.findings[subject] {
            keys.formUnion(["findings", "findings:\(subject)"])
            if let link = RecordLink(subject), link.kind == .project {
                for side in [old, new] {
                    if let organization = side.projectOrganization[link.id] { keys.insert("findings-of-organization:\(organization)") }
                }
            }
            if let link = RecordLink(subject), link.kind == .organization { keys.insert("findings-of-organization:\(link.id)") }
        }
        return keys
    }

    // MARK: As text, beside the output

    /// One record a line, fields separated by tabs; keys and IDs are escaped so that no tab or line feed is theirs.
    func encoded() -> String {
        var out = ""
        encode { out += $0 }
        return out
    }

    /// `encoded()` a line at a time, for writing the state without its whole text in memory.
    func encode(into put: (String) -> Void) {
        put("asof\t\(Self.escape(asOf))\n")
        for entry in menu { put("menu\t\(Self.escape(entry))\n") }
        for (path, hash) in fileHashes.sorted(by: { $0.key < $1.key }) { put("file\t\(hash)\t\(Self.escape(path))\n") }
        for (id, keys) in projectKeys.sorted(by: { $0.key < $1.key }) {
            var out = "project\t\(Self.escape(id))\t\(Self.escape(projectOrganization[id] ?? ""))"
            for key in keys.sorted() { out += "\t\(Self.escape(key))" }
            put(out + "\n")
        }
        for (slug, keys) in noticeKeys.sorted(by: { $0.key < $1.key }) {
            var out = "notice\t\(Self.escape(slug))"
            for key in keys.sorted() { out += "\t\(Self.escape(key))" }
            put(out + "\n")
        }
        for (slug, hash) in noticeShown.sorted(by: { $0.key < $1.key }) { put("shown\t\(hash)\t\(Self.escape(slug))\n") }
        for (id, hash) in ledger.sorted(by: { $0.key < $1.key }) { put("ledger\t\(hash)\t\(Self.escape(id))\n") }
        for (subject, hash) in findings.sorted(by: { $0.key < $1.key }) { put("findings\t\(hash)\t\(Self.escape(subject))\n") }
        put("noticelist\t\(noticeList)\n")
        for (slug, hash) in noticeRows.sorted(by: { $0.key < $1.key }) { put("noticerow\t\(hash)\t\(Self.escape(slug))\n") }
    }

    /// The keys read back from `encoded()` lines, or nil when a line is not one.
    init?<Lines: Sequence>(lines: Lines) where Lines.Element == Substring {
        for line in lines where !line.isEmpty {
            let fields = StateText.fields(line).map { Self.unescape($0) }
            switch (fields[0], fields.count) {
            case ("asof", 2): asOf = fields[1]
            case ("menu", 2): menu.append(fields[1])
            case ("file", 3):
                guard let hash = UInt64(fields[1]) else { return nil }
                fileHashes[fields[2]] = hash
            case ("project", 3...):
                projectKeys[fields[1]] = Set(fields[3...])
                projectOrganization[fields[1]] = fields[2]
            case ("notice", 2...): noticeKeys[fields[1]] = Set(fields[2...])
            case ("shown", 3):
                guard let hash = UInt64(fields[1]) else { return nil }
                noticeShown[fields[2]] = hash
            case ("ledger", 3):
                guard let hash = UInt64(fields[1]) else { return nil }
                ledger[fields[2]] = hash
            case ("findings", 3):
                guard let hash = UInt64(fields[1]) else { return nil }
                findings[fields[2]] = hash
            case ("noticelist", 2):
                guard let hash = UInt64(fields[1]) else { return nil }
                noticeList = hash
            case ("noticerow", 3):
                guard let hash = UInt64(fields[1]) else { return nil }
                noticeRows[fields[2]] = hash
            default: return nil
            }
        }
    }

    static func escape(_ text: String) -> String {
        guard text.contains(where: { $0 == "%" || $0 == "\t" || $0 == "\n" || $0 == "\r" }) else { return text }
        return text.replacingOccurrences(of: "%", with: "%25").replacingOccurrences(of: "\t", with: "%09")
            .replacingOccurrences(of: "\n", with: "%0A").replacingOccurrences(of: "\r", with: "%0D")
    }

    static func unescape(_ text: Substring) -> String {
        guard text.contains("%") else { return String(text) }
        return text.replacingOccurrences(of: "%09", with: "\t").replacingOccurrences(of: "%0A", with: "\n")
            .replacingOccurrences(of: "%0D", with: "\r").replacingOccurrences(of: "%25", with: "%")
    }
}
