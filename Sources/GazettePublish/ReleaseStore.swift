import Foundation
import GazetteOutput

/// How many files an upload moved.
public struct TransferCounts: Sendable, Equatable {
    public var copied = 0
    public var linked = 0
    public init(copied: Int = 0, linked: Int = 0) {
        self.copied = copied
        self.linked = linked
    }
}

/// The operations a publication needs at its target. `LocalStore` does them on a folder, `RemoteStore` over
/// SSH and rsync. `Publisher` holds the order: upload, verify, rename, flip, prune.
public protocol ReleaseStore: AnyObject {
    /// Creates `releases/`, takes the target's lock and removes what a failed or killed run left.
    func prepare() throws
    /// The release `current` points at, if any.
    func currentID() throws -> String?
    /// The `manifest.json` of a release.
    func manifestData(of id: String) throws -> Data?
    func releaseIDs() throws -> [String]
    func log() throws -> PublishLog
    func append(_ line: PublishLog.Line) throws
    /// Uploads the bundle into `releases/.partial-ID`, reusing (hard-linking) the files of `linkFrom` whose
    /// SHA-256 is the same.
    func upload(_ bundle: SiteBundle, linkFrom previous: String?, previousManifest: ManifestIndex?) throws -> TransferCounts
    /// Reads the partial release back and compares it with the bundle.
    func verifyPartial(_ bundle: SiteBundle) throws -> [VerificationProblem]
    /// Reads a release back and compares it with the expected hashes.
    func verifyRelease(_ id: String, expected: [String: String]) throws -> [VerificationProblem]
    /// Puts back the files of a live release that do not match its manifest: each altered or missing file is
    /// replaced in one rename (readers get the altered file or the right one, never half of one), and files
    /// the manifest does not list are removed.
    func repair(_ bundle: SiteBundle, problems: [VerificationProblem]) throws
    /// `releases/.partial-ID` → `releases/ID`.
    func commitPartial(_ id: String) throws
    func discardPartial(_ id: String)
    /// Points `current` at `releases/ID` in one rename.
    func flip(to id: String) throws
    func removeRelease(_ id: String) throws
    /// Releases the lock.
    func finish()
}

/// A folder on this machine (a web root, or a mounted one).
public final class LocalStore: ReleaseStore {
    public let root: URL
    private var lockDescriptor: Int32 = -1
    private let fileManager = FileManager.default
    /// Test hook: `GAZETTE_PUBLISH_FAIL_AFTER=N` kills the process (SIGKILL) after N files of an upload.
    private let failAfter = ProcessInfo.processInfo.environment["GAZETTE_PUBLISH_FAIL_AFTER"].flatMap(Int.init)

    public init(root: URL) { self.root = root.standardizedFileURL }

    private var releases: URL { root.appendingPathComponent(ReleaseLayout.releases, isDirectory: true) }
    private func release(_ id: String) -> URL { releases.appendingPathComponent(id, isDirectory: true) }
    private func partial(_ id: String) -> URL { releases.appendingPathComponent(ReleaseLayout.partial(id), isDirectory: true) }

    private func ioError(_ what: String) -> PublishError {
        PublishError(.io, "\(what): \(String(cString: strerror(errno)))")
    }

    public func prepare() throws {
        do {
            let existed = fileManager.fileExists(atPath: root.path)
            try fileManager.createDirectory(at: releases, withIntermediateDirectories: true)
            // The web server must be able to read them, whatever the umask (077 would lock nginx out).
            if !existed { chmod(root.path, ReleaseModes.folder) }
            chmod(releases.path, ReleaseModes.folder)
        } catch {
            throw PublishError(.io, "cannot create \(releases.path): \((error as NSError).localizedDescription)")
        }
        let lockPath = root.appendingPathComponent(ReleaseLayout.lock).path
        lockDescriptor = open(lockPath, O_CREAT | O_RDWR | O_CLOEXEC, 0o644)
        guard lockDescriptor >= 0 else { throw ioError("cannot open \(lockPath)") }
        guard flock(lockDescriptor, LOCK_EX | LOCK_NB) == 0 else {
            close(lockDescriptor)
            lockDescriptor = -1
            throw PublishError(.io, "another gazette publish is running on \(root.path) (it holds \(lockPath))")
        }
        // We hold the lock: any partial release or temporary link is a leftover of a failed or killed run.
        for name in (try? fileManager.contentsOfDirectory(atPath: releases.path)) ?? [] where name.hasPrefix(".partial-") {
            try? fileManager.removeItem(at: releases.appendingPathComponent(name))
        }
        unlink(root.appendingPathComponent(ReleaseLayout.currentTemporary).path)
    }

