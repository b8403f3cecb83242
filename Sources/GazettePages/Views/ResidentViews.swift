import GazetteModel
import GazetteSite

/// What residents act on: whom to contact, how to object to a 公示, how to ask for a service, their
/// community's page, the way in by area, and the "report a problem with this page" link.
extension PageContext {
    // MARK: Contacts

    /// One contact as the `contact-card` partial places it: `{role, name, phone, tel, email, mailto, address,
    /// hours, web}`, absent fields left out.
    func contactCard(role: String, name: String, _ contact: Contact, href: String? = nil) -> ContactCardView {
        var card = ContactCardView(role: role, name: name, href: href)
        if let who = contact.name, who != name { card.who = who }
        if let phone = contact.phone { card.phone = phone; card.tel = Contact.telURI(phone) }
        if let email = contact.email { card.email = email; card.mailto = "mailto:" + email }
        card.address = contact.address
        card.hours = contact.hours
        card.web = contact.web
        return card
    }

    /// Whom to contact about a project's service: its provider, its communities, the county bureau, the hotline.
    func projectContacts(_ p: ResolvedProject) -> [ContactCardView] {
        var cards: [ContactCardView] = []
        if let organization = p.organization {
            var contact = organization.contact ?? Contact()
            if contact.address == nil { contact.address = organization.office }
            if contact.web == nil { contact.web = organization.website.flatMap { $0.hasPrefix("http") ? $0 : nil } }
            if !contact.isEmpty {
                cards.append(contactCard(role: strings.text("residents.roles.provider"), name: organization.name, contact,
                                         href: organizationURL(organization.id)))
            }
        }
        for name in p.project.communities {
            if let community = site.communityIndex.community(named: name, inCounty: p.project.county),
               let contact = community.contact, !contact.isEmpty {
                cards.append(contactCard(role: strings.text("residents.roles.community"), name: community.name, contact,
                                         href: communityURL(community)))
            }
        }
        if let county = p.county, let contact = county.contact, !contact.isEmpty {
            cards.append(contactCard(role: strings.text("residents.roles.county"), name: contact.name ?? name(county), contact,
                                     href: regionURL(county.code)))
        }
        if let hotline = site.site.hotline, !hotline.isEmpty {
            cards.append(contactCard(role: strings.text("residents.roles.hotline"), name: hotline.name ?? strings.text("residents.roles.hotline"), hotline))
        }
        return cards
    }

    func communityURL(_ community: Community) -> String { link(Routes.community(community.slug)) }

    // MARK: Objections

    /// The objection box of a 公示: the period and where it stands on the as-of date, how and where to object.
    /// Nil for other kinds of notice.
    func objection(_ notice: Notice) -> NoticePageView.Objection? {
        guard notice.kind == .publicity else { return nil }
        var view = NoticePageView.Objection(state: strings.text("residents.objection.noPeriod"),
                                            how: notice.objection?.how ?? strings.text("residents.objection.howDefault"))
        if let period = notice.publicityPeriod {
            let days = String(period.end.ordinal - period.start.ordinal + 1)
            view.period = .init(start: dateView(period.start)!, end: dateView(period.end)!, days: days,
                                periodDays: strings.format("residents.objection.periodDays", ["days": days]))
            if site.asOf < period.start {
                view.state = strings.format("residents.objection.notYet", ["start": DateFormat.long(period.start, language: language)])
                view.upcoming = true
            } else if site.asOf > period.end {
                view.state = strings.text("residents.objection.ended")
                view.ended = true
            } else {
                let left = period.end.ordinal - site.asOf.ordinal + 1
                view.state = strings.format("residents.objection.endsIn", ["n": String(left)])
                view.open = true
                view.daysLeft = String(left)
            }
        }
        if let (name, contact) = site.objectionContact(notice) {
            view.contact = contactCard(role: strings.text("residents.objection.to"), name: name, contact)
        }
        return view
    }

    package func isOpenForObjection(_ notice: Notice) -> Bool {
        guard notice.kind == .publicity, let period = notice.publicityPeriod else { return false }
        return site.asOf >= period.start && site.asOf <= period.end
    }

    // MARK: Asking for a service (county pages)

    /// How a resident asks for a service in a county: the county's `how_to_ask`, what the programme offers
    /// there (the services of its projects), that it costs nothing (the programme's `fee`), and whom to ask.
    func askForService(_ county: Region) -> AskServiceView? {
        guard county.level == .county else { return nil }
        let projects = site.projects(inCounty: county.code)
        var serviceKeys: [String] = []
        for p in projects { for key in p.project.services where !serviceKeys.contains(key) { serviceKeys.append(key) } }
        let services = site.programme.allServices.filter { serviceKeys.contains($0.key) }.map { service in
            let providers = Set(projects.filter { $0.project.services.contains(service.key) }.compactMap { $0.organization?.name })
            // Hundreds of providers per service in a county at a province's scale (light pages, issue 16): the first
            // few by name and how many in all (the page's list of local providers links to each).
            let names = providers.sorted().prefix(Self.askProvidersLimit).joined(separator: language == "en" ? ", " : "、")
            return AskServiceView.Service(name: name(service), href: serviceURL(service.key),
                                          providers: providers.count <= Self.askProvidersLimit ? names
                                              : strings.format("lightCaps.askProviders", ["names": names, "n": String(providers.count)]))
        }
        var whom: [ContactCardView] = []
        if let contact = county.contact, !contact.isEmpty {
            whom.append(contactCard(role: strings.text("residents.roles.county"), name: contact.name ?? name(county), contact))
        }
        if let hotline = site.site.hotline, !hotline.isEmpty {
            whom.append(contactCard(role: strings.text("residents.roles.hotline"), name: hotline.name ?? strings.text("residents.roles.hotline"), hotline))
        }
        return AskServiceView(howHTML: markdown(county.howToAsk), services: services,
                              fee: strings.format("residents.ask.fee", ["fee": strings.text("fees.\(site.programme.fee)")]),
                              whom: whom)
    }

