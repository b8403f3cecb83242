import CAtomicSwap
import Foundation
import GazetteModel

/// Writes the site atomically: every file into a staging folder beside the output, then one swap. A build
/// that fails or is killed leaves the previous output exactly as it was. Files may be written from several
/// threads at once, each as soon as it is made, so a large site is never whole in memory.
/// `@unchecked Sendable`: `made`, `written` and `failure` are touched only with `lock` held while jobs write; `commit()` runs after every job ended.
public final class SiteWriter: @unchecked Sendable {
    public struct WriteError: Error, CustomStringConvertible {
        public var description: String
    }

    public let output: URL
    let staging: URL
    /// `staging.path`, for joining with file paths without going through URL (a few per cent of a build).
    private let stagingPath: String
    private let lock = NSLock()
    /// Folders made so far, so each is made once.
    private var made: Set<String> = []
    /// What was written: each file's path, SHA-256 and size, in no particular order.
    private var written: [Manifest.Entry] = []
    /// The first failure; everything after it is skipped.
    private var failure: Error?
    /// The files put in as hard links to the previous site's (`link`, `reuse`): their modification time is the
    /// previous file's.
    private var hardLinked: Set<String> = []

    /// Writes files already in memory, then swaps them into place.
    public static func write(_ files: [OutputFile], to output: URL) throws {
        let writer = try SiteWriter(output: output)
        for file in files { writer.write(file, hashed: false) }
        try writer.commit()
    }

    /// Starts a staging folder beside `output` (removing the leftovers of builds that were killed).
    public init(output: URL) throws {
        let output = output.standardizedFileURL
        self.output = output
        let parent = output.deletingLastPathComponent()
        try FileManager.default.createDirectory(at: parent, withIntermediateDirectories: true)
        let name = output.lastPathComponent
        SiteWriter.removeLeftovers(of: name, in: parent)
        staging = parent.appendingPathComponent(".\(name).staging-\(getpid())")
        stagingPath = staging.path
        SiteWriter.removeTree(staging)
        try FileManager.default.createDirectory(at: staging, withIntermediateDirectories: true)
    }

    /// The previous site's files by path, for `reuse(from:files:)`: a file made again with the same bytes is
    /// linked from there instead of written.
    private var previous: (folder: String, files: [String: Manifest.Entry])?

    /// Writes one file into the staging folder; with `hashed`, notes its SHA-256 and size for the manifest.
    /// A file the previous site holds with the same bytes is linked from it instead (`reuse`).
    /// A failure is kept and thrown by `commit()`.
    public func write(_ file: OutputFile, hashed: Bool = true) {
        lock.lock()
        let failed = failure != nil
        lock.unlock()
        if failed { return }
        do {
            guard file.isSafePath else { throw WriteError(description: "refusing to write outside the output: `\(file.path)`") }
            let entry = hashed ? Manifest.Entry(path: file.path, sha256: SHA256.hex(file.bytes), size: file.bytes.count) : nil
            if let entry, let previous, previous.files[file.path] == entry, (try? link(entry, from: previous.folder)) != nil {
                return
            }
            let target = stagingPath + "/" + file.path
            try makeFolder(Self.folder(of: target))
            let status = file.bytes.withUnsafeBytes { buffer in
                gazette_write_file(target, buffer.baseAddress, buffer.count)
            }
            guard status == 0 else { throw WriteError(description: "cannot write \(target): \(String(cString: strerror(errno)))") }
            lock.lock()
            if let entry { written.append(entry) }
            lock.unlock()
        } catch {
            note(error)
        }
    }

    /// From now on, a file written with the same bytes as the previous site's file at its path (`files`, as
    /// that site's build state lists them) is linked from `folder` instead.
    package func reuse(from folder: URL, files: [Manifest.Entry]) {
        previous = (folder.path, Dictionary(files.map { ($0.path, $0) }, uniquingKeysWith: { first, _ in first }))
    }

