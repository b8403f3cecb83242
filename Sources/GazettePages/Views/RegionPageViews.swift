import GazetteTemplates

/// A city's or a county's page (`region.mustache`).
struct RegionPageView: TemplateView {
    struct Body: TemplateView {
        var name, code, level, levelLabel: String
        var isCity: Bool
        var parentName, parentHref: String
        var inProgramme: Bool

        static let shape = TemplateShape.record([
            "name": .text, "code": .text, "level": .text, "levelLabel": .text, "isCity": .flag, "parentName": .text,
            "parentHref": .text, "inProgramme": .flag,
        ])
        var templateValue: TemplateValue {
            var record = TemplateRecord(capacity: 8)
            record.set("name", name)
            record.set("code", code)
            record.set("level", level)
            record.set("levelLabel", levelLabel)
            record.set("isCity", isCity)
            record.set("parentName", parentName)
            record.set("parentHref", parentHref)
            record.set("inProgramme", inProgramme)
            return record.value
        }
    }

    /// The share of a city's mid-term evaluations its bureau spot-checked, against the rule.
    struct SpotCheck: TemplateView {
        var text, evaluated, checked, share, required: String
        var meets, any: Bool

        static let shape = TemplateShape.record([
            "text": .text, "evaluated": .text, "checked": .text, "share": .text, "required": .text, "meets": .flag, "any": .flag,
        ])
        var templateValue: TemplateValue {
            var record = TemplateRecord(capacity: 7)
            record.set("text", text)
            record.set("evaluated", evaluated)
            record.set("checked", checked)
            record.set("share", share)
            record.set("required", required)
            record.set("meets", meets)
            record.set("any", any)
            return record.value
        }
    }

    var layout: LayoutView
    var region: Body
    var totals: TotalsView
    var statuses: [StatusCountView]
    /// A city's counties and spot checks; nil on a county's page.
    var counties: [RegionRowView]?
    var spotCheck: SpotCheck?
    var table: ProjectTableView
    var pagination: PaginationView
    var moreOrganizations: String?
    var organizations: [CountedLinkView]
    var notices: [NoticeItemView]
    var moreNotices: String?
    var findings: [FindingItemView]
    var outcomeSummary: OutcomeSummaryView
    var csvHref: String?
    var years: YearTableView
    var countyMap: CountyMapView?
    /// A county's way to ask for a service and its communities; nil on a city's page.
    var ask: AskServiceView?
    var communities: [CommunityItemView]?

    static let shape = LayoutView.shape.adding(PaginationView.shape).adding(.record([
        "region": Body.shape, "totals": TotalsView.shape, "statuses": .list(StatusCountView.shape),
        "counties": .list(RegionRowView.shape), "spotCheck": SpotCheck.shape, "table": ProjectTableView.shape,
        "moreOrganizations": .text, "organizations": .list(CountedLinkView.shape), "notices": .list(NoticeItemView.shape),
        "moreNotices": .text, "findings": .list(FindingItemView.shape), "outcomeSummary": OutcomeSummaryView.shape,
        "csvHref": .text, "years": YearTableView.shape, "countyMap": CountyMapView.shape, "ask": AskServiceView.shape,
        "communities": .list(CommunityItemView.shape), "hasCommunityList": .flag,
    ]))
    var templateValue: TemplateValue {
        var record = layout.record
        record.set("region", region)
        record.set("totals", totals)
        record.set("statuses", statuses)
        if let counties { record.set("counties", counties) }
        record.set("spotCheck", spotCheck)
        record.set("table", table)
        pagination.add(to: &record)
        record.set("moreOrganizations", moreOrganizations)
        record.set("organizations", organizations)
        record.set("notices", notices)
        record.set("moreNotices", moreNotices)
        record.set("findings", findings)
        record.set("outcomeSummary", outcomeSummary)
        record.set("csvHref", csvHref)
        record.set("years", years)
        record.set("countyMap", countyMap)
        record.set("ask", ask)
        if let communities {
            record.set("communities", communities)
            record.set("hasCommunityList", !communities.isEmpty)
        }
        return record.value
    }
}

