import Foundation

/// The parts of a paginated list's view that belong to the whole list — its totals, summaries, maps, the
/// providers and notices beside it — are the same on every page of the list at one folder depth (links are
/// relative), so they are made once per list and depth instead of once per page: a city's 10,000 projects
/// fill 200 pages, and each page summed all 10,000 again (a fifth of a province build's processor time).
/// The first page of a list (at a depth) to be rendered makes its whole view as before and keeps it; every
/// other page copies it and puts in its own layout, rows and pager.
/// `@unchecked Sendable`: `made` is read and written only with `lock` held; a value, once stored, is only read.
package final class ListParts: @unchecked Sendable {
    private let lock = NSLock()
    private var made: [String: Any] = [:]

    package init() {}

    /// The view kept for `key`, made by `make` the first time (two pages may make one at once: the first one
    /// stored is kept; their whole-list parts are the same).
    func view<View>(_ key: String, make: () -> View) -> View {
        lock.lock()
        if let known = made[key] as? View {
            lock.unlock()
            return known
        }
        lock.unlock()
        let view = make()
        lock.lock()
        defer { lock.unlock() }
        if let known = made[key] as? View { return known }
        made[key] = view
        return view
    }
}

extension PageContext {
    /// A list page's view: `alone` makes it whole; with the build's `ListParts`, only the first page of the
    /// list at this depth does, and the others take its view with `own` putting in their own parts.
    func listPageView<View>(_ list: String, alone: () -> View, own: (inout View) -> Void) -> View {
        guard let listParts else { return alone() }
        var view = listParts.view(list + " " + root, make: alone)
        own(&view)
        return view
    }
}
