import Foundation
import GazetteModel
import GazetteBuild
import GazetteOutput
@testable import GazetteServe
import Hummingbird
import HummingbirdTesting
import ServiceLifecycle
import Synchronization
import Testing

/// `gazette serve`'s server answered in-process (HummingbirdTesting's router client, no socket): routes,
/// types, the 404 page, the Host check, the overlay, and the rebuild loop with its watcher and events. The
/// real process over real sockets is ServeTests'.
@Suite("gazette serve, in process")
struct ServeInProcessTests {
    /// A server over a copy of the sample, built once; English lines.
    static func server(_ fixture: Fixture, lines: Lines = Lines()) async -> PreviewServer {
        let server = PreviewServer(
            .init(build: Build.Options(content: fixture.root, templates: Fixture.packageRoot.appendingPathComponent("templates"),
                                       output: URL(fileURLWithPath: "site")),
                  port: 0, language: .en),
            log: { lines.append("log", $0) }, report: { lines.append("report", $0) })
        _ = await server.buildFirst()
        return server
    }

    @Test func routesTypesAnd404() async throws {
        let fixture = try Fixture.copyOfSample()
        let server = await Self.server(fixture)
        #expect(server.basePath == "/gmfw/")
        try await server.application().test(.router) { client in
            let home = try await client.execute(uri: "/gmfw/", method: .get)
            #expect(home.status == .ok)
            #expect(home.headers[.contentType] == "text/html; charset=utf-8")
            #expect(String(buffer: home.body).contains("src=\"./__gazette/live.js\""))

            let page = try await client.execute(uri: "/gmfw/projects/qh2017-xn-001/", method: .get)
            #expect(page.status == .ok)
            #expect(String(buffer: page.body).contains("城东区留守困境儿童关爱服务项目"))
            #expect(String(buffer: page.body).contains("src=\"../../__gazette/live.js\""))

            // Every file of the site, with the type the live web server gives it (one table: MediaTypes).
            let files = server.store.snapshot.files
            #expect(files.count > 50)
            for path in files.keys.sorted() where !path.hasSuffix(".html") {
                let response = try await client.execute(uri: "/gmfw/" + path, method: .get)
                #expect(response.status == .ok, "\(path)")
                #expect(response.headers[.contentType] == MediaTypes.contentType(of: path), "\(path)")
                #expect(response.headers[.init("X-Content-Type-Options")!] == "nosniff")
                #expect(Data(response.body.readableBytesView) == files[path]?.bytes, "\(path): the bytes built")
            }
            #expect(MediaTypes.contentType(of: "theme/style.css") == "text/css; charset=utf-8")

            let css = try await client.execute(uri: "/gmfw/theme/style.css", method: .get)
            let head = try await client.execute(uri: "/gmfw/theme/style.css", method: .head)
            #expect(head.status == .ok && head.body.readableBytes == 0)
            #expect(head.headers[.contentLength] == String(css.body.readableBytes))
            let etag = try #require(css.headers[.eTag])
            let cached = try await client.execute(uri: "/gmfw/theme/style.css", method: .get, headers: [.ifNoneMatch: etag])
            #expect(cached.status == .notModified && cached.body.readableBytes == 0)
            let pageTag = try #require(page.headers[.eTag])
            #expect(try await client.execute(uri: "/gmfw/projects/qh2017-xn-001/", method: .get, headers: [.ifNoneMatch: pageTag]).status == .notModified)

            let missing = try await client.execute(uri: "/gmfw/no/such/page/", method: .get)
            #expect(missing.status == .notFound)
            #expect(String(buffer: missing.body).contains("href=\"/gmfw/theme/style.css\""), "the site's own 404 page")
            #expect(String(buffer: missing.body).contains("__gazette/live.js"))
            #expect(try await client.execute(uri: "/elsewhere", method: .get).status == .notFound)

            let root = try await client.execute(uri: "/", method: .get)
            #expect(root.status == .movedPermanently && root.headers[.location] == "/gmfw/")
            let folder = try await client.execute(uri: "/gmfw/projects", method: .get)
            #expect(folder.status == .movedPermanently && folder.headers[.location] == "/gmfw/projects/")
            let post = try await client.execute(uri: "/gmfw/", method: .post)
            #expect(post.status == .methodNotAllowed && post.headers[.allow] == "GET, HEAD")
            #expect(try await client.execute(uri: "/gmfw/../content/site.yaml", method: .get).status == .badRequest)

            let script = try await client.execute(uri: "/gmfw/__gazette/live.js", method: .get)
            #expect(script.headers[.contentType] == "text/javascript; charset=utf-8")
            #expect(String(buffer: script.body).contains("new EventSource"))
            let events = try await client.execute(uri: "/gmfw/__gazette/events", method: .head)
            #expect(events.status == .ok && events.headers[.contentType] == "text/event-stream; charset=utf-8")
        }
    }

