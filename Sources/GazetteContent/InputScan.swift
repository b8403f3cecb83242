import Foundation
import Glibc
import GazetteModel

/// The file-system side of the build's "nothing changed" shortcut (`RawInputs` in GazetteBuild): what the
/// content and templates folders hold, described by `lstat` without reading a file, and the hash of one
/// file's bytes when its description changed. Here so that all access to `content/` stays in this module.
public enum InputScan {
    /// One entry as `lstat` describes it.
    public struct Stat: Equatable, Sendable {
        /// `f` a regular file, `d` a folder, `l` a symbolic link, `o` anything else (or unreadable).
        public var kind: Character
        public var size: Int64 = 0
        /// Modification and change times, `seconds.nanoseconds`.
        public var modified = ""
        public var changed = ""
        public var inode: UInt64 = 0
        /// The modification time in nanoseconds since 1970.
        public var modifiedNanoseconds: Int64 = 0

        public init(kind: Character, size: Int64 = 0, modified: String = "", changed: String = "", inode: UInt64 = 0,
                    modifiedNanoseconds: Int64 = 0) {
            self.kind = kind
            self.size = size
            self.modified = modified
            self.changed = changed
            self.inode = inode
            self.modifiedNanoseconds = modifiedNanoseconds
        }

        init(_ info: Glibc.stat) {
            switch info.st_mode & S_IFMT {
            case S_IFDIR: self.init(kind: "d")
            case S_IFLNK: self.init(kind: "l")
            case S_IFREG:
                self.init(kind: "f", size: Int64(info.st_size), modified: "\(info.st_mtim.tv_sec).\(info.st_mtim.tv_nsec)",
                          changed: "\(info.st_ctim.tv_sec).\(info.st_ctim.tv_nsec)", inode: UInt64(info.st_ino),
                          modifiedNanoseconds: Int64(info.st_mtim.tv_sec) * 1_000_000_000 + Int64(info.st_mtim.tv_nsec))
            default: self.init(kind: "o")
            }
        }
    }

    /// Every entry under `folder` at any depth, by `prefix/relative path` (a link is noted, not followed).
    public static func walk(_ folder: String, as prefix: String) -> [String: Stat] {
        var entries: [String: Stat] = [:]
        walk(folder, as: prefix, into: &entries)
        return entries
    }

    private static func walk(_ folder: String, as prefix: String, into entries: inout [String: Stat]) {
        guard let directory = opendir(folder) else {
            entries[prefix] = Stat(kind: "o")
            return
        }
        defer { closedir(directory) }
        let descriptor = dirfd(directory)
        while let found = readdir(directory) {
            let name = withUnsafeBytes(of: found.pointee.d_name) { String(decoding: $0.prefix { $0 != 0 }, as: UTF8.self) }
            if name == "." || name == ".." { continue }
            var info = Glibc.stat()
            let path = prefix + "/" + name
            guard fstatat(descriptor, name, &info, AT_SYMLINK_NOFOLLOW) == 0 else {
                entries[path] = Stat(kind: "o")
                continue
            }
            let entry = Stat(info)
            entries[path] = entry
            if entry.kind == "d" { walk(folder + "/" + name, as: path, into: &entries) }
        }
    }

    /// The entry at `path` now, or nil.
    public static func stat(_ path: String) -> Stat? {
        var info = Glibc.stat()
        guard lstat(path, &info) == 0 else { return nil }
        return Stat(info)
    }

    /// `StableHash` of the file's bytes, or nil when it cannot be read.
    public static func hash(_ path: String) -> UInt64? {
        FileManager.default.contents(atPath: path).map { StableHash.of($0) }
    }
}
