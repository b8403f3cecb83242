import Foundation
import GazetteModel

/// Where a site is published: a local folder (a mounted web root) or `user@host:/path`, reached with rsync
/// over SSH.
public enum PublishTarget: Sendable, Equatable, CustomStringConvertible {
    case local(URL)
    case remote(host: String, path: String)

    /// `user@host:/path` or `host:/path` is remote; anything else (with no `:` before the first `/`) is a folder.
    public static func parse(_ text: String) throws -> PublishTarget {
        guard !text.isEmpty else { throw PublishError(.usage, "publish.to.empty") }
        if let colon = text.firstIndex(of: ":"), !text[..<colon].contains("/") {
            let host = String(text[..<colon])
            let path = String(text[text.index(after: colon)...])
            guard !host.isEmpty, !host.hasPrefix("-"), host.allSatisfy({ $0.isLetter || $0.isNumber || "@.-_[]:".contains($0) }) else {
                throw PublishError(.usage, "publish.to.host", ["host": .text(host.withVisibleControls())])
            }
            guard path.hasPrefix("/"), path.count > 1 else {
                throw PublishError(.usage, "publish.to.relative", ["target": .text(text.withVisibleControls())])
            }
            // The path reaches the server's shell (quoted) and rsync (protected): it is also kept to the
            // characters a folder name needs, so that no quoting mistake can ever run a command there.
            if let bad = path.first(where: { !isSafeRemotePathCharacter($0) }) {
                throw PublishError(.usage, "publish.to.character", ["path": .text(path.withVisibleControls()), "character": .text(String(bad).withVisibleControls())])
            }
            if path.split(separator: "/").contains("..") {
                throw PublishError(.usage, "publish.to.dotdot", ["path": .text(path)])
            }
            return .remote(host: host, path: path.hasSuffix("/") && path.count > 1 ? String(path.dropLast()) : path)
        }
        return .local(URL(fileURLWithPath: text, isDirectory: true).standardizedFileURL)
    }

    /// Letters and digits of any script, and `/ . _ - + @ ~ ,`: no space, quote, `;`, `$`, backquote, `|`,
    /// `&`, `*`, `?`, brackets or control character.
    static func isSafeRemotePathCharacter(_ character: Character) -> Bool {
        if character.isASCII { return character.isLetter || character.isNumber || "/._-+@~,".contains(character) }
        return character.isLetter || character.isNumber
    }

    public var description: String {
        switch self {
        case .local(let url): url.path
        case .remote(let host, let path): "\(host):\(path)"
        }
    }

    /// The folder the web server serves: `TARGET/current`.
    public var livePath: String {
        switch self {
        case .local(let url): url.appendingPathComponent(ReleaseLayout.current).path
        case .remote(_, let path): path + "/" + ReleaseLayout.current
        }
    }
}

/// The layout at the target: `releases/ID/` per publication, `current` → `releases/ID`, a log.
public enum ReleaseLayout {
    public static let releases = "releases"
    public static let current = "current"
    public static let currentTemporary = "current.tmp"
    public static let log = "publish.log"
    public static let lock = ".publish.lock"
    /// A release being uploaded: `releases/.partial-ID`. Renamed to `releases/ID` once verified.
    public static func partial(_ id: String) -> String { ".partial-\(id)" }

    /// A release's folder name: 12 lowercase hexadecimal digits.
    public static func isReleaseID(_ name: String) -> Bool {
        name.count == 12 && name.allSatisfy { ("0"..."9").contains($0) || ("a"..."f").contains($0) }
    }
}

/// The publication log, `TARGET/publish.log`: one line per change of `current`, oldest first:
/// `TIME<TAB>publish<TAB>ID<TAB>PREVIOUS` or `TIME<TAB>rollback<TAB>ID<TAB>FROM` (`-` for none).
public struct PublishLog: Sendable, Equatable {
    public struct Line: Sendable, Equatable {
        public var time: String
        public var event: String
        public var id: String
        public var other: String?
        public var text: String { "\(time)\t\(event)\t\(id)\t\(other ?? "-")" }
    }
    public var lines: [Line]

    public init(text: String) {
        lines = text.split(separator: "\n").compactMap { raw in
            let f = raw.split(separator: "\t", omittingEmptySubsequences: false).map(String.init)
            guard f.count >= 3, ReleaseLayout.isReleaseID(f[2]) else { return nil }
            let other = f.count > 3 && ReleaseLayout.isReleaseID(f[3]) ? f[3] : nil
            return Line(time: f[0], event: f[1], id: f[2], other: other)
        }
    }

    public static func line(_ event: String, _ id: String, _ other: String?) -> Line {
        let formatter = ISO8601DateFormatter()
        formatter.timeZone = TimeZone(identifier: "UTC")
        return Line(time: formatter.string(from: Date()), event: event, id: id, other: other)
    }

    /// The release that was live before `id` was (last) published: where `--rollback` goes from `id`.
    public func previous(of id: String) -> String? {
        lines.last { $0.event == "publish" && $0.id == id }?.other
    }

    /// Release IDs, most recently live first.
    public var recentFirst: [String] {
        var seen: Set<String> = []
        var out: [String] = []
        for line in lines.reversed() {
            for id in [line.id, line.other].compactMap({ $0 }) where seen.insert(id).inserted { out.append(id) }
        }
        return out
    }

    /// The releases to keep: the live one, then the most recently live, `keep` in all. Releases the log does
    /// not know come last, newest name order being meaningless, so they go first when pruning.
    public func releasesToKeep(current: String?, existing: [String], keep: Int) -> Set<String> {
        var order: [String] = []
        if let current { order.append(current) }
        for id in recentFirst where id != current && existing.contains(id) { order.append(id) }
        return Set(order.prefix(max(keep, 1)))
    }
}
