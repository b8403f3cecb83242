import GazetteModel
import GazetteSite

/// One page of a long list (issue 16, light pages): which rows it shows and how to reach the others. A list
/// of `count` rows goes into pages of `size` rows: `base` (`projects/`), then `base` + `page/2/`, `page/3/`…
/// (`Routes.listPage`). A list that fits on one page is one page, as before; the totals above a list are
/// always the whole list's.
struct ListPage: Sendable {
    /// The first page's path (`projects/`, `regions/630100/`).
    var base: String
    /// From 1.
    var number: Int
    var pageCount: Int
    /// The rows of the whole list this page shows.
    var rows: Range<Int>

    var path: String { Routes.listPage(base, number) }
    func path(_ number: Int) -> String { Routes.listPage(base, number) }

    /// Every page of a list of `count` rows in pages of `size` (at least one page, even for no rows).
    static func pages(base: String, count: Int, size: Int) -> [ListPage] {
        let size = max(1, size)
        let pageCount = max(1, (count + size - 1) / size)
        return (1...pageCount).map { number in
            ListPage(base: base, number: number, pageCount: pageCount,
                     rows: min((number - 1) * size, count)..<min(number * size, count))
        }
    }

    /// The whole list, one page: for lists shown whole.
    static func whole(base: String, count: Int) -> ListPage {
        ListPage(base: base, number: 1, pageCount: 1, rows: 0..<count)
    }
}

extension SiteRenderer {
    /// A list's pages as page jobs: the same template, view and dependencies, one job per page.
    func listJobs(base: String, template: String, count: Int, dependencies: Set<String>,
                  view: @escaping @Sendable (PageContext, ListPage) -> [String: Any]) -> [PageJob] {
        ListPage.pages(base: base, count: count, size: site.site.pageSize).map { page in
            PageJob(path: page.path, template: template, dependencies: dependencies) { view($0, page) }
        }
    }
}

extension PageContext {
    /// The pager's values (`partials/pager.mustache`), or nil for a list on one page: the page numbers
    /// (`pagerNumbers`), the current one marked, previous and next (`rel=prev/next`).
    func pager(_ page: ListPage) -> [String: Any]? {
        guard page.pageCount > 1 else { return nil }
        var pager: [String: Any] = [
            "pages": Self.pagerNumbers(page: page.number, count: page.pageCount).map { number -> [String: Any] in
                guard let number else { return ["gap": true] }
                return ["number": String(number), "href": link(page.path(number)), "current": number == page.number]
            },
            "status": strings.format("pager.status", ["n": String(page.number), "count": String(page.pageCount)]),
        ]
        if page.number > 1 { pager["previous"] = link(page.path(page.number - 1)) }
        if page.number < page.pageCount { pager["next"] = link(page.path(page.number + 1)) }
        return pager
    }

    /// A list page's title: the list's, with the page's number after the first page.
    func pageTitle(_ title: String, _ page: ListPage) -> String {
        page.number > 1 ? strings.format("notices.pageTitle", ["title": title, "n": String(page.number)]) : title
    }

    /// Puts a list page's pagers into its view, above and below the list, each its own landmark name.
    func paginate(_ view: inout [String: Any], _ page: ListPage) {
        guard var pager = pager(page) else { return }
        pager["label"] = strings.text("pager.top")
        view["pagerTop"] = pager
        pager["label"] = strings.text("pager.bottom")
        view["pagerBottom"] = pager
        view["listPage"] = ["number": String(page.number), "count": String(page.pageCount),
                            "first": String(page.rows.lowerBound + 1), "last": String(page.rows.upperBound)]
    }
}
