import Foundation
import GazetteModel
import GazetteOutput

/// What a publication published, compactly: each record's published fields as text (`project:ID` →
/// `amount` → `180000.00`) and every ledger row. Long Markdown texts are kept as their SHA-256, enough to
/// see that they changed. Drafts are never part of a publication.
public struct PublicationSnapshot: Sendable, Equatable {
    /// Record (`project:ID`, `organization:ID`, `notice:SLUG`, `page:SLUG`) → field → value.
    public var records: [String: [String: String]]
    /// Ledger rows, each with `date`, `project`, `kind`, `amount` (yuan), `reference` and `note`.
    public var ledger: [[String: String]]

    public init(records: [String: [String: String]], ledger: [[String: String]]) {
        self.records = records
        self.ledger = ledger
    }

    public static func of(_ site: ResolvedSite) -> PublicationSnapshot {
        of(site, memo: nil)
    }

    /// The same, taking each record's fields from `memo` when the file it was read from (and, for a project,
    /// its status and money) is the same as when they were made, and the ledger rows when no ledger file and
    /// no project changed (`serve`: a rebuild after one file changed makes the fields of that file's record).
    public static func of(_ site: ResolvedSite, memo: Memo?) -> PublicationSnapshot {
        let salt = site.content.fileHashes["programme.yaml"] ?? 0
        func file(_ locations: FieldLocations) -> UInt64? { site.content.fileHashes[locations.file] }
        var records: [String: [String: String]] = [:]
        records.reserveCapacity(site.projects.count + site.content.organizations.count + site.notices.count + site.pages.count)
        for p in site.projects {
            let key = file(p.project.locations).map { "\($0)/\(salt)/\(p.status.rawValue)/\(p.money.paid.fen)/\(p.money.recovered.fen)" }
            records["project:\(p.id)"] = memo?.fields("project:\(p.id)", key: key) { fields(p) } ?? fields(p)
        }
        for o in site.content.organizations {
            let key = file(o.locations).map { "\($0)/\(salt)" }
            records["organization:\(o.id)"] = memo?.fields("organization:\(o.id)", key: key) { fields(o) } ?? fields(o)
        }
        for n in site.notices where !n.draft {
            records["notice:\(n.slug)"] = memo?.fields("notice:\(n.slug)", key: file(n.locations).map { "\($0)" }) { noticeFields(n) }
                ?? noticeFields(n)
        }
        for page in site.pages where !page.draft {
            records["page:\(page.slug)"] = compact(["title": page.title, "body": digest(page.body)])
        }
        // The rows of the site's projects: the same while no ledger file and no project's ID changed.
        let ledgerKey = StableHash.of(site.content.fileHashes.filter { $0.key.hasPrefix("ledger/") }.sorted { $0.key < $1.key }
            .map { "\($0.key)=\($0.value)" }.joined(separator: "\n") + "\u{1}" + site.projects.map(\.id).joined(separator: "\n"))
        let ledger = memo?.ledger(key: ledgerKey) { ledgerRows(site) } ?? ledgerRows(site)
        return PublicationSnapshot(records: records, ledger: ledger)
    }

    private static func noticeFields(_ n: Notice) -> [String: String] {
        compact([
                "title": n.title, "date": n.date.description, "kind": n.kind.rawValue, "regions": list(n.regions),
                "projects": list(n.projects), "organizations": list(n.organizations),
                "publicity_period": n.publicityPeriod.map { "\($0.start)/\($0.end)" }, "body": digest(n.body),
            ])
    }

    private static func ledgerRows(_ site: ResolvedSite) -> [[String: String]] {
        site.projects.flatMap(\.ledger).sorted { ($0.date, $0.location) < ($1.date, $1.location) }.map { e in
            ["date": e.date.description, "project": e.project, "kind": e.kind.rawValue, "amount": e.amount.plainText,
             "reference": e.reference, "note": e.note]
        }
    }

    /// Records' fields and the ledger rows kept between the snapshots of a warm build (`serve`), each with the
    /// key of what it was made from. A run keeps what it looked up; the rest is forgotten at the next run.
    /// `@unchecked Sendable`: read and written only with `lock` held.
    public final class Memo: @unchecked Sendable {
        private let lock = NSLock()
        private var records: [String: (key: String, fields: [String: String])] = [:]
        private var used: Set<String> = []
        private var rows: (key: UInt64, rows: [[String: String]])?

