import Foundation
import GazetteOutput

/// `user@host:/path`, reached with `ssh` and `rsync` (both must be installed here and rsync on the server,
/// which must be a POSIX system with GNU `mv -T`). `GAZETTE_PUBLISH_SSH` replaces the `ssh` command (for
/// example `ssh -p 2222 -i key`); rsync uses the same one.
public final class RemoteStore: ReleaseStore {
    public let host: String
    public let path: String
    private let ssh: [String]
    private var localCopy: URL?
    private var scratch: [URL] = []

    public init(host: String, path: String) {
        self.host = host
        self.path = path
        let command = ProcessInfo.processInfo.environment["GAZETTE_PUBLISH_SSH"] ?? "ssh"
        ssh = command.split(separator: " ").map(String.init)
    }

    deinit { finish() }

    private func q(_ text: String) -> String { "'" + text.replacingOccurrences(of: "'", with: "'\\''") + "'" }
    private var root: String { q(path) }
    private func releasePath(_ id: String) -> String { q(path + "/releases/" + id) }
    private func partialPath(_ id: String) -> String { q(path + "/releases/" + ReleaseLayout.partial(id)) }
    private func remote(_ relative: String) -> String { "\(host):\(path)/\(relative)" }

    struct Output {
        var status: Int32
        var stdout: String
        var stderr: String
    }

    /// Runs a program, capturing its output. A program that is not installed here, or cannot be started,
    /// is an I/O error. (Found on PATH here, not through `env`: an exit status 127 then means the server's
    /// shell could not find a command, not that the program is missing here.)
    private func run(_ arguments: [String]) throws -> Output {
        guard let name = arguments.first, let executable = RemoteStore.executable(name) else {
            throw PublishError(.io, "`\(arguments.first ?? "")` is not installed here (needed to publish to \(host))")
        }
        let process = Process()
        process.executableURL = executable
        process.arguments = Array(arguments.dropFirst())
        let out = FileManager.default.temporaryDirectory.appendingPathComponent("gazette-publish-\(UUID().uuidString).out")
        let err = out.appendingPathExtension("err")
        _ = FileManager.default.createFile(atPath: out.path, contents: nil)
        _ = FileManager.default.createFile(atPath: err.path, contents: nil)
        defer {
            try? FileManager.default.removeItem(at: out)
            try? FileManager.default.removeItem(at: err)
        }
        process.standardOutput = try FileHandle(forWritingTo: out)
        process.standardError = try FileHandle(forWritingTo: err)
        process.standardInput = FileHandle.nullDevice
        do { try process.run() } catch {
            throw PublishError(.io, "cannot run `\(arguments.first ?? "")`: \(error.localizedDescription)")
        }
        process.waitUntilExit()
        let text = { (url: URL) in (try? String(contentsOf: url, encoding: .utf8)) ?? "" }
        return Output(status: process.terminationStatus, stdout: text(out), stderr: text(err))
    }

    /// `name` as the shell finds it: a path as given, else the first executable file of that name on PATH.
    static func executable(_ name: String) -> URL? {
        if name.contains("/") { return access(name, X_OK) == 0 ? URL(fileURLWithPath: name) : nil }
        let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/local/bin:/usr/bin:/bin"
        for folder in path.split(separator: ":") where !folder.isEmpty {
            let candidate = "\(folder)/\(name)"
            var info = stat()
            if stat(candidate, &info) == 0, (info.st_mode & S_IFMT) == S_IFREG, access(candidate, X_OK) == 0 {
                return URL(fileURLWithPath: candidate)
            }
        }
        return nil
    }

    /// Runs a shell script on the server (with umask 022, so what it makes is readable by the web server
    /// whatever the account's umask); a failure is an I/O error with the server's message.
    @discardableResult
    private func shell(_ script: String, allowFailure: Bool = false) throws -> Output {
        let output = try run(ssh + [host, "umask 022 && " + script])
        if output.status == 255 {
            throw PublishError(.io, "cannot reach \(host) over SSH: \(output.stderr.trimmingCharacters(in: .whitespacesAndNewlines))")
        }
        if output.status == 127 && !allowFailure {
            throw PublishError(.io, "on \(host): a command the publication needs is not installed on the server (`sh`, `mkdir`, `mv -T`, `ln`, `readlink`): \(output.stderr.trimmingCharacters(in: .whitespacesAndNewlines))")
        }
        if output.status != 0 && !allowFailure {
            throw PublishError(.io, "on \(host): \(output.stderr.trimmingCharacters(in: .whitespacesAndNewlines))")
        }
        return output
    }

    /// rsync with `--protect-args` (`-s`): the remote paths travel inside rsync's protocol, never through the
    /// server's shell, whatever the rsync version or `RSYNC_OLD_ARGS` (the paths are also checked when
    /// `--to` is read). Files are sent as 644 and folders as 755 (`-p --chmod`), whatever the umask here or
    /// there, so the web server can read them and nobody else can write them.
    private func rsync(_ arguments: [String]) throws -> Output {
        let output = try run(["rsync", "-s", "-p", "--chmod=D755,F644", "-e", ssh.joined(separator: " ")] + arguments)
        guard output.status == 0 else {
            let message = output.stderr.trimmingCharacters(in: .whitespacesAndNewlines)
            let hint = output.status == 127 || message.contains("command not found")
                ? " (is rsync installed on the server?)" : ""
            throw PublishError(.io, "rsync to \(host) failed (status \(output.status))\(hint): \(message)")
        }
        return output
    }

