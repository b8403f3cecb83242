@testable import GazetteMachineFiles
import Foundation
import Testing

/// Issue 16, light pages: the search postings' fast paths against slow ones, on seeded random inputs.
@Suite("Search shards: postings")
struct SearchShardsTests {
    /// A small seeded generator (SplitMix64), so failures repeat.
    struct Seeded: RandomNumberGenerator {
        var state: UInt64
        mutating func next() -> UInt64 {
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }
    }

    static func decode(_ text: String) -> [Int] {
        let digits = SearchShards.digits
        var out: [Int] = [], doc = 0, value = 0, shift = 0
        for ch in text {
            let v = digits.firstIndex(of: ch)!
            if v >= 32 { value += (v - 32) << shift; shift += 5; continue }
            value += v << shift
            doc += value >> 4
            out.append(doc * 16 + (value & 15))
            value = 0
            shift = 0
        }
        return out
    }

    /// `merge` (one pass over two sorted lists) = a dictionary of document → OR of flags; `encode` reads back.
    @Test(arguments: 1...8)
    func mergeAndEncodeAgreeWithTheSlowPath(seed: UInt64) {
        var rng = Seeded(state: seed)
        for _ in 0..<200 {
            func list() -> [Int] {
                let docs = Int.random(in: 0...40, using: &rng)
                let span = [3, 50, 5_000, 100_000].randomElement(using: &rng)!
                return (0..<docs).map { _ in Int.random(in: 0..<span, using: &rng) * 16 + Int.random(in: 1...15, using: &rng) }.sorted()
            }
            let a = list(), b = list()
            var slow: [Int: Int] = [:]
            for p in a + b { slow[p >> 4, default: 0] |= p & 15 }
            let want = slow.keys.sorted().map { $0 * 16 + slow[$0]! }
            let merged = SearchShards.merge(a, b)
            #expect(merged == want)
            #expect(Self.decode(SearchShards.encode(merged)) == want)
        }
    }

    /// `flatKeys`: every piece of a flat text (a query typed with or without spaces, any case or width) finds,
    /// term by term, a key it is — or, for a word, begins.
    @Test func everyPieceOfAFlatTextIsCovered() {
        let texts = ["城东区 留守儿童关爱", "QH2017-xn-001 项目", "Ｃｈｅｎｇｄｏｎｇ District", "a b c 城 东", "2017年度 qh 2017", "〇一二三"]
        for text in texts {
            let keys = SearchShards.flatKeys(text)
            let flat = Array(SearchShards.flat(text).unicodeScalars)
            for start in flat.indices {
                for end in (start + 1)...flat.count {
                    let piece = String(String.UnicodeScalarView(flat[start..<end]))
                    for term in SearchTokenizer.terms(piece) {
                        switch term {
                        case let .han(t):
                            let found = t.unicodeScalars.count == 1 ? keys.contains { $0.contains(t) } : keys.contains(t)
                            #expect(found, "\(text): \(piece) — \(t)")
                        case let .word(w):
                            #expect(keys.contains { $0.hasPrefix(w) }, "\(text): \(piece) — \(w)")
                        }
                    }
                }
            }
        }
    }

    /// The term shards' layout: every key is in the shard the manifest sends the page to (the last whose first
    /// key is not after it), and a shard is over `termShardBytes` only when it holds one key alone — a dense
    /// key does not drag its neighbours along (each term of a long query fetches one shard).
    @Test(arguments: 1...4)
    func termShardsHoldTheirKeysWithinTheLimit(seed: UInt64) throws {
        var rng = Seeded(state: seed)
        let syllables = Array("城东区西宁留守儿童关爱服务项目养老社会工作中心心理法律援助").map(String.init)
        var documents: [SearchIndex.Document] = []
        for i in 0..<3_000 {
            // Some syllables in nearly every title (dense keys), the rest rare.
            let title = (0..<Int.random(in: 2...9, using: &rng)).map { _ in
                Bool.random(using: &rng) ? "服务" : syllables.randomElement(using: &rng)!
            }.joined() + "项目"
            documents.append(.init(kind: 0, key: "p\(i)", path: "projects/p\(i)/", title: title, subtitle: "",
                                   text: ["qh\(Int.random(in: 0...99_999, using: &rng))"]))
        }
        let shards = SearchShards(index: SearchIndex(kinds: ["project"], documents: documents))
        let files = shards.files()
        let manifest = try #require(files.first { $0.path == SearchShards.manifestPath })
        let object = try #require(try JSONSerialization.jsonObject(with: manifest.bytes) as? [String: Any])
        let firsts = try #require(object["shards"] as? [String])
        var seen = 0
        for (number, first) in firsts.enumerated() {
            let file = try #require(files.first { $0.path == SearchShards.termShardPath(number) })
            let terms = try #require(try JSONSerialization.jsonObject(with: file.bytes) as? [String: String])
            #expect(file.bytes.count <= SearchShards.termShardBytes + 64 || terms.count == 1,
                    "shard \(number): \(file.bytes.count) bytes, \(terms.count) keys")
            for key in terms.keys {
                // The page's lookup: the last shard whose first key is not after the key (UTF-16 order).
                let found = firsts.lastIndex { !SearchShards.utf16Before(key, $0) }
                #expect(found == number, "\(key) is in shard \(number), the manifest says \(String(describing: found))")
            }
            #expect(number == 0 ? first == "" : terms[first] != nil)
            seen += terms.count
        }
        #expect(seen == shards.entries().count)
        #expect(firsts.count > 3)
    }
}
