import Foundation
import GazetteModel
import GazetteOutput

/// One file as the server sends it.
public struct ServedFile: Sendable {
    public let bytes: Data
    public let etag: String
    public let contentType: String
}

/// The site being served, swapped whole after each rebuild: a request sees either the old site or the new
/// one, never a mix or a partial file, because nothing is read from disk while serving.
public final class SiteStore: @unchecked Sendable {
    public struct Snapshot: Sendable {
        public var files: [String: ServedFile]
        /// The errors of the last rebuild, shown over every page while they last.
        public var errors: [ErrorReport]
        /// Counts rebuilds, so that clients can tell an old page from a new one.
        public var generation: Int
    }

    /// One error for the overlay: where, the offending line, what.
    public struct ErrorReport: Sendable, Hashable {
        public var location: String
        public var line: String?
        public var message: String
        public var suggestion: String?
        /// A finding this change adds (it will be published), not an error.
        public var isNewFinding: Bool = false
    }

    private let lock = NSLock()
    private var current = Snapshot(files: [:], errors: [], generation: 0)

    public init() {}

    public var snapshot: Snapshot {
        lock.lock()
        defer { lock.unlock() }
        return current
    }

    public func replace(files: [String: OutputFile]?, errors: [ErrorReport]) -> Snapshot {
        lock.lock()
        defer { lock.unlock() }
        if let files {
            var served: [String: ServedFile] = [:]
            for (path, file) in files {
                // Keep the previous entry (and its ETag) when the bytes did not change.
                if let old = current.files[path], old.bytes == file.bytes { served[path] = old; continue }
                served[path] = ServedFile(bytes: file.bytes, etag: "\"\(StableHash.hex(StableHash.of(file.bytes)))\"",
                                          contentType: ContentTypes.of(path))
            }
            current.files = served
        }
        current.errors = errors
        current.generation += 1
        return current
    }
}

/// Content types by file extension, always with a charset for text.
public enum ContentTypes {
    /// As nginx serves it when live: one table, `MediaTypes`.
    public static func of(_ path: String) -> String { MediaTypes.contentType(of: path) }
}
