import GazetteModel
import GazetteSite
import GazetteTemplates

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
    func listJobs<View: TemplateView>(base: String, template: String, count: Int, dependencies: Set<String>,
                  view: @escaping @Sendable (PageContext, ListPage) -> View) -> [PageJob] {
        ListPage.pages(base: base, count: count, size: site.site.pageSize).map { page in
            PageJob(path: page.path, template: template, dependencies: dependencies) { view($0, page) }
        }
    }
}

extension PageContext {
    /// The pager's values (`partials/pager.mustache`), or nil for a list on one page: the page numbers
    /// (`pagerNumbers`), the current one marked, previous and next (`rel=prev/next`).
    func pager(_ page: ListPage, label: String) -> PagerView? {
        guard page.pageCount > 1 else { return nil }
        return PagerView(
            label: label,
            status: strings.format("pager.status", ["n": String(page.number), "count": String(page.pageCount)]),
            pages: Self.pagerNumbers(page: page.number, count: page.pageCount).map { number in
                guard let number else { return PagerView.Page(number: nil) }
                return PagerView.Page(number: String(number), href: link(page.path(number)), current: number == page.number)
            },
            previous: page.number > 1 ? link(page.path(page.number - 1)) : nil,
            next: page.number < page.pageCount ? link(page.path(page.number + 1)) : nil)
    }

    /// A list page's title: the list's, with the page's number after the first page.
    func pageTitle(_ title: String, _ page: ListPage) -> String {
        page.number > 1 ? strings.format("notices.pageTitle", ["title": title, "n": String(page.number)]) : title
    }

    /// A list page's pagers, above and below the list, each its own landmark name.
    func paginate(_ page: ListPage) -> PaginationView {
        guard page.pageCount > 1 else { return PaginationView() }
        return PaginationView(
            top: pager(page, label: strings.text("pager.top")),
            bottom: pager(page, label: strings.text("pager.bottom")),
            position: .init(number: String(page.number), count: String(page.pageCount),
                            first: String(page.rows.lowerBound + 1), last: String(page.rows.upperBound)))
    }
}
