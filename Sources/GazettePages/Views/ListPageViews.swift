import GazetteTemplates

// The views of the index pages: projects, organizations, notices, the catalogue and its entries, findings.

/// The projects index (`projects.mustache`): every project, with filters the script turns on.
struct ProjectsPageView: TemplateView {
    struct Filter: TemplateView {
        struct Option: TemplateView {
            var value, label: String

            static let shape = TemplateShape.record(["value": .text, "label": .text])
            var templateValue: TemplateValue {
                var record = TemplateRecord(capacity: 2)
                record.set("value", value)
                record.set("label", label)
                return record.value
            }
        }

        var name, label: String
        /// Several values at once (the catalogue's services and groups).
        var multi = false
        var options: [Option]

        static let shape = TemplateShape.record(["name": .text, "label": .text, "multi": .flag, "options": .list(Option.shape)])
        var templateValue: TemplateValue {
            var record = TemplateRecord(capacity: 4)
            record.set("name", name)
            record.set("label", label)
            if multi { record.set("multi", true) }
            record.set("options", options)
            return record.value
        }
    }

    var layout: LayoutView
    var table: ProjectTableView
    var pagination: PaginationView
    /// The whole list's rows file, for a list on several pages.
    var listData: String?
    var csvHref: String?
    var totals: TotalsView
    var filters: [Filter]
    var csvName: String

    static let shape = LayoutView.shape.adding(PaginationView.shape).adding(.record([
        "table": ProjectTableView.shape, "listData": .text, "csvHref": .text, "totals": TotalsView.shape,
        "filters": .list(Filter.shape), "csvName": .text,
    ]))
    var templateValue: TemplateValue {
        var record = layout.record
        record.set("table", table)
        pagination.add(to: &record)
        record.set("listData", listData)
        record.set("csvHref", csvHref)
        record.set("totals", totals)
        record.set("filters", filters)
        record.set("csvName", csvName)
        return record.value
    }
}

/// The organizations index (`organizations.mustache`).
struct OrganizationsPageView: TemplateView {
    struct Row: TemplateView {
        var name, href, category, type, county, rating, projects: String
        var net: MoneyView

        static let shape = TemplateShape.record([
            "name": .text, "href": .text, "category": .text, "type": .text, "county": .text, "rating": .text,
            "projects": .text, "net": MoneyView.shape,
        ])
        var templateValue: TemplateValue {
            var record = TemplateRecord(capacity: 8)
            record.set("name", name)
            record.set("href", href)
            record.set("category", category)
            record.set("type", type)
            record.set("county", county)
            record.set("rating", rating)
            record.set("projects", projects)
            record.set("net", net)
            return record.value
        }
    }

    var layout: LayoutView
    var csvHref: String
    var pagination: PaginationView
    var organizations: [Row]

    static let shape = LayoutView.shape.adding(PaginationView.shape).adding(.record([
        "csvHref": .text, "organizations": .list(Row.shape),
    ]))
    var templateValue: TemplateValue {
        var record = layout.record
        record.set("csvHref", csvHref)
        pagination.add(to: &record)
        record.set("organizations", organizations)
        return record.value
    }
}

/// One page of the notices index (`notices.mustache`), all kinds or one.
struct NoticesPageView: TemplateView {
    var layout: LayoutView
    var pagination: PaginationView
    var notices: [NoticeItemView]
    /// The kinds to filter by, the page's own marked.
    var kinds: [LayoutView.NavItem]

    static let shape = LayoutView.shape.adding(PaginationView.shape).adding(.record([
        "notices": .list(NoticeItemView.shape), "kinds": .list(LayoutView.NavItem.shape),
    ]))
    var templateValue: TemplateValue {
        var record = layout.record
        pagination.add(to: &record)
        record.set("notices", notices)
        record.set("kinds", kinds)
        return record.value
    }
}

/// The catalogue (`catalogue.mustache`): each category with its services and target groups.
struct CataloguePageView: TemplateView {
    struct Category: TemplateView {
        var name: String
        var descriptionHTML: String?
        var services: [CountedLinkView]
        var groups: [CountedLinkView]

