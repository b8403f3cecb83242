/// Where a value came from: a file under `content/` (relative path), a line and a column, both from 1.
/// Line 0 means "the whole file".
public struct SourceLocation: Hashable, Sendable, Comparable, CustomStringConvertible {
    public var file: String
    public var line: Int
    public var column: Int

    public init(file: String, line: Int = 0, column: Int = 0) {
        self.file = file
        self.line = line
        self.column = column
    }

    public var description: String {
        line > 0 ? "\(file):\(line):\(max(column, 1))" : file
    }

    public static func < (a: SourceLocation, b: SourceLocation) -> Bool {
        (a.file, a.line, a.column) < (b.file, b.line, b.column)
    }
}

/// The positions of a record's fields, keyed by their path (`amount`, `midterm.date`, `services[1]`).
/// A field without a position of its own falls back to its parent, then to the record's file.
public struct FieldLocations: Sendable, Hashable {
    public var file: String
    public var start: SourceLocation
    /// In the order set; the last one set for a path counts. A record has a few dozen paths, set once
    /// each and looked up rarely (for a diagnostic), so a list is cheaper than a dictionary.
    private var entries: [(path: String, location: SourceLocation)] = []

    public init(file: String, start: SourceLocation? = nil) {
        self.file = file
        self.start = start ?? SourceLocation(file: file, line: 1, column: 1)
    }

    public mutating func set(_ path: String, _ location: SourceLocation) {
        entries.append((path, location))
    }

    public func at(_ path: String) -> SourceLocation {
        var path = Substring(path)
        while true {
            if let found = location(String(path)) { return found }
            guard let cut = path.lastIndex(where: { $0 == "." || $0 == "[" }) else { return start }
            path = path[..<cut]
        }
    }

    private func location(_ path: String) -> SourceLocation? {
        entries.last(where: { $0.path == path })?.location
    }

    /// Path → position, as set.
    private var byPath: [String: SourceLocation] {
        var byPath: [String: SourceLocation] = [:]
        for entry in entries { byPath[entry.path] = entry.location }
        return byPath
    }

    public static func == (a: FieldLocations, b: FieldLocations) -> Bool {
        a.file == b.file && a.start == b.start && a.byPath == b.byPath
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(file)
        hasher.combine(start)
        hasher.combine(byPath)
    }
}
