import Foundation
@testable import GazetteOutput
import Testing

/// The output path check over bytes (`OutputFile.isSafePath`, ASCII paths) against the check over
/// Characters it stands in for, on seeded random paths made of the pieces that matter (`/`, `.`, `..`,
/// backslashes, NUL, empty segments) and mutated with combining marks, line ends and non-ASCII text.
@Suite("Output path check by bytes against its oracle")
struct OutputPathOracleTests {
    static let pieces = ["/", ".", "..", "...", "\\", "\0", "notices", "a-b", "index.html", "x.", ".x", "\u{301}", "\r\n", "中",
                         "é", "//", "./", "/."]

    @Test func bytesGiveTheSameAnswerAsCharacters() {
        var random = SeededRandom(seed: 0x16_1a03)
        var safe = 0, unsafe = 0
        for round in 0..<RenderFastPathOracleTests.rounds * 3 {
            var path = ""
            for _ in 0..<random.int(0...6) { path += random.pick(Self.pieces) }
            if round % 3 == 0 { path = "notices/\(random.pick(["a", "b-2", "..", ".", ""]))/index.html" }
            path = random.mutated(path, round: round)
            let file = OutputFile(path: path, bytes: Data())
            #expect(file.isSafePath == file.isSafePathByCharacters, "\(path.debugDescription)")
            if file.isSafePathByCharacters { safe += 1 } else { unsafe += 1 }
        }
        // Not vacuous: both answers occur often.
        #expect(safe > 100 && unsafe > 100, "\(safe) safe, \(unsafe) not")
    }
}
