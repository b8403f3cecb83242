import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Watches folders for new, changed, renamed and deleted files, and calls back once per burst of changes.
/// Uses inotify on Linux; elsewhere, or if inotify cannot be had, it polls the files' sizes and times.
public final class FileWatcher: @unchecked Sendable {
    public let folders: [URL]
    /// Quiet time that ends a burst, and the longest a burst may delay a rebuild.
    public let quiet: TimeInterval
    public let longest: TimeInterval
    private let onChange: @Sendable () -> Void
    private var thread: Thread?
    public private(set) var usesPolling = false

    public init(folders: [URL], quiet: TimeInterval = 0.03, longest: TimeInterval = 0.3, onChange: @escaping @Sendable () -> Void) {
        self.folders = folders
        self.quiet = quiet
        self.longest = longest
        self.onChange = onChange
    }

    public func start() {
        #if os(Linux)
        let descriptor = inotify_init1(Int32(IN_NONBLOCK | IN_CLOEXEC))
        if descriptor >= 0 {
            let thread = Thread { [self] in self.runInotify(descriptor) }
            thread.name = "gazette-watch"
            thread.start()
            self.thread = thread
            return
        }
        #endif
        usesPolling = true
        let thread = Thread { [self] in self.runPolling() }
        thread.name = "gazette-poll"
        thread.start()
        self.thread = thread
    }

    #if os(Linux)
    private static let mask = UInt32(IN_CREATE | IN_MODIFY | IN_CLOSE_WRITE | IN_DELETE | IN_MOVED_FROM | IN_MOVED_TO
                                     | IN_DELETE_SELF | IN_MOVE_SELF | IN_ATTRIB)

    private func runInotify(_ descriptor: Int32) {
        var watched: [Int32: String] = [:]
        func watch(_ folder: String) {
            let wd = inotify_add_watch(descriptor, folder, Self.mask)
            if wd >= 0 { watched[wd] = folder }
            let children = (try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? []
            for child in children {
                var isDirectory: ObjCBool = false
                let path = folder + "/" + child
                if FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory), isDirectory.boolValue { watch(path) }
            }
        }
        for folder in folders { watch(folder.path) }
        var buffer = [UInt8](repeating: 0, count: 64 * 1024)
        var burstStart: Date?
        var lastEvent = Date.distantPast
        while true {
            var poller = pollfd(fd: descriptor, events: Int16(POLLIN), revents: 0)
            let timeout: Int32 = burstStart == nil ? 1000 : Int32(quiet * 1000)
            let ready = poll(&poller, 1, timeout)
            if ready > 0 {
                let count = buffer.withUnsafeMutableBytes { read(descriptor, $0.baseAddress, $0.count) }
                var offset = 0
                while count > 0 && offset + MemoryLayout<inotify_event>.size <= count {
                    let (wd, mask, length) = buffer.withUnsafeBytes { raw -> (Int32, UInt32, Int) in
                        let event = raw.load(fromByteOffset: offset, as: inotify_event.self)
                        return (event.wd, event.mask, Int(event.len))
                    }
                    let nameStart = offset + MemoryLayout<inotify_event>.size
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

    private func runPolling() {
        var last = fingerprint()
        while true {
            Thread.sleep(forTimeInterval: 0.25)
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
