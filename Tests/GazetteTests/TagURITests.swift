@testable import GazetteMachineFiles
import Testing

/// Feed IDs (`TagURI`): what they look like, and the prefix a feed's notice entries share (made once per
/// feed set instead of parsing the base URL for each entry) followed by the path is the whole tag, on seeded
/// random base URLs (schemes, user info, ports, IPv6 hosts, base paths, capitals) and paths.
@Suite("Feed tag URIs")
struct TagURITests {
    @Test func tagsOfKnownSites() {
        #expect(TagURI.make(baseURL: "https://MZ.qinghai.gov.cn/gmfw/", date: "2017", path: "notices/a/")
            == "tag:mz.qinghai.gov.cn,2017:/gmfw/notices/a/")
        #expect(TagURI.make(baseURL: "http://user@localhost:8080/", date: "2017-01-01", path: "")
            == "tag:localhost,2017-01-01::8080/")
        #expect(TagURI.make(baseURL: "https://example.org", date: "2018", path: "changes/#publication-2")
            == "tag:example.org,2018:/changes/#publication-2")
    }

    @Test func prefixAndPathMakeTheTag() {
        var random = SeededRandom(seed: 0x16_6d03)
        for _ in 0..<RenderFastPathOracleTests.rounds {
            let base = random.pick(["https://", "http://", "", "ftp://"]) + random.pick(["", "user@", "a:b@"])
                + random.pick(["Example.ORG", "localhost", "[::1]", "mz.qh.gov.cn", "例子.中国"])
                + random.pick(["", ":8080", ":"]) + random.pick(["", "/", "/gmfw/", "/a/b"])
            let date = random.pick(["2017", "2017-01-01"])
            let path = random.pick(["", "notices/x/", "projects/p-1/#steps", "中文/", "changes/#publication-3"])
            let prefix = TagURI.prefix(baseURL: base, date: date)
            #expect(prefix + path == TagURI.make(baseURL: base, date: date, path: path), "\(base) \(path)")
            #expect(prefix.hasPrefix("tag:") && !prefix.contains("@"), "\(base)")
        }
    }
}
