import Foundation

/// Runs jobs on all cores and returns their results in the jobs' order. With `GAZETTE_THREADS=1` in the
/// environment every job runs on one thread, one after the other (a test compares that output with the
/// parallel one: they must be the same bytes).
public enum ParallelMap {
    public static let singleThreaded = ProcessInfo.processInfo.environment["GAZETTE_THREADS"] == "1"

    public static func run<T: Sendable>(_ jobs: [@Sendable () -> T]) -> [T] {
        if singleThreaded { return jobs.map { $0() } }
        let results = ResultSlots<T>(count: jobs.count)
        DispatchQueue.concurrentPerform(iterations: jobs.count) { index in
            results.set(index, jobs[index]())
        }
        return results.values
    }

    /// One slot per job, each written once by its own job, read after all are done.
    private final class ResultSlots<T>: @unchecked Sendable {
        private var slots: [T?]
        private let lock = NSLock()
        init(count: Int) { slots = Array(repeating: nil, count: count) }
        func set(_ index: Int, _ value: T) {
            lock.lock()
            slots[index] = value
            lock.unlock()
        }
        var values: [T] { slots.map { $0! } }
    }
}