    /// DNS rebinding: only the names the server listens as, in the authority and in every `Host` header.
    @Test func hostCheck() async throws {
        let fixture = try Fixture.copyOfSample()
        let server = await Self.server(fixture)
        try await server.application().test(.router) { client in
            for host in ["127.0.0.1:8000", "localhost:8000", "LOCALHOST", "[::1]:8000", "127.0.0.1"] {
                let response = try await client.execute(uri: "/gmfw/", method: .get, headers: [PreviewServer.hostField: host])
                #expect(response.status == .ok, "\(host)")
            }
            for host in ["evil.example", "evil.example:8000", "127.0.0.1.evil.example", "localhost.evil.example:8000", "[::2]:8000"] {
                let response = try await client.execute(uri: "/gmfw/", method: .get, headers: [PreviewServer.hostField: host])
                #expect(response.status == .misdirectedRequest, "\(host)")
                #expect(!String(buffer: response.body).contains("<h1>"), "\(host): no page")
            }
            // A second Host header that names another site is refused too, whichever comes first.
            var two = HTTPFields()
            two.append(HTTPFields.Element(name: PreviewServer.hostField, value: "127.0.0.1:8000"))
            two.append(HTTPFields.Element(name: PreviewServer.hostField, value: "evil.example"))
            #expect(try await client.execute(uri: "/gmfw/", method: .get, headers: two).status == .misdirectedRequest)
        }
    }

    /// A broken file shows over every page (the last good site underneath); fixed, the overlay goes. The
    /// editor's terminal gets the rebuild line and the diagnostic in full.
    @Test func overlayOverTheLastGoodSite() async throws {
        let fixture = try Fixture.copyOfSample()
        let lines = Lines()
        let server = await Self.server(fixture, lines: lines)
        try await server.application().test(.router) { client in
            try fixture.replace(xn001, "amount: 180000", with: "amount: 1e5")
            let broken = await server.rebuildNow()
            #expect(!broken.ok)
            let line = try #require(lines.all("log").last)
            #expect(line.hasPrefix("rebuild found 1 error(s) (") && line.hasSuffix(" ms); serving the last good site with the errors shown"))
            #expect(lines.all("report").last?.contains("content/projects/qh2017-xn-001.yaml:8:9") == true)
            for target in ["", "notices/", "projects/qh2017-hx-001/"] {
                let page = String(buffer: try await client.execute(uri: "/gmfw/" + target, method: .get).body)
                #expect(page.contains("id=\"gazette-errors\""), "overlay on \(target)")
                #expect(page.contains("content/projects/qh2017-xn-001.yaml:8:9"), "the file, on \(target)")
                #expect(page.contains("8 | amount: 1e5"), "the offending line, on \(target)")
                #expect(page.contains("<h1>"), "the last good page underneath, on \(target)")
            }
            try fixture.replace(xn001, "amount: 1e5", with: "amount: 180000")
            #expect(await server.rebuildNow().ok)
            #expect(lines.all("log").last?.hasPrefix("rebuilt in ") == true)
            #expect(!String(buffer: try await client.execute(uri: "/gmfw/", method: .get).body).contains("gazette-errors"))
        }
    }

    /// Errors in the first build: no good site yet, so every address answers 500 with the errors and the script.
    @Test func errorsInTheFirstBuild() async throws {
        let fixture = try Fixture.copyOfSample()
        try fixture.replace(xn001, "amount: 180000", with: "amount: 1e5")
        let server = await Self.server(fixture)
        try await server.application().test(.router) { client in
            let page = try await client.execute(uri: "/gmfw/", method: .get)
            #expect(page.status == .internalServerError)
            #expect(String(buffer: page.body).contains("id=\"gazette-errors\""))
            #expect(String(buffer: page.body).contains("projects/qh2017-xn-001.yaml:8:9"))
            #expect(String(buffer: page.body).contains("__gazette/live.js"))
        }
    }

    /// The services together, as `serve` runs them: an edit on disk is seen by the watcher, rebuilt by the
    /// rebuild loop, announced to the browsers (only the pages whose bytes changed) and served; when the
    /// group stops, the event streams end and every service returns.
    @Test func anEditIsWatchedRebuiltAndAnnounced() async throws {
        let fixture = try Fixture.copyOfSample()
        let server = await Self.server(fixture)
        let (watching, watchingStarted) = AsyncStream.makeStream(of: Void.self)
        let page = "notices/2017-04-launch/index.html"
        let generation = server.store.snapshot.generation
        let (_, events) = server.live.subscribe(generation: generation, page: page, since: generation)
        try await server.application(services: server.services(onWatching: { watchingStarted.yield() })).test(.router) { client in
            try await within(60, "the watcher started") { await watching.first { _ in true } }
            try fixture.replace("notices/2017-04-launch.md", "服务对象**不需要花一分钱**", with: "服务对象**一分钱也不用花**")
            let change = try await within(60, "a change event naming the notice's page") {
                await events.first { $0.hasPrefix("event: change") && $0.contains(page) }
            }
            #expect(change?.contains("\"errors\":false") == true)
            #expect(change?.contains("projects/") == false, "only pages whose bytes changed are announced")
            let served = try await client.execute(uri: "/gmfw/notices/2017-04-launch/", method: .get)
            #expect(String(buffer: served.body).contains("一分钱也不用花"))
        }
        // The group has stopped: the streams were ended (this would wait for ever otherwise).
        _ = try await within(60, "the event stream ended") { await events.reduce(into: [String]()) { $0.append($1) } }
        #expect(server.live.listenerCount == 0)
    }