    public func finish() {
        if lockDescriptor >= 0 {
            flock(lockDescriptor, LOCK_UN)
            close(lockDescriptor)
            lockDescriptor = -1
        }
    }

    public func currentID() throws -> String? {
        let link = root.appendingPathComponent(ReleaseLayout.current).path
        var info = stat()
        guard lstat(link, &info) == 0 else { return nil }
        guard (info.st_mode & S_IFMT) == S_IFLNK else {
            throw PublishError(.io, "\(link) exists and is not a symbolic link: move it away, then publish again")
        }
        let destination = try fileManager.destinationOfSymbolicLink(atPath: link)
        let name = URL(fileURLWithPath: destination).lastPathComponent
        guard ReleaseLayout.isReleaseID(name) else {
            throw PublishError(.io, "\(link) points at `\(destination)`, not at a release in releases/")
        }
        return name
    }

    public func manifestData(of id: String) throws -> Data? {
        try? Data(contentsOf: release(id).appendingPathComponent(Manifest.path))
    }

    public func releaseIDs() throws -> [String] {
        ((try? fileManager.contentsOfDirectory(atPath: releases.path)) ?? []).filter(ReleaseLayout.isReleaseID).sorted()
    }

    public func log() throws -> PublishLog {
        PublishLog(text: (try? String(contentsOf: root.appendingPathComponent(ReleaseLayout.log), encoding: .utf8)) ?? "")
    }

    public func append(_ line: PublishLog.Line) throws {
        let url = root.appendingPathComponent(ReleaseLayout.log)
        let descriptor = open(url.path, O_CREAT | O_WRONLY | O_APPEND | O_CLOEXEC, 0o644)
        guard descriptor >= 0 else { throw ioError("cannot write \(url.path)") }
        defer { close(descriptor) }
        fchmod(descriptor, ReleaseModes.file)
        let bytes = Array((line.text + "\n").utf8)
        guard write(descriptor, bytes, bytes.count) == bytes.count else { throw ioError("cannot write \(url.path)") }
    }

    public func upload(_ bundle: SiteBundle, linkFrom previous: String?, previousManifest: ManifestIndex?) throws -> TransferCounts {
        let staging = partial(bundle.id)
        try? fileManager.removeItem(at: staging)
        var counts = TransferCounts()
        var made: Set<String> = []
        let old = previous.map(release)
        for (index, file) in bundle.files.enumerated() {
            if let failAfter, index >= failAfter { kill(getpid(), SIGKILL) }
            guard file.isSafePath else { throw PublishError(.io, "refusing to write outside the release: `\(file.path)`") }
            let url = staging.appendingPathComponent(file.path)
            let folder = url.deletingLastPathComponent().path
            if made.insert(folder).inserted {
                do { try fileManager.createDirectory(atPath: folder, withIntermediateDirectories: true) } catch {
                    throw PublishError(.io, "cannot create \(folder): \((error as NSError).localizedDescription)")
                }
            }
            // An unchanged file (same SHA-256 in both manifests) is a hard link to the previous release's.
            if let old, file.path != Manifest.path, let was = previousManifest?.entries[file.path],
               was.sha256 == bundle.manifest.entries[file.path]?.sha256,
               link(old.appendingPathComponent(file.path).path, url.path) == 0 {
                counts.linked += 1
                continue
            }
            do { try file.bytes.write(to: url) } catch {
                throw PublishError(.io, "cannot write \(url.path): \((error as NSError).localizedDescription)")
            }
            counts.copied += 1
        }
        try ReleaseModes.apply(to: staging)
        return counts
    }

