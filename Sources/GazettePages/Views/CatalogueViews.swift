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
        view["table"] = projectTable(Array(projects[page.rows]))
        paginate(&view, page)
        view["outcomeSummary"] = outcomeSummary(projects, scope: "\(isService ? "service" : "group"):\(entry.key)")
        view["csvHref"] = csvHref("\(isService ? "service" : "group"):\(entry.key)")
        return view
    }

    /// The findings page, `page_size` findings a page (issue 16: at province scale the whole list is ~400 KB),
    /// grouped by code on each page; above them every code with its count in the whole list and the page it
    /// starts on.
    func findingsPage(_ page: ListPage) -> [String: Any] {
        var view = layout(title: pageTitle(strings.text("findings.title"), page), section: "findings")
        let codes = Array(Set(site.findings.map(\.code))).sorted()
        let ordered = codes.flatMap { code in site.findings.filter { $0.code == code } }
        let shown = ordered[page.rows]
        view["groups"] = codes.filter { code in shown.contains { $0.code == code } }.map { code in
            ["code": code.rawValue, "title": strings.text("findings.codes.\(code.rawValue)"),
             "explanation": strings.text("findings.explained.\(code.rawValue)"),
             "findings": findingItems(shown.filter { $0.code == code })]
        }
        if page.pageCount > 1 {
            let size = max(1, site.site.pageSize)
            view["codeIndex"] = ["codes": codes.map { code -> [String: Any] in
                let first = ordered.firstIndex { $0.code == code }!
                return ["code": code.rawValue, "title": strings.text("findings.codes.\(code.rawValue)"),
                        "count": strings.format("findingsPaging.count", ["n": String(ordered.filter { $0.code == code }.count)]),
                        "href": link(page.path(first / size + 1)) + "#group-\(code.rawValue)"]
            }]
        }
        paginate(&view, page)
        view["none"] = codes.isEmpty
        return view
    }

    func notFound() -> NotFoundView {
        NotFoundView(layout: layoutView(title: strings.text("notFound.title"), section: ""))
    }
}
