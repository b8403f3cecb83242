import Foundation
import Synchronization
import Testing

/// `gazette serve`, started on a free port for each test, over real sockets.
@Suite("gazette serve", .serialized)
struct ServeTests {
    @Test func servesPagesAssetsAnd404s() throws {
        let fixture = try Fixture.copyOfSample()
        let server = try PreviewProcess(content: fixture.root)
        defer { server.stop() }
        let base = server.basePath
        #expect(base == "/gmfw/")

        let home = try RawHTTP.request(port: server.port, target: base)
        #expect(home.status == 200)
        #expect(home.headers["content-type"] == "text/html; charset=utf-8")
        #expect(home.text.contains("<h1>"))
        #expect(home.text.contains("__gazette/live.js"))

        let page = try RawHTTP.request(port: server.port, target: base + "projects/qh2017-xn-001/")
        #expect(page.status == 200)
        #expect(page.text.contains("城东区留守困境儿童关爱服务项目"))
        #expect(page.text.contains("src=\"../../__gazette/live.js\""))

        let css = try RawHTTP.request(port: server.port, target: base + "theme/style.css")
        #expect(css.status == 200)
        #expect(css.headers["content-type"] == "text/css; charset=utf-8")

        let head = try RawHTTP.request(port: server.port, method: "HEAD", target: base + "theme/style.css")
        #expect(head.status == 200)
        #expect(head.body.isEmpty)
        #expect(head.headers["content-length"] == String(css.body.count))

        let etag = try #require(css.headers["etag"])
        let cached = try RawHTTP.request(port: server.port, target: base + "theme/style.css", headers: ["If-None-Match": etag])
        #expect(cached.status == 304)
        #expect(cached.body.isEmpty)
        let pageTag = try #require(page.headers["etag"])
        #expect(try RawHTTP.request(port: server.port, target: base + "projects/qh2017-xn-001/", headers: ["If-None-Match": pageTag]).status == 304)

        let missing = try RawHTTP.request(port: server.port, target: base + "no/such/page/")
        #expect(missing.status == 404)
        #expect(missing.text.contains("href=\"/gmfw/theme/style.css\""), "the site's own 404 page")

        let root = try RawHTTP.request(port: server.port, target: "/")
        #expect(root.status == 301 && root.headers["location"] == base)
        let folder = try RawHTTP.request(port: server.port, target: base + "projects")
        #expect(folder.status == 301 && folder.headers["location"] == base + "projects/")
        #expect(try RawHTTP.request(port: server.port, method: "POST", target: base).status == 405)
    }

    @Test func nothingOutsideTheSiteCanBeRead() throws {
        let fixture = try Fixture.copyOfSample()
        let server = try PreviewProcess(content: fixture.root)
        defer { server.stop() }
        let base = server.basePath
        // A link inside the content pointing outside: reported as an error, never served.
        let events = try EventListener(port: server.port, path: base + "__gazette/events")
        defer { events.close() }
        #expect(events.wait(timeout: 60) { $0.contains("event: hello") } != nil)
        try FileManager.default.createDirectory(at: fixture.url("assets"), withIntermediateDirectories: true)
        try FileManager.default.createSymbolicLink(atPath: fixture.url("assets/passwd").path, withDestinationPath: "/etc/passwd")
        #expect(events.wait(timeout: 60) { $0.contains("\"errors\":true") } != nil)
        let attempts = [
            base + "../content/site.yaml", base + "../../etc/passwd", "/../etc/passwd", base + "%2e%2e/%2e%2e/etc/passwd",
            base + "%2E%2E%2F%2E%2E%2Fetc%2Fpasswd", base + "..%2f..%2fetc%2fpasswd", base + "..%5c..%5cetc%5cpasswd",
            base + "%252e%252e/%252e%252e/etc/passwd", base + "%25%32%65%25%32%65/etc/passwd", base + "index.html%00.css",
            base + "%00", base + "./index.html", base + "projects//qh2017-xn-001/", "//etc/passwd", base + "\\..\\..\\etc\\passwd",
            base + String(repeating: "a/", count: 3000), base + "%c0%ae%c0%ae/etc/passwd", base + "assets/passwd",
            base + "%", base + "%zz", base + "..", base + "../", base + "...",
        ]
        for target in attempts {
            let response = try RawHTTP.request(port: server.port, target: target)
            #expect(response.status == 400 || response.status == 404, "\(target.prefix(60)) → \(response.status)")
            #expect(!response.text.contains("root:x:0:0"), "\(target.prefix(60)) leaked /etc/passwd")
            #expect(!response.text.contains("base_url:"), "\(target.prefix(60)) leaked content")
        }
    }