    public func prepare() throws {
        try shell("mkdir -p \(root)/releases && rm -rf \(root)/releases/.partial-* && rm -f \(root)/current.tmp")
    }

    public func finish() {
        for url in scratch { try? FileManager.default.removeItem(at: url) }
        scratch = []
        localCopy = nil
    }

    public func currentID() throws -> String? {
        let output = try shell("if [ -L \(root)/current ]; then readlink \(root)/current; elif [ -e \(root)/current ]; then echo NOT-A-LINK; fi")
        let text = output.stdout.trimmingCharacters(in: .whitespacesAndNewlines)
        if text.isEmpty { return nil }
        let name = URL(fileURLWithPath: text).lastPathComponent
        guard ReleaseLayout.isReleaseID(name) else {
            throw PublishError(.io, "\(host):\(path)/current is not a link to a release in releases/: move it away, then publish again")
        }
        return name
    }

    public func manifestData(of id: String) throws -> Data? {
        let output = try shell("cat \(releasePath(id))/\(Manifest.path)", allowFailure: true)
        return output.status == 0 ? Data(output.stdout.utf8) : nil
    }

    public func releaseIDs() throws -> [String] {
        try shell("ls -1 \(root)/releases").stdout.split(separator: "\n").map(String.init).filter(ReleaseLayout.isReleaseID).sorted()
    }

    public func log() throws -> PublishLog {
        PublishLog(text: try shell("cat \(root)/\(ReleaseLayout.log) 2>/dev/null || true").stdout)
    }

    public func append(_ line: PublishLog.Line) throws {
        try shell("printf '%s\\n' \(q(line.text)) >> \(root)/\(ReleaseLayout.log)")
    }

    private func temporaryFolder() throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("gazette-publish-\(UUID().uuidString)", isDirectory: true)
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        scratch.append(url)
        return url
    }

    public func upload(_ bundle: SiteBundle, linkFrom previous: String?, previousManifest: ManifestIndex?) throws -> TransferCounts {
        let source = try localCopy ?? writeLocalCopy(bundle)
        localCopy = source
        // -r without -t/-p: files are compared by checksum (-c), so an unchanged file is hard-linked from the
        // live release (--link-dest) whatever its time stamp.
        var arguments = ["-r", "-c", "--itemize-changes"]
        if let previous { arguments.append("--link-dest=../\(previous)") }
        arguments += [source.path + "/", remote("releases/\(ReleaseLayout.partial(bundle.id))/")]
        let output = try rsync(arguments)
        let copied = output.stdout.split(separator: "\n").filter { $0.hasPrefix(">f") || $0.hasPrefix("<f") }.count
        return TransferCounts(copied: copied, linked: bundle.files.count - copied)
    }

    private func writeLocalCopy(_ bundle: SiteBundle) throws -> URL {
        let folder = try temporaryFolder()
        for file in bundle.files {
            guard file.isSafePath else { throw PublishError(.io, "refusing to write outside the release: `\(file.path)`") }
            let url = folder.appendingPathComponent(file.path)
            try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try file.bytes.write(to: url)
        }
        return folder
    }

    /// `rsync --checksum --dry-run --itemize-changes`: every file the server holds differently is listed.
    public func verifyPartial(_ bundle: SiteBundle) throws -> [VerificationProblem] {
        let source = try localCopy ?? writeLocalCopy(bundle)
        localCopy = source
        let output = try rsync(["-r", "-c", "-n", "--itemize-changes", "--delete",
                                source.path + "/", remote("releases/\(ReleaseLayout.partial(bundle.id))/")])
        var problems: [VerificationProblem] = []
        for line in output.stdout.split(separator: "\n").map(String.init) {
            if line.hasPrefix("*deleting") {
                problems.append(VerificationProblem(kind: .unexpected, path: line.split(separator: " ", maxSplits: 1).last.map { String($0).trimmingCharacters(in: .whitespaces) } ?? line))
            } else if line.count > 12, line.hasPrefix(">f") || line.hasPrefix("<f") || line.hasPrefix("cL") {
                let path = String(line.dropFirst(12))
                problems.append(VerificationProblem(kind: line.contains("+++++++") ? .missing : .altered, path: path))
            }
        }
        return problems.sorted { $0.path < $1.path }
    }

    /// Reads the release back (rsync into a temporary folder) and hashes every file here.
    public func verifyRelease(_ id: String, expected: [String: String]) throws -> [VerificationProblem] {
        let folder = try temporaryFolder()
        _ = try rsync(["-r", "-l", remote("releases/\(id)/"), folder.path + "/"])
        return FolderVerifier.verify(folder, expected: expected)
    }

    /// rsync writes each file under a temporary name and renames it into place: one step per file.
    public func repair(_ bundle: SiteBundle, problems: [VerificationProblem]) throws {
        let source = try localCopy ?? writeLocalCopy(bundle)
        localCopy = source
        _ = try rsync(["-r", "-c", "--delete", source.path + "/", remote("releases/\(bundle.id)/")])
    }

    public func commitPartial(_ id: String) throws {
        try shell("rm -rf \(releasePath(id)) && mv \(partialPath(id)) \(releasePath(id))")
    }

    public func discardPartial(_ id: String) {
        _ = try? shell("rm -rf \(partialPath(id))", allowFailure: true)
    }

    public func flip(to id: String) throws {
        try shell("cd \(root) && rm -f current.tmp && ln -s \(q("releases/" + id)) current.tmp && mv -T -f current.tmp current")
    }

    public func removeRelease(_ id: String) throws {
        try shell("rm -rf \(releasePath(id))")
    }
}