    public func verifyPartial(_ bundle: SiteBundle) throws -> [VerificationProblem] {
        FolderVerifier.verify(partial(bundle.id), expected: bundle.expected)
    }

    public func verifyRelease(_ id: String, expected: [String: String]) throws -> [VerificationProblem] {
        FolderVerifier.verify(release(id), expected: expected)
    }

    public func repair(_ bundle: SiteBundle, problems: [VerificationProblem]) throws {
        let folder = release(bundle.id)
        let byPath = Dictionary(bundle.files.map { ($0.path, $0) }, uniquingKeysWith: { a, _ in a })
        for problem in problems {
            let url = folder.appendingPathComponent(problem.path)
            guard let file = byPath[problem.path] else {
                try? fileManager.removeItem(at: url)
                continue
            }
            let temporary = url.deletingLastPathComponent().appendingPathComponent(".\(url.lastPathComponent).gazette-\(getpid())")
            do {
                try fileManager.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
                try file.bytes.write(to: temporary)
                chmod(temporary.path, ReleaseModes.file)
            } catch {
                throw PublishError(.io, "cannot write \(temporary.path): \((error as NSError).localizedDescription)")
            }
            guard rename(temporary.path, url.path) == 0 else { throw ioError("cannot replace \(url.path)") }
        }
        sync()
    }

    public func commitPartial(_ id: String) throws {
        try? fileManager.removeItem(at: release(id))
        guard rename(partial(id).path, release(id).path) == 0 else { throw ioError("cannot rename the release into \(release(id).path)") }
    }

    public func discardPartial(_ id: String) {
        try? fileManager.removeItem(at: partial(id))
    }

    public func flip(to id: String) throws {
        let temporary = root.appendingPathComponent(ReleaseLayout.currentTemporary).path
        let current = root.appendingPathComponent(ReleaseLayout.current).path
        unlink(temporary)
        // The release's files reach the disk before the link that makes them live (a power cut cannot leave
        // `current` pointing at files still in memory).
        sync()
        guard symlink("\(ReleaseLayout.releases)/\(id)", temporary) == 0 else { throw ioError("cannot create \(temporary)") }
        guard rename(temporary, current) == 0 else {
            let error = ioError("cannot point \(current) at releases/\(id)")
            unlink(temporary)
            throw error
        }
        sync()
    }

    public func removeRelease(_ id: String) throws {
        do { try fileManager.removeItem(at: release(id)) } catch {
            throw PublishError(.io, "cannot remove \(release(id).path): \((error as NSError).localizedDescription)")
        }
    }
}

/// The modes of a published release, set explicitly rather than left to the umask: under umask 000 the
/// files would be world-writable, under 077 the web server could not read them.
enum ReleaseModes {
    static let file: mode_t = 0o644
    static let folder: mode_t = 0o755

    /// Sets every folder under `root` (and `root`) to 755 and every file to 644. Links are left alone.
    static func apply(to root: URL) throws {
        guard chmod(root.path, folder) == 0 else {
            throw PublishError(.io, "cannot set the mode of \(root.path): \(String(cString: strerror(errno)))")
        }
        guard let walker = FileManager.default.enumerator(atPath: root.path) else { return }
        while let relative = walker.nextObject() as? String {
            let path = root.path + "/" + relative
            var info = stat()
            guard lstat(path, &info) == 0 else { continue }
            let kind = info.st_mode & S_IFMT
            let wanted: mode_t? = kind == S_IFDIR ? folder : kind == S_IFREG ? file : nil
            if let wanted, info.st_mode & 0o7777 != wanted, chmod(path, wanted) != 0 {
                throw PublishError(.io, "cannot set the mode of \(path): \(String(cString: strerror(errno)))")
            }
        }
    }
}
