import GazetteModel
import GazetteSite
import GazetteTemplates

/// Issue 17's summaries, as view values: what the projects achieved, year by year, and place by place.
extension PageContext {
    /// The outcomes of a set of projects (`scope` as for totals: `province`, `city:CODE`…).
    func outcomeSummary(_ projects: [ResolvedProject], scope: String) -> OutcomeSummaryView {
        let summary = OutcomeSummary(projects: projects.map { ($0.project, $0.money.recovered) })
        func percent(_ value: Percent?) -> String { value.map { "\($0)%" } ?? "" }
        func results(_ counts: [Project.Result: Int], evaluated: String) -> [OutcomeSummaryView.ResultCount] {
            Project.Result.allCases.map { result in
                .init(figure: "\(evaluated)-\(result.rawValue)", label: strings.text("results.\(result.rawValue)"),
                      count: String(counts[result] ?? 0))
            }
        }
        let midtermTotal = summary.midterm.values.reduce(0, +), finalTotal = summary.final.values.reduce(0, +)
        var view = OutcomeSummaryView(
            scope: scope,
            projects: String(summary.projects),
            satisfactionCount: String(summary.satisfactionCount),
            hasSatisfaction: summary.satisfactionCount > 0,
            midterm: results(summary.midterm, evaluated: "midterm"),
            midtermCount: String(midtermTotal),
            midtermNone: String(summary.projects - midtermTotal),
            final: results(summary.final, evaluated: "final"),
            finalCount: String(finalTotal),
            finalNone: String(summary.projects - finalTotal),
            spotChecked: String(summary.spotChecked),
            midtermEvaluated: String(summary.midtermEvaluated),
            recovered: moneyView(summary.recovered),
            satisfactionSentence: "")
        if let tenths = summary.averageTenths {
            let average = OutcomeSummary.tenthsText(tenths) + "%"
            view.average = .init(text: average, exactName: "tenths", exact: String(tenths))
            view.min = .init(text: percent(summary.satisfactionMin), exactName: "hundredths", exact: String(summary.satisfactionMin!.hundredths))
            view.max = .init(text: percent(summary.satisfactionMax), exactName: "hundredths", exact: String(summary.satisfactionMax!.hundredths))
            view.satisfactionSentence = strings.format("outcomeSummary.satisfactionSentence", [
                "n": String(summary.satisfactionCount), "projects": String(summary.projects), "average": average,
                "min": percent(summary.satisfactionMin), "max": percent(summary.satisfactionMax),
            ])
        } else {
            view.satisfactionSentence = strings.format("outcomeSummary.noSatisfaction", ["projects": String(summary.projects)])
        }
        if let permille = summary.spotCheckPermille {
            let share = "\(permille / 10).\(permille % 10)%"
            view.spotCheck = .init(share: share, permille: String(permille),
                                   text: strings.format("outcomeSummary.spotCheckSentence", [
                                       "checked": String(summary.spotChecked), "evaluated": String(summary.midtermEvaluated), "share": share]))
        }
        return view
    }

    /// The by-year table and its chart, from the same rows: projects and contracted amounts by programme year,
    /// payments and recoveries by the year of their ledger date.
    func yearTable(_ projects: [ResolvedProject], scope: String) -> YearTableView {
        let years = YearTotals(projects: projects.map(\.project), ledger: projects.flatMap(\.ledger))
        // The year's projects on the projects page, with the place's filter too (projects/?year=2017&city=630100).
        let parts = scope.split(separator: ":", maxSplits: 1)
        let filterSuffix = parts.count == 2 && ["city", "county", "organization"].contains(String(parts[0])) ? "&\(parts[0])=\(parts[1])" : ""
        let rows = years.rows.map { row in
            YearTableView.Row(year: String(row.year), projectsHref: link("projects/") + "?year=\(row.year)" + filterSuffix,
                              projects: String(row.projects), contracted: moneyView(row.contracted), paid: moneyView(row.paid),
                              recovered: moneyView(row.recovered), net: moneyView(row.net))
        }
        let series = [("contracted", strings.text("years.contracted")), ("paid", strings.text("years.paid")),
                      ("recovered", strings.text("years.recovered"))]
        let chart = YearChart.svg(
            id: "years-chart", title: strings.text("years.chartTitle"),
            years: years.rows.map { row in (row.year, [row.contracted, row.paid, row.recovered]) },
            series: series.map { (key: $0.0, label: $0.1) })
        return YearTableView(scope: scope, rows: rows, chart: chart)
    }

