import CAtomicSwap
import Foundation
import GazetteContent
import GazetteModel
import GazetteOutput
import GazetteSite

/// What a written site was made from, kept beside the output (`.site.gazette-build` next to `site/`). When
/// a new build's inputs have the same fingerprint and the output is still whole, the site on disk is exactly
/// what the build would write: nothing is rendered or written again. When only content records changed, the
/// state's `SiteKeys` tell which pages they touch: only those are made again, and every other file is linked
/// from the site on disk into the new one (`IncrementalBuild.write`). The state is removed before a site is
/// swapped in and written after, so it never describes another site than the one on disk.
struct BuildState: Equatable {
    static let format = "gazette-build 3"
    /// SHA-256 over everything that shapes the output: the content's files, the templates folder, the
    /// options, and the gazette program itself.
    var fingerprint: String
    /// The same without the content's record files: when it differs, no file of the old site can be kept.
    var global: String
    /// The SHA-256 of the output's `manifest.json`.
    var manifestHash: String
    /// Every file of the output with its SHA-256 and size, `manifest.json` included.
    var files: [Manifest.Entry]
    /// Each file's modification time (`seconds.nanoseconds`), to notice a file changed by hand, by path.
    var modified: [String: String] = [:]
    /// The job that made each file (`OutputJob.id`), by path.
    var jobs: [String: String] = [:]
    /// What the site's records touch, to tell which pages a change makes again.
    var keys = SiteKeys()
    /// The build's inputs as the file system described them before they were read (`RawInputs`).
    var raw = RawInputs()
    /// The content's diagnostics the build reported (findings and warnings): reported again by a build
    /// that finds nothing changed.
    var diagnostics: [Diagnostic] = []
    /// When loaded without its keys: their text, not yet read (`withKeys()`), so that a build that finds
    /// something changed after all does not read the state's file twice.
    var unreadKeys: Data?

    static func url(for output: URL) -> URL {
        let output = output.standardizedFileURL
        return output.deletingLastPathComponent().appendingPathComponent(".\(output.lastPathComponent).gazette-build")
    }

    /// The folder of the content files' parses kept beside the output (`ParseCacheFiles`): `.site.parses.gazette-build`.
    static func parsesURL(for output: URL) -> URL {
        let output = output.standardizedFileURL
        return output.deletingLastPathComponent().appendingPathComponent(".\(output.lastPathComponent).parses.gazette-build")
    }

    /// The fingerprint of a build's inputs, but for the content's files (`fingerprint(global:content:)`).
    static func globalFingerprint(templates: UInt64, staticFiles: [OutputFile], publicationFiles: [PublicationFiles.File],
                                  options: Build.Options) -> String {
        var text = format + "\n"
        text += "program \(programIdentity())\n"
        text += "templates \(templates)\n"
        text += "base-url \(options.baseURL ?? "")\ndrafts \(options.drafts)\n"
        var data = Data(text.utf8)
        // The content's own static files, and the publication record (read as the changes page reads it).
        for file in staticFiles where file.path.hasPrefix("assets/") {
            data += Data("asset \(file.path) \(file.bytes.count)\n".utf8) + file.bytes
        }
        for file in publicationFiles {
            data += Data("publication \(file.name)\n".utf8) + (file.data ?? Data())
        }
        return SHA256.hex(data)
    }

    /// The fingerprint of all of a build's inputs: the global one and every content file's hash.
    static func fingerprint(global: String, content: [String: UInt64]) -> String {
        var text = "global \(global)\n"
        for (path, hash) in content.sorted(by: { $0.key < $1.key }) { text += "content \(hash) \(path)\n" }
        return SHA256.hex(Data(text.utf8))
    }

    /// The running program: its path, size and modification time (a rebuilt gazette may render differently).
    static func programIdentity() -> String {
        guard let path = Bundle.main.executableURL?.resolvingSymlinksInPath().path,
              let attributes = try? FileManager.default.attributesOfItem(atPath: path) else { return "unknown" }
        let size = (attributes[.size] as? NSNumber)?.int64Value ?? 0
        let modified = (attributes[.modificationDate] as? Date)?.timeIntervalSince1970 ?? 0
        return "\(path) \(size) \(modified)"
    }

    // MARK: Stored beside the output

