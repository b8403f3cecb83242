import GazetteModel
import GazetteSite
import GazetteTemplates

/// An amount as pages show it: the table's text, running text, the exact fen, and on a Chinese site the short
/// form phones show (`money-short`, style.css).
struct MoneyView: TemplateView {
    var text: String
    var prose: String
    var fen: String
    var short: String?

    static let shape = TemplateShape.record(["text": .text, "prose": .text, "fen": .text, "short": .text])
    var templateValue: TemplateValue {
        var record = TemplateRecord(capacity: 4)
        record.set("text", text)
        record.set("prose", prose)
        record.set("fen", fen)
        record.set("short", short)
        return record.value
    }
}

/// A name with the link to its page.
struct NamedLinkView: TemplateView {
    var name: String
    var href: String

    static let shape = TemplateShape.record(["name": .text, "href": .text])
    var templateValue: TemplateValue {
        var record = TemplateRecord(capacity: 2)
        record.set("name", name)
        record.set("href", href)
        return record.value
    }
}

/// One row of a project table (`partials/project-table`, the notice page's projects).
struct ProjectRowView: TemplateView {
    var id, href, title, status, statusLabel, county, countyName, city, cityName, category, categoryName: String
    var organization, organizationName, organizationHref: String
    var amount, net: MoneyView
    var satisfaction: (text: String, sort: String)
    var year, services, groups: String
    var fen: (paid: String, recovered: String, toPay: String, toRecover: String)
    /// On a notice about recoveries: what was recovered from the project.
    var recovered: MoneyView?

    static let shape = TemplateShape.record([
        "id": .text, "href": .text, "title": .text, "status": .text, "statusLabel": .text, "county": .text,
        "countyName": .text, "city": .text, "cityName": .text, "category": .text, "categoryName": .text,
        "organization": .text, "organizationName": .text, "organizationHref": .text, "amount": MoneyView.shape,
        "net": MoneyView.shape, "satisfaction": .record(["text": .text, "sort": .text]), "year": .text,
        "services": .text, "groups": .text,
        "fen": .record(["paid": .text, "recovered": .text, "toPay": .text, "toRecover": .text]),
        "recovered": MoneyView.shape,
    ])
    var templateValue: TemplateValue {
        var record = TemplateRecord(capacity: 24)
        record.set("id", id)
        record.set("href", href)
        record.set("title", title)
        record.set("status", status)
        record.set("statusLabel", statusLabel)
        record.set("county", county)
        record.set("countyName", countyName)
        record.set("city", city)
        record.set("cityName", cityName)
        record.set("category", category)
        record.set("categoryName", categoryName)
        record.set("organization", organization)
        record.set("organizationName", organizationName)
        record.set("organizationHref", organizationHref)
        record.set("amount", amount)
        record.set("net", net)
        var cell = TemplateRecord(capacity: 2)
        cell.set("text", satisfaction.text)
        cell.set("sort", satisfaction.sort)
        record.set("satisfaction", cell.value)
        record.set("year", year)
        record.set("services", services)
        record.set("groups", groups)
        var fens = TemplateRecord(capacity: 4)
        fens.set("paid", fen.paid)
        fens.set("recovered", fen.recovered)
        fens.set("toPay", fen.toPay)
        fens.set("toRecover", fen.toRecover)
        record.set("fen", fens.value)
        record.set("recovered", recovered)
        return record.value
    }
}

/// The page of one notice (`notice.mustache`, with `partials/objection-box` and `partials/freshness`).
struct NoticePageView: TemplateView {
    struct Publicity: TemplateView {
        var start, end: DateView
        var days: String
        var open: Bool

        static let shape = TemplateShape.record(["start": DateView.shape, "end": DateView.shape, "days": .text, "open": .flag])
        var templateValue: TemplateValue {
            var record = TemplateRecord(capacity: 4)
            record.set("start", start)
            record.set("end", end)
            record.set("days", days)
            record.set("open", open)
            return record.value
        }
    }

