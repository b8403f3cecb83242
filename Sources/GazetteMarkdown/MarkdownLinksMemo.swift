import Foundation

/// `Markdown.links(in:)` remembered by text between the runs of a warm build (`serve`): the check and the
/// resolve stage both need every text's links, and a rebuild after one notice changed should parse that one
/// notice, not every text in the content. A run keeps the texts it looked up; the others are forgotten when
/// the next run starts (`startRun()`), so a text that was edited away does not stay in memory.
/// `@unchecked Sendable`: both tables are read and written only with `lock` held.
public final class MarkdownLinksMemo: @unchecked Sendable {
    private let lock = NSLock()
    private var current: [TextKey: [Markdown.Link]] = [:]
    private var previous: [TextKey: [Markdown.Link]] = [:]

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
        let key = TextKey(text)
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

    /// A text as a key by its UTF-8 bytes, hashed once, outside the lock. (`String`'s own hashing normalizes
    /// the text to NFC first: for Chinese text that was most of a rebuild's look-ups, three per text.) cmark
    /// reads the bytes, so texts with the same bytes have the same links.
    struct TextKey: Hashable {
        let text: String
        let hash: Int

        init(_ text: String) {
            var text = text
            text.makeContiguousUTF8()
            self.text = text
            var hasher = Hasher()
            text.utf8.withContiguousStorageIfAvailable { hasher.combine(bytes: UnsafeRawBufferPointer($0)) }
            hasher.combine(text.utf8.count)
            hash = hasher.finalize()
        }

        func hash(into hasher: inout Hasher) { hasher.combine(hash) }

        static func == (a: TextKey, b: TextKey) -> Bool {
            guard a.hash == b.hash, a.text.utf8.count == b.text.utf8.count else { return false }
            let same = a.text.utf8.withContiguousStorageIfAvailable { x in
                b.text.utf8.withContiguousStorageIfAvailable { y in
                    x.isEmpty || memcmp(x.baseAddress!, y.baseAddress!, x.count) == 0
                }
            }
            return (same ?? nil) ?? a.text.utf8.elementsEqual(b.text.utf8)
        }
    }

    /// How many texts are remembered, for tests.
    public var count: Int {
        lock.lock()
        defer { lock.unlock() }
        return current.count
    }
}
