import GazetteTemplates

/// The page of one project (`project.mustache`, with `partials/contacts`, `totals`, `notice-list`,
/// `finding-list` and `freshness`).
struct ProjectPageView: TemplateView {
    struct Body: TemplateView {
        struct Period: TemplateView {
            var start, end: DateView

            static let shape = TemplateShape.record(["start": DateView.shape, "end": DateView.shape])
            var templateValue: TemplateValue {
                var record = TemplateRecord(capacity: 2)
                record.set("start", start)
                record.set("end", end)
                return record.value
            }
        }

        var id, title, status, statusLabel, statusExplanation: String
        var recoveryStory: String?
        var organizationName, organizationHref, countyName, countyHref, cityName, cityHref, categoryName: String
        var services, groups: [NamedLinkView]
        var communities: String
        var hasCommunities: Bool
        var amount: MoneyView
        var reviewedBy, contractNumber: String
        var period: Period?
        var summary: String?

        static let shape = TemplateShape.record([
            "id": .text, "title": .text, "status": .text, "statusLabel": .text, "statusExplanation": .text,
            "recoveryStory": .text, "organizationName": .text, "organizationHref": .text, "countyName": .text,
            "countyHref": .text, "cityName": .text, "cityHref": .text, "categoryName": .text,
            "services": .list(NamedLinkView.shape), "groups": .list(NamedLinkView.shape), "communities": .text,
            "hasCommunities": .flag, "amount": MoneyView.shape, "reviewedBy": .text, "contractNumber": .text,
            "period": Period.shape, "summary": .text,
        ])
        var templateValue: TemplateValue {
            var record = TemplateRecord(capacity: 22)
            record.set("id", id)
            record.set("title", title)
            record.set("status", status)
            record.set("statusLabel", statusLabel)
            record.set("statusExplanation", statusExplanation)
            record.set("recoveryStory", recoveryStory)
            record.set("organizationName", organizationName)
            record.set("organizationHref", organizationHref)
            record.set("countyName", countyName)
            record.set("countyHref", countyHref)
            record.set("cityName", cityName)
            record.set("cityHref", cityHref)
            record.set("categoryName", categoryName)
            record.set("services", services)
            record.set("groups", groups)
            record.set("communities", communities)
            record.set("hasCommunities", hasCommunities)
            record.set("amount", amount)
            record.set("reviewedBy", reviewedBy)
            record.set("contractNumber", contractNumber)
            record.set("period", period)
            record.set("summary", summary)
            return record.value
        }
    }

    /// A step from the residents' needs to the final payment or the recovery.
    struct Step: TemplateView {
        var key, label: String
        var date: DateView?
        var state, stateLabel, detail: String

        static let shape = TemplateShape.record([
            "key": .text, "label": .text, "date": DateView.shape, "state": .text, "stateLabel": .text, "detail": .text,
        ])
        var templateValue: TemplateValue {
            var record = TemplateRecord(capacity: 6)
            record.set("key", key)
            record.set("label", label)
            record.set("date", date)
            record.set("state", state)
            record.set("stateLabel", stateLabel)
            record.set("detail", detail)
            return record.value
        }
    }

    /// The ledger's rows of the project.
    struct Funds: TemplateView {
        struct Row: TemplateView {
            var date: DateView
            var kind, kindLabel: String
            var amount: MoneyView
            var isRecovery: Bool
            var reference, note: String

            static let shape = TemplateShape.record([
                "date": DateView.shape, "kind": .text, "kindLabel": .text, "amount": MoneyView.shape, "isRecovery": .flag,
                "reference": .text, "note": .text,
            ])
            var templateValue: TemplateValue {
                var record = TemplateRecord(capacity: 7)
                record.set("date", date)
                record.set("kind", kind)
                record.set("kindLabel", kindLabel)
                record.set("amount", amount)
                record.set("isRecovery", isRecovery)
                record.set("reference", reference)
                record.set("note", note)
                return record.value
            }
        }

        var rows: [Row]

        static let shape = TemplateShape.record(["rows": .list(Row.shape), "empty": .flag])
        var templateValue: TemplateValue {
            var record = TemplateRecord(capacity: 2)
            record.set("rows", rows)
            record.set("empty", rows.isEmpty)
            return record.value
        }
    }

    /// A mid-term or final evaluation.
    struct Evaluation: TemplateView {
        struct SpotCheck: TemplateView {
            var by: String
            var date: DateView?
            var resultLabel: String

            static let shape = TemplateShape.record(["by": .text, "date": DateView.shape, "resultLabel": .text])
            var templateValue: TemplateValue {
                var record = TemplateRecord(capacity: 3)
                record.set("by", by)
                record.set("date", date)
                record.set("resultLabel", resultLabel)
                return record.value
            }
        }

