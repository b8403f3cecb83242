import Foundation

/// The files of `content/` that are not records: the publication record (`publications/`) and the content's
/// own static files (`assets/`). They are read and written here, so that only this module reaches into
/// `content/`; the build hands their bytes on (the templates folder's `assets/` is read the same way).
public enum PublicationFiles {
    public static let folder = "publications"

    /// A file of `publications/`: its name (`0001.json`) and its bytes, nil when it cannot be read.
    public struct File: Sendable {
        public var name: String
        public var data: Data?
    }

    /// Every file of `content/publications/`, by name (missing is fine: nothing published yet).
    public static func read(contentDirectory: URL) -> [File] {
        let folder = contentDirectory.appendingPathComponent(folder)
        let names = ((try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []).sorted()
        return names.map { File(name: $0, data: try? Data(contentsOf: folder.appendingPathComponent($0))) }
    }

    /// Writes `content/publications/NAME` (whole or not at all) and returns where.
    public static func write(_ data: Data, named name: String, contentDirectory: URL) throws -> URL {
        let folder = contentDirectory.appendingPathComponent(folder)
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let url = folder.appendingPathComponent(name)
        try data.write(to: url, options: .atomic)
        return url
    }
}

/// Files copied as they are: the theme (`templates/assets/` → `theme/`) and the content's `assets/`.
public enum StaticFiles {
    /// Every regular file under `directory` (none when it is missing), as `prefix` + its relative path, sorted
    /// by path; hidden files and links leading outside the folder are left out.
    public static func collect(from directory: URL, into prefix: String) throws -> [(path: String, bytes: Data)] {
        guard FileManager.default.fileExists(atPath: directory.path) else { return [] }
        let root = directory.resolvingSymlinksInPath().path
        var files: [(path: String, bytes: Data)] = []
        let enumerator = FileManager.default.enumerator(at: directory, includingPropertiesForKeys: [.isRegularFileKey])
        while let url = enumerator?.nextObject() as? URL {
            let real = url.resolvingSymlinksInPath().path
            guard real.hasPrefix(root + "/"), (try? url.resourceValues(forKeys: [.isRegularFileKey]).isRegularFile) == true,
                  !url.lastPathComponent.hasPrefix(".") else { continue }
            let relative = String(url.standardizedFileURL.path.dropFirst(directory.standardizedFileURL.path.count + 1))
            files.append((path: prefix + relative, bytes: try Data(contentsOf: url)))
        }
        return files.sorted { $0.path < $1.path }
    }
}
