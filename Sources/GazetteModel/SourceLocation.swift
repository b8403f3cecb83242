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
///
/// Every record of the content keeps one (tens of thousands at a province's scale), so the positions are kept
/// compactly: the paths' UTF-8 bytes one after another, and three numbers a path (where its bytes end, its line,
/// its column) — a position in `file` needs no file name of its own. A position in another file, or with a
/// line or column outside `UInt32`, is kept whole beside them. `FieldLocationsOracleTests` compares it with a
/// plain list of (path, location) pairs.
public struct FieldLocations: Sendable, Hashable {
    public var file: String
    public var start: SourceLocation
    /// The paths' bytes, in the order set; the last one set for a path counts. A record has a few dozen paths,
    /// set once each and looked up rarely (for a diagnostic), so a list is cheaper than a dictionary.
    private var pathBytes: [UInt8] = []
    /// For each path set: the end of its bytes in `pathBytes`, its line and its column.
    private var numbers: [UInt32] = []
    /// The positions that do not fit `numbers` (another file, a number outside `UInt32`), by the index of their path.
    private var whole: [(index: Int, location: SourceLocation)] = []

    public init(file: String, start: SourceLocation? = nil) {
        self.file = file
        self.start = start ?? SourceLocation(file: file, line: 1, column: 1)
    }

    public mutating func set(_ path: String, _ location: SourceLocation) {
        let index = numbers.count / 3
        pathBytes.append(contentsOf: path.utf8)
        numbers.append(UInt32(pathBytes.count))
        if location.file == file, let line = UInt32(exactly: location.line), let column = UInt32(exactly: location.column) {
            numbers.append(line)
            numbers.append(column)
        } else {
            numbers.append(0)
            numbers.append(0)
            whole.append((index, location))
        }
    }

    /// The same positions with no spare capacity: called once a record is read, since it is then kept whole.
    public func compacted() -> FieldLocations {
        var copy = self
        copy.pathBytes = pathBytes.withUnsafeBufferPointer { Array($0) }
        copy.numbers = numbers.withUnsafeBufferPointer { Array($0) }
        return copy
    }

    public func at(_ path: String) -> SourceLocation {
        var path = Substring(path)
        while true {
            if let found = location(path) { return found }
            guard let cut = path.lastIndex(where: { $0 == "." || $0 == "[" }) else { return start }
            path = path[..<cut]
        }
    }

    /// How many paths were set.
    private var count: Int { numbers.count / 3 }

    /// The bytes of path `index`.
    private func bytes(_ index: Int) -> ArraySlice<UInt8> {
        pathBytes[(index == 0 ? 0 : Int(numbers[3 * index - 3]))..<Int(numbers[3 * index])]
    }

    /// The position of path `index`.
    private func location(at index: Int) -> SourceLocation {
        if let kept = whole.last(where: { $0.index == index }) { return kept.location }
        return SourceLocation(file: file, line: Int(numbers[3 * index + 1]), column: Int(numbers[3 * index + 2]))
    }

    private func location(_ path: Substring) -> SourceLocation? {
        let wanted = path.utf8
        let wantedIsASCII = wanted.allSatisfy { $0 < 0x80 }
        for index in stride(from: count - 1, through: 0, by: -1) {
            let candidate = bytes(index)
            if candidate.elementsEqual(wanted) { return location(at: index) }
            // Paths are compared as Strings are (canonical equivalence): bytes that differ can still be the same
            // text once either is not ASCII (`e` + U+0301 is `é`; the Kelvin sign is `K`).
            if !(wantedIsASCII && candidate.allSatisfy { $0 < 0x80 }), String(decoding: candidate, as: UTF8.self) == path {
                return location(at: index)
            }
        }
        return nil
    }

    /// Path → position, as set.
    private var byPath: [String: SourceLocation] {
        var byPath: [String: SourceLocation] = [:]
        for index in 0..<count { byPath[String(decoding: bytes(index), as: UTF8.self)] = location(at: index) }
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

// MARK: For the parse cache on disk (h16l)

extension FieldLocations {
    /// Every position set, in the order set: setting them again in this order on `FieldLocations(file:start:)`
    /// gives an equal value with the same storage (`ParseCacheFiles` stores a record's positions this way).
    package var positionsAsSet: [(path: String, location: SourceLocation)] {
        (0..<count).map { (String(decoding: bytes($0), as: UTF8.self), location(at: $0)) }
    }
}
