import GazetteModel
import GazetteSite

/// The CSV files of `data/`: one row per record, stable English column names, keys rather than labels
/// (with names beside them for people), amounts in yuan with two decimals, dates as `YYYY-MM-DD`.
struct DataTables: Sendable {
    let site: ResolvedSite
    /// The site's address, ending in `/`, for each record's `url` column.
    let baseURL: String

    static let projectColumns = [
        "id", "title", "status", "organization_id", "organization_name", "category", "services", "target_groups",
        "county_code", "county_name", "city_code", "city_name", "communities", "amount", "cap", "cap_rated", "paid",
        "recovered", "net", "to_pay", "to_recover", "applied", "reviewed_by", "contract_date", "contract_number",
        "period_start", "period_end", "midterm_date", "midterm_result", "midterm_satisfaction", "spot_check_date",
        "spot_check_result", "rectification_deadline", "rectification_result", "final_date", "final_result",
        "final_satisfaction", "final_score", "beneficiaries", "sessions", "hours", "url", "programme_year",
    ]

    static let organizationColumns = [
        "id", "name", "credit_code", "type", "category", "registered_with", "registration_authority", "county_code",
        "county_name", "founded", "rating_grade", "rating_year", "annual_inspections", "financial_system", "office",
        "staff", "certified_social_workers", "violations", "projects", "contracted", "paid", "recovered", "net", "url",
    ]

    static let ledgerColumns = ["date", "project_id", "project_title", "organization_id", "kind", "amount", "reference", "note"]

    static let findingColumns = ["code", "subject", "message", "file", "line", "column"]

    func projects(_ projects: [ResolvedProject]) -> CSVTable {
        CSVTable(header: Self.projectColumns, rows: projects.map(projectRow))
    }

    private func projectRow(_ p: ResolvedProject) -> [String] {
        let r = p.project
        let cap = Eligibility.cap(for: p.organization, on: r.applicationDate, rules: site.programme.rules)
        let money = p.money
        return [
            r.id, r.title, p.status.rawValue, r.organization, p.organization?.name ?? "", r.category,
            r.services.joined(separator: ";"), r.targetGroups.joined(separator: ";"), r.county, p.county?.name ?? "",
            p.city?.code ?? "", p.city?.name ?? "", r.communities.joined(separator: ";"), r.amount.plainText,
            cap.cap.plainText, cap.rated ? "true" : "false", money.paid.plainText, money.recovered.plainText,
            money.net.plainText, money.toPay.plainText, money.toRecover.plainText, text(r.applied), r.reviewedBy ?? "",
            text(r.contract?.date), r.contract?.number ?? "", text(r.period?.start), text(r.period?.end),
            text(r.midterm?.date), r.midterm?.result.rawValue ?? "", r.midterm?.satisfaction?.description ?? "",
            text(r.midterm?.spotCheck?.date), r.midterm?.spotCheck?.result?.rawValue ?? "",
            text(r.midterm?.rectification?.deadline), r.midterm?.rectification?.result?.rawValue ?? "",
            text(r.final?.date), r.final?.result.rawValue ?? "", r.final?.satisfaction?.description ?? "",
            r.final?.score?.description ?? "", text(r.outcomes?.beneficiaries), text(r.outcomes?.sessions),
            text(r.outcomes?.hours), baseURL + Routes.project(r.id), text(r.programmeYear),
        ]
    }

    func organizations() -> CSVTable {
        CSVTable(header: Self.organizationColumns, rows: site.content.organizations.sorted { $0.id < $1.id }.map { o in
            let totals = Totals(site.projects(of: o.id))
            return [
                o.id, o.name, o.creditCodeText, o.type, o.category, o.registeredWith, o.registrationAuthority ?? "",
                o.county, site.regions[o.county]?.name ?? "", text(o.founded), o.rating?.grade.description ?? "",
                text(o.rating?.year), o.annualInspections.keys.sorted().map { "\($0):\(o.annualInspections[$0]!)" }.joined(separator: ";"),
                o.financialSystem.map { $0 ? "true" : "false" } ?? "", o.office ?? "", text(o.staff),
                text(o.certifiedSocialWorkers), String(o.violations.count), String(totals.projects),
                totals.contracted.plainText, totals.paid.plainText, totals.recovered.plainText, totals.net.plainText,
                baseURL + Routes.organization(o.id),
            ]
        })
    }

    /// Every ledger row of a published project, oldest first (then in file order).
    var ledgerRows: [(entry: LedgerEntry, project: ResolvedProject)] {
        site.projects.flatMap { p in p.ledger.map { ($0, p) } }
            .sorted { ($0.entry.date, $0.entry.location) < ($1.entry.date, $1.entry.location) }
    }

    func ledger() -> CSVTable {
        CSVTable(header: Self.ledgerColumns, rows: ledgerRows.map { entry, p in
            [entry.date.description, entry.project, p.project.title, p.project.organization, entry.kind.rawValue,
             entry.amount.plainText, entry.reference, entry.note]
        })
    }

    func findings() -> CSVTable {
        CSVTable(header: Self.findingColumns, rows: site.findings.map { f in
            [f.code.rawValue, f.subject ?? "", f.message(in: Language(code: site.site.language) ?? .zhCN), f.location.file, f.location.line > 0 ? String(f.location.line) : "",
             f.location.column > 0 ? String(f.location.column) : ""]
        })
    }

    private func text(_ day: Day?) -> String { day?.description ?? "" }
    private func text(_ value: Int?) -> String { value.map(String.init) ?? "" }
}
