import Foundation
import Glibc

/// What `stat` says of a content file, to tell in `serve` that a file is as the last rebuild read it without
/// reading it again (`ContentCache` trusts it only when the file had not changed for a while when it was read).
struct FileIdentity: Equatable, Sendable {
    var size: Int64
    var modified: Int64
    var changed: Int64
    var inode: UInt64
    var device: UInt64

    /// The file `name` in the open folder, not following a link; nil when it is not a regular file.
    static func of(_ name: String, in folder: Int32) -> FileIdentity? {
        guard folder >= 0 else { return nil }
        var info = stat()
        guard fstatat(folder, name, &info, AT_SYMLINK_NOFOLLOW) == 0, (info.st_mode & S_IFMT) == S_IFREG else { return nil }
        return FileIdentity(size: Int64(info.st_size),
                            modified: Int64(info.st_mtim.tv_sec) * 1_000_000_000 + Int64(info.st_mtim.tv_nsec),
                            changed: Int64(info.st_ctim.tv_sec) * 1_000_000_000 + Int64(info.st_ctim.tv_nsec),
                            inode: UInt64(info.st_ino), device: UInt64(info.st_dev))
    }

    /// Now, in nanoseconds since 1970, on the clock of the files' times.
    static func now() -> Int64 {
        var time = timespec()
        clock_gettime(CLOCK_REALTIME, &time)
        return Int64(time.tv_sec) * 1_000_000_000 + Int64(time.tv_nsec)
    }
}
