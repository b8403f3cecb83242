import Foundation

/// `manifest.json`: every published file with its SHA-256 and size, sorted by path; the manifest itself is
/// not listed. Its own SHA-256 is the publication's fingerprint, kept in the publication record.
public struct Manifest: Sendable {
    public static let path = "manifest.json"

    public struct Entry: Sendable, Equatable {
        public var path: String
        public var sha256: String
        public var size: Int

        package init(path: String, sha256: String, size: Int) {
            self.path = path
            self.sha256 = sha256
            self.size = size
        }
    }

    public let entries: [Entry]
    /// `manifest.json` itself, written once.
    public let file: OutputFile

    /// `sha256` may answer from a cache of files already hashed (`serve` hashes only what changed).
    public init(_ files: [OutputFile], sha256: (OutputFile) -> String = { SHA256.hex($0.bytes) }) {
        self.init(entries: files.filter { $0.path != Manifest.path }.map { Entry(path: $0.path, sha256: sha256($0), size: $0.bytes.count) })
    }

    /// From files already hashed (as `SiteWriter` wrote them), in any order.
    public init(entries: [Entry]) {
        self.entries = entries.filter { $0.path != Manifest.path }.sorted { $0.path.utf8.lexicographicallyPrecedes($1.path.utf8) }
        file = Manifest.document(self.entries)
    }

    private static func document(_ entries: [Entry]) -> OutputFile {
        let files: [JSONValue] = entries.map { .object(["path": .string($0.path), "sha256": .string($0.sha256), "size": .int($0.size)]) }
        let total = entries.reduce(0) { $0 + $1.size }
        let document = JSONValue.object(["files": .array(files), "count": .int(entries.count), "bytes": .int(total)])
        return OutputFile(path: Manifest.path, text: document.text())
    }

    /// The SHA-256 of `manifest.json`'s bytes: one hash for the whole publication.
    public var hash: String { SHA256.hex(file.bytes) }
}
