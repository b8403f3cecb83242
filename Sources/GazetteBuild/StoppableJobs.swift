import Dispatch
import Foundation
import GazetteModel
import GazetteOutput
import Synchronization

/// Runs jobs on all cores as `OutputJob.runAll` does, but gives up as soon as `stop()` says so (`serve`'s
/// machine-readable files when a change is saved): the caller does not wait for the jobs in flight, which finish
/// on their own threads into a sink nobody reads any more. Before, the next rebuild waited for them — at
/// province scale for the whole search index or `site.json` (seconds), most of the time between a save and
/// the reload beyond the rebuild itself.
enum StoppableJobs {
    /// Whether every job ran; false when `stop()` said so first (checked before each job and every 5 ms).
    static func run(_ jobs: [OutputJob], into sink: FileSink, origins: FileOrigins, stop: @escaping @Sendable () -> Bool) -> Bool {
        let timing = BuildTiming.shared
        for phase in [jobs.filter { !$0.afterOthers }, jobs.filter(\.afterOthers)] {
            if stop() { return false }
            let work: [@Sendable () -> Void] = phase.map { job in
                let target: FileSink = job.id.map { OriginSink(base: sink, job: $0, origins: origins) } ?? sink
                return { timing.measure(job.kind) { job.run(target) } }
            }
            if ParallelMap.singleThreaded {
                for item in work {
                    if stop() { return false }
                    item()
                }
                continue
            }
            let next = Counter()
            let finished = DispatchSemaphore(value: 0)
            let workers = max(1, min(ProcessInfo.processInfo.activeProcessorCount, work.count))
            // Threads of their own, not Dispatch's shared pool: on Linux Swift's tasks run on that pool, and
            // jobs holding its few threads would hold back the live-reload events' writers too.
            for _ in 0..<workers {
                let thread = Thread {
                    while !stop() {
                        let index = next.value.add(1, ordering: .relaxed).oldValue
                        guard index < work.count else { break }
                        work[index]()
                    }
                    finished.signal()
                }
                thread.name = "gazette-machine-files"
                thread.start()
            }
            var ended = 0
            while ended < workers {
                if finished.wait(timeout: .now() + .milliseconds(5)) == .success {
                    ended += 1
                } else if stop() {
                    return false
                }
            }
            if stop() { return false }
        }
        return true
    }
}

/// The next job to take, shared by the workers of one phase.
private final class Counter: Sendable {
    let value = Atomic<Int>(0)
}