    struct Body: TemplateView {
        var title: String
        var date: DateView
        var kind, kindLabel: String
        var draft: Bool
        var body: String
        var publicity: Publicity?
        var regions: [NamedLinkView]
        var organizations: [NamedLinkView]

        static let shape = TemplateShape.record([
            "title": .text, "date": DateView.shape, "kind": .text, "kindLabel": .text, "draft": .flag, "body": .text,
            "publicity": Publicity.shape, "hasRegions": .flag, "hasOrganizations": .flag,
            "regions": .list(NamedLinkView.shape), "organizations": .list(NamedLinkView.shape),
        ])
        var templateValue: TemplateValue {
            var record = TemplateRecord(capacity: 11)
            record.set("title", title)
            record.set("date", date)
            record.set("kind", kind)
            record.set("kindLabel", kindLabel)
            record.set("draft", draft)
            record.set("body", body)
            record.set("publicity", publicity)
            record.set("hasRegions", !regions.isEmpty)
            record.set("hasOrganizations", !organizations.isEmpty)
            record.set("regions", regions)
            record.set("organizations", organizations)
            return record.value
        }
    }

    /// The box that says how to object during a publicity period (`partials/objection-box`).
    struct Objection: TemplateView {
        struct Period {
            var start, end: DateView
            var days, periodDays: String
        }
        var period: Period?
        var state: String
        var upcoming = false, ended = false, open = false
        var daysLeft: String?
        var how: String
        var contact: ContactCardView?

        static let shape = TemplateShape.record([
            "start": DateView.shape, "end": DateView.shape, "days": .text, "periodDays": .text, "upcoming": .flag,
            "ended": .flag, "open": .flag, "daysLeft": .text, "state": .text, "hasPeriod": .flag, "how": .text,
            "contact": ContactCardView.shape,
        ])
        var templateValue: TemplateValue {
            var record = TemplateRecord(capacity: 12)
            if let period {
                record.set("start", period.start)
                record.set("end", period.end)
                record.set("days", period.days)
                record.set("periodDays", period.periodDays)
                record.set("hasPeriod", true)
            }
            if upcoming { record.set("upcoming", true) }
            if ended { record.set("ended", true) }
            if open { record.set("open", true) }
            record.set("daysLeft", daysLeft)
            record.set("state", state)
            record.set("how", how)
            record.set("contact", contact)
            return record.value
        }
    }

    /// The projects a notice names, with their total (contracted, or recovered on a notice about recoveries).
    struct Projects: TemplateView {
        var rows: [ProjectRowView]
        var projectsTotal: MoneyView
        var isRecovery: Bool
        var recoveredTotal: MoneyView?

        static let shape = TemplateShape.record([
            "rows": .list(ProjectRowView.shape), "empty": .flag, "projectsTotal": MoneyView.shape, "isRecovery": .flag,
            "recoveredTotal": MoneyView.shape,
        ])
        var templateValue: TemplateValue {
            var record = TemplateRecord(capacity: 5)
            record.set("rows", rows)
            record.set("empty", rows.isEmpty)
            record.set("projectsTotal", projectsTotal)
            record.set("isRecovery", isRecovery)
            record.set("recoveredTotal", recoveredTotal)
            return record.value
        }
    }

    var layout: LayoutView
    var notice: Body
    var freshness: FreshnessView?
    var objection: Objection?
    var projects: Projects?

    static let shape = LayoutView.shape.adding(.record([
        "notice": Body.shape, "freshness": FreshnessView.shape, "objection": Objection.shape, "projects": Projects.shape,
    ]))
    var templateValue: TemplateValue {
        var record = layout.record
        record.set("notice", notice)
        record.set("freshness", freshness)
        record.set("objection", objection)
        record.set("projects", projects)
        return record.value
    }
}
