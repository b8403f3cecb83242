import GazetteTemplates

// The views of issue 17's summaries: outcomes, years, the county map, and the accountability banner.

/// What a set of projects achieved (`partials/outcome-summary`).
struct OutcomeSummaryView: TemplateView {
    /// How many evaluations had one result (`midterm-pass`…).
    struct ResultCount: TemplateView {
        var figure, label, count: String

        static let shape = TemplateShape.record(["figure": .text, "label": .text, "count": .text])
        var templateValue: TemplateValue {
            var record = TemplateRecord(capacity: 3)
            record.set("figure", figure)
            record.set("label", label)
            record.set("count", count)
            return record.value
        }
    }

    /// A satisfaction figure: its text and its exact value (`tenths` for the average, `hundredths` for the range).
    struct Figure {
        var text: String
        var exactName: String
        var exact: String

        var templateValue: TemplateValue {
            var record = TemplateRecord(capacity: 2)
            record.set("text", text)
            record.set(exactName, exact)
            return record.value
        }
    }

    struct SpotCheck: TemplateView {
        var share, permille, text: String

        static let shape = TemplateShape.record(["share": .text, "permille": .text, "text": .text])
        var templateValue: TemplateValue {
            var record = TemplateRecord(capacity: 3)
            record.set("share", share)
            record.set("permille", permille)
            record.set("text", text)
            return record.value
        }
    }

    var scope, projects, satisfactionCount: String
    var hasSatisfaction: Bool
    var midterm: [ResultCount]
    var midtermCount, midtermNone: String
    var final: [ResultCount]
    var finalCount, finalNone, spotChecked, midtermEvaluated: String
    var recovered: MoneyView
    var average, min, max: Figure?
    var satisfactionSentence: String
    var spotCheck: SpotCheck?

    static let shape = TemplateShape.record([
        "scope": .text, "projects": .text, "satisfactionCount": .text, "hasSatisfaction": .flag,
        "midterm": .list(ResultCount.shape), "midtermCount": .text, "midtermNone": .text, "final": .list(ResultCount.shape),
        "finalCount": .text, "finalNone": .text, "spotChecked": .text, "midtermEvaluated": .text, "recovered": MoneyView.shape,
        "average": .record(["text": .text, "tenths": .text]), "min": .record(["text": .text, "hundredths": .text]),
        "max": .record(["text": .text, "hundredths": .text]), "satisfactionSentence": .text, "spotCheck": SpotCheck.shape,
    ])
    var templateValue: TemplateValue {
        var record = TemplateRecord(capacity: 18)
        record.set("scope", scope)
        record.set("projects", projects)
        record.set("satisfactionCount", satisfactionCount)
        record.set("hasSatisfaction", hasSatisfaction)
        record.set("midterm", midterm)
        record.set("midtermCount", midtermCount)
        record.set("midtermNone", midtermNone)
        record.set("final", final)
        record.set("finalCount", finalCount)
        record.set("finalNone", finalNone)
        record.set("spotChecked", spotChecked)
        record.set("midtermEvaluated", midtermEvaluated)
        record.set("recovered", recovered)
        record.set("average", average?.templateValue)
        record.set("min", min?.templateValue)
        record.set("max", max?.templateValue)
        record.set("satisfactionSentence", satisfactionSentence)
        record.set("spotCheck", spotCheck)
        return record.value
    }
}

/// The by-year table and its chart (`partials/year-table`).
struct YearTableView: TemplateView {
    struct Row: TemplateView {
        var year, projectsHref, projects: String
        var contracted, paid, recovered, net: MoneyView

        static let shape = TemplateShape.record([
            "year": .text, "projectsHref": .text, "projects": .text, "contracted": MoneyView.shape, "paid": MoneyView.shape,
            "recovered": MoneyView.shape, "net": MoneyView.shape,
        ])
        var templateValue: TemplateValue {
            var record = TemplateRecord(capacity: 7)
            record.set("year", year)
            record.set("projectsHref", projectsHref)
            record.set("projects", projects)
            record.set("contracted", contracted)
            record.set("paid", paid)
            record.set("recovered", recovered)
            record.set("net", net)
            return record.value
        }
    }

    var scope: String
    var rows: [Row]
    var chart: String

    static let shape = TemplateShape.record(["scope": .text, "rows": .list(Row.shape), "any": .flag, "chart": .text])
    var templateValue: TemplateValue {
        var record = TemplateRecord(capacity: 4)
        record.set("scope", scope)
        record.set("rows", rows)
        record.set("any", !rows.isEmpty)
        record.set("chart", chart)
        return record.value
    }
}

/// The map of counties with the same figures in a table (`partials/county-map`).
struct CountyMapView: TemplateView {
    struct Row: TemplateView {
        var code, name, href, projects: String
        var net: MoneyView
        var value, shade, population: String

        static let shape = TemplateShape.record([
            "code": .text, "name": .text, "href": .text, "projects": .text, "net": MoneyView.shape, "value": .text,
            "shade": .text, "population": .text,
        ])
        var templateValue: TemplateValue {
            var record = TemplateRecord(capacity: 8)
            record.set("code", code)
            record.set("name", name)
            record.set("href", href)
            record.set("projects", projects)
            record.set("net", net)
            record.set("value", value)
            record.set("shade", shade)
            record.set("population", population)
            return record.value
        }
    }

    var scope, svg, measure: String
    var perResidents: Bool
    var rows: [Row]

    static let shape = TemplateShape.record([
        "scope": .text, "svg": .text, "measure": .text, "perResidents": .flag, "any": .flag, "rows": .list(Row.shape),
    ])
    var templateValue: TemplateValue {
        var record = TemplateRecord(capacity: 6)
        record.set("scope", scope)
        record.set("svg", svg)
        record.set("measure", measure)
        record.set("perResidents", perResidents)
        record.set("any", !rows.isEmpty)
        record.set("rows", rows)
        return record.value
    }
}

/// What the record holds against an organization (`partials/accountability`).
struct AccountabilityView: TemplateView {
    struct Item: TemplateView {
        var kind, text: String
        var href, linkText: String?

        static let shape = TemplateShape.record(["kind": .text, "text": .text, "href": .text, "linkText": .text])
        var templateValue: TemplateValue {
            var record = TemplateRecord(capacity: 4)
            record.set("kind", kind)
            record.set("text", text)
            record.set("href", href)
            record.set("linkText", linkText)
            return record.value
        }
    }

    var items: [Item]

    static let shape = TemplateShape.record(["any": .flag, "items": .list(Item.shape)])
    var templateValue: TemplateValue {
        var record = TemplateRecord(capacity: 2)
        record.set("any", !items.isEmpty)
        record.set("items", items)
        return record.value
    }
}
