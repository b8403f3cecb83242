import Foundation

/// A folder under the system's temporary folder, removed with everything in it when the value goes away.
final class TemporaryFolder {
    let url: URL

    init(_ prefix: String = "gazette-test") throws {
        url = Fixture.scratch.appendingPathComponent("\(prefix)-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    }

    deinit { try? FileManager.default.removeItem(at: url) }
}
