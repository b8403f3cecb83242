import GazetteModel
import GazetteSite

extension PageContext {
    /// The home page: the programme, the province's totals, each city, the latest notices, the findings.
    func home() -> HomePageView {
        let programme = site.programme
        let all = Totals(site.projects)
        let cities = site.regions.cities.map { city in (city, Totals(site.projects(inCity: city.code))) }
        return HomePageView(
            layout: layoutView(title: site.site.title, section: "home"),
            programme: .init(
                name: programme.name,
                buyer: programme.buyer,
                partners: programme.partners.joined(separator: language == "en" ? ", " : "、"),
                hasPartners: !programme.partners.isEmpty,
                fee: strings.text("fees.\(programme.fee)"),
                categories: programme.categories.map { category in
                    .init(name: name(category.entry), services: category.services.map { NamedLinkView(name: name($0), href: serviceURL($0.key)) })
                },
                descriptionHTML: markdown(programme.description),
                province: name(site.regions.province)),
            totals: totals(all, scope: "province", organizations: true),
            totalsSentence: strings.format("home.totalsSentence", [
                "asOf": DateFormat.long(site.asOf, language: language), "projects": String(all.projects),
                "organizations": String(all.organizations), "contracted": MoneyFormat.prose(all.contracted, language: language),
                "net": MoneyFormat.prose(all.net, language: language),
            ]),
            statuses: statusCounts(all),
            cities: cities.map { city, totals in regionRow(city, totals) },
            chart: BarChart.svg(
                title: strings.text("home.chartTitle"),
                bars: cities.map { (name($0.0), $0.1.contracted, $0.1.net) },
                seriesLabels: (strings.text("figures.contracted"), strings.text("figures.net"))),
            notices: noticeItems(Array(site.notices.prefix(5))),
            findingSummary: findingSummary(),
            outcomeSummary: outcomeSummary(site.projects, scope: "province"),
            years: yearTable(site.projects, scope: "province"),
            countyMap: countyMap(programmeCounties(site.regions.counties), scope: "province"),
            areas: areaChooser())
    }

    func regionRow(_ region: Region, _ totals: Totals) -> RegionRowView {
        RegionRowView(code: region.code, name: name(region), href: regionURL(region.code), projects: String(totals.projects),
                      contracted: moneyView(totals.contracted), paid: moneyView(totals.paid), net: moneyView(totals.net))
    }

    /// Findings counted by code, for the home page.
    func findingSummary() -> HomePageView.FindingSummary {
        var counts: [DiagnosticCode: Int] = [:]
        for finding in site.findings { counts[finding.code, default: 0] += 1 }
        let items = counts.keys.sorted().map { code in
            HomePageView.FindingSummary.Item(code: code.rawValue, title: strings.text("findings.codes.\(code.rawValue)"), count: String(counts[code]!))
        }
        return .init(items: items, total: String(site.findings.count), href: link("findings/"), published: site.site.publishFindings)
    }

    /// A city or a county.
    func regionPage(_ region: Region, _ page: ListPage) -> RegionPageView {
        listPageView("region:\(region.code)", page, alone: { regionPageAlone(region, page) }) { view in
            view.layout = layoutView(title: pageTitle(name(region), page), section: "regions")
            view.table = ProjectTableView(rows: site.projects(in: region)[page.rows].map(projectRow))
            view.pagination = paginate(page)
        }
    }

    /// A region's list page made whole: what `regionPage` shares between the pages of the list (`ListParts`).
    func regionPageAlone(_ region: Region, _ page: ListPage) -> RegionPageView {
        let projects = site.projects(in: region)
        let sums = Totals(projects)
        let scope = "\(region.level.rawValue):\(region.code)"
        let organizationIDs = Set(projects.map(\.project.organization))
        // A city has thousands of providers at a province's scale: the page lists the first ones (light pages, issue 16);
        // each has its page, and the organizations index lists them all.
        let providers = site.content.organizations.filter { organizationIDs.contains($0.id) }.sorted { $0.id < $1.id }
        let regionNotices = site.notices(naming: .region, region.code)
        let isCity = region.level == .city, isCounty = region.level == .county
        return RegionPageView(
            layout: layoutView(title: pageTitle(name(region), page), section: "regions"),
            region: .init(
                name: name(region),
                code: region.code,
                level: region.level.rawValue,
                levelLabel: strings.text("regions.\(region.level.rawValue)"),
                isCity: isCity,
                parentName: region.parent.map(regionName) ?? "",
                parentHref: region.parent.map(regionURL) ?? "",
                inProgramme: !isCounty || site.programme.regions.contains(region.code)),
            totals: totals(sums, scope: scope, organizations: true),
            statuses: statusCounts(sums),
            counties: isCity ? site.regions.counties(of: region.code).map { regionRow($0, Totals(site.projects(inCounty: $0.code))) } : nil,
            spotCheck: isCity ? spotCheck(projects) : nil,
            table: ProjectTableView(rows: projects[page.rows].map(projectRow)),
            pagination: paginate(page),
            moreOrganizations: providers.count > Self.regionListLimit
                ? strings.format("pager.moreOrganizations", ["n": String(providers.count), "shown": String(Self.regionListLimit)]) : nil,
            organizations: providers.prefix(Self.regionListLimit).map { organization in
                CountedLinkView(name: organization.name, href: organizationURL(organization.id),
                                projects: String(projects.filter { $0.project.organization == organization.id }.count))
            },
            notices: noticeItems(Array(regionNotices.prefix(Self.regionListLimit))),
            moreNotices: regionNotices.count > Self.regionListLimit
                ? strings.format("pager.moreNotices", ["n": String(regionNotices.count), "shown": String(Self.regionListLimit)]) : nil,
            findings: findingItems(site.findings(about: "region:\(region.code)")),
            outcomeSummary: outcomeSummary(projects, scope: scope),
            csvHref: csvHref(scope),
            years: yearTable(projects, scope: scope),
            countyMap: isCity ? countyMap(programmeCounties(site.regions.counties(of: region.code)), scope: scope) : nil,
            ask: isCounty ? askForService(region) : nil,
            communities: isCounty ? communityItems(region) : nil)
    }

    /// How many providers and notices a city's or county's page lists (the newest notices; the region's feed and
    /// the notices index have them all).
    static let regionListLimit = 50

    /// The counties among these that are in the programme (all of them when the programme names none).
    func programmeCounties(_ counties: [Region]) -> [Region] {
        let codes = Set(site.programme.regions)
        return codes.isEmpty ? counties : counties.filter { codes.contains($0.code) }
    }

    /// The share of a city's mid-term evaluations its bureau spot-checked, against the rule.
    func spotCheck(_ projects: [ResolvedProject]) -> RegionPageView.SpotCheck {
        let evaluated = projects.filter { $0.project.midterm != nil }
        let checked = evaluated.filter { $0.project.midterm?.spotCheck != nil }
        let ratio = site.programme.rules.spotCheckMinRatio
        let permille = evaluated.isEmpty ? 0 : checked.count * 1000 / evaluated.count
        let share = "\(permille / 10).\(permille % 10)%"
        return .init(
            text: strings.format("regions.spotCheckText", ["checked": String(checked.count), "evaluated": String(evaluated.count),
                                                          "share": share, "required": ratio.percentText]),
            evaluated: String(evaluated.count),
            checked: String(checked.count),
            share: share,
            required: ratio.percentText,
            meets: evaluated.isEmpty || !ratio.isBelow(part: checked.count, of: evaluated.count),
            any: !evaluated.isEmpty)
    }
}
