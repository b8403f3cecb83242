import Foundation
import GazetteContent
import GazetteModel

/// Every file a build reads, as the file system describes it before anything is read: each entry under the
/// content and templates folders with its size, modification and change times, inode, and the hash of the
/// bytes the build used. A build whose raw inputs are the last build's (`unchanged(since:)`), with the site on
/// disk still whole, is the last build: `IncrementalBuild.write` then loads, checks and renders nothing.
///
/// A file is taken as unchanged when its size, times and inode are the ones noted; a file whose times differ,
/// or was modified within `racyWindow` of the last scan (a change in the same clock tick would not show in
/// its times), is read and its bytes' hash compared. A symbolic link anywhere makes every build a real one.
struct RawInputs: Equatable {
    struct Entry: Equatable {
        /// `f` a regular file, `d` a folder, `l` a symbolic link, `o` anything else.
        var kind: Character
        var size: Int64 = 0
        var modified = ""
        var changed = ""
        var inode: UInt64 = 0
        /// `StableHash` of the bytes the build used; nil when not known (then a changed stat is a change).
        var hash: UInt64?
        /// The modification time in nanoseconds, to tell a file modified just before the scan.
        var modifiedNanoseconds: Int64 = 0
    }

    /// By path: `content/…` and `templates/…`.
    var entries: [String: Entry] = [:]
    /// When the scan began, in nanoseconds since 1970.
    var taken: Int64 = 0
    /// The program, the options and the folders: anything else that shapes the output.
    var identity = ""

    /// Files modified this close to a scan are compared by their bytes next time, whatever their stat says.
    static let racyWindow: Int64 = 2_000_000_000

    /// Scans the content and templates folders (no file is read).
    static func scan(options: Build.Options, program: String) -> RawInputs {
        var now = timespec()
        clock_gettime(CLOCK_REALTIME, &now)
        var raw = RawInputs()
        raw.taken = Int64(now.tv_sec) * 1_000_000_000 + Int64(now.tv_nsec)
        raw.identity = [program, "content \(options.content.standardizedFileURL.path)", "templates \(options.templates.standardizedFileURL.path)",
                        "base-url \(options.baseURL ?? "")", "drafts \(options.drafts)"].joined(separator: "\u{1}")
        for (prefix, folder) in [("content", options.content), ("templates", options.templates)] {
            for (path, found) in InputScan.walk(folder.standardizedFileURL.path, as: prefix) {
                raw.entries[path] = Entry(kind: found.kind, size: found.size, modified: found.modified, changed: found.changed,
                                          inode: found.inode, modifiedNanoseconds: found.modifiedNanoseconds)
            }
        }
        return raw
    }

    /// Notes the hash of each file's bytes: those the content loader read (`contentHashes`, by path in the
    /// content folder) as it read them; any other file is read now, and its hash kept only when its stat is
    /// still the scan's and it was not modified close to the scan (else the build may have read other bytes).
    mutating func noteHashes(contentHashes: [String: UInt64], options: Build.Options) {
        let roots = ["content": options.content.standardizedFileURL.path, "templates": options.templates.standardizedFileURL.path]
        for (path, entry) in entries where entry.kind == "f" {
            if path.hasPrefix("content/"), let hash = contentHashes[String(path.dropFirst("content/".count))] {
                entries[path]?.hash = hash
                continue
            }
            guard entry.modifiedNanoseconds < taken - Self.racyWindow else { continue }
            let slash = path.firstIndex(of: "/")!
            let full = roots[String(path[..<slash])]! + path[slash...]
            guard let hash = InputScan.hash(full), let now = InputScan.stat(full), now.kind == "f", now.size == entry.size,
                  now.inode == entry.inode, now.modified == entry.modified, now.changed == entry.changed else { continue }
            entries[path]?.hash = hash
        }
    }

    /// Whether `self` (a new scan) finds the inputs `old` described: the same identity and entries, each file
    /// with the same stat, or else with the same bytes.
    func unchanged(since old: RawInputs, options: Build.Options) -> Bool {
        guard identity == old.identity, entries.count == old.entries.count else { return false }
        let roots = ["content": options.content.standardizedFileURL.path, "templates": options.templates.standardizedFileURL.path]
        for (path, entry) in entries {
            guard let before = old.entries[path], before.kind == entry.kind, entry.kind != "l" && entry.kind != "o" else { return false }
            guard entry.kind == "f" else { continue }
            guard entry.size == before.size else { return false }
            let racy = before.modifiedNanoseconds >= old.taken - Self.racyWindow
            if !racy && entry.modified == before.modified && entry.changed == before.changed && entry.inode == before.inode { continue }
            guard let hash = before.hash else { return false }
            let slash = path.firstIndex(of: "/")!
            guard InputScan.hash(roots[String(path[..<slash])]! + path[slash...]) == hash else { return false }
        }
        return true
    }

    // MARK: As text, in the build's state

    func encoded() -> String {
        var out = "raw\t\(taken)\t\(entries.count)\t\(SiteKeys.escape(identity))\n"
        for (path, entry) in entries.sorted(by: { $0.key < $1.key }) {
            out += "\(entry.kind)\t\(entry.size)\t\(entry.modified)\t\(entry.changed)\t\(entry.inode)\t"
            out += "\(entry.hash.map(String.init) ?? "")\t\(entry.modifiedNanoseconds)\t\(SiteKeys.escape(path))\n"
        }
        return out
    }

    /// Reads what `encoded()` wrote from the front of `lines`, or nil.
    init?(lines: inout ArraySlice<Substring>) {
        guard let head = lines.popFirst().map(StateText.fields), head.count == 4, head[0] == "raw",
              let taken = Int64(head[1]), let count = Int(head[2]) else { return nil }
        self.taken = taken
        identity = SiteKeys.unescape(head[3])
        entries.reserveCapacity(count)
        for _ in 0..<count {
            guard let fields = lines.popFirst().map(StateText.fields), fields.count == 8,
                  let kind = fields[0].first, let size = Int64(fields[1]), let inode = UInt64(fields[4]),
                  let nanoseconds = Int64(fields[6]) else { return nil }
            let hash = fields[5].isEmpty ? nil : UInt64(fields[5])
            if !fields[5].isEmpty && hash == nil { return nil }
            entries[SiteKeys.unescape(fields[7])] = Entry(kind: kind, size: size, modified: String(fields[2]), changed: String(fields[3]),
                                                          inode: inode, hash: hash, modifiedNanoseconds: nanoseconds)
        }
    }

    init() {}
}
