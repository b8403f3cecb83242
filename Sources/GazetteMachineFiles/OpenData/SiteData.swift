import GazetteModel
import GazetteOutput
import GazetteSite

/// `data/site.json`: everything the site shows, in one document described by `docs/site.schema.json`.
/// Its figures are the pages' figures: the same `ResolvedSite` and `Totals`, money both in fen and in yuan.
struct SiteData: Sendable {
    let site: ResolvedSite
    let baseURL: String

    static let formatVersion = 1

    func document() -> JSONValue {
        let s = site.site
        return .object([
            "format_version": .int(Self.formatVersion),
            "as_of": .string(site.asOf.description),
            "site": .object([
                "title": .string(s.title), "base_url": .string(baseURL), "language": .string(s.language),
                "publisher": .string(s.publisher), "sample": .bool(s.sample), "ocid_prefix": .optional(s.ocidPrefix),
                "publish_findings": .bool(s.publishFindings),
                "license": s.license.map { JSONValue.object(["name": .string($0.name), "url": .string($0.url)]) } ?? .null,
            ]),
            "programme": programme(),
            "regions": regions(),
            "totals": totals(Totals(site.projects)),
            "organizations": .array(site.content.organizations.sorted { $0.id < $1.id }.map(organization)),
            "projects": .lazyArray(count: site.projects.count) { [site] in self.project(site.projects[$0]) },
            "ledger": .array(DataTables(site: site, baseURL: baseURL).ledgerRows.map { entry, _ in
                .object(["date": .string(entry.date.description), "project": .string(entry.project),
                         "kind": .string(entry.kind.rawValue), "amount": .money(entry.amount),
                         "reference": .string(entry.reference), "note": .string(entry.note)])
            }),
            "notices": .lazyArray(count: site.notices.count) { [site] in self.notice(site.notices[$0]) },
            "findings": .array(site.findings.map { f in
                .object(["code": .string(f.code.rawValue), "subject": .optional(f.subject), "message": .string(f.message(in: Language(code: site.site.language) ?? .zhCN)),
                         "file": .string(f.location.file), "line": .int(f.location.line), "column": .int(f.location.column)])
            }),
        ])
    }

    func totals(_ t: Totals) -> JSONValue {
        .object([
            "projects": .int(t.projects), "organizations": .int(t.organizations),
            "contracted": .money(t.contracted), "paid": .money(t.paid), "recovered": .money(t.recovered),
            "net": .money(t.net), "to_pay": .money(t.toPay), "to_recover": .money(t.toRecover),
            "by_status": .object(Dictionary(uniqueKeysWithValues: ProjectStatus.allCases.map { ($0.rawValue, JSONValue.int(t.byStatus[$0] ?? 0)) })),
        ])
    }

    private func entry(_ e: Programme.Entry) -> JSONValue {
        .object(["key": .string(e.key), "name": .string(e.name), "name_en": .optional(e.nameEn), "description": .optional(e.description)])
    }

    private func programme() -> JSONValue {
        let p = site.programme, rules = p.rules
        return .object([
            "name": .string(p.name), "year": .int(p.year), "buyer": .string(p.buyer),
            "partners": .array(p.partners.map(JSONValue.string)), "fee": .string(p.fee),
            "regions": .array(p.regions.map(JSONValue.string)), "description": .optional(p.description),
            "target_groups": .array(p.targetGroups.map(entry)),
            "categories": .array(p.categories.map { c in
                .object(["key": .string(c.key), "name": .string(c.entry.name), "name_en": .optional(c.entry.nameEn),
                         "description": .optional(c.entry.description), "services": .array(c.services.map(entry)),
                         "target_groups": .array(c.targetGroups.map(JSONValue.string))])
            }),
            "organization_types": .array(p.organizationTypes.map(entry)),
            "organization_categories": .array(p.organizationCategories.map(entry)),
            "rules": .object([
                "project_cap": .money(rules.projectCap), "rated_project_cap": .money(rules.ratedProjectCap),
                "rated_min_grade": .string(rules.ratedMinGrade.description), "grade_valid_years": .int(rules.gradeValidYears),
                "inspection_years": .array(rules.inspectionYears.map { .int($0) }),
                "registration_levels": .array(rules.registrationLevels.map(JSONValue.string)),
                "spot_check_min_ratio": .object(["numerator": .int(rules.spotCheckMinRatio.numerator),
                                                 "denominator": .int(rules.spotCheckMinRatio.denominator),
                                                 "percent": .string(rules.spotCheckMinRatio.percentText)]),
            ]),
        ])
    }

    private func region(_ r: Region) -> [String: JSONValue] {
        ["code": .string(r.code), "name": .string(r.name), "name_en": .optional(r.nameEn), "url": .string(regionURL(r.code)),
         "totals": totals(Totals(site.projects(in: r)))]
    }

    private func regionURL(_ code: String) -> String {
        baseURL + Routes.region(code, in: site.regions)
    }

    private func regions() -> JSONValue {
        var province = region(site.regions.province)
        province["cities"] = .array(site.regions.cities.map { city in
            var c = region(city)
            c["counties"] = .array(site.regions.counties(of: city.code).map { .object(region($0)) })
            return .object(c)
        })
        return .object(province)
    }

