import Foundation
import GazettePublish
import GazetteOutput
import Testing

/// The release / verify / flip / prune logic of `gazette publish`, on temporary folders.
@Suite("gazette publish: releases")
struct PublishTests {
    /// A small site: the files given plus their manifest.json.
    static func bundle(_ files: [String: String]) throws -> SiteBundle {
        let outputs = files.map { OutputFile(path: $0.key, text: $0.value) }
        return try SiteBundle(files: outputs + [Manifest(outputs).file])
    }

    static func temporaryTarget() throws -> URL {
        let url = Fixture.scratch.appendingPathComponent("gazette-publish-test-\(UUID().uuidString)/www")
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        return url
    }

    static func publisher(_ root: URL) -> Publisher {
        Publisher(store: LocalStore(root: root), target: .local(root))
    }

    static func read(_ root: URL, _ path: String) throws -> String {
        try String(contentsOf: root.appendingPathComponent("current/" + path), encoding: .utf8)
    }

    static func inode(_ url: URL) -> UInt64 {
        var info = stat()
        return lstat(url.path, &info) == 0 ? UInt64(info.st_ino) : 0
    }

    let v1: [String: String] = ["index.html": "<h1>one</h1>", "theme/style.css": "body{}", "notices/a/index.html": "a",
                                "notices/gone/index.html": "gone"]
    var v2: [String: String] {
        var files = v1
        files["index.html"] = "<h1>two</h1>"
        files["notices/b/index.html"] = "b"
        files["notices/gone/index.html"] = nil
        return files
    }

    @Test func firstPublicationCopiesEverythingAndLinksCurrent() throws {
        let root = try Self.temporaryTarget()
        let site = try Self.bundle(v1)
        #expect(site.id.count == 12 && site.manifestHash.hasPrefix(site.id))
        let report = try Self.publisher(root).publish(site, keep: 5)
        #expect(report.counts == TransferCounts(copied: 5, linked: 0))
        #expect(report.previous == nil)
        #expect(report.verified == 5)
        #expect(try FileManager.default.destinationOfSymbolicLink(atPath: root.appendingPathComponent("current").path) == "releases/\(site.id)")
        #expect(try Self.read(root, "index.html") == "<h1>one</h1>")
        #expect(!FileManager.default.fileExists(atPath: root.appendingPathComponent("current.tmp").path))
    }

    @Test func anUpdateCopiesOnlyChangedFilesAndLinksTheRest() throws {
        let root = try Self.temporaryTarget()
        let first = try Self.bundle(v1)
        let second = try Self.bundle(v2)
        _ = try Self.publisher(root).publish(first, keep: 5)
        let report = try Self.publisher(root).publish(second, keep: 5)
        // index.html, notices/b/index.html and manifest.json are new bytes; the two others are links.
        #expect(report.counts == TransferCounts(copied: 3, linked: 2))
        #expect(report.changes.added == ["notices/b/index.html"])
        #expect(report.changes.changed == ["index.html"])
        #expect(report.changes.removed == ["notices/gone/index.html"])
        #expect(report.previous == first.id)
        let old = root.appendingPathComponent("releases/\(first.id)/theme/style.css")
        let new = root.appendingPathComponent("releases/\(second.id)/theme/style.css")
        #expect(Self.inode(old) == Self.inode(new))
        #expect(try Self.read(root, "index.html") == "<h1>two</h1>")
        #expect(!FileManager.default.fileExists(atPath: root.appendingPathComponent("current/notices/gone/index.html").path))
        // The same content again: nothing to do.
        let again = try Self.publisher(root).publish(second, keep: 5)
        #expect(again.alreadyLive)
    }

    @Test func dryRunListsChangesAndWritesNothing() throws {
        let root = try Self.temporaryTarget()
        _ = try Self.publisher(root).publish(try Self.bundle(v1), keep: 5)
        let before = FolderVerifier.listFiles(root)
        let report = try Self.publisher(root).dryRun(try Self.bundle(v2))
        #expect(report.changes.added == ["notices/b/index.html"])
        #expect(report.changes.changed == ["index.html"])
        #expect(report.changes.removed == ["notices/gone/index.html"])
        #expect(report.changes.unchanged == 2)
        #expect(FolderVerifier.listFiles(root) == before)
    }

    @Test func rollbackReturnsToThePreviousReleaseAndRepublishingReusesIt() throws {
        let root = try Self.temporaryTarget()
        let first = try Self.bundle(v1)
        let second = try Self.bundle(v2)
        _ = try Self.publisher(root).publish(first, keep: 5)
        _ = try Self.publisher(root).publish(second, keep: 5)
        let back = try Self.publisher(root).rollback()
        #expect(back.from == second.id && back.to == first.id)
        #expect(try Self.read(root, "index.html") == "<h1>one</h1>")
        // Nothing before the first publication.
        #expect(throws: PublishError.self) { try Self.publisher(root).rollback() }
        let again = try Self.publisher(root).publish(second, keep: 5)
        #expect(again.reused)
        #expect(try Self.read(root, "index.html") == "<h1>two</h1>")
    }

