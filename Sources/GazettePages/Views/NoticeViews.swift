import GazetteModel
import GazetteSite

extension PageContext {
    func noticeItems(_ notices: [Notice]) -> [[String: Any]] {
        notices.map { notice in
            [
                "slug": notice.slug,
                "href": noticeURL(notice.slug),
                "title": notice.title,
                "date": date(notice.date)!,
                "kind": notice.kind.rawValue,
                "kindLabel": strings.text("noticeKinds.\(notice.kind.rawValue)"),
                "summary": notice.summary ?? "",
                "draft": notice.draft,
                "open": isOpenForObjection(notice),
            ]
        }
    }

    /// One page of the notices index (newest first), all kinds or one.
    func noticesIndex(_ notices: [Notice], page: Int, pageCount: Int, kind: Notice.Kind?, pagePath: (Int) -> String) -> [String: Any] {
        let title = kind.map { strings.text("noticeKinds.\($0.rawValue)") } ?? strings.text("notices.title")
        var view = layout(title: pageCount > 1 && page > 1 ? strings.format("notices.pageTitle", ["title": title, "n": String(page)]) : title,
                          section: "notices")
        view["notices"] = noticeItems(notices)
        view["kinds"] = [["label": strings.text("notices.allKinds"), "href": link("notices/"), "current": kind == nil]]
            + site.noticeKinds.map { k in
                ["label": strings.text("noticeKinds.\(k.rawValue)"), "href": link("notices/kind/\(k.rawValue)/"), "current": k == kind]
            }
        if pageCount > 1 {
            var pager: [String: Any] = [
                "pages": Self.pagerNumbers(page: page, count: pageCount).map { number -> [String: Any] in
                    guard let number else { return ["gap": true] }
                    return ["number": String(number), "href": link(pagePath(number)), "current": number == page]
                },
            ]
            if page > 1 { pager["previous"] = link(pagePath(page - 1)) }
            if page < pageCount { pager["next"] = link(pagePath(page + 1)) }
            view["pager"] = pager
        }
        return view
    }

    /// The page numbers a pager links: the first two, the last two, and two either side of the current page;
    /// nil where numbers are left out. A pager of a thousand pages stays a dozen links.
    static func pagerNumbers(page: Int, count: Int) -> [Int?] {
        let shown = Set([1, 2, count - 1, count] + Array(page - 2...page + 2)).filter { $0 >= 1 && $0 <= count }.sorted()
        var numbers: [Int?] = []
        for number in shown {
            if let last = numbers.last ?? nil, number > last + 1 { numbers.append(nil) }
            numbers.append(number)
        }
        return numbers
    }

    func noticePage(_ notice: Notice) -> [String: Any] {
        var view = layout(title: notice.title, description: notice.summary, section: "notices")
        let projects = notice.projects.compactMap { site.project($0) }
        view["notice"] = [
            "title": notice.title,
            "date": date(notice.date)!,
            "kind": notice.kind.rawValue,
            "kindLabel": strings.text("noticeKinds.\(notice.kind.rawValue)"),
            "draft": notice.draft,
            "body": markdown(notice.body) ?? "",
            "publicity": notice.publicityPeriod.map { period -> [String: Any] in
                ["start": date(period.start)!, "end": date(period.end)!,
                 "days": strings.format("notices.publicityDays", ["days": String(period.end.ordinal - period.start.ordinal + 1)]),
                 "open": site.asOf <= period.end && site.asOf >= period.start]
            } as Any,
            "hasRegions": !notice.regions.isEmpty,
            "hasOrganizations": !notice.organizations.isEmpty,
            "regions": notice.regions.map { ["name": regionName($0), "href": regionURL($0)] },
            "organizations": notice.organizations.compactMap { id in
                site.organization(id).map { ["name": $0.name, "href": organizationURL(id)] }
            },
        ]
        view["freshness"] = freshnessLine("notice:\(notice.slug)") as Any
        view["objection"] = objection(notice) as Any
        if !projects.isEmpty {
            var table = projectTable(projects)
            table["projectsTotal"] = money(Totals(projects).contracted)
            // A notice about recoveries (every project it lists ended and had money recovered) totals what was
            // recovered, not what was contracted.
            let isRecovery = projects.allSatisfy { $0.status.mustRepay && $0.money.recovered > .zero }
            table["isRecovery"] = isRecovery
            if isRecovery {
                table["recoveredTotal"] = money(Totals(projects).recovered)
                table["rows"] = projects.map { p -> [String: Any] in
                    var row = projectRow(p)
                    row["recovered"] = money(p.money.recovered)
                    return row
                }
            }
            view["projects"] = table
        }
        return view
    }

    func freePage(_ page: Page) -> [String: Any] {
        var view = layout(title: page.title, description: page.description, section: "page:\(page.slug)")
        view["page"] = ["title": page.title, "body": markdown(page.body) ?? "", "draft": page.draft]
        view["freshness"] = freshnessLine("page:\(page.slug)") as Any
        return view
    }
}
