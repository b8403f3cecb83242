import GazetteTemplates

/// The page of one provider (`organization.mustache`): its record, its eligibility, its money and projects.
struct OrganizationPageView: TemplateView {
    /// The unified social credit code, part by part when it is valid.
    struct Code: TemplateView {
        struct Part: TemplateView {
            var label, value, meaning: String

            static let shape = TemplateShape.record(["label": .text, "value": .text, "meaning": .text])
            var templateValue: TemplateValue {
                var record = TemplateRecord(capacity: 3)
                record.set("label", label)
                record.set("value", value)
                record.set("meaning", meaning)
                return record.value
            }
        }

        var text: String
        var valid: Bool
        var parts: [Part]?

        static let shape = TemplateShape.record(["text": .text, "valid": .flag, "parts": .list(Part.shape)])
        var templateValue: TemplateValue {
            var record = TemplateRecord(capacity: 3)
            record.set("text", text)
            record.set("valid", valid)
            if let parts { record.set("parts", parts) }
            return record.value
        }
    }

    struct Rating: TemplateView {
        var grade, year: String

        static let shape = TemplateShape.record(["grade": .text, "year": .text])
        var templateValue: TemplateValue {
            var record = TemplateRecord(capacity: 2)
            record.set("grade", grade)
            record.set("year", year)
            return record.value
        }
    }

    struct Violation: TemplateView {
        var date: DateView
        var description: String

        static let shape = TemplateShape.record(["date": DateView.shape, "description": .text])
        var templateValue: TemplateValue {
            var record = TemplateRecord(capacity: 2)
            record.set("date", date)
            record.set("description", description)
            return record.value
        }
    }

    struct Body: TemplateView {
        var name: String
        var creditCode: Code
        var type, category, registeredWith, authority, county, countyHref: String
        var founded: DateView?
        var rating: Rating?
        var office, staff, socialWorkers, website: String
        var about: String?
        var violations: [Violation]

        static let shape = TemplateShape.record([
            "name": .text, "creditCode": Code.shape, "type": .text, "category": .text, "registeredWith": .text,
            "authority": .text, "county": .text, "countyHref": .text, "founded": DateView.shape, "rating": Rating.shape,
            "office": .text, "staff": .text, "socialWorkers": .text, "website": .text, "about": .text,
            "hasViolations": .flag, "violations": .list(Violation.shape),
        ])
        var templateValue: TemplateValue {
            var record = TemplateRecord(capacity: 17)
            record.set("name", name)
            record.set("creditCode", creditCode)
            record.set("type", type)
            record.set("category", category)
            record.set("registeredWith", registeredWith)
            record.set("authority", authority)
            record.set("county", county)
            record.set("countyHref", countyHref)
            record.set("founded", founded)
            record.set("rating", rating)
            record.set("office", office)
            record.set("staff", staff)
            record.set("socialWorkers", socialWorkers)
            record.set("website", website)
            record.set("about", about)
            record.set("hasViolations", !violations.isEmpty)
            record.set("violations", violations)
            return record.value
        }
    }

    /// The eligibility checklist as of one application date.
    struct EligibilityCheck: TemplateView {
        struct Item: TemplateView {
            var label: String
            var met: Bool
            var detail: String

            static let shape = TemplateShape.record(["label": .text, "met": .flag, "detail": .text])
            var templateValue: TemplateValue {
                var record = TemplateRecord(capacity: 3)
                record.set("label", label)
                record.set("met", met)
                record.set("detail", detail)
                return record.value
            }
        }

        var date: DateView
        var eligible: Bool
        var projects: [TitledLinkView]
        var items: [Item]

        static let shape = TemplateShape.record([
            "date": DateView.shape, "eligible": .flag, "projects": .list(TitledLinkView.shape), "items": .list(Item.shape),
        ])
        var templateValue: TemplateValue {
            var record = TemplateRecord(capacity: 4)
            record.set("date", date)
            record.set("eligible", eligible)
            record.set("projects", projects)
            record.set("items", items)
            return record.value
        }
    }

    /// Money received in one year of payment.
    struct YearRow: TemplateView {
        var year: String
        var paid, recovered, net: MoneyView

        static let shape = TemplateShape.record([
            "year": .text, "paid": MoneyView.shape, "recovered": MoneyView.shape, "net": MoneyView.shape,
        ])
        var templateValue: TemplateValue {
            var record = TemplateRecord(capacity: 4)
            record.set("year", year)
            record.set("paid", paid)
            record.set("recovered", recovered)
            record.set("net", net)
            return record.value
        }
    }

    var layout: LayoutView
    var organization: Body
    var eligibility: [EligibilityCheck]
    var totals: TotalsView
    var table: ProjectTableView
    var pagination: PaginationView
    var byYear: [YearRow]
    var outcomeSummary: OutcomeSummaryView
    var accountability: AccountabilityView
    var csvHref: String?
    var freshness: FreshnessView?
    var notices: [NoticeItemView]
    var findings: [FindingItemView]
    /// "N notices name it; the newest 50 are listed" when more than 50 do (light pages, issue 16).
    var moreNotices: String? = nil

    static let shape = LayoutView.shape.adding(PaginationView.shape).adding(.record([
        "organization": Body.shape, "eligibility": .list(EligibilityCheck.shape), "totals": TotalsView.shape,
        "table": ProjectTableView.shape, "byYear": .list(YearRow.shape), "outcomeSummary": OutcomeSummaryView.shape,
        "accountability": AccountabilityView.shape, "csvHref": .text, "freshness": FreshnessView.shape,
        "notices": .list(NoticeItemView.shape), "findings": .list(FindingItemView.shape), "moreNotices": .text,
    ]))
    var templateValue: TemplateValue {
        var record = layout.record
        record.set("organization", organization)
        record.set("eligibility", eligibility)
        record.set("totals", totals)
        record.set("table", table)
        pagination.add(to: &record)
        record.set("byYear", byYear)
        record.set("outcomeSummary", outcomeSummary)
        record.set("accountability", accountability)
        record.set("csvHref", csvHref)
        record.set("freshness", freshness)
        record.set("notices", notices)
        record.set("findings", findings)
        record.set("moreNotices", moreNotices)
        return record.value
    }
}