    /// The tile-grid map of `counties`, shaded by net funds, or by projects per 10,000 residents when every
    /// county that has projects gives its population; with the same figures in a table.
    func countyMap(_ counties: [Region], scope: String) -> CountyMapView {
        let perResidents = !counties.isEmpty && counties.allSatisfy { $0.population != nil }
        let tiles: [TileMap.Tile] = counties.map { county in
            let projects = site.projects(inCounty: county.code)
            let totals = Totals(projects)
            let value: Int64, text: String
            if perResidents, let population = county.population {
                // Hundredths of a project per 10,000 residents, rounded down: exact integers.
                value = Int64(projects.count) * 1_000_000 / Int64(population)
                text = strings.format("map.perResidentsValue", ["value": "\(value / 100).\(value % 100 < 10 ? "0" : "")\(value % 100)"])
            } else {
                value = totals.net.fen
                text = MoneyFormat.table(totals.net)
            }
            return TileMap.Tile(code: county.code, name: name(county), short: shortName(county), href: regionURL(county.code),
                                cell: county.grid, value: value, valueText: text, projects: totals.projects,
                                net: totals.net, population: county.population)
        }
        let measure = strings.text(perResidents ? "map.perResidents" : "map.net")
        let labelFor = { (tile: TileMap.Tile) in
            strings.format("map.tileLabel", ["name": tile.name, "measure": measure, "value": tile.valueText, "projects": String(tile.projects)])
        }
        let title = strings.format("map.title", ["measure": measure])
        // Real outlines when the content gives one for every county on the map; the tile grid otherwise.
        let outlines = Dictionary(counties.compactMap { county in county.outline.map { (county.code, $0) } }, uniquingKeysWith: { a, _ in a })
        let svg = !counties.isEmpty && outlines.count == counties.count
            ? OutlineMap.svg(id: "county-map", title: title, tiles: tiles, outlines: outlines, labelFor: labelFor)
            : TileMap.svg(id: "county-map", title: title, tiles: tiles, labelFor: labelFor)
        let largest = tiles.map(\.value).max() ?? 0
        return CountyMapView(
            scope: scope, svg: svg, measure: measure, perResidents: perResidents,
            rows: tiles.map { tile in
                .init(code: tile.code, name: tile.name, href: tile.href, projects: String(tile.projects), net: moneyView(tile.net),
                      value: tile.valueText, shade: String(TileMap.shade(tile.value, max: largest)),
                      population: tile.population.map(String.init) ?? "")
            })
    }

    /// A short label for a county's square: its name without 区/县/市 when that leaves at most three
    /// characters, else its first two; in English the first word.
    func shortName(_ county: Region) -> String {
        if language == "en" {
            let english = county.nameEn ?? county.name
            return String(english.split(separator: " ").first.map(String.init)?.prefix(10) ?? Substring(english))
        }
        var text = county.name
        if let last = text.last, "区县市旗".contains(last), text.count > 2 { text.removeLast() }
        return text.count <= 3 ? text : String(text.prefix(2))
    }
}

extension PageContext {
    /// What the record holds against an organization, for the banner at the top of its page: final
    /// evaluations it failed (and the programme year it may not apply for), violations, and whether it still
    /// meets the conditions on the as-of date.
    func accountability(_ organization: Organization, projects: [ResolvedProject]) -> AccountabilityView {
        var items: [AccountabilityView.Item] = []
        for p in projects where p.project.final?.result == .fail {
            let final = p.project.final!
            var values = ["title": p.project.title, "date": DateFormat.long(final.date, language: language)]
            let key: String
            if let year = p.project.programmeYear {
                values["year"] = String(year + 1)
                key = "accountability.failedFinal"
            } else {
                key = "accountability.failedFinalNoYear"
            }
            items.append(.init(kind: "failed-final", text: strings.format(key, values), href: projectURL(p.id),
                               linkText: p.project.title))
        }
        for violation in organization.violations.sorted(by: { $0.date < $1.date }) {
            items.append(.init(kind: "violation", text: strings.format("accountability.violation", [
                "date": DateFormat.long(violation.date, language: language), "description": violation.description,
            ])))
        }
        let now = Eligibility.of(organization, on: site.asOf, programme: site.programme)
        if !now.isEligible {
            items.append(.init(kind: "lapsed", text: strings.format("accountability.lapsed", [
                "asOf": DateFormat.long(site.asOf, language: language),
                "unmet": now.unmet.map { strings.text("eligibility.\($0.criterion.rawValue)") }
                    .joined(separator: language == "en" ? "; " : "；"),
            ])))
        }
        return AccountabilityView(items: items)
    }
}

