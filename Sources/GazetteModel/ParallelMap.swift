import Foundation

/// Runs jobs on all cores and returns their results in the jobs' order.
public enum ParallelMap {
    public static func run<T: Sendable>(_ jobs: [@Sendable () -> T]) -> [T] {
        let results = ResultSlots<T>(count: jobs.count)
        DispatchQueue.concurrentPerform(iterations: jobs.count) { index in
            results.set(index, jobs[index]())
        }
        return results.values
    }

    /// `0..<count` cut into consecutive ranges, enough of them to keep every core busy (and none for
    /// nothing): for jobs over parts of a collection, whose results are then joined in order.
    public static func ranges(_ count: Int, minimumSize: Int = 512) -> [Range<Int>] {
        guard count > 0 else { return [] }
        let parts = max(1, min(ProcessInfo.processInfo.activeProcessorCount * 4, count / minimumSize))
        let size = (count + parts - 1) / parts
        return stride(from: 0, to: count, by: size).map { $0..<min($0 + size, count) }
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