    @Test func aPortInUseIsAClearError() throws {
        let fixture = try Fixture.copyOfSample()
        let first = try PreviewProcess(content: fixture.root)
        defer { first.stop() }
        let second = try GazetteBinary.run(["serve", "--lang", "en", "--port", String(first.port), "--content", fixture.root.path,
                                            "--templates", Fixture.packageRoot.appendingPathComponent("templates").path], timeout: 20)
        #expect(second.status == 2)
        #expect(second.stderr.contains("already in use"))
    }

    /// Saving a notice sends a reload event naming its page, and the new text is served. How quickly is the
    /// benchmark's to measure (scripts/bench-serve); the wait here only bounds a hang.
    @Test func editingANoticeReloads() throws {
        let fixture = try Fixture.copyOfSample()
        let server = try PreviewProcess(content: fixture.root)
        defer { server.stop() }
        let events = try EventListener(port: server.port, path: server.basePath + "__gazette/events")
        defer { events.close() }
        #expect(events.wait(timeout: 60) { $0.contains("event: hello") } != nil)
        try fixture.replace("notices/2017-04-launch.md", "服务对象**不需要花一分钱**", with: "服务对象**一分钱也不用花**")
        let seconds = events.wait(timeout: 60) { $0.contains("\"changed\":[") && $0.contains("notices/2017-04-launch/index.html") }
        #expect(seconds != nil, "no reload event naming the notice's page")
        let page = try RawHTTP.request(port: server.port, target: server.basePath + "notices/2017-04-launch/")
        #expect(page.text.contains("一分钱也不用花"))
        // Only pages whose bytes changed are announced: no project page.
        #expect(!events.text.contains("projects/"))
    }

    /// A broken file shows over every page with its file and line; fixing it reloads the pages.
    @Test func errorsShowOverTheLastGoodSite() throws {
        let fixture = try Fixture.copyOfSample()
        let server = try PreviewProcess(content: fixture.root)
        defer { server.stop() }
        let events = try EventListener(port: server.port, path: server.basePath + "__gazette/events")
        defer { events.close() }
        #expect(events.wait(timeout: 60) { $0.contains("event: hello") } != nil)
        try fixture.replace(xn001, "amount: 180000", with: "amount: 1e5")
        #expect(events.wait(timeout: 60) { $0.contains("\"errors\":true") } != nil)
        for target in ["", "notices/", "projects/qh2017-hx-001/"] {
            let page = try RawHTTP.request(port: server.port, target: server.basePath + target)
            #expect(page.status == 200)
            #expect(page.text.contains("id=\"gazette-errors\""), "overlay on \(target)")
            #expect(page.text.contains("content/projects/qh2017-xn-001.yaml:"), "the file, on \(target)")
            #expect(page.text.contains("<h1>"), "the last good page underneath, on \(target)")
        }
        let overlay = try RawHTTP.request(port: server.port, target: server.basePath).text
        #expect(overlay.contains("8 | amount: 1e5"), "the offending line")
        #expect(overlay.contains("content/projects/qh2017-xn-001.yaml:8:9"))
        try fixture.replace(xn001, "amount: 1e5", with: "amount: 180000")
        #expect(events.wait(timeout: 60) { $0.components(separatedBy: "\"errors\":false").count > 1 } != nil)
        let fixed = try RawHTTP.request(port: server.port, target: server.basePath)
        #expect(!fixed.text.contains("gazette-errors"))
    }