    /// Puts files of the previous site into the staging folder as hard links, on all cores, and notes them for
    /// the manifest: no bytes are copied and the previous site is not changed (a link adds a name, not a
    /// file). Where a link cannot be made (another file system), the file is copied.
    package func link(_ files: [Manifest.Entry], from folder: URL) {
        let groupSize = 256
        let work: [@Sendable () -> Void] = stride(from: 0, to: files.count, by: groupSize).map { start in
            let group = files[start..<min(start + groupSize, files.count)]
            return { [self] in
                for entry in group {
                    do { try link(entry, from: folder.path) } catch { note(error) }
                }
            }
        }
        _ = ParallelMap.run(work)
    }

    private func link(_ entry: Manifest.Entry, from folder: String) throws {
        guard OutputFile(path: entry.path, bytes: Data()).isSafePath else {
            throw WriteError(description: "refusing to write outside the output: `\(entry.path)`")
        }
        let target = staging.path + "/" + entry.path, source = folder + "/" + entry.path
        try makeFolder((target as NSString).deletingLastPathComponent)
        let linked = hardLink(source, target) == 0
        if !linked {
            let bytes = try Data(contentsOf: URL(fileURLWithPath: source))
            guard bytes.count == entry.size, bytes.withUnsafeBytes({ gazette_write_file(target, $0.baseAddress, $0.count) }) == 0 else {
                throw WriteError(description: "cannot write \(target): \(String(cString: strerror(errno)))")
            }
        }
        lock.lock()
        written.append(entry)
        if linked { hardLinked.insert(entry.path) }
        lock.unlock()
    }

    /// Writes a file made in pieces, hashing as it goes; returns its size. Only one piece is in memory at a time.
    func write(path: String, pieces make: (_ emit: (String) -> Void) -> Void) -> Int {
        var size = 0
        do {
            let file = OutputFile(path: path, bytes: Data())
            guard file.isSafePath else { throw WriteError(description: "refusing to write outside the output: `\(path)`") }
            let url = staging.appendingPathComponent(path)
            try makeFolder(url.deletingLastPathComponent().path)
            guard let stream = fopen(url.path, "wb") else {
                throw WriteError(description: "cannot write \(url.path): \(String(cString: strerror(errno)))")
            }
            var hasher = SHA256.Hasher()
            var failed = false
            make { piece in
                var piece = piece
                piece.withUTF8 { bytes in
                    hasher.update(bytes)
                    if !failed, fwrite(bytes.baseAddress, 1, bytes.count, stream) != bytes.count { failed = true }
                }
                size += piece.utf8.count
            }
            if fclose(stream) != 0 || failed {
                throw WriteError(description: "cannot write \(url.path): \(String(cString: strerror(errno)))")
            }
            lock.lock()
            written.append(Manifest.Entry(path: path, sha256: hasher.hex(), size: size))
            lock.unlock()
        } catch {
            note(error)
        }
        return size
    }

    /// `a/b/c` → `a/b` (the path is the staging folder's joined with a safe relative one: it has a `/`).
    static func folder(of path: String) -> String {
        guard let slash = path.utf8.lastIndex(of: UInt8(ascii: "/")) else { return "." }
        return String(path[..<slash])
    }

    /// Makes a folder once. It is noted as made only after it exists, so no other thread writes into it
    /// before (two threads may both make it, which is harmless). `mkdir(2)` first, with the mode Foundation
    /// gives (0777 less the umask): most folders' parent exists already; Foundation (which makes the parents
    /// and names the error) otherwise.
    private func makeFolder(_ folder: String) throws {
        lock.lock()
        let known = made.contains(folder)
        lock.unlock()
        if known { return }
        if mkdir(folder, 0o777) != 0 {
            try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        }
        lock.lock()
        made.insert(folder)
        lock.unlock()
    }

    private func note(_ error: Error) {
        lock.lock()
        if failure == nil { failure = error }
        lock.unlock()
    }

    /// The files that are hard links to the previous site's files at the same paths.
    package var linkedFiles: Set<String> {
        lock.lock()
        defer { lock.unlock() }
        return hardLinked
    }

    /// The files written with `hashed`, by path.
    public var entries: [Manifest.Entry] {
        lock.lock()
        defer { lock.unlock() }
        return written
    }

    /// Puts the staging folder in place of the output, or removes it and throws the first failure.
    public func commit() throws {
        if let failure {
            abandon()
            throw failure
        }
        do {
            try SiteWriter.swap(staging, into: output)
        } catch {
            abandon()
            throw error
        }
    }

