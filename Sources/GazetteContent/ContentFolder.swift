import Foundation
import GazetteModel

/// The editors' folder as the commands that change it see it (`new`, `import`, `convert`): every read and write
/// of a file of `content/` outside the loader goes through here, so that all access to `content/` stays in
/// this module (`ContentAccessTests` holds the other modules to it).
public struct ContentFolder: Sendable {
    public let root: URL

    public init(_ root: URL) { self.root = root }

    public func url(_ path: String) -> URL { root.appendingPathComponent(path) }

    /// The bytes of the file at `path` (relative to the folder), or nil when it does not exist or cannot be read.
    public func data(_ path: String) -> Data? { try? Data(contentsOf: url(path)) }

    /// A file the editor names on the command line: the path as given when it exists, else the same path in
    /// this folder when that exists, else as given (`gazette convert 项目.yaml` run beside or inside `content/`).
    public func locate(_ file: String) -> String {
        let manager = FileManager.default
        if !manager.fileExists(atPath: file), manager.fileExists(atPath: url(file).path) { return url(file).relativePath }
        return file
    }

    /// The bytes of a file named by its own path (one `locate` found), or nil.
    public static func data(atPath path: String) -> Data? { FileManager.default.contents(atPath: path) }

    public func exists(_ path: String) -> Bool { FileManager.default.fileExists(atPath: url(path).path) }

    /// The names, without the extension, of the visible files in `folder` ending in `.ext`.
    public func names(in folder: String, extension ext: String) -> [String] {
        ((try? FileManager.default.contentsOfDirectory(atPath: url(folder).path)) ?? [])
            .filter { $0.hasSuffix("." + ext) && !$0.hasPrefix(".") }
            .map { String($0.dropLast(ext.count + 1)) }
    }

    /// A new file; throws `CocoaError.fileWriteFileExists` when one is there already, even if it appeared a
    /// moment ago (never overwrites).
    public func create(_ path: String, _ data: Data) throws {
        try FileManager.default.createDirectory(at: url(path).deletingLastPathComponent(), withIntermediateDirectories: true)
        try data.write(to: url(path), options: .withoutOverwriting)
    }

    /// Writes `data` to a temporary file beside the file, then renames it over the file: a reader (the editor's
    /// program, `serve`'s watcher) sees the old file or the new one, never half of one.
    public func replace(_ path: String, with data: Data) throws {
        try Self.replace(url(path), with: data)
    }

    /// `replace` for a file named by the editor (`gazette convert` takes a path that may lie outside `content/`).
    public static func replace(_ url: URL, with data: Data) throws {
        let manager = FileManager.default
        try manager.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        let temporary = url.deletingLastPathComponent()
            .appendingPathComponent(".\(url.lastPathComponent).gazette-\(ProcessInfo.processInfo.processIdentifier)")
        try data.write(to: temporary)
        if rename(temporary.path, url.path) != 0 {
            try? manager.removeItem(at: temporary)
            throw CocoaError(.fileWriteUnknown)
        }
    }

    /// A copy of the file beside it, `.NAME.bak` (or `.NAME.2.bak` … when that exists: a backup is never
    /// overwritten); returns where it went.
    public static func backUp(_ url: URL) throws -> URL {
        let folder = url.deletingLastPathComponent()
        var backup = folder.appendingPathComponent(".\(url.lastPathComponent).bak")
        var number = 2
        while FileManager.default.fileExists(atPath: backup.path) {
            backup = folder.appendingPathComponent(".\(url.lastPathComponent).\(number).bak")
            number += 1
        }
        try FileManager.default.copyItem(at: url, to: backup)
        return backup
    }

    /// A copy of the whole folder in a temporary place, with `changes` (path, new text) written into it: what
    /// the content would be, to check before anything is written. The caller removes it (`removeCopy`).
    public func copy(applying changes: [(path: String, text: String)]) throws -> ContentFolder {
        let manager = FileManager.default
        let copy = manager.temporaryDirectory.appendingPathComponent(
            "gazette-copy-\(ProcessInfo.processInfo.processIdentifier)-\(UInt64.random(in: 0...UInt64.max))")
        do {
            try manager.copyItem(at: root, to: copy)
            for change in changes {
                let url = copy.appendingPathComponent(change.path)
                try manager.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
                try Data(change.text.utf8).write(to: url)
            }
        } catch {
            try? manager.removeItem(at: copy)
            throw error
        }
        return ContentFolder(copy)
    }

    public func removeCopy() { try? FileManager.default.removeItem(at: root) }

}