    private func organization(_ o: Organization) -> JSONValue {
        .object([
            "id": .string(o.id), "name": .string(o.name), "credit_code": .string(o.creditCodeText),
            "type": .string(o.type), "category": .string(o.category), "registered_with": .string(o.registeredWith),
            "registration_authority": .optional(o.registrationAuthority), "county": .string(o.county),
            "founded": .optional(o.founded),
            "rating": o.rating.map { .object(["grade": .string($0.grade.description), "year": .int($0.year)]) } ?? .null,
            "annual_inspections": .object(Dictionary(uniqueKeysWithValues: o.annualInspections.map { (String($0.key), JSONValue.string($0.value)) })),
            "financial_system": o.financialSystem.map(JSONValue.bool) ?? .null, "office": .optional(o.office),
            "staff": .optional(o.staff), "certified_social_workers": .optional(o.certifiedSocialWorkers),
            "violations": .array(o.violations.map { .object(["date": .string($0.date.description), "description": .string($0.description)]) }),
            "website": .optional(o.website), "about": .optional(o.about),
            "url": .string(baseURL + Routes.organization(o.id)),
            "totals": totals(Totals(site.projects(of: o.id))),
        ])
    }

    private func project(_ p: ResolvedProject) -> JSONValue {
        let r = p.project
        let cap = Eligibility.cap(for: p.organization, on: r.applicationDate, rules: site.programme.rules)
        return .object([
            "id": .string(r.id), "title": .string(r.title), "url": .string(baseURL + Routes.project(r.id)),
            "status": .string(p.status.rawValue), "organization": .string(r.organization),
            "category": .string(r.category), "services": .array(r.services.map(JSONValue.string)),
            "target_groups": .array(r.targetGroups.map(JSONValue.string)), "county": .string(r.county),
            "city": .optional(p.city?.code), "communities": .array(r.communities.map(JSONValue.string)),
            "amount": .money(r.amount),
            "cap": .object(["amount": .money(cap.cap), "rated": .bool(cap.rated)]),
            "money": .object(["paid": .money(p.money.paid), "recovered": .money(p.money.recovered),
                              "net": .money(p.money.net), "to_pay": .money(p.money.toPay),
                              "to_recover": .money(p.money.toRecover)]),
            "applied": .optional(r.applied), "reviewed_by": .optional(r.reviewedBy),
            "contract": r.contract.map { .object(["date": .optional($0.date), "number": .optional($0.number)]) } ?? .null,
            "period": r.period.map { .object(["start": .string($0.start.description), "end": .string($0.end.description)]) } ?? .null,
            "needs_assessment": r.needsAssessment.map {
                .object(["date": .optional($0.date), "method": .optional($0.method), "respondents": .optional($0.respondents),
                         "findings": .optional($0.findings)])
            } ?? .null,
            "midterm": r.midterm.map(midterm) ?? .null,
            "final": r.final.map { f in
                .object(["date": .string(f.date.description), "by": .optional(f.by), "result": .string(f.result.rawValue),
                         "satisfaction": percent(f.satisfaction), "score": percent(f.score)])
            } ?? .null,
            "outcomes": r.outcomes.map {
                .object(["beneficiaries": .optional($0.beneficiaries), "sessions": .optional($0.sessions),
                         "hours": .optional($0.hours), "highlights": .optional($0.highlights)])
            } ?? .null,
            "documents": .array(r.documents.map { .object(["title": .string($0.title), "url": .string(documentURL($0))]) }),
            "summary": .optional(r.summary),
        ])
    }

    private func midterm(_ m: Project.Midterm) -> JSONValue {
        .object([
            "date": .string(m.date.description), "by": .array(m.by.map(JSONValue.string)),
            "result": .string(m.result.rawValue), "satisfaction": percent(m.satisfaction),
            "spot_check": m.spotCheck.map { .object(["by": .optional($0.by), "date": .optional($0.date), "result": .optional($0.result?.rawValue)]) } ?? .null,
            "rectification": m.rectification.map { .object(["deadline": .optional($0.deadline), "result": .optional($0.result?.rawValue)]) } ?? .null,
        ])
    }

    private func notice(_ n: Notice) -> JSONValue {
        .object([
            "slug": .string(n.slug), "title": .string(n.title), "date": .string(n.date.description),
            "kind": .string(n.kind.rawValue), "regions": .array(n.regions.map(JSONValue.string)),
            "projects": .array(n.projects.map(JSONValue.string)),
            "organizations": .array(n.organizations.map(JSONValue.string)),
            "publicity_period": n.publicityPeriod.map { .object(["start": .string($0.start.description), "end": .string($0.end.description)]) } ?? .null,
            "draft": .bool(n.draft), "summary": .optional(n.summary),
            "url": .string(baseURL + Routes.notice(n.slug)),
        ])
    }

    /// A percentage as an exact JSON number (`92.5`).
    private func percent(_ value: Percent?) -> JSONValue { value.map { .number($0.description) } ?? .null }

    func documentURL(_ d: Project.Document) -> String { d.isURL ? d.file : baseURL + d.file }
}
