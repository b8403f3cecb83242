import Foundation
import Logging
import ServiceLifecycle
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Watches folders for new, changed, renamed and deleted files, and calls `onChange` once per burst of
/// changes. A service: it watches while `run()` runs, and stops when the server stops (graceful shutdown or
/// cancellation) — its thread ends and then `run()` returns. Uses inotify on Linux; elsewhere, or if inotify
/// cannot be had, it compares the files' sizes and times every quarter of a second.
///
/// Waiting for the kernel blocks in `poll(2)`, which must not happen on Swift's few cooperative threads, so
/// the waiting is done on a thread of its own, which a byte on a pipe wakes to stop.
public struct FileWatcher: Service {
    public let folders: [URL]
    /// Quiet time that ends a burst, and the longest a burst may delay a rebuild.
    public let quiet: TimeInterval
    public let longest: TimeInterval
    /// How often the files are compared when polling, and whether to poll even where inotify exists.
    public let pollInterval: TimeInterval
    public let polling: Bool
    private let logger: Logger
    /// Called once, when every folder is watched: a change from then on is seen.
    private let onReady: @Sendable () -> Void
    private let onChange: @Sendable () -> Void

    public init(folders: [URL], quiet: TimeInterval = 0.03, longest: TimeInterval = 0.3, pollInterval: TimeInterval = 0.25,
                polling: Bool = false, logger: Logger = PreviewServer.silentLogger,
                onReady: @escaping @Sendable () -> Void = {}, onChange: @escaping @Sendable () -> Void) {
        self.folders = folders
        self.quiet = quiet
        self.longest = longest
        self.pollInterval = pollInterval
        self.polling = polling
        self.logger = logger
        self.onReady = onReady
        self.onChange = onChange
    }

    /// Watches until a graceful shutdown or the task's cancellation; returns once the watching thread ended.
    public func run() async throws {
        let stop = try StopPipe()
        defer { stop.closeBoth() }
        await withGracefulShutdownHandler {
            await withTaskCancellationHandler {
                await withCheckedContinuation { (ended: CheckedContinuation<Void, Never>) in
                    let thread = Thread { [self] in
                        watch(until: stop)
                        ended.resume()
                    }
                    thread.name = "gazette-watch"
                    thread.start()
                }
            } onCancel: {
                stop.signal()
            }
        } onGracefulShutdown: {
            stop.signal()
        }
        logger.debug("file watcher stopped")
    }

    /// The watching thread's work: returns when `stop` is signalled.
    private func watch(until stop: StopPipe) {
        #if os(Linux)
        let descriptor = polling ? -1 : inotify_init1(Int32(IN_NONBLOCK | IN_CLOEXEC))
        if descriptor >= 0 {
            defer { close(descriptor) }
            logger.info("watching for changes with inotify", metadata: ["folders": .array(folders.map { .string($0.path) })])
            watchInotify(descriptor, until: stop)
            return
        }
        if !polling { logger.warning("inotify is not available, polling the files instead", metadata: ["errno": "\(errno)"]) }
        #endif
        logger.info("watching for changes by polling", metadata: ["folders": .array(folders.map { .string($0.path) })])
        watchPolling(until: stop)
    }

    #if os(Linux)
    private static let mask = UInt32(IN_CREATE | IN_MODIFY | IN_CLOSE_WRITE | IN_DELETE | IN_MOVED_FROM | IN_MOVED_TO
                                     | IN_DELETE_SELF | IN_MOVE_SELF | IN_ATTRIB)

