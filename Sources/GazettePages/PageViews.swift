import GazetteTemplates

/// Which view each page template renders, as the names it provides: the templates are checked against these
/// when they are loaded (`TemplateSet.unknownNames`). Every page kind has a typed view.
package enum PageViews {
    package static let shapes: [String: TemplateShape] = [
        "404": NotFoundView.shape,
        "catalogue": CataloguePageView.shape,
        "changes": ChangesPageView.shape,
        "community": CommunityPageView.shape,
        "data": DataPageView.shape,
        "findings": FindingsPageView.shape,
        "group": CatalogueEntryPageView.shape,
        "home": HomePageView.shape,
        "notice": NoticePageView.shape,
        "notices": NoticesPageView.shape,
        "organization": OrganizationPageView.shape,
        "organizations": OrganizationsPageView.shape,
        "page": FreePageView.shape,
        "project": ProjectPageView.shape,
        "projects": ProjectsPageView.shape,
        "region": RegionPageView.shape,
        "search": SearchView.shape,
        "service": CatalogueEntryPageView.shape,
    ]

    /// The shape a page template's view has (`.open` for a template no page renders).
    package static func shape(of template: String) -> TemplateShape { shapes[template] ?? .open }
}

/// A record's freshness line (`partials/freshness`): when it last changed, in which publication.
struct FreshnessView: TemplateView {
    var text: String
    var iso: String
    var publication: String
    var href: String

    static let shape = TemplateShape.record(["text": .text, "iso": .text, "publication": .text, "href": .text])
    var templateValue: TemplateValue {
        var record = TemplateRecord(capacity: 4)
        record.set("text", text)
        record.set("iso", iso)
        record.set("publication", publication)
        record.set("href", href)
        return record.value
    }
}

/// The page for an address that does not exist (`404.mustache`): the layout only.
struct NotFoundView: TemplateView {
    var layout: LayoutView

    static let shape = LayoutView.shape
    var templateValue: TemplateValue { layout.templateValue }
}

/// A free page of `pages/` (`page.mustache`).
struct FreePageView: TemplateView {
    struct Body: TemplateView {
        var title: String
        var body: String
        var draft: Bool

        static let shape = TemplateShape.record(["title": .text, "body": .text, "draft": .flag])
        var templateValue: TemplateValue {
            var record = TemplateRecord(capacity: 3)
            record.set("title", title)
            record.set("body", body)
            record.set("draft", draft)
            return record.value
        }
    }

    var layout: LayoutView
    var page: Body
    var freshness: FreshnessView?

    static let shape = LayoutView.shape.adding(.record(["page": Body.shape, "freshness": FreshnessView.shape]))
    var templateValue: TemplateValue {
        var record = layout.record
        record.set("page", page)
        record.set("freshness", freshness)
        return record.value
    }
}

/// The search page (`search.mustache`): the form the script turns on, its words, and lists to browse without it.
struct SearchView: TemplateView {
    struct Kind: TemplateView {
        var kind: String
        var label: String

        static let shape = TemplateShape.record(["kind": .text, "label": .text])
        var templateValue: TemplateValue {
            var record = TemplateRecord(capacity: 2)
            record.set("kind", kind)
            record.set("label", label)
            return record.value
        }
    }

    struct Field: TemplateView {
        var field: String
        var label: String

        static let shape = TemplateShape.record(["field": .text, "label": .text])
        var templateValue: TemplateValue {
            var record = TemplateRecord(capacity: 2)
            record.set("field", field)
            record.set("label", label)
            return record.value
        }
    }

    struct Search: TemplateView {
        var index: String
        var script: String
        var browse: [LinkView]
        var kinds: [Kind]
        var fields: [Field]
        var synonyms: String

        static let shape = TemplateShape.record([
            "index": .text, "script": .text, "browse": .list(LinkView.shape), "kinds": .list(Kind.shape),
            "fields": .list(Field.shape), "synonyms": .text,
        ])
        var templateValue: TemplateValue {
            var record = TemplateRecord(capacity: 6)
            record.set("index", index)
            record.set("script", script)
            record.set("browse", browse)
            record.set("kinds", kinds)
            record.set("fields", fields)
            record.set("synonyms", synonyms)
            return record.value
        }
    }

    var layout: LayoutView
    var search: Search

    static let shape = LayoutView.shape.adding(.record(["search": Search.shape]))
    var templateValue: TemplateValue {
        var record = layout.record
        record.set("search", search)
        return record.value
    }
}
