import GazetteModel
import GazetteSite

extension PageContext {
    /// One row of a project table, with the values the filters and sorting need.
    func projectRow(_ p: ResolvedProject) -> ProjectRowView {
        ProjectRowView(
            id: p.id,
            href: projectURL(p.id),
            title: p.project.title,
            status: p.status.rawValue,
            statusLabel: statusLabel(p.status),
            county: p.project.county,
            countyName: regionName(p.project.county),
            city: p.city?.code ?? "",
            cityName: p.city.map(name) ?? "",
            category: p.project.category,
            categoryName: categoryName(p.project.category),
            organization: p.project.organization,
            organizationName: p.organization?.name ?? p.project.organization,
            organizationHref: organizationURL(p.project.organization),
            amount: moneyView(p.project.amount),
            net: moneyView(p.money.net),
            satisfaction: satisfactionCell(p.project),
            // For the list's filters and recomputed totals (site.js): the programme year, the catalogue keys
            // (space-separated) and every money figure in fen.
            year: p.project.programmeYear.map(String.init) ?? "",
            services: p.project.services.joined(separator: " "),
            groups: p.project.targetGroups.joined(separator: " "),
            fen: (paid: String(p.money.paid.fen), recovered: String(p.money.recovered.fen),
                  toPay: String(p.money.toPay.fen), toRecover: String(p.money.toRecover.fen)))
    }

    /// The page of one project.
    func projectPage(_ p: ResolvedProject) -> ProjectPageView {
        let project = p.project
        let body = ProjectPageView.Body(
            id: project.id,
            title: project.title,
            status: p.status.rawValue,
            statusLabel: statusLabel(p.status),
            statusExplanation: statusExplanation(p),
            recoveryStory: recoveryStory(p),
            organizationName: p.organization?.name ?? project.organization,
            organizationHref: organizationURL(project.organization),
            countyName: regionName(project.county),
            countyHref: regionURL(project.county),
            cityName: p.city.map(name) ?? "",
            cityHref: p.city.map { regionURL($0.code) } ?? "",
            categoryName: categoryName(project.category),
            services: project.services.map { NamedLinkView(name: serviceName($0), href: serviceURL($0)) },
            groups: project.targetGroups.map { NamedLinkView(name: groupName($0), href: groupURL($0)) },
            communities: project.communities.joined(separator: language == "en" ? ", " : "、"),
            hasCommunities: !project.communities.isEmpty,
            amount: moneyView(project.amount),
            reviewedBy: project.reviewedBy ?? "",
            contractNumber: project.contract?.number ?? "",
            period: project.period.map { .init(start: dateView($0.start)!, end: dateView($0.end)!) },
            summary: markdown(project.summary))
        // A project can be named by hundreds of notices at a province's scale (light pages, issue 16): the newest;
        // its feed and the notices index have them all.
        let projectNotices = site.notices(naming: .project, project.id)
        return ProjectPageView(
            layout: layoutView(title: project.title, description: project.summary.map(plainSummary), section: "projects"),
            project: body,
            totals: totals(Totals([p]), scope: "project:\(project.id)"),
            moneySentence: strings.format("project.moneySentence", [
                "amount": MoneyFormat.prose(project.amount, language: language), "paid": MoneyFormat.prose(p.money.paid, language: language),
                "recovered": MoneyFormat.prose(p.money.recovered, language: language), "net": MoneyFormat.prose(p.money.net, language: language),
            ]),
            timeline: overtaken(timeline(p), by: p),
            funds: funds(p),
            evaluations: evaluations(project),
            needs: needs(project),
            outcomes: outcomes(project),
            documents: project.documents.map { document in
                .init(title: document.title, href: document.isURL ? document.file : link(document.file), external: document.isURL)
            },
            notices: noticeItems(Array(projectNotices.prefix(Self.regionListLimit))),
            findings: findingItems(site.findings(about: "project:\(project.id)")),
            freshness: freshnessView("project:\(project.id)"),
            contacts: projectContacts(p),
            moreNotices: projectNotices.count > Self.regionListLimit
                ? strings.format("lightCaps.projectNotices", ["n": String(projectNotices.count), "shown": String(Self.regionListLimit)]) : nil)
    }

    /// The first paragraph of a Markdown summary, as plain text for the page's description.
    func plainSummary(_ text: String) -> String {
        let first = text.split(separator: "\n", omittingEmptySubsequences: true).first.map(String.init) ?? ""
        return String(first.filter { !"*_`#>[]".contains($0) }.prefix(160))
    }

