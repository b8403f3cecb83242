import Foundation

/// The parts of a paginated list's view that belong to the whole list — its totals, summaries, maps, the
/// providers and notices beside it — are the same on every page of the list at one folder depth (links are
/// relative), so they are made once per list and depth instead of once per page: a city's 10,000 projects
/// fill 200 pages, and each page summed all 10,000 again (a fifth of a province build's processor time).
/// `@unchecked Sendable`: `made` is read and written only with `lock` held; a value, once stored, is only read.
package final class ListParts: @unchecked Sendable {
    private let lock = NSLock()
    private var made: [String: [String: Any]] = [:]

    package init() {}

    /// The parts named `key`, made by `make` the first time (two pages may make them at once: the same value,
    /// the first one stored is kept).
    func parts(_ key: String, make: () -> [String: Any]) -> [String: Any] {
        lock.lock()
        if let known = made[key] {
            lock.unlock()
            return known
        }
        lock.unlock()
        let parts = make()
        lock.lock()
        defer { lock.unlock() }
        if let known = made[key] { return known }
        made[key] = parts
        return parts
    }
}

extension PageContext {
    /// The whole list's parts of a list page's view, named `list`: from the build's `ListParts` when the page
    /// has one (the same parts for every page at this depth), else made here.
    func wholeListParts(_ list: String, make: () -> [String: Any]) -> [String: Any] {
        guard let listParts else { return make() }
        return listParts.parts(list + " " + root, make: make)
    }
}
