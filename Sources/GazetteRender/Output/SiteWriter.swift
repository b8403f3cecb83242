import CAtomicSwap
import Foundation
import GazetteModel

/// Writes the site atomically: every file into a staging folder beside the output, then one swap. A build
/// that fails or is killed leaves the previous output exactly as it was.
public enum SiteWriter {
    public struct WriteError: Error, CustomStringConvertible {
        public var description: String
    }

    public static func write(_ files: [OutputFile], to output: URL) throws {
        let fileManager = FileManager.default
        let output = output.standardizedFileURL
        let parent = output.deletingLastPathComponent()
        try fileManager.createDirectory(at: parent, withIntermediateDirectories: true)
        let name = output.lastPathComponent
        removeLeftovers(of: name, in: parent)
        let staging = parent.appendingPathComponent(".\(name).staging-\(getpid())")
        try? fileManager.removeItem(at: staging)
        try fileManager.createDirectory(at: staging, withIntermediateDirectories: true)
        do {
            var made: Set<String> = []
            for file in files {
                guard file.isSafePath else { throw WriteError(description: "refusing to write outside the output: `\(file.path)`") }
                let url = staging.appendingPathComponent(file.path)
                let folder = url.deletingLastPathComponent().path
                if made.insert(folder).inserted {
                    try fileManager.createDirectory(atPath: folder, withIntermediateDirectories: true)
                }
                try file.bytes.write(to: url)
            }
            try swap(staging, into: output)
        } catch {
            try? fileManager.removeItem(at: staging)
            throw error
        }
    }

    /// Puts `staging` where `output` is, in one step when the system allows it.
    private static func swap(_ staging: URL, into output: URL) throws {
        let fileManager = FileManager.default
        var isDirectory: ObjCBool = false
        guard fileManager.fileExists(atPath: output.path, isDirectory: &isDirectory) else {
            // Nothing to replace: one rename.
            guard rename(staging.path, output.path) == 0 else { throw WriteError(description: "cannot create \(output.path): \(String(cString: strerror(errno)))") }
            return
        }
        guard isDirectory.boolValue else { throw WriteError(description: "\(output.path) exists and is not a folder") }
        if gazette_exchange_paths(staging.path, output.path) == 0 {
            // `staging` now holds the previous site.
            try fileManager.removeItem(at: staging)
            return
        }
        // No atomic exchange here (another system, or a file system without it): two renames, the old site
        // kept aside until the new one is in place.
        let old = output.deletingLastPathComponent().appendingPathComponent(".\(output.lastPathComponent).old-\(getpid())")
        guard rename(output.path, old.path) == 0 else { throw WriteError(description: "cannot move \(output.path) aside: \(String(cString: strerror(errno)))") }
        guard rename(staging.path, output.path) == 0 else {
            _ = rename(old.path, output.path)
            throw WriteError(description: "cannot put the new site in place: \(String(cString: strerror(errno)))")
        }
        try? fileManager.removeItem(at: old)
    }

    /// Staging folders left by builds that were killed.
    private static func removeLeftovers(of name: String, in parent: URL) {
        let entries = (try? FileManager.default.contentsOfDirectory(atPath: parent.path)) ?? []
        for entry in entries where entry.hasPrefix(".\(name).staging-") || entry.hasPrefix(".\(name).old-") {
            let pid = Int32(entry.split(separator: "-").last ?? "") ?? 0
            // Leave the staging folder of a build still running (another process).
            if pid > 0 && pid != getpid() && kill(pid, 0) == 0 { continue }
            try? FileManager.default.removeItem(at: parent.appendingPathComponent(entry))
        }
    }
}
