import Foundation
import GazetteModel

/// Lists the files of `content/` in sorted order, refusing anything that leads outside it.
struct ContentFiles {
    let root: URL
    private let realRoot: String
    private(set) var diagnostics: [Diagnostic] = []

    init(root: URL) {
        self.root = root.standardizedFileURL
        self.realRoot = self.root.resolvingSymlinksInPath().path
    }

    /// A file found: where it is, its path relative to the root, and its name without the extension.
    struct File: Sendable {
        /// Its folder, and its name in it: the URL is made only when needed.
        let directory: URL
        let directoryPath: String
        /// The folder, held open: the file is opened relative to it.
        let folder: OpenFolder
        let fileName: String
        let path: String
        let name: String

        var url: URL { directory.appendingPathComponent(fileName) }
        /// `url.path`, without making the URL.
        var fullPath: String { directoryPath + "/" + fileName }
    }

    /// A folder held open while its files are listed and read: a file's name is then looked up in it,
    /// without walking the whole path again. `descriptor` is -1 when it could not be opened.
    final class OpenFolder: Sendable {
        let descriptor: Int32
        init(path: String) { descriptor = open(path, O_RDONLY | O_DIRECTORY | O_CLOEXEC) }
        deinit { if descriptor >= 0 { close(descriptor) } }
    }

    /// The files directly in `folder` (relative to the root) with the given extension, sorted by name.
    /// A name with another extension is reported, so that a misnamed file is not silently ignored.
    mutating func files(in folder: String, extension wanted: String) -> [File] {
        let directory = root.appendingPathComponent(folder)
        guard isInside(directory, path: folder) else { return [] }
        let directoryPath = directory.path
        guard let names = try? FileManager.default.contentsOfDirectory(atPath: directoryPath) else { return [] }
        var result: [File] = []
        let openFolder = OpenFolder(path: directoryPath)
        // Hidden files (editors' swap files, .DS_Store) are skipped, unless they are named like a record.
        for name in names.sorted(by: Self.utf8Precedes)
        where !name.hasPrefix(".") || name.hasSuffix(".\(wanted)") {
            let path = "\(folder)/\(name)"
            // An entry that is no link stays inside the folder (checked above), and is a file unless it
            // is a folder: one lstat answers both. A link is followed the long way.
            let kind = Self.kindWithoutFollowingLinks(name, in: openFolder, path: directoryPath + "/" + name)
            if kind == .other {
                guard isInside(directory.appendingPathComponent(name), path: path) else { continue }
            }
            guard kind == .file || (kind == .other && isRegularFile(directory.appendingPathComponent(name))) else {
                let url = directory.appendingPathComponent(name)
                if let problem = unreadable(url, name: name, path: path) {
                    diagnostics.append(Diagnostic(.unreadableFile, at: SourceLocation(file: path),
                                                  problem, help: Message("E001.help")))
                }
                continue
            }
            guard name.hasSuffix(".\(wanted)") else {
                diagnostics.append(Diagnostic(.badID, at: SourceLocation(file: path),
                                              Message("E201.extension", ["path": .text(path), "extension": .text(wanted)]),
                                              help: Message("E201.extension.help", ["extension": .text(wanted)])))
                continue
            }
            result.append(File(directory: directory, directoryPath: directoryPath, folder: openFolder, fileName: name,
                               path: path, name: String(name.dropLast(wanted.count + 1))))
        }
        return result
    }

    /// Every file under `folder`, at any depth, sorted by path.
    mutating func allFiles(under folder: String) -> [String] {
        let directory = root.appendingPathComponent(folder)
        guard isInside(directory, path: folder),
              let enumerator = FileManager.default.enumerator(at: directory, includingPropertiesForKeys: nil) else { return [] }
        var paths: [String] = []
        for case let url as URL in enumerator {
            let relative = folder + url.standardizedFileURL.path.dropFirst(directory.standardizedFileURL.path.count)
            if url.lastPathComponent.hasPrefix(".") { continue }
            guard isInside(url, path: relative) else { continue }
            if isRegularFile(url) { paths.append(relative) }
        }
        return paths.sorted { $0.utf8.lexicographicallyPrecedes($1.utf8) }
    }

    func exists(_ path: String) -> Bool {
        FileManager.default.fileExists(atPath: root.appendingPathComponent(path).path)
    }

    /// Whether `url` stays inside the content folder once symbolic links are followed; reports it if not.
    mutating func isInside(_ url: URL, path: String) -> Bool {
        let real = url.resolvingSymlinksInPath().path
        if real == realRoot || real.hasPrefix(realRoot + "/") { return true }
        diagnostics.append(Diagnostic(.outsideContent, at: SourceLocation(file: path),
                                      Message("E008", ["path": .text(path), "target": .text(real)]), help: Message("E008.help")))
        return false
    }

    /// Why an entry that is not a regular file cannot be read: a link to nothing, or a folder named like a record.
    private func unreadable(_ url: URL, name: String, path: String) -> Message? {
        if let destination = try? FileManager.default.destinationOfSymbolicLink(atPath: url.path),
           !FileManager.default.fileExists(atPath: url.path) {
            return Message("E001.brokenLink", ["path": .text(path), "target": .text(destination)])
        }
        if name.hasSuffix(".yaml") || name.hasSuffix(".md") || name.hasSuffix(".csv") { return Message("E001.folder", ["path": .text(path)]) }
        return nil
    }

    private enum Kind { case file, folder, other }

    /// Whether `a` comes before `b` byte by byte, as `a.utf8.lexicographicallyPrecedes(b.utf8)`, by memcmp.
    static func utf8Precedes(_ a: String, _ b: String) -> Bool {
        let result = a.utf8.withContiguousStorageIfAvailable { x in
            b.utf8.withContiguousStorageIfAvailable { y -> Bool in
                let common = min(x.count, y.count)
                let order = common == 0 ? 0 : memcmp(x.baseAddress!, y.baseAddress!, common)
                return order != 0 ? order < 0 : x.count < y.count
            }
        }
        return (result ?? nil) ?? a.utf8.lexicographicallyPrecedes(b.utf8)
    }

    /// What `name` in the folder (at `path`) is, without following a link: `.other` for a link, or when
    /// it cannot be told.
    private static func kindWithoutFollowingLinks(_ name: String, in folder: OpenFolder, path: String) -> Kind {
        var info = stat()
        let found = folder.descriptor >= 0 ? fstatat(folder.descriptor, name, &info, AT_SYMLINK_NOFOLLOW) : lstat(path, &info)
        guard found == 0 else { return .other }
        switch info.st_mode & S_IFMT {
        case S_IFLNK: return .other
        case S_IFDIR: return .folder
        default: return .file
        }
    }

    private func isRegularFile(_ url: URL) -> Bool {
        var isDirectory: ObjCBool = false
        return FileManager.default.fileExists(atPath: url.path, isDirectory: &isDirectory) && !isDirectory.boolValue
    }
}