    /// The state beside `output`, or nil. Without `keys`, the site keys are not read (a build that may find
    /// nothing changed needs only the rest).
    static func load(for output: URL, keys readKeys: Bool = true) -> BuildState? {
        guard var data = try? Data(contentsOf: url(for: output)) else { return nil }
        // The keys are the state's larger half, and last: left unread when not wanted.
        var unreadKeys: Data?
        if !readKeys, let keys = data.range(of: Data("\nkeys\n".utf8)) {
            unreadKeys = Data(data[keys.upperBound...])
            data = data[..<keys.upperBound]
        }
        let text = String(decoding: data, as: UTF8.self)
        var lines = StateText.lines(text[...])[...]
        guard lines.popFirst() == Substring(format),
              let fingerprint = lines.popFirst()?.dropFirst("fingerprint ".count),
              let global = lines.popFirst()?.dropFirst("global ".count),
              let manifest = lines.popFirst()?.dropFirst("manifest ".count),
              let raw = RawInputs(lines: &lines),
              let count = lines.popFirst().flatMap({ $0.hasPrefix("diagnostics ") ? Int($0.dropFirst("diagnostics ".count)) : nil })
        else { return nil }
        var state = BuildState(fingerprint: String(fingerprint), global: String(global), manifestHash: String(manifest), files: [])
        state.raw = raw
        for _ in 0..<count {
            guard let line = lines.popFirst(), let diagnostic = StoredDiagnostics.decode(line) else { return nil }
            state.diagnostics.append(diagnostic)
        }
        while let line = lines.popFirst(), line != "keys" {
            let parts = StateText.fields(line)
            guard parts.count == 5, let size = Int(parts[1]) else { return nil }
            let path = SiteKeys.unescape(parts[4])
            state.files.append(Manifest.Entry(path: path, sha256: String(parts[0]), size: size))
            state.modified[path] = String(parts[2])
            if parts[3] == Self.emptyJob { state.jobs[path] = "" } else if !parts[3].isEmpty { state.jobs[path] = SiteKeys.unescape(parts[3]) }
        }
        guard readKeys else {
            state.unreadKeys = unreadKeys
            return state
        }
        guard let keys = SiteKeys(lines: lines) else { return nil }
        state.keys = keys
        return state
    }

    /// This state with its keys read, when it was loaded without them; nil when they cannot be read.
    func withKeys() -> BuildState? {
        guard let unreadKeys else { return self }
        var state = self
        state.unreadKeys = nil
        guard let keys = SiteKeys(lines: StateText.lines(String(decoding: unreadKeys, as: UTF8.self)[...]))
        else { return nil }
        state.keys = keys
        return state
    }

    func store(for output: URL) throws {
        try write(to: BuildState.url(for: output)) { put in
            put("\(BuildState.format)\nfingerprint \(fingerprint)\nglobal \(global)\nmanifest \(manifestHash)\n")
            put(raw.encoded())
            put("diagnostics \(diagnostics.count)\n")
            for diagnostic in diagnostics { put(StoredDiagnostics.encode(diagnostic) + "\n") }
            for file in files {
                let job = jobs[file.path].map { $0.isEmpty ? Self.emptyJob : SiteKeys.escape($0) } ?? ""
                put("\(file.sha256)\t\(file.size)\t\(modified[file.path] ?? "")\t\(job)\t\(SiteKeys.escape(file.path))\n")
            }
            put("keys\n")
            keys.encode(into: put)
        }
    }

    /// Writes a text made a line at a time through a buffered stream: the state is about 40 MB at province
    /// scale, and made whole (with its copy as bytes) it was the build's peak of memory (issue 16).
    private func write(to url: URL, _ make: ((String) -> Void) -> Void) throws {
        guard let stream = fopen(url.path, "wb") else { throw CocoaError(.fileWriteNoPermission, userInfo: [NSFilePathErrorKey: url.path]) }
        setvbuf(stream, nil, _IOFBF, 1 << 16)
        var failed = false
        make { text in
            var text = text
            text.withUTF8 { bytes in
                if !failed, bytes.count > 0, fwrite(bytes.baseAddress, 1, bytes.count, stream) != bytes.count { failed = true }
            }
        }
        if fclose(stream) != 0 || failed { throw CocoaError(.fileWriteUnknown, userInfo: [NSFilePathErrorKey: url.path]) }
    }

    /// A file made by a job whose id is empty (the home page's: its path is ``), as the state writes it: an
    /// empty field means no job, and `escape` never writes a lone `%`. (It was lost, and a build after a
    /// change that kept the home page left the site without it.)
    static let emptyJob = "%"

    static func remove(for output: URL) {
        try? FileManager.default.removeItem(at: url(for: output))
    }

    /// A file's modification time as the state keeps it, or nil when it is not a regular file.
    static func modification(of path: String) -> (time: String, size: Int, mode: mode_t)? {
        var info = stat()
        guard stat(path, &info) == 0, (info.st_mode & S_IFMT) == S_IFREG else { return nil }
        return ("\(info.st_mtim.tv_sec).\(info.st_mtim.tv_nsec)", Int(info.st_size), info.st_mode & 0o7777)
    }

    /// The modes a build gives the files it writes (`0644` less the umask).
    static let fileMode: mode_t = {
        let mask = umask(0o022)
        umask(mask)
        return 0o644 & ~mask
    }()

    /// Whether the output on disk is still the site this state describes: `manifest.json` has its hash,
    /// every file is there with its size, modification time and the mode a build gives it, and there is no
    /// other file (a file edited by hand to the same size within the same clock tick is not noticed).
    func describesOutput(_ output: URL) -> Bool {
        guard gazette_count_files(output.path) == files.count else { return false }
        guard let manifest = try? Data(contentsOf: output.appendingPathComponent(Manifest.path)),
              SHA256.hex(manifest) == manifestHash else { return false }
        let folder = output.path, mode = BuildState.fileMode
        for file in files {
            guard let found = BuildState.modification(of: folder + "/" + file.path), found.size == file.size, found.mode == mode,
                  modified[file.path].map({ $0 == found.time }) ?? true else { return false }
        }
        return true
    }
}
