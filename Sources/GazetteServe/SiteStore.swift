import Foundation
import GazetteModel
import GazetteOutput
import Synchronization

/// One file as the server sends it.
public struct ServedFile: Sendable {
    public let bytes: Data
    public let etag: String
    public let contentType: String
}

/// The site being served, swapped whole after each rebuild: a request sees either the old site or the new
/// one, never a mix or a partial file, because nothing is read from disk while serving.
public final class SiteStore: Sendable {
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

    /// The site being served; each request reads it once, each rebuild replaces it.
    private let current = Mutex(Snapshot(files: [:], errors: [], generation: 0))

    public init() {}

    public var snapshot: Snapshot {
        current.withLock { $0 }
    }

    /// Rebuilds call this one at a time (serve's rebuild loop); the new files are hashed before the lock is
    /// taken, so requests are not held up meanwhile. `changed`: the paths whose bytes changed since the files
    /// last given (the rebuild's own list): only those are looked at, the others are served as they were.
    public func replace(files: [String: OutputFile]?, changed: [String]? = nil, errors: [ErrorReport]) -> Snapshot {
        var served: [String: ServedFile]?
        if let files, let changed, snapshot.generation > 0 {
            var fresh = snapshot.files
            for path in changed {
                fresh[path] = files[path].map { ServedFile(bytes: $0.bytes, etag: "\"\(StableHash.hex(StableHash.of($0.bytes)))\"",
                                                           contentType: ContentTypes.of(path)) }
            }
            served = fresh
        } else if let files {
            let previous = snapshot.files
            var fresh: [String: ServedFile] = [:]
            for (path, file) in files {
                // Keep the previous entry (and its ETag) when the bytes did not change.
                if let old = previous[path], old.bytes == file.bytes { fresh[path] = old; continue }
                fresh[path] = ServedFile(bytes: file.bytes, etag: "\"\(StableHash.hex(StableHash.of(file.bytes)))\"",
                                         contentType: ContentTypes.of(path))
            }
            served = fresh
        }
        return current.withLock { current in
            if let served { current.files = served }
            current.errors = errors
            current.generation += 1
            return current
        }
    }
}

/// Content types by file extension, always with a charset for text.
public enum ContentTypes {
    /// As nginx serves it when live: one table, `MediaTypes`.
    public static func of(_ path: String) -> String { MediaTypes.contentType(of: path) }
}
