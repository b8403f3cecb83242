import Foundation

/// The parts of a paginated list's view that belong to the whole list — its totals, summaries, maps, the
/// providers and notices beside it — are the same on every page of the list at one folder depth (links are
/// relative), so they are made once per list and depth instead of once per page: a city's 10,000 projects
/// fill 200 pages, and each page summed all 10,000 again (a fifth of a province build's processor time).
/// The first page of a list (at a depth) to be rendered makes its whole view as before and keeps it; every
/// other page copies it and puts in its own layout, rows and pager.
/// A view is let go once every page that shares it has taken it (a province has hundreds of lists, and their
/// views — maps, providers, the first rows — would otherwise stay until the build ends); a page alone at its
/// depth (a list's first page) shares with no one and keeps nothing.
/// `@unchecked Sendable`: `made` and `taken` are read and written only with `lock` held; a value, once stored, is only read.
package final class ListParts: @unchecked Sendable {
    private let lock = NSLock()
    private var made: [String: Any] = [:]
    /// How many pages took each kept view.
    private var taken: [String: Int] = [:]

    package init() {}

    /// The view kept for `key`, made by `make` the first time (two pages may make one at once: the first one
    /// stored is kept; their whole-list parts are the same). `pages`: how many pages share it; the last of them
    /// to take it lets it go (made again, the same, should another page ask).
    func view<View>(_ key: String, pages: Int, make: () -> View) -> View {
        guard pages > 1 else { return make() }
        lock.lock()
        if let known = made[key] as? View {
            take(key, pages: pages)
            lock.unlock()
            return known
        }
        lock.unlock()
        let view = make()
        lock.lock()
        defer { lock.unlock() }
        if let known = made[key] as? View {
            take(key, pages: pages)
            return known
        }
        made[key] = view
        take(key, pages: pages)
        return view
    }

    /// Notes one more page taking `key`'s view; the last one lets it go. Called with `lock` held.
    private func take(_ key: String, pages: Int) {
        let count = taken[key, default: 0] + 1
        if count >= pages {
            made[key] = nil
            taken[key] = nil
        } else {
            taken[key] = count
        }
    }
}

extension PageContext {
    /// A list page's view: `alone` makes it whole; with the build's `ListParts`, only the first page of the
    /// list at this depth does, and the others take its view with `own` putting in their own parts.
    /// The pages sharing a view are those at `page`'s folder depth: the first page alone, or all the others.
    func listPageView<View>(_ list: String, _ page: ListPage, alone: () -> View, own: (inout View) -> Void) -> View {
        guard let listParts else { return alone() }
        var view = listParts.view(list + " " + root, pages: page.number == 1 ? 1 : page.pageCount - 1, make: alone)
        own(&view)
        return view
    }
}