        static let shape = TemplateShape.record([
            "name": .text, "descriptionHTML": .text, "services": .list(CountedLinkView.shape), "groups": .list(CountedLinkView.shape),
        ])
        var templateValue: TemplateValue {
            var record = TemplateRecord(capacity: 4)
            record.set("name", name)
            record.set("descriptionHTML", descriptionHTML)
            record.set("services", services)
            record.set("groups", groups)
            return record.value
        }
    }

    var layout: LayoutView
    var categories: [Category]

    static let shape = LayoutView.shape.adding(.record(["categories": .list(Category.shape)]))
    var templateValue: TemplateValue {
        var record = layout.record
        record.set("categories", categories)
        return record.value
    }
}

/// A service (`service.mustache`) or a target group (`group.mustache`): what it is, its projects, its totals.
struct CatalogueEntryPageView: TemplateView {
    struct Entry: TemplateView {
        var name, otherName, kindLabel: String
        var descriptionHTML: String?
        var categories: String

        static let shape = TemplateShape.record([
            "name": .text, "otherName": .text, "kindLabel": .text, "descriptionHTML": .text, "categories": .text,
        ])
        var templateValue: TemplateValue {
            var record = TemplateRecord(capacity: 5)
            record.set("name", name)
            record.set("otherName", otherName)
            record.set("kindLabel", kindLabel)
            record.set("descriptionHTML", descriptionHTML)
            record.set("categories", categories)
            return record.value
        }
    }

    var layout: LayoutView
    var entry: Entry
    var totals: TotalsView
    var table: ProjectTableView
    var pagination: PaginationView
    var outcomeSummary: OutcomeSummaryView
    var csvHref: String?

    static let shape = LayoutView.shape.adding(PaginationView.shape).adding(.record([
        "entry": Entry.shape, "totals": TotalsView.shape, "table": ProjectTableView.shape,
        "outcomeSummary": OutcomeSummaryView.shape, "csvHref": .text,
    ]))
    var templateValue: TemplateValue {
        var record = layout.record
        record.set("entry", entry)
        record.set("totals", totals)
        record.set("table", table)
        pagination.add(to: &record)
        record.set("outcomeSummary", outcomeSummary)
        record.set("csvHref", csvHref)
        return record.value
    }
}

/// The findings page (`findings.mustache`): the findings grouped by code.
struct FindingsPageView: TemplateView {
    struct Group: TemplateView {
        var code, title, explanation: String
        var findings: [FindingItemView]

        static let shape = TemplateShape.record([
            "code": .text, "title": .text, "explanation": .text, "findings": .list(FindingItemView.shape),
        ])
        var templateValue: TemplateValue {
            var record = TemplateRecord(capacity: 4)
            record.set("code", code)
            record.set("title", title)
            record.set("explanation", explanation)
            record.set("findings", findings)
            return record.value
        }
    }

    /// Every code with its count in the whole list and a link to the page its findings start on (issue 16:
    /// the findings in pages; only when there are several).
    struct CodeIndex: TemplateView {
        struct Code: TemplateView {
            var code, title, count, href: String

            static let shape = TemplateShape.record(["code": .text, "title": .text, "count": .text, "href": .text])
            var templateValue: TemplateValue {
                var record = TemplateRecord(capacity: 4)
                record.set("code", code)
                record.set("title", title)
                record.set("count", count)
                record.set("href", href)
                return record.value
            }
        }
        var codes: [Code]

        static let shape = TemplateShape.record(["codes": .list(Code.shape)])
        var templateValue: TemplateValue {
            var record = TemplateRecord(capacity: 1)
            record.set("codes", codes)
            return record.value
        }
    }

    var layout: LayoutView
    /// This page's findings, by code.
    var groups: [Group]
    /// No findings at all (not only on this page).
    var none: Bool
    var codeIndex: CodeIndex?
    var pagination = PaginationView()

    static let shape = LayoutView.shape.adding(PaginationView.shape).adding(.record([
        "groups": .list(Group.shape), "none": .flag, "codeIndex": CodeIndex.shape,
    ]))
    var templateValue: TemplateValue {
        var record = layout.record
        record.set("groups", groups)
        record.set("none", none)
        record.set("codeIndex", codeIndex)
        pagination.add(to: &record)
        return record.value
    }
}
