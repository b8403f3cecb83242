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
        var records: [String: [String: String]] = [:]
        for p in site.projects { records["project:\(p.id)"] = fields(p) }
        for o in site.content.organizations { records["organization:\(o.id)"] = fields(o) }
        for n in site.notices where !n.draft {
            records["notice:\(n.slug)"] = compact([
                "title": n.title, "date": n.date.description, "kind": n.kind.rawValue, "regions": list(n.regions),
                "projects": list(n.projects), "organizations": list(n.organizations),
                "publicity_period": n.publicityPeriod.map { "\($0.start)/\($0.end)" }, "body": digest(n.body),
            ])
        }
        for page in site.pages where !page.draft {
            records["page:\(page.slug)"] = compact(["title": page.title, "body": digest(page.body)])
        }
        let ledger = site.projects.flatMap(\.ledger).sorted { ($0.date, $0.location) < ($1.date, $1.location) }.map { e in
            ["date": e.date.description, "project": e.project, "kind": e.kind.rawValue, "amount": e.amount.plainText,
             "reference": e.reference, "note": e.note]
        }
        return PublicationSnapshot(records: records, ledger: ledger)
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
