import Foundation
@testable import GazetteBuild
@testable import GazetteContent
import GazetteModel
import Testing

/// The parses `gazette build` keeps on disk between runs (`ParseCacheFiles`): every parse read back equals a fresh
/// parse of the same file (the oracle: the loader itself), on the sample and on random mutations of it that
/// give every kind of record, error and warning; a cache that is torn, altered, empty, from another program or
/// another format is ignored, never an error, and the build is then still a fresh build's.
@Suite("Parse cache on disk")
struct ParseCacheTests {
    /// A value's every stored field, dictionaries and sets in a fixed order (their own order depends on how they
    /// were filled), so two values compare equal exactly when all their fields do.
    static func describe(_ value: Any) -> String {
        let mirror = Mirror(reflecting: value)
        switch mirror.displayStyle {
        case .dictionary?, .set?:
            return "[" + mirror.children.map { describe($0.value) }.sorted().joined(separator: ", ") + "]"
        case nil:
            return String(reflecting: value)
        default:
            if mirror.children.isEmpty { return String(reflecting: value) }
            return "\(mirror.subjectType)(" + mirror.children.map { "\($0.label ?? ""): \(describe($0.value))" }.joined(separator: ", ") + ")"
        }
    }

    /// The sample's record files, mutated as editors' tools and accidents change them (some rounds unchanged).
    static func mutatedSample(round: Int) throws -> Fixture {
        let fixture = try Fixture.copyOfSample()
        var random = SeededRandom(seed: UInt64(round) &* 7919 &+ 17)
        let files = ["projects", "organizations", "notices", "pages", "ledger"].flatMap { folder in
            ((try? FileManager.default.contentsOfDirectory(atPath: fixture.url(folder).path)) ?? []).sorted().map { "\(folder)/\($0)" }
        }
        for _ in 0..<random.int(0...8) {
            let path = random.pick(files)
            guard let text = try? fixture.read(path) else { continue }
            try fixture.write(path, random.mutated(text, round: round + 1))
        }
        return fixture
    }

    static func live(_ loaded: ContentLoader.Loaded) -> [String: UInt64] { loaded.content.fileHashes }

    @Test(arguments: 0..<24)
    func everyParseReadBackEqualsAFreshParse(round: Int) throws {
        let fixture = try Self.mutatedSample(round: round)
        let folder = try TemporaryFolder("parses")
        let written = ContentCache()
        let fresh = ContentLoader.load(from: fixture.root, cache: written)
        ParseCacheFiles.save(written, live: Self.live(fresh), folder: folder.url, program: "test", loaded: .init())

        let read = ContentCache()
        let loaded = ParseCacheFiles.load(into: read, folder: folder.url, program: "test")
        #expect(loaded.count == written.count && loaded.count > 50, "round \(round): \(loaded.count) of \(written.count) parses read back")
        for (path, entry) in written.entries {
            let back = try #require(read.entries[path], "round \(round): \(path) not read back")
            #expect(back.key == entry.key, "round \(round): \(path)")
            #expect(Self.describe(back.result) == Self.describe(entry.result), "round \(round): \(path) read back differs from its parse")
        }
        // Loading with the parses read back: the same content and diagnostics as a fresh load.
        let again = ContentLoader.load(from: fixture.root, cache: read)
        #expect(again.diagnostics == fresh.diagnostics, "round \(round)")
        #expect(Self.describe(again.content) == Self.describe(fresh.content), "round \(round): content differs")
        // Saving again with nothing changed writes nothing.
        let before = try Self.times(folder.url)
        ParseCacheFiles.save(read, live: Self.live(again), folder: folder.url, program: "test", loaded: loaded)
        #expect(try Self.times(folder.url) == before, "round \(round): shards written again with nothing changed")
    }

    /// Each shard's modification time and inode.
    static func times(_ folder: URL) throws -> [String: String] {
        var times: [String: String] = [:]
        for name in try FileManager.default.contentsOfDirectory(atPath: folder.path) {
            var info = stat()
            stat(folder.appendingPathComponent(name).path, &info)
            times[name] = "\(info.st_ino) \(info.st_mtim.tv_sec).\(info.st_mtim.tv_nsec)"
        }
        return times
    }

