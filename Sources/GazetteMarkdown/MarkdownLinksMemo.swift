import Foundation

/// `Markdown.links(in:)` remembered by text between the runs of a warm build (`serve`): the check and the
/// resolve stage both need every text's links, and a rebuild after one notice changed should parse that one
/// notice, not every text in the content. A run keeps the texts it looked up; the others are forgotten when
/// the next run starts (`startRun()`), so a text that was edited away does not stay in memory.
/// `@unchecked Sendable`: both tables are read and written only with `lock` held.
public final class MarkdownLinksMemo: @unchecked Sendable {
    private let lock = NSLock()
    private var current: [Key: [Markdown.Link]] = [:]
    private var previous: [Key: [Markdown.Link]] = [:]

    /// A text as its bytes, hashed once. A `String` key hashed every text's Unicode normal form at each lookup,
    /// with the lock held: 6 % of a notices build, more than parsing. Bytes are also what cmark reads (and its
    /// columns count), so two texts that differ only in their Unicode normal form keep their own links.
    struct Key: Hashable {
        let text: String
        let hash: Int

        init(_ text: String) {
            var text = text
            self.hash = text.withUTF8 { bytes in
                var hasher = Hasher()
                hasher.combine(bytes: UnsafeRawBufferPointer(bytes))
                return hasher.finalize()
            }
            self.text = text
        }

        func hash(into hasher: inout Hasher) { hasher.combine(hash) }

        static func == (a: Key, b: Key) -> Bool {
            guard a.hash == b.hash else { return false }
            var (x, y) = (a.text, b.text)
            return x.withUTF8 { x in y.withUTF8 { y in x.count == y.count && (x.count == 0 || memcmp(x.baseAddress!, y.baseAddress!, x.count) == 0) } }
        }
    }

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
        let key = Key(text)
        lock.lock()
        if let known = current[key] ?? previous[key] {
            current[key] = known
            lock.unlock()
            return known
        }
        lock.unlock()
        let links = Markdown.links(in: text)
        lock.lock()
        current[key] = links
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
