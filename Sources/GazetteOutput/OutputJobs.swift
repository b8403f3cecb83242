import Foundation
import GazetteModel

/// Where a build's files go as they are made: written to disk at once (`build`, through `SiteWriter`), or
/// kept in memory (`serve` and `publish`, through `MemorySink`).
public protocol FileSink: Sendable {
    func put(_ file: OutputFile)
    /// A file made in pieces (a large JSON document): `make` hands each piece to `emit`. Returns its size.
    func put(path: String, pieces make: (_ emit: (String) -> Void) -> Void) -> Int
    /// Reads back part of a file already put (`offset`, `count` bytes), for making a file from another
    /// without holding both whole (the gzip copy of a large document); nil when the sink cannot.
    func read(path: String, offset: Int, count: Int) -> Data?
}

extension FileSink {
    /// Gathers the pieces and puts the whole file.
    public func put(path: String, pieces make: (_ emit: (String) -> Void) -> Void) -> Int {
        var bytes = Data()
        make { bytes.append(contentsOf: $0.utf8) }
        put(OutputFile(path: path, bytes: bytes))
        return bytes.count
    }
}

extension SiteWriter: FileSink {
    public func read(path: String, offset: Int, count: Int) -> Data? {
        guard let handle = FileHandle(forReadingAtPath: staging.appendingPathComponent(path).path) else { return nil }
        defer { try? handle.close() }
        do {
            try handle.seek(toOffset: UInt64(offset))
            return try handle.read(upToCount: count) ?? Data()
        } catch {
            return nil
        }
    }
    public func put(_ file: OutputFile) { write(file) }
    public func put(path: String, pieces make: (_ emit: (String) -> Void) -> Void) -> Int { write(path: path, pieces: make) }
}

/// Keeps the files in memory, by path.
/// `@unchecked Sendable`: `stored` is read and written only with `lock` held.
package final class MemorySink: FileSink, @unchecked Sendable {
    private let lock = NSLock()
    private var stored: [String: OutputFile] = [:]
    package init() {}
    package func put(_ file: OutputFile) {
        lock.lock()
        stored[file.path] = file
        lock.unlock()
    }
    package var files: [String: OutputFile] {
        lock.lock()
        defer { lock.unlock() }
        return stored
    }
    package func read(path: String, offset: Int, count: Int) -> Data? {
        lock.lock()
        defer { lock.unlock() }
        guard let bytes = stored[path]?.bytes, offset <= bytes.count else { return nil }
        return bytes.subdata(in: offset..<min(offset + count, bytes.count))
    }
}

/// One unit of a build's work: a page, or some of the files made for programs (open data, feeds…). Jobs run
/// on all cores; each puts its files into the sink as soon as they are made, so no job waits for another
/// and a large site is never whole in memory.
package struct OutputJob: Sendable {
    /// The page's path, for a page; nil for other files, made every time.
    package var page: String?
    /// What the page shows, as `PageDependencies` keys: an incremental build makes it again when one changed.
    package var dependencies: Set<String> = [OutputJob.everything]
    /// A name that stays the same between builds while the job makes the same files (a page's path; a group
    /// of feeds named by what it holds), so that an incremental build can keep the files it made last time
    /// when none of its dependencies changed. Without one the job runs every time.
    package var identity: String?
    package var id: String? { page ?? identity }
    /// Whether an incremental build may keep this job's files from last time, given the keys that changed.
    package func mayKeep(dirty: Set<String>?) -> Bool {
        guard let dirty, id != nil, !dependencies.contains(OutputJob.everything) else { return false }
        return dependencies.isDisjoint(with: dirty)
    }
    /// What the job makes, for `GAZETTE_TIMING`: `page:project`, `open-data:site`, `feeds`…
    package var kind: String
    /// Runs once every other job is done (the downloads page lists the data files' sizes).
    package var afterOthers = false
    package var run: @Sendable (FileSink) -> Void
    /// The key of a job that depends on everything: made every time (`PageDependencies.everything`).
    package static let everything = "*"

    package init(page: String?, kind: String, afterOthers: Bool = false, run: @escaping @Sendable (FileSink) -> Void) {
        self.page = page
        self.kind = kind
        self.afterOthers = afterOthers
        self.run = run
    }

    package static func runAll(_ jobs: [OutputJob], into sink: FileSink, origins: FileOrigins? = nil) {
        let timing = BuildTiming.shared
        for phase in [jobs.filter { !$0.afterOthers }, jobs.filter(\.afterOthers)] {
            let work: [@Sendable () -> Void] = phase.map { job in
                let target: FileSink = origins.flatMap { origins in job.id.map { OriginSink(base: sink, job: $0, origins: origins) } } ?? sink
                return { timing.measure(job.kind) { job.run(target) } }
            }
            _ = ParallelMap.run(work)
        }
    }
}

/// Which job made each file (by the job's `id`), so that the next incremental build knows what to keep.
package final class FileOrigins: @unchecked Sendable {
    private let lock = NSLock()
    private var jobs: [String: String] = [:]
    package init(_ jobs: [String: String] = [:]) { self.jobs = jobs }
    package func note(_ path: String, job: String) {
        lock.lock()
        jobs[path] = job
        lock.unlock()
    }
    /// File path → the id of the job that made it.
    package var byPath: [String: String] {
        lock.lock()
        defer { lock.unlock() }
        return jobs
    }
}

/// Passes a job's files on, noting that the job made them.
package struct OriginSink: FileSink {
    let base: FileSink
    let job: String
    let origins: FileOrigins
    package init(base: FileSink, job: String, origins: FileOrigins) {
        self.base = base
        self.job = job
        self.origins = origins
    }
    package func put(_ file: OutputFile) {
        origins.note(file.path, job: job)
        base.put(file)
    }
    package func put(path: String, pieces make: (_ emit: (String) -> Void) -> Void) -> Int {
        origins.note(path, job: job)
        return base.put(path: path, pieces: make)
    }
    package func read(path: String, offset: Int, count: Int) -> Data? {
        base.read(path: path, offset: offset, count: count)
    }
}
