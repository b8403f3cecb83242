import Foundation
import GazetteOutput

/// What `manifest.json` lists: each published file's SHA-256 and size, by path.
public struct ManifestIndex: Sendable, Equatable {
    public struct Entry: Sendable, Equatable {
        public var sha256: String
        public var size: Int
    }
    public var entries: [String: Entry]

    public init(entries: [String: Entry]) { self.entries = entries }

    /// Reads `manifest.json`'s bytes; throws a `PublishError` when they are not a manifest.
    public init(data: Data, source: String) throws {
        guard let object = try? JSONSerialization.jsonObject(with: data) as? [String: Any],
              let files = object["files"] as? [[String: Any]] else {
            throw PublishError(.mismatch, "\(source) is not a Gazette manifest (no `files` list)")
        }
        var entries: [String: Entry] = [:]
        for file in files {
            guard let path = file["path"] as? String, let sha = file["sha256"] as? String, let size = file["size"] as? Int,
                  OutputFile(path: path, bytes: Data()).isSafePath else {
                throw PublishError(.mismatch, "\(source) has an entry that is not a file of the site: \(file)")
            }
            entries[path] = Entry(sha256: sha, size: size)
        }
        self.entries = entries
    }

    /// Paths sorted by their UTF-8 bytes, as the manifest lists them.
    public var paths: [String] { entries.keys.sorted { $0.utf8.lexicographicallyPrecedes($1.utf8) } }
}

/// The site to publish, in memory: every file of a build, `manifest.json` included.
public struct SiteBundle: Sendable {
    public let files: [OutputFile]
    public let manifest: ManifestIndex
    /// The SHA-256 of `manifest.json`.
    public let manifestHash: String

    /// A release's name: the first 12 hexadecimal digits of the manifest's SHA-256, so the same content is
    /// always the same release.
    public var id: String { String(manifestHash.prefix(12)) }

    /// Every file of the release: the manifest's entries plus `manifest.json` itself.
    public var expected: [String: String] {
        var all = manifest.entries.mapValues(\.sha256)
        all[Manifest.path] = manifestHash
        return all
    }

    /// The files of a build (`Build.render`), which hold `manifest.json`.
    public init(files: [OutputFile]) throws {
        guard let manifestFile = files.first(where: { $0.path == Manifest.path }) else {
            throw PublishError(.io, "the build has no \(Manifest.path)")
        }
        self.files = files.sorted { $0.path.utf8.lexicographicallyPrecedes($1.path.utf8) }
        manifest = try ManifestIndex(data: manifestFile.bytes, source: Manifest.path)
        manifestHash = SHA256.hex(manifestFile.bytes)
        let listed = Set(manifest.entries.keys).union([Manifest.path])
        let present = Set(files.map(\.path))
        if listed != present {
            let odd = listed.symmetricDifference(present).sorted().prefix(5).joined(separator: ", ")
            throw PublishError(.mismatch, "the build's files and its manifest differ: \(odd)")
        }
    }

    /// An existing build (`--site DIR`): the files its `manifest.json` lists, each checked against it. Files
    /// in the folder that the manifest does not list are not published.
    public static func load(directory: URL) throws -> SiteBundle {
        let manifestURL = directory.appendingPathComponent(Manifest.path)
        guard let manifestData = try? Data(contentsOf: manifestURL) else {
            throw PublishError(.io, "`\(directory.path)` has no \(Manifest.path): is it a site built by gazette build?")
        }
        let manifest = try ManifestIndex(data: manifestData, source: manifestURL.path)
        var files = [OutputFile(path: Manifest.path, bytes: manifestData)]
        var wrong: [String] = []
        for path in manifest.paths {
            guard let bytes = try? Data(contentsOf: directory.appendingPathComponent(path)) else {
                wrong.append("\(path) (missing)")
                continue
            }
            if SHA256.hex(bytes) != manifest.entries[path]!.sha256 { wrong.append("\(path) (altered)") }
            files.append(OutputFile(path: path, bytes: bytes))
        }
        if !wrong.isEmpty {
            throw PublishError(.mismatch, "the site in `\(directory.path)` does not match its manifest: " + wrong.joined(separator: ", "))
        }
        return try SiteBundle(files: files)
    }
}

/// Why a publication stopped, and the exit status it gives: 1 for a verification mismatch, 2 for usage or I/O.
public struct PublishError: Error, CustomStringConvertible, Sendable {
    public enum Kind: Sendable { case mismatch, usage, io }
    public var kind: Kind
    public var description: String
    public init(_ kind: Kind, _ description: String) {
        self.kind = kind
        self.description = description
    }
    public var exitStatus: Int32 { kind == .mismatch ? 1 : 2 }
}

/// One file that does not match the manifest.
public struct VerificationProblem: Sendable, Equatable, CustomStringConvertible {
    public enum Kind: String, Sendable { case missing, altered, unexpected }
    public var kind: Kind
    public var path: String
    public var description: String {
        switch kind {
        case .missing: "\(path): missing"
        case .altered: "\(path): altered (its SHA-256 differs from the manifest's)"
        case .unexpected: "\(path): not in the manifest"
        }
    }
}

/// Hashes every file in a folder and compares it with the expected hashes (path → SHA-256).
public enum FolderVerifier {
    public static func verify(_ folder: URL, expected: [String: String]) -> [VerificationProblem] {
        var problems: [VerificationProblem] = []
        var seen: Set<String> = []
        for path in listFiles(folder) {
            seen.insert(path)
            guard let want = expected[path] else {
                problems.append(VerificationProblem(kind: .unexpected, path: path))
                continue
            }
            guard let bytes = try? Data(contentsOf: folder.appendingPathComponent(path)), SHA256.hex(bytes) == want else {
                problems.append(VerificationProblem(kind: .altered, path: path))
                continue
            }
        }
        for path in expected.keys where !seen.contains(path) {
            problems.append(VerificationProblem(kind: .missing, path: path))
        }
        return problems.sorted { $0.path < $1.path }
    }

    /// Every file under a folder (symbolic links included, as entries), relative, with `/`.
    public static func listFiles(_ folder: URL) -> [String] {
        var out: [String] = []
        func walk(_ relative: String) {
            let url = relative.isEmpty ? folder : folder.appendingPathComponent(relative)
            guard let names = try? FileManager.default.contentsOfDirectory(atPath: url.path) else { return }
            for name in names.sorted() {
                let rel = relative.isEmpty ? name : relative + "/" + name
                var info = stat()
                guard lstat(folder.appendingPathComponent(rel).path, &info) == 0 else { continue }
                if (info.st_mode & S_IFMT) == S_IFDIR { walk(rel) } else { out.append(rel) }
            }
        }
        walk("")
        return out
    }
}
