import Foundation

/// `Markdown.links(in:)` remembered by text between the runs of a warm build (`serve`): the check and the
/// resolve stage both need every text's links, and a rebuild after one notice changed should parse that one
/// notice, not every text in the content. A run keeps the texts it looked up; the others are forgotten when
/// the next run starts (`startRun()`), so a text that was edited away does not stay in memory.
/// `@unchecked Sendable`: both tables are read and written only with `lock` held.
public final class MarkdownLinksMemo: @unchecked Sendable {
    private let lock = NSLock()
    private var current: [String: [Markdown.Link]] = [:]
    private var previous: [String: [Markdown.Link]] = [:]

    public init() {}

    /// Starts a run: the texts not looked up since the last `startRun()` are forgotten.
    public func startRun() {
        lock.lock()
        previous = current.isEmpty ? previous : current
        current = [:]
        lock.unlock()
    }

    /// The text's links, as `Markdown.links(in:)` gives them.
    public func links(in text: String) -> [Markdown.Link] {
        lock.lock()
        if let known = current[text] ?? previous[text] {
            current[text] = known
            lock.unlock()
            return known
        }
        lock.unlock()
        let links = Markdown.links(in: text)
        lock.lock()
        current[text] = links
        lock.unlock()
        return links
    }

    /// How many texts are remembered, for tests.
    public var count: Int {
        lock.lock()
        defer { lock.unlock() }
        return current.count
    }
}