    /// Removes the staging folder; the output stays as it was.
    public func abandon() {
        SiteWriter.removeTree(staging)
    }

    /// Puts `staging` where `output` is, in one step when the system allows it.
    private static func swap(_ staging: URL, into output: URL) throws {
        let fileManager = FileManager.default
        var isDirectory: ObjCBool = false
        guard fileManager.fileExists(atPath: output.path, isDirectory: &isDirectory) else {
            // Nothing to replace: one rename.
            guard rename(staging.path, output.path) == 0 else { throw WriteError(description: "cannot create \(output.path): \(String(cString: strerror(errno)))") }
            return
        }
        guard isDirectory.boolValue else { throw WriteError(description: "\(output.path) exists and is not a folder") }
        if gazette_exchange_paths(staging.path, output.path) == 0 {
            // `staging` now holds the previous site.
            removeTree(staging)
            return
        }
        // No atomic exchange here (another system, or a file system without it): two renames, the old site
        // kept aside until the new one is in place.
        let old = output.deletingLastPathComponent().appendingPathComponent(".\(output.lastPathComponent).old-\(getpid())")
        guard rename(output.path, old.path) == 0 else { throw WriteError(description: "cannot move \(output.path) aside: \(String(cString: strerror(errno)))") }
        guard rename(staging.path, output.path) == 0 else {
            _ = rename(old.path, output.path)
            throw WriteError(description: "cannot put the new site in place: \(String(cString: strerror(errno)))")
        }
        removeTree(old)
    }

    /// Staging folders left by builds that were killed.
    private static func removeLeftovers(of name: String, in parent: URL) {
        let entries = (try? FileManager.default.contentsOfDirectory(atPath: parent.path)) ?? []
        for entry in entries where entry.hasPrefix(".\(name).staging-") || entry.hasPrefix(".\(name).old-") {
            let pid = Int32(entry.split(separator: "-").last ?? "") ?? 0
            // Leave the staging folder of a build still running (another process).
            if pid > 0 && pid != getpid() && kill(pid, 0) == 0 { continue }
            removeTree(parent.appendingPathComponent(entry))
        }
    }

    /// Removes a folder and what it holds, if it exists. A folder inside that was made read-only (an old
    /// site someone chmod-ed) is made writable first, so nothing is left behind.
    static func removeTree(_ url: URL) {
        guard FileManager.default.fileExists(atPath: url.path) else { return }
        if gazette_remove_tree(url.path) == 0 { return }
        chmod(url.path, 0o700)
        if let walker = FileManager.default.enumerator(atPath: url.path) {
            while let relative = walker.nextObject() as? String {
                let path = url.path + "/" + relative
                var info = stat()
                if lstat(path, &info) == 0, (info.st_mode & S_IFMT) == S_IFDIR { chmod(path, 0o700) }
            }
        }
        _ = gazette_remove_tree(url.path)
    }

    /// Where a build into `output` writes. A symbolic link is followed: the site replaces the folder it
    /// points to (a web root, say), and the link stays. An existing output folder must be writable: the
    /// build replaces it whole, and a read-only one is most often meant to be left alone.
    public static func destination(for output: URL) throws -> URL {
        var url = output.standardizedFileURL
        for _ in 0..<32 {
            var info = stat()
            guard lstat(url.path, &info) == 0 else { return url }   // not there yet: made by the build
            switch info.st_mode & S_IFMT {
            case S_IFLNK:
                let target = try FileManager.default.destinationOfSymbolicLink(atPath: url.path)
                url = URL(fileURLWithPath: target, relativeTo: url.deletingLastPathComponent()).standardizedFileURL
                continue
            case S_IFDIR:
                if access(url.path, W_OK) != 0 || info.st_mode & S_IWUSR == 0 {
                    throw WriteError(description: "the output folder \(url.path) is read-only; the build replaces it whole, so make it writable (chmod u+w) or choose another --output")
                }
                return url
            default:
                throw WriteError(description: "\(url.path) exists and is not a folder")
            }
        }
        throw WriteError(description: "\(output.path) is a chain of more than 32 symbolic links")
    }
}

/// `link(2)`, out of `SiteWriter`, whose own `link` methods would hide it.
private func hardLink(_ source: String, _ target: String) -> Int32 { link(source, target) }
