import GazetteModel
import GazetteSite

extension PageContext {
    func catalogue() -> [String: Any] {
        var view = layout(title: strings.text("catalogue.title"), section: "services")
        view["categories"] = site.programme.categories.map { category -> [String: Any] in
            [
                "name": name(category.entry),
                "descriptionHTML": markdown(category.entry.description) as Any,
                "services": category.services.map { service in
                    ["name": name(service), "href": serviceURL(service.key), "projects": String(site.projects(withService: service.key).count)]
                },
                "groups": category.targetGroups.compactMap { key in
                    site.programme.targetGroup(key).map { group in
                        ["name": name(group), "href": groupURL(key), "projects": String(site.projects(forGroup: key).count)]
                    }
                },
            ]
        }
        return view
    }

    /// A service (`/services/KEY/`) or a target group (`/groups/KEY/`): what it is, its projects, its totals.
    func cataloguePage(_ entry: Programme.Entry, isService: Bool, _ page: ListPage) -> [String: Any] {
        let projects = isService ? site.projects(withService: entry.key) : site.projects(forGroup: entry.key)
        var view = layout(title: pageTitle(name(entry), page), section: "services")
        view.merge(wholeListParts("\(isService ? "service" : "group"):\(entry.key)") {
            catalogueParts(entry, isService: isService, projects)
        }) { _, whole in whole }
        view["table"] = projectTable(Array(projects[page.rows]))
        paginate(&view, page)
        return view
    }

    /// What every page of a service's or target group's list shows: the entry, its totals and outcomes.
    func catalogueParts(_ entry: Programme.Entry, isService: Bool, _ projects: [ResolvedProject]) -> [String: Any] {
        var view: [String: Any] = [:]
        let categories = site.programme.categories.filter { category in
            isService ? category.services.contains { $0.key == entry.key } : category.targetGroups.contains(entry.key)
        }
        view["entry"] = [
            "name": name(entry),
            "otherName": language == "en" ? entry.name : (entry.nameEn ?? ""),
            "kindLabel": strings.text(isService ? "catalogue.service" : "catalogue.group"),
            "descriptionHTML": markdown(entry.description) as Any,
            "categories": categories.map { name($0.entry) }.joined(separator: language == "en" ? ", " : "、"),
        ]
        view["totals"] = totals(Totals(projects), scope: "\(isService ? "service" : "group"):\(entry.key)", organizations: true)
        view["outcomeSummary"] = outcomeSummary(projects, scope: "\(isService ? "service" : "group"):\(entry.key)")
        view["csvHref"] = csvHref("\(isService ? "service" : "group"):\(entry.key)")
        return view
    }

    func findingsPage() -> [String: Any] {
        var view = layout(title: strings.text("findings.title"), section: "findings")
        let codes = Array(Set(site.findings.map(\.code))).sorted()
        view["groups"] = codes.map { code in
            ["code": code.rawValue, "title": strings.text("findings.codes.\(code.rawValue)"),
             "explanation": strings.text("findings.explained.\(code.rawValue)"),
             "findings": findingItems(site.findings.filter { $0.code == code })]
        }
        view["none"] = codes.isEmpty
        return view
    }

    func notFound() -> NotFoundView {
        NotFoundView(layout: layoutView(title: strings.text("notFound.title"), section: ""))
    }
}