        struct Rectification: TemplateView {
            var deadline: DateView?
            var resultLabel: String

            static let shape = TemplateShape.record(["deadline": DateView.shape, "resultLabel": .text])
            var templateValue: TemplateValue {
                var record = TemplateRecord(capacity: 2)
                record.set("deadline", deadline)
                record.set("resultLabel", resultLabel)
                return record.value
            }
        }

        var label: String
        var date: DateView
        var by, result, resultLabel, satisfaction: String
        var hasSatisfaction: Bool
        var spotCheck: SpotCheck?
        var rectification: Rectification?
        var score: String?

        static let shape = TemplateShape.record([
            "label": .text, "date": DateView.shape, "by": .text, "result": .text, "resultLabel": .text,
            "satisfaction": .text, "hasSatisfaction": .flag, "spotCheck": SpotCheck.shape,
            "rectification": Rectification.shape, "score": .text,
        ])
        var templateValue: TemplateValue {
            var record = TemplateRecord(capacity: 10)
            record.set("label", label)
            record.set("date", date)
            record.set("by", by)
            record.set("result", result)
            record.set("resultLabel", resultLabel)
            record.set("satisfaction", satisfaction)
            record.set("hasSatisfaction", hasSatisfaction)
            record.set("spotCheck", spotCheck)
            record.set("rectification", rectification)
            record.set("score", score)
            return record.value
        }
    }

    /// The needs assessment.
    struct Needs: TemplateView {
        var date: DateView?
        var method, respondents: String
        var findingsHTML: String?

        static let shape = TemplateShape.record(["date": DateView.shape, "method": .text, "respondents": .text, "findingsHTML": .text])
        var templateValue: TemplateValue {
            var record = TemplateRecord(capacity: 4)
            record.set("date", date)
            record.set("method", method)
            record.set("respondents", respondents)
            record.set("findingsHTML", findingsHTML)
            return record.value
        }
    }

    /// What the project achieved: its figures and highlights.
    struct Outcomes: TemplateView {
        struct Figure: TemplateView {
            var label, value: String

            static let shape = TemplateShape.record(["label": .text, "value": .text])
            var templateValue: TemplateValue {
                var record = TemplateRecord(capacity: 2)
                record.set("label", label)
                record.set("value", value)
                return record.value
            }
        }

        var figures: [Figure]
        var highlights: String?

        static let shape = TemplateShape.record(["figures": .list(Figure.shape), "highlights": .text])
        var templateValue: TemplateValue {
            var record = TemplateRecord(capacity: 2)
            record.set("figures", figures)
            record.set("highlights", highlights)
            return record.value
        }
    }

    struct Document: TemplateView {
        var title, href: String
        var external: Bool

        static let shape = TemplateShape.record(["title": .text, "href": .text, "external": .flag])
        var templateValue: TemplateValue {
            var record = TemplateRecord(capacity: 3)
            record.set("title", title)
            record.set("href", href)
            record.set("external", external)
            return record.value
        }
    }

    var layout: LayoutView
    var project: Body
    var totals: TotalsView
    var moneySentence: String
    var timeline: [Step]
    var funds: Funds
    var evaluations: [Evaluation]
    var needs: Needs?
    var outcomes: Outcomes?
    var documents: [Document]
    var notices: [NoticeItemView]
    var findings: [FindingItemView]
    var freshness: FreshnessView?
    var contacts: [ContactCardView]
    /// "N notices name it; the newest 50 are listed" when more than 50 do (light pages, issue 16).
    var moreNotices: String? = nil

    static let shape = LayoutView.shape.adding(.record([
        "project": Body.shape, "totals": TotalsView.shape, "moneySentence": .text, "timeline": .list(Step.shape),
        "funds": Funds.shape, "evaluations": .list(Evaluation.shape), "needs": Needs.shape, "outcomes": Outcomes.shape,
        "documents": .list(Document.shape), "hasDocuments": .flag, "notices": .list(NoticeItemView.shape), "moreNotices": .text,
        "findings": .list(FindingItemView.shape), "freshness": FreshnessView.shape,
        "contacts": .list(ContactCardView.shape), "hasContacts": .flag,
    ]))
    var templateValue: TemplateValue {
        var record = layout.record
        record.set("project", project)
        record.set("totals", totals)
        record.set("moneySentence", moneySentence)
        record.set("timeline", timeline)
        record.set("funds", funds)
        record.set("evaluations", evaluations)
        record.set("needs", needs)
        record.set("outcomes", outcomes)
        record.set("documents", documents)
        record.set("hasDocuments", !documents.isEmpty)
        record.set("notices", notices)
        record.set("findings", findings)
        record.set("freshness", freshness)
        record.set("contacts", contacts)
        record.set("moreNotices", moreNotices)
        record.set("hasContacts", !contacts.isEmpty)
        return record.value
    }
}
