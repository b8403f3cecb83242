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

    func projectTable(_ projects: [ResolvedProject]) -> [String: Any] {
        ["rows": projects.map { projectRow($0).templateValue }, "empty": projects.isEmpty]
    }

    /// The page of one project.
    func projectPage(_ p: ResolvedProject) -> [String: Any] {
        let project = p.project
        var view = layout(title: project.title, description: project.summary.map(plainSummary), section: "projects")
        view["project"] = [
            "id": project.id,
            "title": project.title,
            "status": p.status.rawValue,
            "statusLabel": statusLabel(p.status),
            "statusExplanation": statusExplanation(p),
            "recoveryStory": recoveryStory(p) as Any,
            "organizationName": p.organization?.name ?? project.organization,
            "organizationHref": organizationURL(project.organization),
            "countyName": regionName(project.county),
            "countyHref": regionURL(project.county),
            "cityName": p.city.map(name) ?? "",
            "cityHref": p.city.map { regionURL($0.code) } ?? "",
            "categoryName": categoryName(project.category),
            "services": project.services.map { ["name": serviceName($0), "href": serviceURL($0)] },
            "groups": project.targetGroups.map { ["name": groupName($0), "href": groupURL($0)] },
            "communities": project.communities.joined(separator: language == "en" ? ", " : "、"),
            "hasCommunities": !project.communities.isEmpty,
            "amount": money(project.amount),
            "reviewedBy": project.reviewedBy ?? "",
            "contractNumber": project.contract?.number ?? "",
            "period": project.period.map { ["start": date($0.start)!, "end": date($0.end)!] } as Any,
            "summary": markdown(project.summary) as Any,
        ]
        view["totals"] = totals(Totals([p]), scope: "project:\(project.id)")
        view["moneySentence"] = strings.format("project.moneySentence", [
            "amount": MoneyFormat.prose(project.amount, language: language), "paid": MoneyFormat.prose(p.money.paid, language: language),
            "recovered": MoneyFormat.prose(p.money.recovered, language: language), "net": MoneyFormat.prose(p.money.net, language: language),
        ])
        view["timeline"] = overtaken(timeline(p), by: p)
        view["funds"] = funds(p)
        view["evaluations"] = evaluations(project)
        view["needs"] = needs(project)
        view["outcomes"] = outcomes(project)
        view["documents"] = project.documents.map { document -> [String: Any] in
            ["title": document.title, "href": document.isURL ? document.file : link(document.file), "external": document.isURL]
        }
        view["hasDocuments"] = !project.documents.isEmpty
        // A project can be named by hundreds of notices at a province's scale (light pages, issue 16): the newest;
        // its feed and the notices index have them all.
        let projectNotices = site.notices(naming: .project, project.id)
        view["notices"] = noticeItems(Array(projectNotices.prefix(Self.regionListLimit)))
        if projectNotices.count > Self.regionListLimit {
            view["moreNotices"] = strings.format("lightCaps.projectNotices",
                                                 ["n": String(projectNotices.count), "shown": String(Self.regionListLimit)])
        }
        view["findings"] = findingItems(site.findings(about: "project:\(project.id)"))
        view["freshness"] = freshnessLine("project:\(project.id)") as Any
        view["contacts"] = projectContacts(p)
        view["hasContacts"] = !(view["contacts"] as! [[String: Any]]).isEmpty
        return view
    }

    /// The first paragraph of a Markdown summary, as plain text for the page's description.
    func plainSummary(_ text: String) -> String {
        let first = text.split(separator: "\n", omittingEmptySubsequences: true).first.map(String.init) ?? ""
        return String(first.filter { !"*_`#>[]".contains($0) }.prefix(160))
    }

    /// The steps from the residents' needs to the final payment or the recovery, each done, failed or to come.
    func timeline(_ p: ResolvedProject) -> [[String: Any]] {
        let project = p.project
        var steps: [[String: Any]] = []
        func step(_ key: String, _ day: Day?, state: String, detail: String = "") {
            steps.append(["key": key, "label": strings.text("timeline.\(key)"), "date": date(day) as Any,
                          "state": state, "stateLabel": strings.text("timeline.states.\(state)"), "detail": detail])
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
    func funds(_ p: ResolvedProject) -> [String: Any] {
        let rows: [[String: Any]] = p.ledger.map { entry in
            [
                "date": date(entry.date)!,
                "kind": entry.kind.rawValue,
                "kindLabel": strings.text("ledger.\(entry.kind.rawValue)"),
                "amount": money(entry.amount),
                "isRecovery": entry.kind == .recovery,
                "reference": entry.reference,
                "note": entry.note,
            ]
        }
        return ["rows": rows, "empty": rows.isEmpty]
    }

    func evaluations(_ project: Project) -> [[String: Any]] {
        var items: [[String: Any]] = []
        if let midterm = project.midterm {
            var item: [String: Any] = [
                "label": strings.text("evaluation.midterm"),
                "date": date(midterm.date)!,
                "by": midterm.by.joined(separator: language == "en" ? ", " : "、"),
                "result": midterm.result.rawValue,
                "resultLabel": strings.text("results.\(midterm.result.rawValue)"),
                "satisfaction": midterm.satisfaction.map { "\($0)%" } ?? strings.text("evaluation.noSatisfaction"),
                "hasSatisfaction": midterm.satisfaction != nil,
            ]
            if let spot = midterm.spotCheck {
                item["spotCheck"] = ["by": spot.by ?? "", "date": date(spot.date) as Any,
                                     "resultLabel": spot.result.map { strings.text("results.\($0.rawValue)") } ?? ""]
            }
            if let rectification = midterm.rectification {
                item["rectification"] = ["deadline": date(rectification.deadline) as Any,
                                         "resultLabel": rectification.result.map { strings.text("results.\($0.rawValue)") } ?? strings.text("results.pending")]
            }
            items.append(item)
        }
        if let final = project.final {
            items.append([
                "label": strings.text("evaluation.final"),
                "date": date(final.date)!,
                "by": final.by ?? "",
                "result": final.result.rawValue,
                "resultLabel": strings.text("results.\(final.result.rawValue)"),
                "satisfaction": final.satisfaction.map { "\($0)%" } ?? strings.text("evaluation.noSatisfaction"),
                "hasSatisfaction": final.satisfaction != nil,
                "score": final.score.map { "\($0)" } ?? "",
            ])
        }
        return items
    }

    func needs(_ project: Project) -> [String: Any]? {
        guard let needs = project.needsAssessment else { return nil }
        return ["date": date(needs.date) as Any, "method": needs.method ?? "",
                "respondents": needs.respondents.map(String.init) ?? "", "findingsHTML": markdown(needs.findings) as Any]
    }

    func outcomes(_ project: Project) -> [String: Any]? {
        guard let outcomes = project.outcomes else { return nil }
        var figures: [[String: Any]] = []
        for (key, value) in [("beneficiaries", outcomes.beneficiaries), ("sessions", outcomes.sessions), ("hours", outcomes.hours)] {
            if let value { figures.append(["label": strings.text("outcomes.\(key)"), "value": String(value)]) }
        }
        return ["figures": figures, "highlights": markdown(outcomes.highlights) as Any]
    }

    /// The projects index: every project, with filters the script turns on.
    func projectsIndex(_ page: ListPage) -> [String: Any] {
        var view = layout(title: pageTitle(strings.text("projects.title"), page), section: "projects")
        view["table"] = projectTable(Array(site.projects[page.rows]))
        paginate(&view, page)
        // A list on several pages: the filters total the whole list from its rows file (`ProjectListData`).
        if page.pageCount > 1 { view["listData"] = link(Routes.projectRows) }
        view["csvHref"] = csvHref("province")
        view["totals"] = totals(Totals(site.projects), scope: "province", organizations: true)
        func options(_ pairs: [(String, String)]) -> [[String: Any]] {
            var seen: Set<String> = []
            return pairs.filter { seen.insert($0.0).inserted }.map { ["value": $0.0, "label": $0.1] }
        }
        view["filters"] = [
            ["name": "city", "label": strings.text("filters.city"), "options": options(site.regions.cities.map { ($0.code, name($0)) })],
            ["name": "county", "label": strings.text("filters.county"), "options": options(site.regions.counties.map { ($0.code, name($0)) })],
            ["name": "category", "label": strings.text("filters.category"), "options": options(site.programme.categories.map { ($0.key, name($0.entry)) })],
            ["name": "year", "label": strings.text("years.filter"),
             "options": options(Set(site.projects.compactMap(\.project.programmeYear)).sorted().map { (String($0), String($0)) })],
            ["name": "status", "label": strings.text("filters.status"), "options": options(ProjectStatus.allCases.map { ($0.rawValue, statusLabel($0)) })],
            // Thousands of providers would make the page megabytes (issue 16): their filter is offered up to 200.
            ["name": "organization", "label": strings.text("filters.organization"),
             "options": options(site.content.organizations.count > 200 ? [] : site.content.organizations.sorted { $0.id < $1.id }.map { ($0.id, $0.name) })],
            ["name": "services", "label": strings.text("residents.filters.service"), "multi": true,
             "options": options(site.programme.allServices.map { ($0.key, name($0)) })],
            ["name": "groups", "label": strings.text("residents.filters.group"), "multi": true,
             "options": options(site.programme.targetGroups.map { ($0.key, name($0)) })],
        ]
        view["filters"] = (view["filters"] as! [[String: Any]]).filter { !($0["options"] as! [[String: Any]]).isEmpty }
        view["csvName"] = strings.text("residents.filters.csvName")
        return view
    }
}
