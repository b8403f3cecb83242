import Foundation

/// Where a build's time goes, for profiling at scale: with `GAZETTE_TIMING=1` in the environment, each stage's
/// wall time and each kind of job's processor time are printed to standard error when the build ends.
/// Nothing is measured otherwise.
/// `@unchecked Sendable`: `cpu` and `stages` are read and written only with `lock` held; `enabled` never changes.
public final class BuildTiming: @unchecked Sendable {
    public static let shared = BuildTiming(enabled: ProcessInfo.processInfo.environment["GAZETTE_TIMING"] != nil)

    let enabled: Bool
    private let lock = NSLock()
    private var cpu: [String: (seconds: Double, count: Int)] = [:]
    /// Each stage's wall time, the processor time of the whole process during it (all threads, user and
    /// system: on a busy machine the wall time says little, the processor time what the stage costs), and the
    /// resident memory when it ended.
    private var stages: [(String, Double, Double, Memory?)] = []

    init(enabled: Bool) { self.enabled = enabled }

    /// Runs `work`, adding the thread's processor time to `kind`.
    package func measure(_ kind: String, _ work: () -> Void) {
        guard enabled else { return work() }
        let start = Self.threadCPU()
        work()
        let spent = Self.threadCPU() - start
        lock.lock()
        cpu[kind, default: (0, 0)].seconds += spent
        cpu[kind, default: (0, 0)].count += 1
        lock.unlock()
    }

    /// Runs one stage of the build, noting its wall time.
    public func stage<T, E: Error>(_ name: String, _ work: () throws(E) -> T) throws(E) -> T {
        guard enabled else { return try work() }
        let start = DispatchTime.now().uptimeNanoseconds, startCPU = Self.processCPU()
        let result = try work()
        let seconds = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
        let cpu = Self.processCPU() - startCPU
        let memory = Memory.now()
        lock.lock()
        stages.append((name, seconds, cpu, memory))
        lock.unlock()
        return result
    }

    /// The figures, to standard error.
    public func report() {
        guard enabled else { return }
        lock.lock()
        defer { lock.unlock() }
        var text = "timing: stages (wall; processor time of all threads, user + system; resident memory when the stage ended, and the peak so far)\n"
        for (name, seconds, cpu, memory) in stages {
            text += String(format: "  %-28@ %8.3f s  %8.3f s cpu", name as NSString, seconds, cpu)
            if let memory { text += String(format: "  %6d MB, peak %6d MB", memory.resident / 1_000_000, memory.peak / 1_000_000) }
            text += "\n"
        }
        text += "timing: jobs (processor time, all threads)\n"
        for (kind, figure) in cpu.sorted(by: { $0.value.seconds > $1.value.seconds }) {
            text += String(format: "  %-28@ %8.3f s  %7d jobs\n", kind as NSString, figure.seconds, figure.count)
        }
        FileHandle.standardError.write(Data(text.utf8))
    }

    /// The figures so far, to standard error, then forgotten: `serve` reports each rebuild on its own.
    public func reportAndReset() {
        guard enabled else { return }
        report()
        lock.lock()
        cpu = [:]
        stages = []
        lock.unlock()
    }

    /// The process's resident memory and its peak, in bytes (Linux: `/proc/self/status`); nil elsewhere.
    struct Memory {
        var resident: Int
        var peak: Int

        static func now() -> Memory? {
            guard let status = try? String(contentsOfFile: "/proc/self/status", encoding: .utf8) else { return nil }
            func kilobytes(_ field: String) -> Int? {
                guard let line = status.split(separator: "\n").first(where: { $0.hasPrefix(field + ":") }) else { return nil }
                return line.split(whereSeparator: { $0 == " " || $0 == "\t" }).dropFirst().first.flatMap { Int($0) }
            }
            guard let resident = kilobytes("VmRSS"), let peak = kilobytes("VmHWM") else { return nil }
            return Memory(resident: resident * 1024, peak: peak * 1024)
        }
    }

    private static func processCPU() -> Double {
        var usage = rusage()
        getrusage(Int32(RUSAGE_SELF.rawValue), &usage)
        return Double(usage.ru_utime.tv_sec + usage.ru_stime.tv_sec) + Double(usage.ru_utime.tv_usec + usage.ru_stime.tv_usec) / 1e6
    }

    private static func threadCPU() -> Double {
        var time = timespec()
        clock_gettime(CLOCK_THREAD_CPUTIME_ID, &time)
        return Double(time.tv_sec) + Double(time.tv_nsec) / 1e9
    }
}
