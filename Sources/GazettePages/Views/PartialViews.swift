import GazetteModel
import GazetteSite
import GazetteTemplates

// The views of the partials several pages share: one type per partial, used by every page that includes it.

/// Totals as a list of figures (`partials/totals`), each with its label, its text and its exact value.
struct TotalsView: TemplateView {
    struct Figure: TemplateView {
        var figure: String
        var label: String
        var text: String
        /// A count (projects, organizations), or the money's fen and short form.
        var count: String?
        var fen: String?
        var short: String?

        static let shape = TemplateShape.record([
            "figure": .text, "label": .text, "text": .text, "count": .text, "fen": .text, "short": .text,
        ])
        var templateValue: TemplateValue {
            var record = TemplateRecord(capacity: 6)
            record.set("figure", figure)
            record.set("label", label)
            record.set("text", text)
            record.set("count", count)
            record.set("fen", fen)
            record.set("short", short)
            return record.value
        }
    }

    var scope: String
    var figures: [Figure]

    static let shape = TemplateShape.record(["scope": .text, "figures": .list(Figure.shape)])
    var templateValue: TemplateValue {
        var record = TemplateRecord(capacity: 2)
        record.set("scope", scope)
        record.set("figures", figures)
        return record.value
    }
}

/// One status with its count (`partials/status-counts`, the page's `statuses`).
struct StatusCountView: TemplateView {
    var status: String
    var label: String
    var count: String

    static let shape = TemplateShape.record(["status": .text, "label": .text, "count": .text])
    var templateValue: TemplateValue {
        var record = TemplateRecord(capacity: 3)
        record.set("status", status)
        record.set("label", label)
        record.set("count", count)
        return record.value
    }
}

/// A pager (`partials/pager`): the page numbers, the current one marked, previous and next.
struct PagerView: TemplateView {
    /// A page number with its link, or a gap where numbers are left out (`number` nil).
    struct Page: TemplateView {
        var number: String?
        var href: String = ""
        var current = false

        static let shape = TemplateShape.record(["gap": .flag, "number": .text, "href": .text, "current": .flag])
        var templateValue: TemplateValue {
            var record = TemplateRecord(capacity: 3)
            guard let number else {
                record.set("gap", true)
                return record.value
            }
            record.set("number", number)
            record.set("href", href)
            record.set("current", current)
            return record.value
        }
    }

    var label: String
    var status: String
    var pages: [Page]
    var previous: String?
    var next: String?

    static let shape = TemplateShape.record([
        "label": .text, "status": .text, "pages": .list(Page.shape), "previous": .text, "next": .text,
    ])
    var templateValue: TemplateValue {
        var record = TemplateRecord(capacity: 5)
        record.set("pages", pages)
        record.set("status", status)
        record.set("previous", previous)
        record.set("next", next)
        record.set("label", label)
        return record.value
    }
}

/// A list page's pagers, above and below the list, and where the page is in the list (`paginate`); nothing
/// for a list on one page.
struct PaginationView {
    struct Position: TemplateView {
        var number, count, first, last: String

        static let shape = TemplateShape.record(["number": .text, "count": .text, "first": .text, "last": .text])
        var templateValue: TemplateValue {
            var record = TemplateRecord(capacity: 4)
            record.set("number", number)
            record.set("count", count)
            record.set("first", first)
            record.set("last", last)
            return record.value
        }
    }

    var top: PagerView?
    var bottom: PagerView?
    var position: Position?

    /// The names a paginated page has beside its own.
    static let shape = TemplateShape.record(["pagerTop": PagerView.shape, "pagerBottom": PagerView.shape, "listPage": Position.shape])
    func add(to record: inout TemplateRecord) {
        record.set("pagerTop", top)
        record.set("pagerBottom", bottom)
        record.set("listPage", position)
    }
}

/// A table of projects (`partials/project-table`).
struct ProjectTableView: TemplateView {
    var rows: [ProjectRowView]

    static let shape = TemplateShape.record(["rows": .list(ProjectRowView.shape), "empty": .flag])
    var templateValue: TemplateValue {
        var record = TemplateRecord(capacity: 2)
        record.set("rows", rows)
        record.set("empty", rows.isEmpty)
        return record.value
    }
}

/// One notice in a list (`partials/notice-list`, the page's `notices`).
struct NoticeItemView: TemplateView {
    var slug, href, title: String
    var date: DateView
    var kind, kindLabel, summary: String
    var draft, open: Bool

