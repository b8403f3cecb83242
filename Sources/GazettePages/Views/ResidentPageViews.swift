import GazetteTemplates

// The views of what residents act on: asking for a service, their community, the way in by area.

/// How a resident asks for a service in a county (`partials/ask-service`).
struct AskServiceView: TemplateView {
    struct Service: TemplateView {
        var name, href, providers: String

        static let shape = TemplateShape.record(["name": .text, "href": .text, "providers": .text])
        var templateValue: TemplateValue {
            var record = TemplateRecord(capacity: 3)
            record.set("name", name)
            record.set("href", href)
            record.set("providers", providers)
            return record.value
        }
    }

    var howHTML: String?
    var services: [Service]
    var fee: String
    var whom: [ContactCardView]

    static let shape = TemplateShape.record([
        "howHTML": .text, "services": .list(Service.shape), "hasServices": .flag, "fee": .text,
        "whom": .list(ContactCardView.shape), "hasWhom": .flag,
    ])
    var templateValue: TemplateValue {
        var record = TemplateRecord(capacity: 6)
        record.set("howHTML", howHTML)
        record.set("services", services)
        record.set("hasServices", !services.isEmpty)
        record.set("fee", fee)
        record.set("whom", whom)
        record.set("hasWhom", !whom.isEmpty)
        return record.value
    }
}

/// A county's community in its list (`partials/community-list`).
struct CommunityItemView: TemplateView {
    var name, slug, href, projects, services: String

    static let shape = TemplateShape.record(["name": .text, "slug": .text, "href": .text, "projects": .text, "services": .text])
    var templateValue: TemplateValue {
        var record = TemplateRecord(capacity: 5)
        record.set("name", name)
        record.set("slug", slug)
        record.set("href", href)
        record.set("projects", projects)
        record.set("services", services)
        return record.value
    }
}

/// A city of the home page's "find your area" (`partials/area-chooser`): its counties and their communities.
struct AreaView: TemplateView {
    struct County: TemplateView {
        var name, href: String
        var communities: [NamedLinkView]

        static let shape = TemplateShape.record([
            "name": .text, "href": .text, "communities": .list(NamedLinkView.shape), "hasCommunities": .flag,
        ])
        var templateValue: TemplateValue {
            var record = TemplateRecord(capacity: 4)
            record.set("name", name)
            record.set("href", href)
            record.set("communities", communities)
            record.set("hasCommunities", !communities.isEmpty)
            return record.value
        }
    }

    var name, href: String
    var counties: [County]

    static let shape = TemplateShape.record(["name": .text, "href": .text, "counties": .list(County.shape)])
    var templateValue: TemplateValue {
        var record = TemplateRecord(capacity: 3)
        record.set("name", name)
        record.set("href", href)
        record.set("counties", counties)
        return record.value
    }
}

/// The page of one community (`community.mustache`): its contacts, the services offered there, its projects.
struct CommunityPageView: TemplateView {
    struct Body: TemplateView {
        var name, countyName, countyHref, cityName, cityHref: String
        var services, groups: [NamedLinkView]

        static let shape = TemplateShape.record([
            "name": .text, "countyName": .text, "countyHref": .text, "cityName": .text, "cityHref": .text,
            "services": .list(NamedLinkView.shape), "groups": .list(NamedLinkView.shape),
        ])
        var templateValue: TemplateValue {
            var record = TemplateRecord(capacity: 7)
            record.set("name", name)
            record.set("countyName", countyName)
            record.set("countyHref", countyHref)
            record.set("cityName", cityName)
            record.set("cityHref", cityHref)
            record.set("services", services)
            record.set("groups", groups)
            return record.value
        }
    }

    var layout: LayoutView
    var community: Body
    var contacts: [ContactCardView]
    var totals: TotalsView
    var table: ProjectTableView
    var pagination: PaginationView
    var fee: String

    static let shape = LayoutView.shape.adding(PaginationView.shape).adding(.record([
        "community": Body.shape, "contacts": .list(ContactCardView.shape), "hasContacts": .flag, "totals": TotalsView.shape,
        "table": ProjectTableView.shape, "fee": .text,
    ]))
    var templateValue: TemplateValue {
        var record = layout.record
        record.set("community", community)
        record.set("contacts", contacts)
        record.set("hasContacts", !contacts.isEmpty)
        record.set("totals", totals)
        record.set("table", table)
        pagination.add(to: &record)
        record.set("fee", fee)
        return record.value
    }
}