    private func watchInotify(_ descriptor: Int32, until stop: StopPipe) {
        var watched: [Int32: String] = [:]
        func watch(_ folder: String) {
            let wd = inotify_add_watch(descriptor, folder, Self.mask)
            if wd >= 0 {
                watched[wd] = folder
            } else {
                // Usually the system's limit of watches (fs.inotify.max_user_watches): changes there go unseen.
                logger.warning("cannot watch a folder", metadata: ["folder": .string(folder), "errno": "\(errno)"])
            }
            let children = (try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? []
            for child in children {
                var isDirectory: ObjCBool = false
                let path = folder + "/" + child
                if FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory), isDirectory.boolValue { watch(path) }
            }
        }
        for folder in folders { watch(folder.path) }
        onReady()
        var buffer = [UInt8](repeating: 0, count: 64 * 1024)
        var burstStart: Date?
        var lastEvent = Date.distantPast
        while true {
            var waiting = [pollfd(fd: descriptor, events: Int16(POLLIN), revents: 0),
                           pollfd(fd: stop.readEnd, events: Int16(POLLIN), revents: 0)]
            // Outside a burst, wait for the kernel or the stop without a limit; inside, until the burst is quiet.
            let timeout: Int32 = burstStart == nil ? -1 : Int32(quiet * 1000)
            let ready = poll(&waiting, 2, timeout)
            if ready > 0 && waiting[1].revents != 0 { return }
            if ready > 0 && waiting[0].revents != 0 {
                let count = buffer.withUnsafeMutableBytes { read(descriptor, $0.baseAddress, $0.count) }
                var offset = 0
                while count > 0 && offset + MemoryLayout<inotify_event>.size <= count {
                    let (wd, mask, length) = buffer.withUnsafeBytes { raw -> (Int32, UInt32, Int) in
                        let event = raw.load(fromByteOffset: offset, as: inotify_event.self)
                        return (event.wd, event.mask, Int(event.len))
                    }
                    let nameStart = offset + MemoryLayout<inotify_event>.size
                    if mask & UInt32(IN_Q_OVERFLOW) != 0 {
                        // The rebuild reads every file anyway; only a folder created meanwhile may go unwatched.
                        logger.warning("inotify's queue overflowed: a folder created meanwhile may not be watched")
                    }
                    if mask & UInt32(IN_ISDIR) != 0 && mask & UInt32(IN_CREATE | IN_MOVED_TO) != 0, let parent = watched[wd], length > 0 {
                        let name = buffer[nameStart..<nameStart + length].prefix { $0 != 0 }
                        watch(parent + "/" + String(decoding: name, as: UTF8.self))
                    }
                    offset = nameStart + length
                }
                lastEvent = Date()
                if burstStart == nil { burstStart = lastEvent }
            }
            if let start = burstStart, Date().timeIntervalSince(lastEvent) >= quiet || Date().timeIntervalSince(start) >= longest {
                burstStart = nil
                onChange()
            }
        }
    }
    #endif

    private func watchPolling(until stop: StopPipe) {
        var last = fingerprint()
        onReady()
        while true {
            var waiting = pollfd(fd: stop.readEnd, events: Int16(POLLIN), revents: 0)
            if poll(&waiting, 1, Int32(pollInterval * 1000)) > 0 { return }
            let now = fingerprint()
            if now != last {
                last = now
                onChange()
            }
        }
    }

    /// Every file's path, size and modification time.
    private func fingerprint() -> [String: String] {
        var result: [String: String] = [:]
        for folder in folders {
            let enumerator = FileManager.default.enumerator(at: folder, includingPropertiesForKeys: [.contentModificationDateKey, .fileSizeKey])
            while let url = enumerator?.nextObject() as? URL {
                let values = try? url.resourceValues(forKeys: [.contentModificationDateKey, .fileSizeKey])
                result[url.path] = "\(values?.fileSize ?? -1)/\(values?.contentModificationDate?.timeIntervalSince1970 ?? 0)"
            }
        }
        return result
    }
}

/// A pipe that tells the watching thread to stop: the thread waits on its read end beside the kernel's
/// notifications; one byte written to it wakes the thread, which then returns.
struct StopPipe: Sendable {
    let readEnd: Int32
    let writeEnd: Int32

    struct CannotCreate: Error, CustomStringConvertible {
        var errno: Int32
        var description: String { "cannot create the file watcher's pipe: \(String(cString: strerror(errno)))" }
    }

    init() throws {
        var ends: [Int32] = [-1, -1]
        guard pipe(&ends) == 0 else { throw CannotCreate(errno: errno) }
        for end in ends { _ = fcntl(end, F_SETFD, FD_CLOEXEC) }
        _ = fcntl(ends[1], F_SETFL, O_NONBLOCK)
        readEnd = ends[0]
        writeEnd = ends[1]
    }

    func signal() {
        var byte: UInt8 = 1
        _ = write(writeEnd, &byte, 1)
    }

    func closeBoth() {
        close(readEnd)
        close(writeEnd)
    }
}
