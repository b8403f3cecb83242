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
        return results.takeValues()
    }

    /// `0..<count` cut into consecutive ranges, enough of them to keep every core busy (and none for
    /// nothing): for jobs over parts of a collection, whose results are then joined in order.
    public static func ranges(_ count: Int, minimumSize: Int = 512) -> [Range<Int>] {
        guard count > 0 else { return [] }
        let parts = max(1, min(ProcessInfo.processInfo.activeProcessorCount * 4, count / minimumSize))
        let size = (count + parts - 1) / parts
        return stride(from: 0, to: count, by: size).map { $0..<min($0 + size, count) }
    }

    /// One slot per job, each written once by its own job (distinct memory, so no lock), then moved out
    /// once all are done.
    /// `@unchecked Sendable`: each job writes only its own slot, and the values are moved out once, after every job ended.
    private final class ResultSlots<T>: @unchecked Sendable {
        private let base: UnsafeMutablePointer<T>
        private let count: Int
        init(count: Int) {
            self.count = count
            base = .allocate(capacity: max(count, 1))
        }
        deinit { base.deallocate() }
        func set(_ index: Int, _ value: T) { (base + index).initialize(to: value) }
        /// Every slot's value, moved out: call once, after every slot is set.
        func takeValues() -> [T] {
            Array(unsafeUninitializedCapacity: count) { buffer, initialized in
                if count > 0 { buffer.baseAddress!.moveInitialize(from: base, count: count) }
                initialized = count
            }
        }
    }
}
