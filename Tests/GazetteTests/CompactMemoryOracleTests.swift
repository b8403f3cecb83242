import Foundation
import GazetteModel
import GazetteSpreadsheet
import Testing

/// What is kept compactly for memory at a province's scale, against the plain representation it replaced.
/// `FieldLocations` keeps a record's field positions as the paths' bytes and three numbers a path; its
/// oracle is the plain list of (path, location) pairs. Seeded random records — real paths, paths
/// that are prefixes of one another, paths set twice, non-ASCII and canonically equivalent paths, positions in
/// another file, lines and columns outside `UInt32` — must give the same position for every lookup, the same
/// equality and the same hash, compacted or not.
@Suite("Compact representations against plain ones")
struct CompactMemoryOracleTests {
    /// The representation `FieldLocations` replaced: every pair kept as set, the last one for a path counting.
    struct PlainFieldLocations {
        var file: String
        var start: GazetteModel.SourceLocation
        var entries: [(path: String, location: GazetteModel.SourceLocation)] = []

        init(file: String) {
            self.file = file
            start = GazetteModel.SourceLocation(file: file, line: 1, column: 1)
        }

        mutating func set(_ path: String, _ location: GazetteModel.SourceLocation) { entries.append((path, location)) }

        func at(_ path: String) -> GazetteModel.SourceLocation {
            var path = Substring(path)
            while true {
                if let found = entries.last(where: { $0.path == String(path) })?.location { return found }
                guard let cut = path.lastIndex(where: { $0 == "." || $0 == "[" }) else { return start }
                path = path[..<cut]
            }
        }

        var byPath: [String: GazetteModel.SourceLocation] {
            var byPath: [String: GazetteModel.SourceLocation] = [:]
            for entry in entries { byPath[entry.path] = entry.location }
            return byPath
        }
    }

    static let pieces = ["title", "amount", "midterm", "date", "spot_check", "by", "services", "documents", "file",
                         "数量", "cafe\u{301}", "café", "\u{212A}", "K", "", "a.b", "x[", "]"]

    static func path(_ random: inout SeededRandom) -> String {
        var path = random.pick(pieces)
        for _ in 0..<Int.random(in: 0...2, using: &random) {
            path += Bool.random(using: &random) ? "." + random.pick(pieces) : "[\(Int.random(in: 0...3, using: &random))]"
        }
        return path
    }

    static func location(_ random: inout SeededRandom, file: String) -> GazetteModel.SourceLocation {
        let files = [file, file, file, file, "projects/other.yaml", ""]
        let numbers = [0, 1, 2, 17, 4_000, Int(UInt32.max), Int(UInt32.max) + 1, -1, Int.max, Int.min]
        return GazetteModel.SourceLocation(file: random.pick(files), line: random.pick(numbers), column: random.pick(numbers))
    }

    @Test func compactLocationsMatchThePlainList() {
        var random = SeededRandom(seed: 0x16_0008)
        for round in 0..<600 {
            let file = round % 2 == 0 ? "projects/qh2017-xn-\(round).yaml" : "notices/公告-\(round).md"
            var compact = FieldLocations(file: file)
            var plain = PlainFieldLocations(file: file)
            var twin = FieldLocations(file: file)
            var set: [String] = []
            for _ in 0..<Int.random(in: 0...40, using: &random) {
                // Sometimes a path set before, set again.
                let path = !set.isEmpty && Int.random(in: 0..<5, using: &random) == 0 ? random.pick(set) : Self.path(&random)
                let location = Self.location(&random, file: file)
                compact.set(path, location)
                plain.set(path, location)
                twin.set(path, location)
                set.append(path)
            }
            let compacted = compact.compacted()
            for _ in 0..<30 {
                let query = !set.isEmpty && Bool.random(using: &random) ? random.pick(set) + random.pick(["", ".date", "[0]", "[1].file"])
                    : Self.path(&random)
                #expect(compact.at(query) == plain.at(query), "round \(round): \(query.debugDescription)")
                #expect(compacted.at(query) == plain.at(query), "round \(round), compacted: \(query.debugDescription)")
            }
            #expect(compact == compacted && compact == twin)
            #expect(compact.hashValue == compacted.hashValue && compact.hashValue == twin.hashValue)
            // Equal exactly when the plain lists' path → position tables are equal.
            var other = FieldLocations(file: file)
            var otherPlain = PlainFieldLocations(file: file)
            for (path, location) in plain.entries.dropLast(round % 3) {
                other.set(path, location)
                otherPlain.set(path, location)
            }
            #expect((other == compact) == (otherPlain.byPath == plain.byPath), "round \(round)")
        }
    }

    /// The workbook's sheet XML is made in pieces (`PieceBytes`) and read back by the zip writer in slices; its
    /// oracle is the text made whole. Random texts (CJK, empty, longer than a piece) and piece sizes from one
    /// byte up; every slice the zip writer could ask for, across the seams.
    @Test func pieceBytesMatchTheWholeText() {
        var random = SeededRandom(seed: 0x16_0009)
        let words = ["<c r=\"A1\">", "", "青海省", "x", "&amp;", String(repeating: "长", count: 40), "\n"]
        for round in 0..<300 {
            var pieces = PieceBytes(pieceSize: random.pick([1, 2, 7, 64, 1000]))
            var whole = ""
            for _ in 0..<Int.random(in: 0...60, using: &random) {
                let word = random.pick(words)
                pieces += word
                whole += word
            }
            let bytes = Data(whole.utf8)
            #expect(pieces.count == bytes.count, "round \(round)")
            for _ in 0..<20 {
                let position = Int.random(in: 0...bytes.count, using: &random)
                let count = Int.random(in: 0...max(1, bytes.count - position + 3), using: &random)
                let expected = bytes.subdata(in: position..<min(bytes.count, position + count))
                #expect(pieces.data(from: position, count: count) == expected, "round \(round): \(position)+\(count)")
            }
        }
    }
}
