import GazetteModel
import GazetteSite

extension PageContext {
    func catalogue() -> CataloguePageView {
        CataloguePageView(
            layout: layoutView(title: strings.text("catalogue.title"), section: "services"),
            categories: site.programme.categories.map { category in
                .init(
                    name: name(category.entry),
                    descriptionHTML: markdown(category.entry.description),
                    services: category.services.map { service in
                        CountedLinkView(name: name(service), href: serviceURL(service.key),
                                        projects: String(site.projects(withService: service.key).count))
                    },
                    groups: category.targetGroups.compactMap { key in
                        site.programme.targetGroup(key).map { group in
                            CountedLinkView(name: name(group), href: groupURL(key), projects: String(site.projects(forGroup: key).count))
                        }
                    })
            })
    }

    /// A service (`/services/KEY/`) or a target group (`/groups/KEY/`): what it is, its projects, its totals.
    func cataloguePage(_ entry: Programme.Entry, isService: Bool, _ page: ListPage) -> CatalogueEntryPageView {
        listPageView("\(isService ? "service" : "group"):\(entry.key)", page, alone: { cataloguePageAlone(entry, isService: isService, page) }) { view in
            let projects = isService ? site.projects(withService: entry.key) : site.projects(forGroup: entry.key)
            view.layout = layoutView(title: pageTitle(name(entry), page), section: "services")
            view.table = ProjectTableView(rows: projects[page.rows].map(projectRow))
            view.pagination = paginate(page)
        }
    }

    /// A service's or group's list page made whole: what `cataloguePage` shares between the pages (`ListParts`).
    func cataloguePageAlone(_ entry: Programme.Entry, isService: Bool, _ page: ListPage) -> CatalogueEntryPageView {
        let projects = isService ? site.projects(withService: entry.key) : site.projects(forGroup: entry.key)
        let categories = site.programme.categories.filter { category in
            isService ? category.services.contains { $0.key == entry.key } : category.targetGroups.contains(entry.key)
        }
        let scope = "\(isService ? "service" : "group"):\(entry.key)"
        return CatalogueEntryPageView(
            layout: layoutView(title: pageTitle(name(entry), page), section: "services"),
            entry: .init(
                name: name(entry),
                otherName: language == "en" ? entry.name : (entry.nameEn ?? ""),
                kindLabel: strings.text(isService ? "catalogue.service" : "catalogue.group"),
                descriptionHTML: markdown(entry.description),
                categories: categories.map { name($0.entry) }.joined(separator: language == "en" ? ", " : "、")),
            totals: totals(Totals(projects), scope: scope, organizations: true),
            table: ProjectTableView(rows: projects[page.rows].map(projectRow)),
            pagination: paginate(page),
            outcomeSummary: outcomeSummary(projects, scope: scope),
            csvHref: csvHref(scope))
    }

    /// The findings page, `page_size` findings a page (issue 16: at province scale the whole list is ~400 KB),
    /// grouped by code on each page; above them, when there are several pages, every code with its count in the
    /// whole list and a link to the page it starts on.
    func findingsPage(_ page: ListPage) -> FindingsPageView {
        let codes = Array(Set(site.findings.map(\.code))).sorted()
        let ordered = codes.flatMap { code in site.findings.filter { $0.code == code } }
        let shown = ordered[page.rows]
        var view = FindingsPageView(
            layout: layoutView(title: pageTitle(strings.text("findings.title"), page), section: "findings"),
            groups: codes.filter { code in shown.contains { $0.code == code } }.map { code in
                .init(code: code.rawValue, title: strings.text("findings.codes.\(code.rawValue)"),
                      explanation: strings.text("findings.explained.\(code.rawValue)"),
                      findings: findingItems(shown.filter { $0.code == code }))
            },
            none: codes.isEmpty)
        if page.pageCount > 1 {
            let size = max(1, site.site.pageSize)
            view.codeIndex = .init(codes: codes.map { code in
                let first = ordered.firstIndex { $0.code == code }!
                return .init(code: code.rawValue, title: strings.text("findings.codes.\(code.rawValue)"),
                             count: strings.format("findingsPaging.count", ["n": String(ordered.filter { $0.code == code }.count)]),
                             href: link(page.path(first / size + 1)) + "#group-\(code.rawValue)")
            })
        }
        view.pagination = paginate(page)
        return view
    }

    func notFound() -> NotFoundView {
        NotFoundView(layout: layoutView(title: strings.text("notFound.title"), section: ""))
    }
}
