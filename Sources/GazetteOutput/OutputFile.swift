import Foundation

/// One file of the site, in memory: its path inside the output folder and its bytes.
public struct OutputFile: Sendable {
    public var path: String
    public var bytes: Data
    public init(path: String, bytes: Data) {
        self.path = path
        self.bytes = bytes
    }
    public init(path: String, text: String) {
        self.init(path: path, bytes: Data(text.utf8))
    }

    /// A path built from record values stays inside the output: relative, no `..`, no empty segment.
    public var isSafePath: Bool {
        !path.isEmpty && !path.hasPrefix("/") && !path.contains("\\") && !path.contains("\0")
            && path.split(separator: "/", omittingEmptySubsequences: false).allSatisfy { $0 != ".." && $0 != "." && !$0.isEmpty }
    }
}