    /// Ctrl-C (SIGINT) or SIGTERM: every service stops gracefully and the process exits with 0.
    @Test(arguments: [SIGINT, SIGTERM]) func ctrlCStopsPromptlyWithTabsOpen(signal: Int32) throws {
        let fixture = try Fixture.copyOfSample()
        let server = try PreviewProcess(content: fixture.root)
        defer { server.stop() }
        let events = try EventListener(port: server.port, path: server.basePath + "__gazette/events")
        defer { events.close() }
        #expect(events.wait(timeout: 60) { $0.contains("event: hello") } != nil)
        kill(server.process.processIdentifier, signal)
        // Waited for by its exit: with the event streams open, a server that waited for them would never stop
        // (the limit is only against that hang, not a measure of speed on a shared machine).
        #expect(server.waitForExit(timeout: 30), "still running 30 s after signal \(signal) with a tab open")
        #expect(server.process.terminationReason == .exit && server.process.terminationStatus == 0,
                "a graceful stop, not death by the signal: \(server.process.terminationReason.rawValue)/\(server.process.terminationStatus)")
        // The tab's event stream was ended by the server, not cut.
        #expect(events.waitUntilEndedByServer(timeout: 30))
    }

    @Test func errorsInTheFirstBuildShowToo() throws {
        let fixture = try Fixture.copyOfSample()
        try fixture.replace(xn001, "amount: 180000", with: "amount: 1e5")
        let server = try PreviewProcess(content: fixture.root)
        defer { server.stop() }
        #expect(server.basePath == "/gmfw/")
        let page = try RawHTTP.request(port: server.port, target: server.basePath)
        #expect(page.status == 500)
        #expect(page.text.contains("id=\"gazette-errors\""))
        #expect(page.text.contains("projects/qh2017-xn-001.yaml:8:9"))
        #expect(page.text.contains("__gazette/live.js"))
        let events = try EventListener(port: server.port, path: server.basePath + "__gazette/events")
        defer { events.close() }
        #expect(events.wait(timeout: 60) { $0.contains("event: hello") } != nil)
        try fixture.replace(xn001, "amount: 1e5", with: "amount: 180000")
        #expect(events.wait(timeout: 60) { $0.contains("\"errors\":false") } != nil)
        #expect(try RawHTTP.request(port: server.port, target: server.basePath).status == 200)
    }

    /// A page whose event stream connects after its page changed (or reconnects) is told at once. (That a
    /// page which did not change is not told is decided when it subscribes: ServeInProcessTests checks it
    /// without waiting for something not to happen.)
    @Test func aLateListenerLearnsWhatItMissed() throws {
        let fixture = try Fixture.copyOfSample()
        let server = try PreviewProcess(content: fixture.root)
        defer { server.stop() }
        let watcher = try EventListener(port: server.port, path: server.basePath + "__gazette/events")
        defer { watcher.close() }
        #expect(watcher.wait(timeout: 60) { $0.contains("event: hello") } != nil)
        try fixture.replace("notices/2017-04-launch.md", "服务对象**不需要花一分钱**", with: "服务对象**一分钱也不用花**")
        #expect(watcher.wait(timeout: 60) { $0.contains("notices/2017-04-launch/index.html") } != nil)
        let page = "notices/2017-04-launch/index.html"
        let late = try EventListener(port: server.port, path: server.basePath + "__gazette/events?page=\(page)&since=1")
        defer { late.close() }
        #expect(late.wait(timeout: 60) { $0.contains("event: change") && $0.contains(page) } != nil)
    }

    /// Requests during rebuilds always get a whole page.
    @Test func pagesAreWholeDuringRebuilds() throws {
        let fixture = try Fixture.copyOfSample()
        let server = try PreviewProcess(content: fixture.root)
        defer { server.stop() }
        let done = LockedFlag(), waitsTimedOut = LockedFlag()
        let writer = Thread {
            // Each edit as soon as the server has rebuilt for the one before: it is rebuilding all the time.
            for round in 0..<10 {
                let rebuilds = Self.rebuildLines(server.log)
                try? fixture.replace("notices/2017-04-launch.md", round % 2 == 0 ? "百姓点菜" : "百姓點菜", with: round % 2 == 0 ? "百姓點菜" : "百姓点菜")
                let rebuilt = server.wait(timeout: 60) { log, exited in exited || Self.rebuildLines(log) > rebuilds }
                if !rebuilt { waitsTimedOut.set() }
            }
            done.set()
        }
        writer.start()
        var fetched = 0
        while !done.value {
            for target in ["", "notices/2017-04-launch/", "projects/qh2017-xn-001/"] {
                let response = try RawHTTP.request(port: server.port, target: server.basePath + target)
                #expect(response.status == 200)
                #expect(response.text.hasSuffix("</html>\n"), "a whole page")
                fetched += 1
            }
        }
        #expect(fetched > 10)
        #expect(!waitsTimedOut.value, "the server did not report a rebuild after an edit")
    }

    /// The server's "rebuilt" lines so far, in either language (the sample's site is zh-CN).
    static func rebuildLines(_ log: String) -> Int {
        log.components(separatedBy: "rebuilt in ").count + log.components(separatedBy: "重新生成，用时").count - 2
    }
}

final class LockedFlag: Sendable {
    private let flag = Mutex(false)
    func set() { flag.withLock { $0 = true } }
    var value: Bool { flag.withLock { $0 } }
}
