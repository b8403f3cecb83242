import Foundation
import Synchronization
import GazetteContent
import GazetteModel

/// Content folders for tests: the sample itself, or a copy of it with one thing broken.
struct Fixture {
    static let packageRoot = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    static let sample = packageRoot.appendingPathComponent("content")

    let root: URL

    /// The folder every test's temporary files go under, one per test process, removed with everything in
    /// it when the process ends (tests that fail halfway leave nothing behind either).
    static let scratch: URL = {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("gazette-tests-\(getpid())-\(UUID().uuidString)")
        try? FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        scratchPath = url.path
        atexit {
            if let path = scratchPath { try? FileManager.default.removeItem(atPath: path) }
        }
        return url
    }()

    /// A fresh copy of the sample content in a temporary folder.
    static func copyOfSample() throws -> Fixture {
        let root = Fixture.scratch
            .appendingPathComponent("gazette-test-\(UUID().uuidString)")
            .appendingPathComponent("content")
        try FileManager.default.createDirectory(at: root.deletingLastPathComponent(), withIntermediateDirectories: true)
        try FileManager.default.copyItem(at: sample, to: root)
        return Fixture(root: root)
    }

    /// An empty content folder.
    static func empty() throws -> Fixture {
        let root = Fixture.scratch
            .appendingPathComponent("gazette-test-\(UUID().uuidString)")
            .appendingPathComponent("content")
        try FileManager.default.createDirectory(at: root, withIntermediateDirectories: true)
        return Fixture(root: root)
    }

    func url(_ path: String) -> URL { root.appendingPathComponent(path) }

    func read(_ path: String) throws -> String { try String(contentsOf: url(path), encoding: .utf8) }

    func write(_ path: String, _ text: String) throws {
        try FileManager.default.createDirectory(at: url(path).deletingLastPathComponent(), withIntermediateDirectories: true)
        try Data(text.utf8).write(to: url(path))
    }

    func write(_ path: String, bytes: [UInt8]) throws {
        try Data(bytes).write(to: url(path))
    }

    /// Replaces `old` by `new` in a file; fails loudly when `old` is not there, so a fixture cannot go stale.
    func replace(_ path: String, _ old: String, with new: String) throws {
        let text = try read(path)
        guard text.contains(old) else { throw FixtureError.notFound(old, path) }
        try write(path, text.replacingOccurrences(of: old, with: new))
    }

    func append(_ path: String, _ text: String) throws {
        try write(path, try read(path) + text)
    }

    func remove(_ path: String) throws { try FileManager.default.removeItem(at: url(path)) }

    func check() -> ContentCheck.Report { ContentCheck.run(contentDirectory: root) }

    enum FixtureError: Error { case notFound(String, String) }
}

/// Runs the built `gazette` executable.
enum GazetteBinary {
    static var url: URL {
        // The test bundle sits in the same build folder as the executable.
        var directory = Bundle.main.bundleURL
        for _ in 0..<4 {
            let candidate = directory.appendingPathComponent("gazette")
            if FileManager.default.isExecutableFile(atPath: candidate.path) { return candidate }
            directory = directory.deletingLastPathComponent()
        }
        return Fixture.packageRoot.appendingPathComponent(".build/debug/gazette")
    }

    struct Run {
        var status: Int32
        var stdout: String
        var stderr: String
        var seconds: Double
    }

    static func run(_ arguments: [String], in directory: URL? = nil, timeout: Double = 20,
                    environment: [String: String]? = nil) throws -> Run {
        let process = Process()
        process.executableURL = url
        process.arguments = arguments
        if let environment { process.environment = environment }
        if let directory { process.currentDirectoryURL = directory }
        let out = Pipe(), err = Pipe()
        process.standardOutput = out
        process.standardError = err
        // Waited for by its exit, not by polling: the limit is only against a hang.
        let exited = DispatchSemaphore(value: 0)
        process.terminationHandler = { _ in exited.signal() }
        let start = Date()
        try process.run()
        // Read both pipes while the process runs, so a large output cannot block it.
        let outData = LockedData(), errData = LockedData()
        let group = DispatchGroup()
        for (pipe, box) in [(out, outData), (err, errData)] {
            group.enter()
            DispatchQueue.global().async {
                box.set(pipe.fileHandleForReading.readDataToEndOfFile())
                group.leave()
            }
        }
        if exited.wait(timeout: .now() + timeout) == .timedOut { process.terminate() }
        process.waitUntilExit()
        group.wait()
        return Run(status: process.terminationStatus, stdout: String(decoding: outData.data, as: UTF8.self),
                   stderr: String(decoding: errData.data, as: UTF8.self), seconds: Date().timeIntervalSince(start))
    }

    final class LockedData: Sendable {
        private let value = Mutex(Data())
        func set(_ data: Data) { value.withLock { $0 = data } }
        var data: Data { value.withLock { $0 } }
    }
}

/// `Fixture.scratch`'s path, for the exit handler (a C function, which captures nothing).
nonisolated(unsafe) private var scratchPath: String?