    /// A listener that connects after its page changed (a reload, a reconnection) is told at once, from the
    /// history; one whose page did not change is not. Decided when it subscribes, so no waiting is needed.
    @Test func aLateListenerLearnsWhatItMissed() async throws {
        let live = LiveReload()
        live.broadcast(generation: 2, changed: ["notices/a/index.html"], errors: false)
        live.broadcast(generation: 3, changed: ["data/site.json"], errors: false)
        func events(page: String, since: Int) async -> [String] {
            let (id, stream) = live.subscribe(generation: 3, page: page, since: since)
            live.unsubscribe(id)
            return await stream.reduce(into: []) { $0.append($1) }
        }
        let missed = await events(page: "notices/a/index.html", since: 1)
        #expect(missed.count == 2)
        #expect(missed.first?.hasPrefix("event: hello\ndata: {") == true)
        #expect(missed.last == "event: change\ndata: {\"changed\":[\"notices/a/index.html\"],\"errors\":false,\"generation\":3}\n\n")
        #expect(await events(page: "projects/x/index.html", since: 1).count == 1, "an unaffected page: hello only")
        #expect(await events(page: "notices/a/index.html", since: 2).count == 1, "served after the change: hello only")
        live.broadcast(generation: 4, changed: [], errors: true)
        #expect(await events(page: "projects/x/index.html", since: 3).last?.contains("\"errors\":true") == true, "errors reload every page")
        #expect(live.listenerCount == 0)
    }

    /// The watcher stops when its task is cancelled or the group shuts down: its thread ends and `run`
    /// returns (before, the watching thread could never stop). inotify and polling alike.
    @Test(arguments: [false, true]) func theWatcherStops(polling: Bool) async throws {
        let fixture = try Fixture.empty()
        let (ready, readyNow) = AsyncStream.makeStream(of: Void.self)
        let (changes, changed) = AsyncStream.makeStream(of: Void.self)
        let watcher = FileWatcher(folders: [fixture.root], pollInterval: 0.05, polling: polling,
                                  onReady: { readyNow.yield() }, onChange: { changed.yield() })
        let running = Task { try await watcher.run() }
        try await within(60, "the watcher started") { await ready.first { _ in true } }
        try fixture.write("notices/new.md", "---\ntitle: x\n---\n")
        try await within(60, "a change seen") { await changes.first { _ in true } }
        running.cancel()
        try await within(60, "the watcher's run returned after cancellation") { try await running.value }

        // And through a service group's graceful shutdown (Ctrl-C).
        let (again, againNow) = AsyncStream.makeStream(of: Void.self)
        let group = ServiceGroup(configuration: .init(services: [FileWatcher(folders: [fixture.root], polling: polling,
                                                                             onReady: { againNow.yield() }, onChange: {})],
                                                      logger: PreviewServer.silentLogger))
        let grouped = Task { try await group.run() }
        try await within(60, "the watcher started in the group") { await again.first { _ in true } }
        await group.triggerGracefulShutdown()
        try await within(60, "the group stopped") { try await grouped.value }
    }

    /// The address line comes once, after both the server listens and the watcher watches, in either order.
    @Test func theAddressComesOnceBothAreReady() {
        let given = Lines()
        let first = StartLine { given.append("url", $0) }
        first.listening("http://127.0.0.1:1/")
        #expect(given.all("url").isEmpty)
        first.watching()
        first.watching()
        #expect(given.all("url") == ["http://127.0.0.1:1/"])
        let second = StartLine { given.append("url", $0) }
        second.watching()
        #expect(given.all("url").count == 1)
        second.listening("http://127.0.0.1:2/")
        #expect(given.all("url") == ["http://127.0.0.1:1/", "http://127.0.0.1:2/"])
    }
}

/// Lines a test collects from the server's callbacks, by kind.
final class Lines: Sendable {
    private let lines = Mutex<[(kind: String, text: String)]>([])
    func append(_ kind: String, _ text: String) { lines.withLock { $0.append((kind, text)) } }
    func all(_ kind: String) -> [String] { lines.withLock { $0.filter { $0.kind == kind }.map(\.text) } }
}

struct TimedOut: Error, CustomStringConvertible {
    var what: String
    var description: String { "waited too long for: \(what)" }
}

/// Runs `operation`, failing if it has not finished after `seconds` — a bound against a hang, not a timing.
func within<T: Sendable>(_ seconds: Double, _ what: String, _ operation: @escaping @Sendable () async throws -> T) async throws -> T {
    try await withThrowingTaskGroup(of: T?.self) { group in
        group.addTask { try await operation() }
        group.addTask {
            try await Task.sleep(for: .seconds(seconds))
            return nil
        }
        defer { group.cancelAll() }
        guard let first = try await group.next(), let value = first else { throw TimedOut(what: what) }
        return value
    }
}
