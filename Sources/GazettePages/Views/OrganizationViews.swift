import GazetteModel
import GazetteSite

extension PageContext {
    func organizationsIndex(_ page: ListPage) -> OrganizationsPageView {
        OrganizationsPageView(
            layout: layoutView(title: pageTitle(strings.text("organizations.title"), page), section: "organizations"),
            csvHref: link("data/organizations.csv"),
            pagination: paginate(page),
            organizations: site.content.organizations.sorted { $0.id < $1.id }[page.rows].map { organization in
                let projects = site.projects(of: organization.id)
                return .init(
                    name: organization.name, href: organizationURL(organization.id),
                    category: organizationCategoryName(organization.category),
                    type: organizationTypeName(organization.type),
                    county: regionName(organization.county),
                    rating: organization.rating.map { "\($0.grade)" } ?? "",
                    projects: String(projects.count),
                    net: moneyView(Totals(projects).net))
            })
    }

    package func organizationCategoryName(_ key: String) -> String {
        site.programme.organizationCategories.first { $0.key == key }.map(name) ?? key
    }

    package func organizationTypeName(_ key: String) -> String {
        site.programme.organizationTypes.first { $0.key == key }.map(name) ?? key
    }

    func organizationPage(_ organization: Organization, _ page: ListPage) -> OrganizationPageView {
        let projects = site.projects(of: organization.id)
        var code = OrganizationPageView.Code(text: organization.creditCodeText, valid: organization.creditCode != nil)
        if let parsed = organization.creditCode {
            let authority = CreditCode.authorityNames[parsed.authority]
            let kind = parsed.authority == "5" ? CreditCode.civilAffairsKindNames[parsed.kind] : nil
            code.parts = [
                .init(label: strings.text("creditCode.authority"), value: String(parsed.authority),
                      meaning: authority.map { language == "en" ? $0.en : $0.zh } ?? ""),
                .init(label: strings.text("creditCode.kind"), value: String(parsed.kind),
                      meaning: kind.map { language == "en" ? $0.en : $0.zh } ?? ""),
                .init(label: strings.text("creditCode.region"), value: parsed.region,
                      meaning: site.regions[parsed.region].map(name) ?? ""),
                .init(label: strings.text("creditCode.body"), value: parsed.body, meaning: ""),
                .init(label: strings.text("creditCode.check"), value: String(parsed.check), meaning: strings.text("creditCode.checkOK")),
            ]
        }
        let body = OrganizationPageView.Body(
            name: organization.name,
            creditCode: code,
            type: organizationTypeName(organization.type),
            category: organizationCategoryName(organization.category),
            registeredWith: strings.text("registration.\(organization.registeredWith)"),
            authority: organization.registrationAuthority ?? "",
            county: regionName(organization.county),
            countyHref: regionURL(organization.county),
            founded: dateView(organization.founded),
            rating: organization.rating.map { .init(grade: "\($0.grade)", year: String($0.year)) },
            office: organization.office ?? "",
            staff: organization.staff.map(String.init) ?? "",
            socialWorkers: organization.certifiedSocialWorkers.map(String.init) ?? "",
            website: organization.website ?? "",
            about: markdown(organization.about),
            violations: organization.violations.map { .init(date: dateView($0.date)!, description: $0.description) })
        // A provider can be named by hundreds of notices at a province's scale (light pages, issue 16): the newest.
        let organizationNotices = site.notices(naming: .organization, organization.id)
        return OrganizationPageView(
            layout: layoutView(title: pageTitle(organization.name, page), section: "organizations"),
            organization: body,
            eligibility: eligibility(organization, projects: projects),
            totals: totals(Totals(projects), scope: "organization:\(organization.id)"),
            table: ProjectTableView(rows: projects[page.rows].map(projectRow)),
            pagination: paginate(page),
            byYear: fundsByYear(projects),
            outcomeSummary: outcomeSummary(projects, scope: "organization:\(organization.id)"),
            accountability: accountability(organization, projects: projects),
            csvHref: csvHref("organization:\(organization.id)"),
            freshness: freshnessView("organization:\(organization.id)"),
            notices: noticeItems(Array(organizationNotices.prefix(Self.regionListLimit))),
            findings: findingItems(site.findings(aboutAny: ["organization:\(organization.id)"] + projects.map { "project:\($0.id)" })),
            moreNotices: organizationNotices.count > Self.regionListLimit
                ? strings.format("lightCaps.organizationNotices",
                                 ["n": String(organizationNotices.count), "shown": String(Self.regionListLimit)]) : nil)
    }

    /// The eligibility checklist, rule by rule, as of each application date.
    func eligibility(_ organization: Organization, projects: [ResolvedProject]) -> [OrganizationPageView.EligibilityCheck] {
        let dates = Set(projects.compactMap { $0.project.applicationDate }).sorted()
        return dates.map { day in
            let result = Eligibility.of(organization, on: day, programme: site.programme)
            let applications = projects.filter { $0.project.applicationDate == day }
            return .init(
                date: dateView(day)!,
                eligible: result.isEligible,
                projects: applications.map { TitledLinkView(title: $0.project.title, href: projectURL($0.id)) },
                items: result.items.map { item in
                    .init(label: strings.text("eligibility.\(item.criterion.rawValue)"), met: item.met,
                          detail: eligibilityDetail(item, organization: organization, on: day))
                })
        }
    }

    /// What the record shows for one criterion, in the site's language.
    func eligibilityDetail(_ item: Eligibility.Item, organization: Organization, on day: Day) -> String {
        switch item.criterion {
        case .registration: return strings.text("registration.\(organization.registeredWith)")
        case .type: return organizationTypeName(organization.type)
        case .financialSystem: return strings.text(item.met ? "eligibility.present" : "eligibility.absent")
        case .office: return organization.office ?? strings.text("eligibility.none")
        case .staff: return strings.format("eligibility.staffCount", ["n": String(organization.staff ?? 0)])
        case .inspection:
            let years = site.programme.rules.inspectionYears
            return years.map { "\($0): " + (organization.annualInspections[$0].map { strings.text("inspection.\($0)") } ?? strings.text("eligibility.none")) }
                .joined(separator: language == "en" ? "; " : ";")
        case .noViolation:
            if !item.met { return organization.violations.filter { $0.date < day }.map { "\($0.date) \($0.description)" }.joined(separator: ";") }
            // Met on the day of the application; a violation recorded since is said here too, so that the
            // checklist never reads as if the record were clean.
            let later = organization.violations.filter { $0.date >= day }
            if later.isEmpty { return strings.text("eligibility.noViolation") }
            return strings.format("accountability.noViolationSince", [
                "date": DateFormat.long(day, language: language),
                "later": later.map { DateFormat.long($0.date, language: language) + " " + $0.description }.joined(separator: language == "en" ? "; " : "；"),
            ])
        }
    }

    /// Money received by year of payment: paid, recovered, net.
    func fundsByYear(_ projects: [ResolvedProject]) -> [OrganizationPageView.YearRow] {
        var paid: [Int: Int64] = [:], recovered: [Int: Int64] = [:]
        for entry in projects.flatMap(\.ledger) {
            if entry.kind.isPayment { paid[entry.date.year, default: 0] += entry.amount.fen }
            else { recovered[entry.date.year, default: 0] += entry.amount.fen }
        }
        return Set(paid.keys).union(recovered.keys).sorted().map { year in
            let p = Yuan(fen: paid[year] ?? 0), r = Yuan(fen: recovered[year] ?? 0)
            return .init(year: String(year), paid: moneyView(p), recovered: moneyView(r), net: moneyView(p - r))
        }
    }
}