    @Test func verifyNamesAFileAlteredAfterUpload() throws {
        let root = try Self.temporaryTarget()
        let site = try Self.bundle(v1)
        _ = try Self.publisher(root).publish(site, keep: 5)
        #expect(try Self.publisher(root).verifyLive(known: Self.known(site)).problems.isEmpty)
        try Data("tampered".utf8).write(to: root.appendingPathComponent("current/notices/a/index.html"))
        try Data("x".utf8).write(to: root.appendingPathComponent("current/extra.html"))
        let problems = try Self.publisher(root).verifyLive(known: Self.known(site)).problems
        #expect(problems.map(\.path) == ["extra.html", "notices/a/index.html"])
        #expect(problems.map(\.kind) == [.unexpected, .altered])
    }

    /// What the publisher holds here: the build it published.
    static func known(_ site: SiteBundle) -> () throws -> (releases: [Publisher.KnownRelease], reference: SiteBundle?) {
        { ([Publisher.KnownRelease(manifestHash: site.manifestHash, name: "the build")], site) }
    }

    /// Whoever can write the web root changes a figure, rewrites manifest.json to match, renames the release
    /// after the new manifest and repoints `current`: the server agrees with itself, but not with what was
    /// published from here.
    @Test func verifyDoesNotTrustARewrittenManifest() throws {
        let root = try Self.temporaryTarget()
        let site = try Self.bundle(v1)
        _ = try Self.publisher(root).publish(site, keep: 5)
        let release = root.appendingPathComponent("releases/\(site.id)")
        let forged = Data("<h1>forged</h1>".utf8)
        try forged.write(to: release.appendingPathComponent("index.html"))
        let manifestURL = release.appendingPathComponent(Manifest.path)
        var manifest = try String(contentsOf: manifestURL, encoding: .utf8)
        let oldHash = SHA256.hex(Data("<h1>one</h1>".utf8))
        #expect(manifest.contains(oldHash))
        manifest = manifest.replacingOccurrences(of: oldHash, with: SHA256.hex(forged))
        try Data(manifest.utf8).write(to: manifestURL)
        let newID = String(SHA256.hex(Data(manifest.utf8)).prefix(12))
        try FileManager.default.moveItem(at: release, to: root.appendingPathComponent("releases/\(newID)"))
        try FileManager.default.removeItem(at: root.appendingPathComponent("current"))
        try FileManager.default.createSymbolicLink(atPath: root.appendingPathComponent("current").path, withDestinationPath: "releases/\(newID)")

        let check = try Self.publisher(root).verifyLive(known: Self.known(site))
        #expect(check.id == newID)
        #expect(check.shows == nil)
        #expect(check.problems.map(\.path).sorted() == ["index.html", "manifest.json"])
    }

    @Test func verifySaysWhichPublicationTheServerShows() throws {
        let root = try Self.temporaryTarget()
        let first = try Self.bundle(v1), second = try Self.bundle(v2)
        _ = try Self.publisher(root).publish(first, keep: 5)
        _ = try Self.publisher(root).publish(second, keep: 5)
        _ = try Self.publisher(root).rollback()
        let check = try Self.publisher(root).verifyLive {
            ([.init(manifestHash: second.manifestHash, name: "the build"), .init(manifestHash: first.manifestHash, name: "publication 1")], second)
        }
        #expect(check.shows?.name == "publication 1" && check.problems.isEmpty)
    }

    @Test func publishingTheLiveContentAgainRepairsAlteredFiles() throws {
        let root = try Self.temporaryTarget()
        let site = try Self.bundle(v1)
        _ = try Self.publisher(root).publish(site, keep: 5)
        try Data("tampered".utf8).write(to: root.appendingPathComponent("current/index.html"))
        try FileManager.default.removeItem(at: root.appendingPathComponent("current/theme/style.css"))
        try Data("x".utf8).write(to: root.appendingPathComponent("current/extra.html"))
        let report = try Self.publisher(root).publish(site, keep: 5)
        #expect(report.alreadyLive)
        #expect(report.repaired.map(\.path) == ["extra.html", "index.html", "theme/style.css"])
        #expect(try Self.publisher(root).verifyLive(known: Self.known(site)).problems.isEmpty)
        #expect(try Self.read(root, "index.html") == "<h1>one</h1>")
    }

    @Test func anAlteredLiveFileIsNotLinkedIntoTheNextRelease() throws {
        let root = try Self.temporaryTarget()
        _ = try Self.publisher(root).publish(try Self.bundle(v1), keep: 5)
        // Someone edits a live file in place; the next publication must not carry the edit along.
        try Data("tampered".utf8).write(to: root.appendingPathComponent("current/theme/style.css"))
        let second = try Self.bundle(v2)
        let report = try Self.publisher(root).publish(second, keep: 5)
        #expect(report.counts.linked == 0)
        #expect(try Self.read(root, "theme/style.css") == "body{}")
    }

