import GazetteModel
import GazetteSite

extension PageContext {
    /// The home page: the programme, the province's totals, each city, the latest notices, the findings.
    func home() -> [String: Any] {
        let programme = site.programme
        var view = layout(title: site.site.title, section: "home")
        let all = Totals(site.projects)
        view["programme"] = [
            "name": programme.name,
            "buyer": programme.buyer,
            "partners": programme.partners.joined(separator: language == "en" ? ", " : "、"),
            "hasPartners": !programme.partners.isEmpty,
            "fee": strings.text("fees.\(programme.fee)"),
            "categories": programme.categories.map { category in
                ["name": name(category.entry), "services": category.services.map { ["name": name($0), "href": serviceURL($0.key)] }]
            },
            "descriptionHTML": markdown(programme.description) as Any,
            "province": name(site.regions.province),
        ]
        view["totals"] = totals(all, scope: "province", organizations: true)
        view["totalsSentence"] = strings.format("home.totalsSentence", [
            "asOf": DateFormat.long(site.asOf, language: language), "projects": String(all.projects),
            "organizations": String(all.organizations), "contracted": MoneyFormat.prose(all.contracted, language: language),
            "net": MoneyFormat.prose(all.net, language: language),
        ])
        view["statuses"] = statusCounts(all)
        let cities = site.regions.cities.map { city in (city, Totals(site.projects(inCity: city.code))) }
        view["cities"] = cities.map { city, totals in regionRow(city, totals) }
        view["chart"] = BarChart.svg(
            title: strings.text("home.chartTitle"),
            bars: cities.map { (name($0.0), $0.1.contracted, $0.1.net) },
            seriesLabels: (strings.text("figures.contracted"), strings.text("figures.net")))
        view["notices"] = noticeItems(Array(site.notices.prefix(5)))
        view["findingSummary"] = findingSummary()
        view["outcomeSummary"] = outcomeSummary(site.projects, scope: "province")
        view["years"] = yearTable(site.projects, scope: "province")
        view["countyMap"] = countyMap(programmeCounties(site.regions.counties), scope: "province")
        view["areas"] = areaChooser()
        return view
    }

    func regionRow(_ region: Region, _ totals: Totals) -> [String: Any] {
        ["code": region.code, "name": name(region), "href": regionURL(region.code),
         "projects": String(totals.projects), "contracted": money(totals.contracted), "paid": money(totals.paid),
         "net": money(totals.net)]
    }

    /// Findings counted by code, for the home page.
    func findingSummary() -> [String: Any] {
        var counts: [DiagnosticCode: Int] = [:]
        for finding in site.findings { counts[finding.code, default: 0] += 1 }
        let items = counts.keys.sorted().map { code in
            ["code": code.rawValue, "title": strings.text("findings.codes.\(code.rawValue)"), "count": String(counts[code]!)]
        }
        return ["items": items, "total": String(site.findings.count), "href": link("findings/"), "any": !items.isEmpty,
                "published": site.site.publishFindings]
    }

    /// A city or a county.
    func regionPage(_ region: Region, _ page: ListPage) -> [String: Any] {
        let projects = site.projects(in: region)
        var view = layout(title: pageTitle(name(region), page), section: "regions")
        view.merge(wholeListParts("region:\(region.code)") { regionParts(region, projects) }) { _, whole in whole }
        view["table"] = projectTable(Array(projects[page.rows]))
        paginate(&view, page)
        return view
    }

    /// What every page of a city's or county's list shows: the region, its totals, counties, providers,
    /// notices, findings, outcomes, years, map and communities.
    func regionParts(_ region: Region, _ projects: [ResolvedProject]) -> [String: Any] {
        let sums = Totals(projects)
        var view: [String: Any] = [:]
        view["region"] = [
            "name": name(region),
            "code": region.code,
            "level": region.level.rawValue,
            "levelLabel": strings.text("regions.\(region.level.rawValue)"),
            "isCity": region.level == .city,
            "parentName": region.parent.map(regionName) ?? "",
            "parentHref": region.parent.map(regionURL) ?? "",
            "inProgramme": region.level != .county || site.programme.regions.contains(region.code),
        ]
        view["totals"] = totals(sums, scope: "\(region.level.rawValue):\(region.code)", organizations: true)
        view["statuses"] = statusCounts(sums)
        if region.level == .city {
            view["counties"] = site.regions.counties(of: region.code).map { regionRow($0, Totals(site.projects(inCounty: $0.code))) }
            view["spotCheck"] = spotCheck(projects)
        }
        let organizationIDs = Set(projects.map(\.project.organization))
        // A city has thousands of providers at a province's scale: the page lists the first ones (light pages, issue 16);
        // each has its page, and the organizations index lists them all.
        let providers = site.content.organizations.filter { organizationIDs.contains($0.id) }.sorted { $0.id < $1.id }
        if providers.count > Self.regionListLimit {
            view["moreOrganizations"] = strings.format("pager.moreOrganizations", ["n": String(providers.count), "shown": String(Self.regionListLimit)])
        }
        view["organizations"] = providers.prefix(Self.regionListLimit)
            .map { organization in
                ["name": organization.name, "href": organizationURL(organization.id),
                 "projects": String(projects.filter { $0.project.organization == organization.id }.count)]
            }
        let regionNotices = site.notices(naming: .region, region.code)
        view["notices"] = noticeItems(Array(regionNotices.prefix(Self.regionListLimit)))
        if regionNotices.count > Self.regionListLimit {
            view["moreNotices"] = strings.format("pager.moreNotices", ["n": String(regionNotices.count), "shown": String(Self.regionListLimit)])
        }
        view["findings"] = findingItems(site.findings(about: "region:\(region.code)"))
        let scope = "\(region.level.rawValue):\(region.code)"
        view["outcomeSummary"] = outcomeSummary(projects, scope: scope)
        view["csvHref"] = csvHref(scope)
        view["years"] = yearTable(projects, scope: scope)
        if region.level == .city {
            view["countyMap"] = countyMap(programmeCounties(site.regions.counties(of: region.code)), scope: scope)
        }
        if region.level == .county {
            view["ask"] = askForService(region) as Any
            view["communities"] = communityItems(region)
            view["hasCommunityList"] = !(view["communities"] as! [[String: Any]]).isEmpty
        }
        return view
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
    func spotCheck(_ projects: [ResolvedProject]) -> [String: Any] {
        let evaluated = projects.filter { $0.project.midterm != nil }
        let checked = evaluated.filter { $0.project.midterm?.spotCheck != nil }
        let ratio = site.programme.rules.spotCheckMinRatio
        let permille = evaluated.isEmpty ? 0 : checked.count * 1000 / evaluated.count
        let share = "\(permille / 10).\(permille % 10)%"
        return [
            "text": strings.format("regions.spotCheckText", ["checked": String(checked.count), "evaluated": String(evaluated.count),
                                                            "share": share, "required": ratio.percentText]),
            "evaluated": String(evaluated.count),
            "checked": String(checked.count),
            "share": share,
            "required": ratio.percentText,
            "meets": evaluated.isEmpty || !ratio.isBelow(part: checked.count, of: evaluated.count),
            "any": !evaluated.isEmpty,
        ]
    }
}
