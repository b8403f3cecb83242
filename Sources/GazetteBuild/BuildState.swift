import CAtomicSwap
import Foundation
import GazetteModel
import GazetteOutput
import GazetteSite

/// What a written site was made from, kept beside the output (`.site.gazette-build` next to `site/`). When
/// a new build's inputs have the same fingerprint and the output is still whole, the site on disk is exactly
/// what the build would write: nothing is rendered or written again. The state is removed before a site is
/// swapped in and written after, so it never describes another site than the one on disk.
struct BuildState: Equatable {
    static let format = "gazette-build 1"
    /// SHA-256 over everything that shapes the output: the content's files, the templates folder, the
    /// options, and the gazette program itself.
    var fingerprint: String
    /// The SHA-256 of the output's `manifest.json`.
    var manifestHash: String
    /// Every file of the output with its SHA-256 and size, `manifest.json` included.
    var files: [Manifest.Entry]

    static func url(for output: URL) -> URL {
        let output = output.standardizedFileURL
        return output.deletingLastPathComponent().appendingPathComponent(".\(output.lastPathComponent).gazette-build")
    }

    /// The fingerprint of a build's inputs.
    static func fingerprint(content: Content, templates: UInt64, staticFiles: [OutputFile], contentDirectory: URL,
                            options: Build.Options) -> String {
        var text = format + "\n"
        text += "program \(programIdentity())\n"
        text += "templates \(templates)\n"
        text += "base-url \(options.baseURL ?? "")\ndrafts \(options.drafts)\n"
        for (path, hash) in content.fileHashes.sorted(by: { $0.key < $1.key }) { text += "content \(hash) \(path)\n" }
        var data = Data(text.utf8)
        // The content's own static files, and the publication record (read as the changes page reads it).
        for file in staticFiles where file.path.hasPrefix("assets/") {
            data += Data("asset \(file.path) \(file.bytes.count)\n".utf8) + file.bytes
        }
        let publications = contentDirectory.appendingPathComponent(PublicationLog.folder)
        for name in ((try? FileManager.default.contentsOfDirectory(atPath: publications.path)) ?? []).sorted() {
            data += Data("publication \(name)\n".utf8) + ((try? Data(contentsOf: publications.appendingPathComponent(name))) ?? Data())
        }
        return SHA256.hex(data)
    }

    /// The running program: its path, size and modification time (a rebuilt gazette may render differently).
    private static func programIdentity() -> String {
        guard let path = Bundle.main.executableURL?.resolvingSymlinksInPath().path,
              let attributes = try? FileManager.default.attributesOfItem(atPath: path) else { return "unknown" }
        let size = (attributes[.size] as? NSNumber)?.int64Value ?? 0
        let modified = (attributes[.modificationDate] as? Date)?.timeIntervalSince1970 ?? 0
        return "\(path) \(size) \(modified)"
    }

    // MARK: Stored beside the output

    static func load(for output: URL) -> BuildState? {
        guard let text = try? String(contentsOf: url(for: output), encoding: .utf8) else { return nil }
        var lines = text.split(separator: "\n", omittingEmptySubsequences: false)[...]
        guard lines.popFirst() == Substring(format),
              let fingerprint = lines.popFirst()?.dropFirst("fingerprint ".count),
              let manifest = lines.popFirst()?.dropFirst("manifest ".count) else { return nil }
        var files: [Manifest.Entry] = []
        for line in lines where !line.isEmpty {
            let parts = line.split(separator: " ", maxSplits: 2)
            guard parts.count == 3, let size = Int(parts[1]) else { return nil }
            files.append(Manifest.Entry(path: String(parts[2]), sha256: String(parts[0]), size: size))
        }
        return BuildState(fingerprint: String(fingerprint), manifestHash: String(manifest), files: files)
    }

    func store(for output: URL) throws {
        var text = "\(BuildState.format)\nfingerprint \(fingerprint)\nmanifest \(manifestHash)\n"
        for file in files { text += "\(file.sha256) \(file.size) \(file.path)\n" }
        try Data(text.utf8).write(to: BuildState.url(for: output))
    }

    static func remove(for output: URL) {
        try? FileManager.default.removeItem(at: url(for: output))
    }

    /// Whether the output on disk is still the site this state describes: `manifest.json` has its hash,
    /// every file is there with its size, and there is no other file (a file edited by hand to the same size
    /// is not noticed).
    func describesOutput(_ output: URL) -> Bool {
        guard gazette_count_files(output.path) == files.count else { return false }
        guard let manifest = try? Data(contentsOf: output.appendingPathComponent(Manifest.path)),
              SHA256.hex(manifest) == manifestHash else { return false }
        for file in files {
            var info = stat()
            guard stat(output.appendingPathComponent(file.path).path, &info) == 0, Int(info.st_size) == file.size,
                  (info.st_mode & S_IFMT) == S_IFREG else { return false }
        }
        return true
    }
}