/// The home page (`home.mustache`): the programme, the province's totals, each city, the latest notices, the
/// findings.
struct HomePageView: TemplateView {
    struct ProgrammeFacts: TemplateView {
        struct Category: TemplateView {
            var name: String
            var services: [NamedLinkView]

            static let shape = TemplateShape.record(["name": .text, "services": .list(NamedLinkView.shape)])
            var templateValue: TemplateValue {
                var record = TemplateRecord(capacity: 2)
                record.set("name", name)
                record.set("services", services)
                return record.value
            }
        }

        var name, buyer, partners: String
        var hasPartners: Bool
        var fee: String
        var categories: [Category]
        var descriptionHTML: String?
        var province: String

        static let shape = TemplateShape.record([
            "name": .text, "buyer": .text, "partners": .text, "hasPartners": .flag, "fee": .text,
            "categories": .list(Category.shape), "descriptionHTML": .text, "province": .text,
        ])
        var templateValue: TemplateValue {
            var record = TemplateRecord(capacity: 8)
            record.set("name", name)
            record.set("buyer", buyer)
            record.set("partners", partners)
            record.set("hasPartners", hasPartners)
            record.set("fee", fee)
            record.set("categories", categories)
            record.set("descriptionHTML", descriptionHTML)
            record.set("province", province)
            return record.value
        }
    }

    /// Findings counted by code.
    struct FindingSummary: TemplateView {
        struct Item: TemplateView {
            var code, title, count: String

            static let shape = TemplateShape.record(["code": .text, "title": .text, "count": .text])
            var templateValue: TemplateValue {
                var record = TemplateRecord(capacity: 3)
                record.set("code", code)
                record.set("title", title)
                record.set("count", count)
                return record.value
            }
        }

        var items: [Item]
        var total, href: String
        var published: Bool

        static let shape = TemplateShape.record([
            "items": .list(Item.shape), "total": .text, "href": .text, "any": .flag, "published": .flag,
        ])
        var templateValue: TemplateValue {
            var record = TemplateRecord(capacity: 5)
            record.set("items", items)
            record.set("total", total)
            record.set("href", href)
            record.set("any", !items.isEmpty)
            record.set("published", published)
            return record.value
        }
    }

    var layout: LayoutView
    var programme: ProgrammeFacts
    var totals: TotalsView
    var totalsSentence: String
    var statuses: [StatusCountView]
    var cities: [RegionRowView]
    var chart: String
    var notices: [NoticeItemView]
    var findingSummary: FindingSummary
    var outcomeSummary: OutcomeSummaryView
    var years: YearTableView
    var countyMap: CountyMapView
    var areas: [AreaView]

    static let shape = LayoutView.shape.adding(.record([
        "programme": ProgrammeFacts.shape, "totals": TotalsView.shape, "totalsSentence": .text,
        "statuses": .list(StatusCountView.shape), "cities": .list(RegionRowView.shape), "chart": .text,
        "notices": .list(NoticeItemView.shape), "findingSummary": FindingSummary.shape,
        "outcomeSummary": OutcomeSummaryView.shape, "years": YearTableView.shape, "countyMap": CountyMapView.shape,
        "areas": .list(AreaView.shape),
    ]))
    var templateValue: TemplateValue {
        var record = layout.record
        record.set("programme", programme)
        record.set("totals", totals)
        record.set("totalsSentence", totalsSentence)
        record.set("statuses", statuses)
        record.set("cities", cities)
        record.set("chart", chart)
        record.set("notices", notices)
        record.set("findingSummary", findingSummary)
        record.set("outcomeSummary", outcomeSummary)
        record.set("years", years)
        record.set("countyMap", countyMap)
        record.set("areas", areas)
        return record.value
    }
}