    static let shape = TemplateShape.record([
        "slug": .text, "href": .text, "title": .text, "date": DateView.shape, "kind": .text, "kindLabel": .text,
        "summary": .text, "draft": .flag, "open": .flag,
    ])
    var templateValue: TemplateValue {
        var record = TemplateRecord(capacity: 9)
        record.set("slug", slug)
        record.set("href", href)
        record.set("title", title)
        record.set("date", date)
        record.set("kind", kind)
        record.set("kindLabel", kindLabel)
        record.set("summary", summary)
        record.set("draft", draft)
        record.set("open", open)
        return record.value
    }
}

/// One finding in a list (`partials/finding-list`, the page's `findings`), with what was done about it.
struct FindingItemView: TemplateView {
    /// What the content records was done about a finding.
    struct Response: TemplateView {
        var by: String
        /// Present (and empty) without a date, as the dictionary view had it.
        var date: DateView?
        var decision: String
        var deadline: DateView?

        static let shape = TemplateShape.record(["by": .text, "date": DateView.shape, "decision": .text, "deadline": DateView.shape])
        var templateValue: TemplateValue {
            var record = TemplateRecord(capacity: 4)
            record.set("by", by)
            record.set("date", date?.templateValue ?? .map([:]))
            record.set("decision", decision)
            record.set("deadline", deadline)
            return record.value
        }
    }

    var code, title, message, subject, source: String
    var response: Response?
    var href: String?
    var subjectName: String?

    static let shape = TemplateShape.record([
        "code": .text, "title": .text, "message": .text, "subject": .text, "source": .text, "response": Response.shape,
        "href": .text, "subjectName": .text,
    ])
    var templateValue: TemplateValue {
        var record = TemplateRecord(capacity: 8)
        record.set("code", code)
        record.set("title", title)
        record.set("message", message)
        record.set("subject", subject)
        record.set("source", source)
        record.set("response", response)
        record.set("href", href)
        record.set("subjectName", subjectName)
        return record.value
    }
}

/// A city's or a county's row in a table of places (home page's cities, a city's counties).
struct RegionRowView: TemplateView {
    var code, name, href, projects: String
    var contracted, paid, net: MoneyView

    static let shape = TemplateShape.record([
        "code": .text, "name": .text, "href": .text, "projects": .text, "contracted": MoneyView.shape,
        "paid": MoneyView.shape, "net": MoneyView.shape,
    ])
    var templateValue: TemplateValue {
        var record = TemplateRecord(capacity: 7)
        record.set("code", code)
        record.set("name", name)
        record.set("href", href)
        record.set("projects", projects)
        record.set("contracted", contracted)
        record.set("paid", paid)
        record.set("net", net)
        return record.value
    }
}

/// A contact card (`partials/contact-card`): absent fields left out.
struct ContactCardView: TemplateView {
    var role, name: String
    var href, who, phone, tel, email, mailto, address, hours, web: String?

    static let shape = TemplateShape.record([
        "role": .text, "name": .text, "href": .text, "who": .text, "phone": .text, "tel": .text, "email": .text,
        "mailto": .text, "address": .text, "hours": .text, "web": .text,
    ])
    var templateValue: TemplateValue {
        var record = TemplateRecord(capacity: 11)
        record.set("role", role)
        record.set("name", name)
        record.set("href", href)
        record.set("who", who)
        record.set("phone", phone)
        record.set("tel", tel)
        record.set("email", email)
        record.set("mailto", mailto)
        record.set("address", address)
        record.set("hours", hours)
        record.set("web", web)
        return record.value
    }
}

/// Text with the link to its page: a service, a target group, a project (`{name, href}` or `{title, href}`).
struct TitledLinkView: TemplateView {
    var title: String
    var href: String

    static let shape = TemplateShape.record(["title": .text, "href": .text])
    var templateValue: TemplateValue {
        var record = TemplateRecord(capacity: 2)
        record.set("title", title)
        record.set("href", href)
        return record.value
    }
}

/// A catalogue entry with its link and its projects' count (the catalogue, the regions' organizations).
struct CountedLinkView: TemplateView {
    var name, href, projects: String

    static let shape = TemplateShape.record(["name": .text, "href": .text, "projects": .text])
    var templateValue: TemplateValue {
        var record = TemplateRecord(capacity: 3)
        record.set("name", name)
        record.set("href", href)
        record.set("projects", projects)
        return record.value
    }
}