    @Test func aBrokenOrOtherCacheIsIgnored() throws {
        let fixture = try Fixture.copyOfSample()
        let folder = try TemporaryFolder("parses")
        let written = ContentCache()
        let fresh = ContentLoader.load(from: fixture.root, cache: written)
        ParseCacheFiles.save(written, live: Self.live(fresh), folder: folder.url, program: "test", loaded: .init())
        let shards = try FileManager.default.contentsOfDirectory(atPath: folder.url.path).sorted()
        try #require(shards.count > 10)
        let all = ParseCacheFiles.load(into: ContentCache(), folder: folder.url, program: "test").count
        #expect(ParseCacheFiles.load(into: ContentCache(), folder: folder.url, program: "another gazette").count == 0)

        var random = SeededRandom(seed: 16)
        let breakages: [(String, (Data) -> Data)] = [
            ("truncated", { $0.prefix($0.count / 2) }),
            ("last byte gone", { $0.dropLast() }),
            ("a byte changed", { data in
                var data = data
                let index = Int.random(in: 0..<data.count, using: &random)
                data[data.startIndex + index] ^= 0x20
                return data
            }),
            ("empty", { _ in Data() }),
            ("text", { _ in Data("gazette-parse 0\nnot a cache\n".utf8) }),
            ("doubled", { $0 + $0 }),
        ]
        for (name, breakage) in breakages {
            let shard = folder.url.appendingPathComponent(shards[0])
            let original = try Data(contentsOf: shard)
            let entries = try ParseCacheFiles.decode(original, program: "test").count
            try breakage(original).write(to: shard)
            let cache = ContentCache()
            let loaded = ParseCacheFiles.load(into: cache, folder: folder.url, program: "test")
            #expect(loaded.count == all - entries, "\(name): \(loaded.count) read, \(all - entries) expected")
            // The files of the broken shard are parsed again: the same content as a fresh load.
            let again = ContentLoader.load(from: fixture.root, cache: cache)
            #expect(again.diagnostics == fresh.diagnostics && Self.describe(again.content) == Self.describe(fresh.content), "\(name)")
            try original.write(to: shard)
        }
    }

    /// Through `gazette build`: a build after a notice edit, with every shard of the parse cache altered, still
    /// writes a fresh build's site; and the cache is used (its folder beside the output is written).
    @Test func aBuildWithABrokenCacheIsAFreshBuild() throws {
        let fixture = try Fixture.copyOfSample()
        let folder = fixture.root.deletingLastPathComponent()
        let output = folder.appendingPathComponent("out")
        let options = Build.Options(content: fixture.root, templates: Fixture.packageRoot.appendingPathComponent("templates"), output: output)
        try #require(try Build.run(options).written)
        let parses = BuildState.parsesURL(for: output)
        let shards = try FileManager.default.contentsOfDirectory(atPath: parses.path)
        #expect(shards.count > 10, "\(shards)")
        for shard in shards {
            let url = parses.appendingPathComponent(shard)
            var data = try Data(contentsOf: url)
            data[data.startIndex + data.count / 2] ^= 0x01
            try data.write(to: url)
        }
        try fixture.append("notices/2017-11-midterm-results.md", "\n又一段。\n")
        let result = try Build.run(options)
        #expect(result.written && !result.unchanged)
        let fresh = folder.appendingPathComponent("fresh")
        let expected = try Build.run(Build.Options(content: fixture.root, templates: options.templates, output: fresh))
        #expect(result.diagnostics == expected.diagnostics)
        #expect(try IncrementalBuildOnDiskTests.tree(output) == IncrementalBuildOnDiskTests.tree(fresh))
        // The shards were written again, readable.
        #expect(ParseCacheFiles.load(into: ContentCache(), folder: parses, program: BuildState.programIdentity()).count > 50)
    }
}
