import Foundation

/// The layout's values that are the same on every page of one section at one folder depth — the navigation
/// with its current item, the footer's contacts, the as-of date, the interface strings — made once per
/// section and depth instead of once per page (10,000 notice pages made the same navigation 10,000 times).
/// `@unchecked Sendable`: `made` is read and written only with `lock` held; a value, once stored, is only read.
package final class LayoutParts: @unchecked Sendable {
    private let lock = NSLock()
    private var made: [String: LayoutView.Fixed] = [:]

    package init() {}

    /// The fixed part kept for `key`, made by `make` the first time (two pages may make one at once: the first
    /// one stored is kept; both are the same).
    func fixed(_ key: String, make: () -> LayoutView.Fixed) -> LayoutView.Fixed {
        lock.lock()
        if let known = made[key] {
            lock.unlock()
            return known
        }
        lock.unlock()
        let fixed = make()
        lock.lock()
        defer { lock.unlock() }
        if let known = made[key] { return known }
        made[key] = fixed
        return fixed
    }
}