    /// The steps from the residents' needs to the final payment or the recovery, each done, failed or to come.
    func timeline(_ p: ResolvedProject) -> [ProjectPageView.Step] {
        let project = p.project
        var steps: [ProjectPageView.Step] = []
        func step(_ key: String, _ day: Day?, state: String, detail: String = "") {
            steps.append(.init(key: key, label: strings.text("timeline.\(key)"), date: dateView(day),
                               state: state, stateLabel: strings.text("timeline.states.\(state)"), detail: detail))
        }
        func done(_ day: Day?) -> String { day == nil ? "pending" : "done" }
        step("needs", project.needsAssessment?.date, state: project.needsAssessment == nil ? "missing" : "done",
             detail: project.needsAssessment?.method ?? "")
        step("application", project.applied, state: done(project.applied))
        step("review", project.applied.flatMap { _ in project.contract?.date }, state: project.reviewedBy == nil ? "pending" : "done",
             detail: project.reviewedBy ?? "")
        step("contract", project.contract?.date, state: done(project.contract?.date), detail: project.contract?.number ?? "")
        let advance = p.ledger.first { $0.kind == .advance }
        step("advance", advance?.date, state: done(advance?.date), detail: advance.map { MoneyFormat.table($0.amount) } ?? "")
        if let midterm = project.midterm {
            step("midterm", midterm.date, state: midterm.result == .pass ? "done" : (midterm.result == .fail ? "failed" : "warning"),
                 detail: strings.text("results.\(midterm.result.rawValue)"))
            if let spot = midterm.spotCheck {
                step("spotCheck", spot.date, state: spot.result == .fail ? "failed" : "done",
                     detail: [spot.by, spot.result.map { strings.text("results.\($0.rawValue)") }].compactMap { $0 }.joined(separator: " · "))
            }
            if let rectification = midterm.rectification {
                let state = rectification.result == nil ? "warning" : (rectification.result == .pass ? "done" : "failed")
                step("rectification", rectification.deadline, state: state,
                     detail: rectification.result.map { strings.text("results.\($0.rawValue)") } ?? strings.text("results.pending"))
            }
        } else {
            step("midterm", nil, state: "pending")
        }
        if p.status == .terminated {
            let recovery = p.ledger.last { $0.kind == .recovery }
            step("recovery", recovery?.date, state: recovery == nil ? "warning" : "done",
                 detail: MoneyFormat.table(p.money.recovered))
            return steps
        }
        if let final = project.final {
            step("final", final.date, state: final.result == .pass ? "done" : "failed", detail: strings.text("results.\(final.result.rawValue)"))
            if final.result == .pass {
                let payment = p.ledger.last { $0.kind == .final }
                step("finalPayment", payment?.date, state: done(payment?.date), detail: payment.map { MoneyFormat.table($0.amount) } ?? "")
            } else {
                let recovery = p.ledger.last { $0.kind == .recovery }
                step("recovery", recovery?.date, state: recovery == nil ? "warning" : "done", detail: MoneyFormat.table(p.money.recovered))
            }
        } else {
            step("final", nil, state: "pending")
            step("finalPayment", nil, state: "pending")
        }
        return steps
    }

    /// Every ledger row, then the amount and what was paid, recovered and is still due.
    func funds(_ p: ResolvedProject) -> ProjectPageView.Funds {
        ProjectPageView.Funds(rows: p.ledger.map { entry in
            .init(date: dateView(entry.date)!, kind: entry.kind.rawValue, kindLabel: strings.text("ledger.\(entry.kind.rawValue)"),
                  amount: moneyView(entry.amount), isRecovery: entry.kind == .recovery, reference: entry.reference, note: entry.note)
        })
    }