    @Test func aLeftoverPartialReleaseIsCleanedAndCurrentUntouched() throws {
        let root = try Self.temporaryTarget()
        let first = try Self.bundle(v1)
        _ = try Self.publisher(root).publish(first, keep: 5)
        // What a killed upload leaves behind.
        let partial = root.appendingPathComponent("releases/.partial-0123456789ab")
        try FileManager.default.createDirectory(at: partial, withIntermediateDirectories: true)
        try Data("half".utf8).write(to: partial.appendingPathComponent("index.html"))
        #expect(try LocalStore(root: root).currentID() == first.id)
        _ = try Self.publisher(root).publish(try Self.bundle(v2), keep: 5)
        #expect(!FileManager.default.fileExists(atPath: partial.path))
    }

    @Test func pruningKeepsTheLastReleases() throws {
        let root = try Self.temporaryTarget()
        var ids: [String] = []
        for n in 1...4 {
            let site = try Self.bundle(["index.html": "<h1>\(n)</h1>"])
            ids.append(site.id)
            _ = try Self.publisher(root).publish(site, keep: 2)
        }
        #expect(try LocalStore(root: root).releaseIDs() == [ids[2], ids[3]].sorted())
        #expect(try LocalStore(root: root).currentID() == ids[3])
    }

    @Test func aCurrentThatIsAFolderIsRefused() throws {
        let root = try Self.temporaryTarget()
        try FileManager.default.createDirectory(at: root.appendingPathComponent("current"), withIntermediateDirectories: true)
        #expect(throws: PublishError.self) { try Self.publisher(root).publish(try Self.bundle(v1), keep: 5) }
    }

    @Test func targets() throws {
        #expect(try PublishTarget.parse("deploy@web1:/srv/gazette/") == .remote(host: "deploy@web1", path: "/srv/gazette"))
        #expect(try PublishTarget.parse("/srv/gazette").description == "/srv/gazette")
        #expect(try PublishTarget.parse("/srv/gazette").livePath == "/srv/gazette/current")
        guard case .local(let url) = try PublishTarget.parse("./a:b") else {
            Issue.record("./a:b should be a folder")
            return
        }
        #expect(url.lastPathComponent == "a:b")
        #expect(throws: PublishError.self) { try PublishTarget.parse("web1:relative") }
    }

    @Test func theLogKnowsWhatWasLiveBefore() {
        let log = PublishLog(text: """
        t\tpublish\taaaaaaaaaaaa\t-
        t\tpublish\tbbbbbbbbbbbb\taaaaaaaaaaaa
        t\trollback\taaaaaaaaaaaa\tbbbbbbbbbbbb
        t\tpublish\tcccccccccccc\taaaaaaaaaaaa
        """)
        #expect(log.previous(of: "cccccccccccc") == "aaaaaaaaaaaa")
        #expect(log.previous(of: "aaaaaaaaaaaa") == nil)
        #expect(log.releasesToKeep(current: "cccccccccccc", existing: ["aaaaaaaaaaaa", "bbbbbbbbbbbb", "cccccccccccc"], keep: 2)
            == ["cccccccccccc", "aaaaaaaaaaaa"])
    }

    @Test func nginxConfiguration() throws {
        let config = try NginxConfig(baseURL: "https://mzt.example.gov.cn/gmfw/", root: "/srv/gazette/current")
        let text = config.text
        #expect(text.contains("location /gmfw/ {"))
        #expect(text.contains("alias /srv/gazette/current/;"))
        #expect(text.contains("error_page 404 /gmfw/404.html;"))
        #expect(text.contains("server_name mzt.example.gov.cn;"))
        #expect(text.contains("try_files $uri $uri/ =404;"))
        #expect(text.contains("add_header X-Content-Type-Options \"nosniff\" always;"))
        #expect(text.contains("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet xlsx;"))
        #expect(throws: PublishError.self) { try NginxConfig(baseURL: "ftp://x/", root: "/srv") }
        #expect(throws: PublishError.self) { try NginxConfig(baseURL: "https://x/a/", root: "/srv/a;b") }
    }

    /// docs/nginx.md shows exactly what `gazette nginx --to /srv/gazette` prints for the sample.
    @Test func theDocumentedConfigurationIsTheGeneratedOne() throws {
        let doc = try String(contentsOf: Fixture.packageRoot.appendingPathComponent("docs/nginx.md"), encoding: .utf8)
        let start = try #require(doc.range(of: "```nginx\n"))
        let end = try #require(doc.range(of: "```", range: start.upperBound..<doc.endIndex))
        let shown = String(doc[start.upperBound..<end.lowerBound])
        let config = try NginxConfig(baseURL: "https://mzt.example.gov.cn/gmfw/", root: "/srv/gazette/current")
        #expect(shown == config.text, "docs/nginx.md is out of date: paste `gazette nginx --to /srv/gazette` into it")
    }
}