extension PageContext {
    /// A project's final satisfaction for a table: its text (— when there is none) and its sort value in
    /// hundredths (-1 when there is none, so that such projects sort first ascending).
    package func satisfactionCell(_ project: Project) -> (text: String, sort: String) {
        guard let satisfaction = project.final?.satisfaction else { return ("—", "-1") }
        return ("\(satisfaction)%", String(satisfaction.hundredths))
    }
}

extension PageContext {
    /// What the status means; for a project whose advance must come back, without "should be recovered" once
    /// nothing is left to recover (the recovery story then says what happened).
    func statusExplanation(_ p: ResolvedProject) -> String {
        if p.status.mustRepay && p.money.toRecover == .zero {
            return strings.text("moneyStory.explained.\(p.status.rawValue)")
        }
        return strings.text("statusExplained.\(p.status.rawValue)")
    }

    /// For a terminated or failed project: what was recovered, when, and what is left
    /// (「已于2018年2月10日全额收回6万元。」).
    func recoveryStory(_ p: ResolvedProject) -> String? {
        guard p.status.mustRepay else { return nil }
        let money = p.money
        let left = MoneyFormat.prose(money.toRecover, language: language)
        guard let last = p.ledger.last(where: { $0.kind == .recovery }) else {
            return money.toRecover == .zero ? strings.text("moneyStory.recoveredNothingDue")
                : strings.format("moneyStory.recoverNone", ["left": left])
        }
        let values = ["date": DateFormat.long(last.date, language: language),
                      "amount": MoneyFormat.prose(money.recovered, language: language), "left": left]
        return strings.format(money.toRecover == .zero ? "moneyStory.recoveredFull" : "moneyStory.recoveredPart", values)
    }
}

extension PageContext {
    /// The link to the CSV of a list page's projects (see `Routes.projectList`).
    func csvHref(_ scope: String) -> String? {
        if scope.hasPrefix("county:") && site.regions[String(scope.dropFirst("county:".count))] == nil { return nil }
        return Routes.projectList(scope: scope).map(link)
    }
}

extension PageContext {
    /// Steps read as what happened: a mid-term evaluation that asked for rectification is no longer waiting
    /// once the rectification has a result (it is done; its result stays in the detail), and a step still
    /// to come on a project that ended without acceptance will not come: it reads as stopped, not pending.
    func overtaken(_ steps: [ProjectPageView.Step], by p: ResolvedProject) -> [ProjectPageView.Step] {
        let rectified = p.project.midterm?.rectification?.result != nil
        return steps.map { step in
            var step = step
            if rectified, step.key == "midterm", step.state == "warning" {
                step.state = "done"
                step.stateLabel = strings.text("timeline.states.done")
            } else if p.status.mustRepay, step.state == "pending" {
                step.state = "stopped"
                step.stateLabel = strings.text("moneyStory.stopped")
            }
            return step
        }
    }
}

extension PageContext {
    /// 「本页记录最近一次变化：2018年3月31日（第1次发布）。」 with a link to that publication on the changes
    /// page; nil when the record is in no publication (no publication record, or a draft).
    func freshnessView(_ record: String) -> FreshnessView? {
        guard let fresh = freshness[record] else { return nil }
        return FreshnessView(
            text: strings.format("freshness.lastChanged", [
                "date": DateFormat.long(fresh.date, language: language),
                "publication": strings.format("changes.publication", ["n": String(fresh.publication)]),
            ]),
            iso: fresh.date.description,
            publication: String(fresh.publication),
            href: link("changes/") + "#" + ChangeEntry.anchor(fresh.publication))
    }
}