    static let askProvidersLimit = 10

    // MARK: Communities

    /// A county's communities, each with its page, its projects' count and services.
    func communityItems(_ county: Region) -> [CommunityItemView] {
        site.communityIndex.communities(inCounty: county.code).map { community in
            let projects = site.communityIndex.projects(of: community)
            var keys: [String] = []
            for p in projects { for key in p.project.services where !keys.contains(key) { keys.append(key) } }
            return CommunityItemView(name: community.name, slug: community.slug, href: communityURL(community),
                                     projects: String(projects.count),
                                     services: keys.map(serviceName).joined(separator: language == "en" ? ", " : "、"))
        }
    }

    /// The page of one community: its contact and its county's, the services offered there, its projects.
    func communityPage(_ community: Community, _ page: ListPage) -> CommunityPageView {
        let county = site.regions[community.county]
        let city = county?.parent.flatMap { site.regions[$0] }
        let projects = site.communityIndex.projects(of: community)
        var contacts: [ContactCardView] = []
        if let contact = community.contact, !contact.isEmpty {
            contacts.append(contactCard(role: strings.text("residents.roles.community"), name: community.name, contact))
        }
        if let county, let contact = county.contact, !contact.isEmpty {
            contacts.append(contactCard(role: strings.text("residents.roles.county"), name: contact.name ?? name(county), contact,
                                        href: regionURL(county.code)))
        }
        if let hotline = site.site.hotline, !hotline.isEmpty {
            contacts.append(contactCard(role: strings.text("residents.roles.hotline"), name: hotline.name ?? strings.text("residents.roles.hotline"), hotline))
        }
        var serviceKeys: [String] = [], groupKeys: [String] = []
        for p in projects {
            for key in p.project.services where !serviceKeys.contains(key) { serviceKeys.append(key) }
            for key in p.project.targetGroups where !groupKeys.contains(key) { groupKeys.append(key) }
        }
        return CommunityPageView(
            layout: layoutView(title: pageTitle(community.name, page), section: "regions"),
            community: .init(
                name: community.name,
                countyName: county.map(name) ?? community.county,
                countyHref: regionURL(community.county),
                cityName: city.map(name) ?? "",
                cityHref: city.map { regionURL($0.code) } ?? "",
                services: site.programme.allServices.filter { serviceKeys.contains($0.key) }.map { NamedLinkView(name: name($0), href: serviceURL($0.key)) },
                groups: site.programme.targetGroups.filter { groupKeys.contains($0.key) }.map { NamedLinkView(name: name($0), href: groupURL($0.key)) }),
            contacts: contacts,
            totals: totals(Totals(projects), scope: "community:\(community.slug)"),
            table: ProjectTableView(rows: projects[page.rows].map(projectRow)),
            pagination: paginate(page),
            fee: strings.format("residents.ask.fee", ["fee": strings.text("fees.\(site.programme.fee)")]))
    }

    /// The home page's "find your area": cities → counties → communities, as nested lists that need no script.
    func areaChooser() -> [AreaView] {
        site.regions.cities.map { city in
            AreaView(name: name(city), href: regionURL(city.code), counties: site.regions.counties(of: city.code).map { county in
                AreaView.County(name: name(county), href: regionURL(county.code),
                                communities: site.communityIndex.communities(inCounty: county.code).map {
                                    NamedLinkView(name: $0.name, href: communityURL($0))
                                })
            })
        }
    }

    // MARK: Report a problem

    /// `mailto:` the publisher, with the page's address and title in the subject and body; nil without an email.
    func reportHref(title: String) -> String? {
        guard let email = site.site.contact.email else { return nil }
        let url = baseURL + (path == "404.html" ? "" : path)
        let subject = strings.format("residents.report.subject", ["title": title])
        let body = strings.format("residents.report.body", ["title": title, "url": url])
        return "mailto:\(email)?subject=\(Self.mailtoEncode(subject))&body=\(Self.mailtoEncode(body))"
    }

    /// Percent-encodes everything but RFC 3986's unreserved characters, as RFC 6068 asks for mailto fields.
    /// Built as bytes (every page's layout has one of these: appending Characters one by one cost 3 % of a build).
    static func mailtoEncode(_ text: String) -> String {
        let hex: StaticString = "0123456789ABCDEF"
        var out: [UInt8] = []
        out.reserveCapacity(text.utf8.count * 3)
        hex.withUTF8Buffer { hex in
            for byte in text.utf8 {
                switch byte {
                case UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "0")...UInt8(ascii: "9"),
                     UInt8(ascii: "-"), UInt8(ascii: "."), UInt8(ascii: "_"), UInt8(ascii: "~"):
                    out.append(byte)
                default:
                    out.append(UInt8(ascii: "%"))
                    out.append(hex[Int(byte >> 4)])
                    out.append(hex[Int(byte & 0xF)])
                }
            }
        }
        return String(decoding: out, as: UTF8.self)
    }
}
