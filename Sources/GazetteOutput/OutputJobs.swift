import Foundation
import GazetteModel

/// Where a build's files go as they are made: written to disk at once (`build`, through `SiteWriter`), or
/// kept in memory (`serve` and `publish`, through `MemorySink`).
public protocol FileSink: Sendable {
    func put(_ file: OutputFile)
    /// A file made in pieces (a large JSON document): `make` hands each piece to `emit`. Returns its size.
    func put(path: String, pieces make: (_ emit: (String) -> Void) -> Void) -> Int
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
}

/// One unit of a build's work: a page, or some of the files made for programs (open data, feeds…). Jobs run
/// on all cores; each puts its files into the sink as soon as they are made, so no job waits for another
/// and a large site is never whole in memory.
package struct OutputJob: Sendable {
    /// The page's path, for a page; nil for other files, made every time.
    package var page: String?
    /// What the page shows, as `PageDependencies` keys: an incremental build makes it again when one changed.
    package var dependencies: Set<String> = [OutputJob.everything]
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

    package static func runAll(_ jobs: [OutputJob], into sink: FileSink) {
        let timing = BuildTiming.shared
        for phase in [jobs.filter { !$0.afterOthers }, jobs.filter(\.afterOthers)] {
            let work: [@Sendable () -> Void] = phase.map { job in
                { timing.measure(job.kind) { job.run(sink) } }
            }
            _ = ParallelMap.run(work)
        }
    }
}