    func evaluations(_ project: Project) -> [ProjectPageView.Evaluation] {
        var items: [ProjectPageView.Evaluation] = []
        if let midterm = project.midterm {
            var item = ProjectPageView.Evaluation(
                label: strings.text("evaluation.midterm"),
                date: dateView(midterm.date)!,
                by: midterm.by.joined(separator: language == "en" ? ", " : "、"),
                result: midterm.result.rawValue,
                resultLabel: strings.text("results.\(midterm.result.rawValue)"),
                satisfaction: midterm.satisfaction.map { "\($0)%" } ?? strings.text("evaluation.noSatisfaction"),
                hasSatisfaction: midterm.satisfaction != nil)
            if let spot = midterm.spotCheck {
                item.spotCheck = .init(by: spot.by ?? "", date: dateView(spot.date),
                                       resultLabel: spot.result.map { strings.text("results.\($0.rawValue)") } ?? "")
            }
            if let rectification = midterm.rectification {
                item.rectification = .init(deadline: dateView(rectification.deadline),
                                           resultLabel: rectification.result.map { strings.text("results.\($0.rawValue)") } ?? strings.text("results.pending"))
            }
            items.append(item)
        }
        if let final = project.final {
            items.append(.init(
                label: strings.text("evaluation.final"),
                date: dateView(final.date)!,
                by: final.by ?? "",
                result: final.result.rawValue,
                resultLabel: strings.text("results.\(final.result.rawValue)"),
                satisfaction: final.satisfaction.map { "\($0)%" } ?? strings.text("evaluation.noSatisfaction"),
                hasSatisfaction: final.satisfaction != nil,
                score: final.score.map { "\($0)" } ?? ""))
        }
        return items
    }

    func needs(_ project: Project) -> ProjectPageView.Needs? {
        guard let needs = project.needsAssessment else { return nil }
        return .init(date: dateView(needs.date), method: needs.method ?? "",
                     respondents: needs.respondents.map(String.init) ?? "", findingsHTML: markdown(needs.findings))
    }

    func outcomes(_ project: Project) -> ProjectPageView.Outcomes? {
        guard let outcomes = project.outcomes else { return nil }
        var figures: [ProjectPageView.Outcomes.Figure] = []
        for (key, value) in [("beneficiaries", outcomes.beneficiaries), ("sessions", outcomes.sessions), ("hours", outcomes.hours)] {
            if let value { figures.append(.init(label: strings.text("outcomes.\(key)"), value: String(value))) }
        }
        return .init(figures: figures, highlights: markdown(outcomes.highlights))
    }

    /// The projects index: every project, with filters the script turns on.
    func projectsIndex(_ page: ListPage) -> ProjectsPageView {
        listPageView("projects", page, alone: { projectsIndexAlone(page) }) { view in
            view.layout = layoutView(title: pageTitle(strings.text("projects.title"), page), section: "projects")
            view.table = ProjectTableView(rows: site.projects[page.rows].map(projectRow))
            view.pagination = paginate(page)
            view.listData = page.pageCount > 1 ? link(Routes.projectRows) : nil
        }
    }

    /// A page of the projects index made whole: what `projectsIndex` shares between the pages (`ListParts`).
    func projectsIndexAlone(_ page: ListPage) -> ProjectsPageView {
        func filter(_ name: String, _ label: String, multi: Bool = false, _ pairs: [(String, String)]) -> ProjectsPageView.Filter {
            var seen: Set<String> = []
            return .init(name: name, label: strings.text(label), multi: multi,
                         options: pairs.filter { seen.insert($0.0).inserted }.map { .init(value: $0.0, label: $0.1) })
        }
        let filters = [
            filter("city", "filters.city", site.regions.cities.map { ($0.code, name($0)) }),
            filter("county", "filters.county", site.regions.counties.map { ($0.code, name($0)) }),
            filter("category", "filters.category", site.programme.categories.map { ($0.key, name($0.entry)) }),
            filter("year", "years.filter", Set(site.projects.compactMap(\.project.programmeYear)).sorted().map { (String($0), String($0)) }),
            filter("status", "filters.status", ProjectStatus.allCases.map { ($0.rawValue, statusLabel($0)) }),
            // Thousands of providers would make the page megabytes (issue 16): their filter is offered up to 200.
            filter("organization", "filters.organization",
                   site.content.organizations.count > 200 ? [] : site.content.organizations.sorted { $0.id < $1.id }.map { ($0.id, $0.name) }),
            filter("services", "residents.filters.service", multi: true, site.programme.allServices.map { ($0.key, name($0)) }),
            filter("groups", "residents.filters.group", multi: true, site.programme.targetGroups.map { ($0.key, name($0)) }),
        ]
        return ProjectsPageView(
            layout: layoutView(title: pageTitle(strings.text("projects.title"), page), section: "projects"),
            table: ProjectTableView(rows: site.projects[page.rows].map(projectRow)),
            pagination: paginate(page),
            // A list on several pages: the filters total the whole list from its rows file (`ProjectListData`).
            listData: page.pageCount > 1 ? link(Routes.projectRows) : nil,
            csvHref: csvHref("province"),
            totals: totals(Totals(site.projects), scope: "province", organizations: true),
            filters: filters.filter { !$0.options.isEmpty },
            csvName: strings.text("residents.filters.csvName"))
    }
}