        public init() {}

        /// Forgets the records not looked up since the last call.
        public func startRun() {
            lock.lock()
            defer { lock.unlock() }
            if !used.isEmpty { records = records.filter { used.contains($0.key) } }
            used = []
        }

        func fields(_ record: String, key: String?, make: () -> [String: String]) -> [String: String] {
            guard let key else { return make() }
            lock.lock()
            used.insert(record)
            if let known = records[record], known.key == key {
                lock.unlock()
                return known.fields
            }
            lock.unlock()
            let made = make()
            lock.lock()
            records[record] = (key, made)
            lock.unlock()
            return made
        }

        func ledger(key: UInt64, make: () -> [[String: String]]) -> [[String: String]] {
            lock.lock()
            if let rows, rows.key == key {
                lock.unlock()
                return rows.rows
            }
            lock.unlock()
            let made = make()
            lock.lock()
            rows = (key, made)
            lock.unlock()
            return made
        }
    }

    private static func fields(_ p: ResolvedProject) -> [String: String] {
        let r = p.project, m = r.midterm
        return compact([
            "title": r.title, "status": p.status.rawValue, "organization": r.organization, "category": r.category,
            "services": list(r.services), "target_groups": list(r.targetGroups), "county": r.county,
            "communities": list(r.communities), "amount": r.amount.plainText, "paid": p.money.paid.plainText,
            "recovered": p.money.recovered.plainText, "applied": r.applied?.description, "reviewed_by": r.reviewedBy,
            "contract": r.contract.map { "\($0.date?.description ?? "")/\($0.number ?? "")" },
            "period": r.period.map { "\($0.start)/\($0.end)" },
            "needs_assessment": r.needsAssessment.map { "\($0.date?.description ?? "")/\($0.method ?? "")/\($0.respondents.map(String.init) ?? "")/\(digest($0.findings) ?? "")" },
            "midterm": m.map { "\($0.date)/\($0.result.rawValue)/\($0.satisfaction?.description ?? "")/\(list($0.by) ?? "")" },
            "spot_check": m?.spotCheck.map { "\($0.date?.description ?? "")/\($0.result?.rawValue ?? "")/\($0.by ?? "")" },
            "rectification": m?.rectification.map { "\($0.deadline?.description ?? "")/\($0.result?.rawValue ?? "")" },
            "final": r.final.map { "\($0.date)/\($0.result.rawValue)/\($0.satisfaction?.description ?? "")/\($0.score?.description ?? "")/\($0.by ?? "")" },
            "outcomes": r.outcomes.map { o in
                [o.beneficiaries, o.sessions, o.hours].map { $0.map(String.init) ?? "" }.joined(separator: "/") + "/" + (digest(o.highlights) ?? "")
            },
            "documents": list(r.documents.map { "\($0.title) <\($0.file)>" }), "summary": digest(r.summary),
        ])
    }

    private static func fields(_ o: Organization) -> [String: String] {
        compact([
            "name": o.name, "credit_code": o.creditCodeText, "type": o.type, "category": o.category,
            "registered_with": o.registeredWith, "registration_authority": o.registrationAuthority, "county": o.county,
            "founded": o.founded?.description, "rating": o.rating.map { "\($0.grade)/\($0.year)" },
            "annual_inspections": list(o.annualInspections.keys.sorted().map { "\($0):\(o.annualInspections[$0]!)" }),
            "financial_system": o.financialSystem.map { $0 ? "true" : "false" }, "office": o.office,
            "staff": o.staff.map(String.init), "certified_social_workers": o.certifiedSocialWorkers.map(String.init),
            "violations": list(o.violations.map { "\($0.date) \($0.description)" }), "website": o.website,
            "about": digest(o.about),
        ])
    }

    private static func compact(_ fields: [String: String?]) -> [String: String] { fields.compactMapValues { $0 } }
    private static func list(_ items: [String]) -> String? { items.isEmpty ? nil : items.joined(separator: "; ") }
    private static func digest(_ text: String?) -> String? {
        guard let text, !text.isEmpty else { return nil }
        return "sha256:" + String(SHA256.hex(Data(text.utf8)).prefix(16))
    }

    /// The name a record is shown by: its title or name, else its ID.
    public static func displayName(_ record: String, _ fields: [String: String]) -> String {
        fields["title"] ?? fields["name"] ?? String(record.drop { $0 != ":" }.dropFirst())
    }
}
