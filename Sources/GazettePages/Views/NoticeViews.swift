import GazetteModel
import GazetteSite
import GazetteTemplates

extension PageContext {
    func noticeItems(_ notices: [Notice]) -> [NoticeItemView] {
        notices.map { notice in
            NoticeItemView(
                slug: notice.slug,
                href: noticeURL(notice.slug),
                title: notice.title,
                date: dateView(notice.date)!,
                kind: notice.kind.rawValue,
                kindLabel: strings.text("noticeKinds.\(notice.kind.rawValue)"),
                summary: notice.summary ?? "",
                draft: notice.draft,
                open: isOpenForObjection(notice))
        }
    }

    /// One page of the notices index (newest first), all kinds or one.
    func noticesIndex(_ notices: [Notice], page: ListPage, kind: Notice.Kind?) -> NoticesPageView {
        let title = kind.map { strings.text("noticeKinds.\($0.rawValue)") } ?? strings.text("notices.title")
        return NoticesPageView(
            layout: layoutView(title: pageTitle(title, page), section: "notices"),
            pagination: paginate(page),
            notices: noticeItems(notices),
            kinds: [LayoutView.NavItem(label: strings.text("notices.allKinds"), href: link("notices/"), current: kind == nil)]
                + site.noticeKinds.map { k in
                    LayoutView.NavItem(label: strings.text("noticeKinds.\(k.rawValue)"), href: link("notices/kind/\(k.rawValue)/"), current: k == kind)
                })
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

    func noticePage(_ notice: Notice) -> NoticePageView {
        let projects = notice.projects.compactMap { site.project($0) }
        let body = NoticePageView.Body(
            title: notice.title,
            date: dateView(notice.date)!,
            kind: notice.kind.rawValue,
            kindLabel: strings.text("noticeKinds.\(notice.kind.rawValue)"),
            draft: notice.draft,
            body: markdown(notice.body) ?? "",
            publicity: notice.publicityPeriod.map { period in
                .init(start: dateView(period.start)!, end: dateView(period.end)!,
                      days: strings.format("notices.publicityDays", ["days": String(period.end.ordinal - period.start.ordinal + 1)]),
                      open: site.asOf <= period.end && site.asOf >= period.start)
            },
            regions: notice.regions.map { NamedLinkView(name: regionName($0), href: regionURL($0)) },
            organizations: notice.organizations.compactMap { id in
                site.organization(id).map { NamedLinkView(name: $0.name, href: organizationURL(id)) }
            })
        var table: NoticePageView.Projects?
        if !projects.isEmpty {
            // A notice about recoveries (every project it lists ended and had money recovered) totals what was
            // recovered, not what was contracted.
            let isRecovery = projects.allSatisfy { $0.status.mustRepay && $0.money.recovered > .zero }
            table = NoticePageView.Projects(
                rows: projects.map { p in
                    var row = projectRow(p)
                    if isRecovery { row.recovered = moneyView(p.money.recovered) }
                    return row
                },
                projectsTotal: moneyView(Totals(projects).contracted), isRecovery: isRecovery,
                recoveredTotal: isRecovery ? moneyView(Totals(projects).recovered) : nil)
        }
        return NoticePageView(layout: layoutView(title: notice.title, description: notice.summary, section: "notices"),
                              notice: body, freshness: freshnessView("notice:\(notice.slug)"), objection: objection(notice),
                              projects: table)
    }

    func freePage(_ page: Page) -> FreePageView {
        FreePageView(layout: layoutView(title: page.title, description: page.description, section: "page:\(page.slug)"),
                     page: .init(title: page.title, body: markdown(page.body) ?? "", draft: page.draft),
                     freshness: freshnessView("page:\(page.slug)"))
    }
}
