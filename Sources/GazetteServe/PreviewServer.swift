import Foundation
import GazetteContent
import GazetteModel
import GazetteBuild
import GazetteOutput
import Hummingbird
import HummingbirdCore
import Logging
import ServiceLifecycle
import Synchronization

/// `gazette serve`: builds the site into memory, serves it, watches the content and the templates, rebuilds
/// what a change affects, and tells the browsers whose page changed to reload.
///
/// An actor: its own state is the rebuilds' (the warm builder, the diagnostics of the last rebuilds), so
/// rebuilds run one at a time. Serving is `nonisolated`: it reads only the store, never waiting for a rebuild.
public actor PreviewServer {
    public struct Options: Sendable {
        public var build: Build.Options
        public var host: String
        public var port: Int
        /// The folders as the editor named them, for the error overlay (`content`, `../site/content`).
        public var shownContent: String
        public var shownTemplates: String
        /// The language of the terminal lines and the overlay.
        public var language: Language
        /// A connection that sends nothing for this long (no request, or a request's headers never ended)
        /// is closed, so idle connections cannot use up the server's file descriptors. Event streams, which
        /// stay open while a page is shown, are answers in progress and are not cut.
        public var idleTimeout: Double
        public init(build: Build.Options, host: String = "127.0.0.1", port: Int = 8000, shownContent: String = "content",
                    shownTemplates: String = "templates", idleTimeout: Double = 30, language: Language = .zhCN) {
            self.build = build
            self.language = language
            self.host = host
            self.port = port
            self.shownContent = shownContent
            self.shownTemplates = shownTemplates
            self.idleTimeout = idleTimeout
        }
    }

    public nonisolated let options: Options
    public nonisolated let store = SiteStore()
    public nonisolated let live = LiveReload()
    private let builder: IncrementalBuild
    /// Set when the watcher sees a change, cleared when a rebuild starts: the machine-readable files made
    /// after a reload stop for it.
    private nonisolated let changeWaiting = ChangeFlag()
    /// The path part of the base URL, where the site is served (`/gmfw/`): from `site.yaml` when the
    /// server starts, even if the content has errors then. A new `base_url` needs a restart.
    public nonisolated let basePath: String
    /// Called after each rebuild with a one-line report (the command prints it): the editor's terminal line.
    public nonisolated let log: @Sendable (String) -> Void
    /// Called after each rebuild with the diagnostics it found that the one before did not, in full, as
    /// `check` prints them (the command writes them to the terminal); not called when there are none.
    public nonisolated let report: @Sendable (String) -> Void
    /// The server's operational lines (listening, watching, stopping), apart from the editor's lines above.
    public nonisolated let logger: Logger
    /// The errors of the last rebuild and the findings of the last good one, to tell the new ones; nil
    /// before the first.
    private var previousErrors: Set<DiagnosticKey>?
    private var lastGoodFindings: Set<DiagnosticKey>?

    public init(_ options: Options, logger: Logger = PreviewServer.silentLogger,
                log: @escaping @Sendable (String) -> Void = { print($0) },
                report: @escaping @Sendable (String) -> Void = { FileHandle.standardError.write(Data($0.utf8)) }) {
        self.options = options
        self.logger = logger
        self.log = log
        self.report = report
        builder = IncrementalBuild(options.build)
        let baseURL = options.build.baseURL ?? ContentLoader.siteSettings(in: options.build.content)?.baseURL ?? "/"
        basePath = PreviewServer.basePath(baseURL)
    }

    /// The first build, before serving. Errors do not stop the server: they show over every page.
    public func buildFirst() -> IncrementalBuild.Outcome {
        let outcome = rebuildNow()
        return outcome
    }

    /// Rebuilds now, publishes the result to the store and the browsers, and returns it.
    @discardableResult
    public func rebuildNow() -> IncrementalBuild.Outcome {
        let started = ContinuousClock.now
        changeWaiting.set(false)
        // The pages first; the files no page shows (open data, feeds, search index, sitemap) after the reload.
        let outcome = builder.rebuild(machineFilesLater: true)
        BuildTiming.shared.reportAndReset()
        let language = options.language
        let errors = (outcome.diagnostics.errors + outcome.templateDiagnostics).map { report($0, templates: outcome.templateDiagnostics.contains($0)) }
        // What this change adds: printed in full once, and its findings shown as new in the overlay.
        let fresh = newDiagnostics(outcome)
        let newFindings = fresh.content.findings.map { report($0, templates: false, isNew: true) }
        let snapshot = store.replace(files: outcome.ok ? outcome.files : nil, changed: outcome.changed,
                                     errors: outcome.ok ? newFindings : errors + newFindings)
        let milliseconds = (ContinuousClock.now - started) / .milliseconds(1)
        let printed = DiagnosticFormatter.text(fresh.content, contentDirectory: options.build.content,
                                               shownRoot: options.shownContent + "/", language: language)
            + DiagnosticFormatter.text(fresh.templates, contentDirectory: options.build.templates,
                                       shownRoot: options.shownTemplates + "/", language: language)
        if !printed.isEmpty { report(printed) }
        let time = String(format: "%.0f", milliseconds)
        if outcome.ok {
            live.broadcast(generation: snapshot.generation, changed: outcome.changed, errors: !newFindings.isEmpty)
            log(Message(outcome.full ? "serve.rebuiltAll" : "serve.rebuilt",
                        ["time": .text(time), "pages": .number(outcome.rendered), "changed": .number(outcome.changed.count)]).text(in: language)
                + (newFindings.isEmpty ? "" : Message("serve.newFindings", ["count": .number(newFindings.count)]).text(in: language)))
        } else {
            live.broadcast(generation: snapshot.generation, changed: [], errors: true)
            log(Message("serve.failed", ["count": .number(errors.count), "time": .text(time)]).text(in: language))
        }
        // No event for these: no open page shows them (the downloads page's sizes follow at its next load).
        // A change saved meanwhile stops them between two jobs: its rebuild makes them with its own (they are
        // also made after a rebuild that failed, for the last good site's pages).
        let changeWaiting = self.changeWaiting
        if let rest = BuildTiming.shared.stage("machine files", { builder.finishMachineFiles(stop: { changeWaiting.isSet }) }) {
            BuildTiming.shared.reportAndReset()
            _ = store.replace(files: rest.files, changed: rest.changed, errors: outcome.ok ? newFindings : errors + newFindings)
            guard outcome.ok else { return outcome }
            var whole = outcome
            whole.files = rest.files
            whole.changed = Array(Set(outcome.changed + rest.changed)).sorted()
            whole.manifestHash = rest.manifestHash
            return whole
        }
        return outcome
    }

    /// A diagnostic as compared between rebuilds: the same code, place and message is the same diagnostic.
    struct DiagnosticKey: Hashable {
        var code: DiagnosticCode
        var location: SourceLocation
        var text: Message
        var templates: Bool
    }

    /// What this rebuild adds: errors the previous rebuild did not have (on the first, all of them), and
    /// findings the last good build did not have (the findings page would gain them when published; on the
    /// first build, none: they are already there). Rebuilds run one at a time (on this actor).
    private func newDiagnostics(_ outcome: IncrementalBuild.Outcome) -> (content: [Diagnostic], templates: [Diagnostic]) {
        func key(_ d: Diagnostic, _ templates: Bool) -> DiagnosticKey {
            DiagnosticKey(code: d.code, location: d.location, text: d.text, templates: templates)
        }
        let content = outcome.diagnostics, templates = outcome.templateDiagnostics
        let errors = Set(content.errors.map { key($0, false) } + templates.map { key($0, true) })
        let findings = Set(content.findings.map { key($0, false) })
        let lastErrors = previousErrors, lastFindings = lastGoodFindings
        previousErrors = errors
        if outcome.ok { lastGoodFindings = findings }
        return (content.filter { d in
                    d.severity == .error ? !(lastErrors?.contains(key(d, false)) ?? false)
                        : lastFindings.map { !$0.contains(key(d, false)) } ?? false
                },
                templates.filter { !(lastErrors?.contains(key($0, true)) ?? false) })
    }

    /// Open connections at most; more wait to be accepted (a browser opens a few, each tab one stream).
    static let maximumConnections = 256

    static func basePath(_ url: String) -> String {
        guard let schemeEnd = url.range(of: "://") else { return "/" }
        let afterHost = url[schemeEnd.upperBound...].drop { $0 != "/" }
        let path = afterHost.isEmpty ? "/" : String(afterHost)
        return path.hasSuffix("/") ? path : path + "/"
    }

    private func report(_ diagnostic: Diagnostic, templates: Bool, isNew: Bool = false) -> SiteStore.ErrorReport {
        let root = templates ? options.build.templates : options.build.content
        let shown = (templates ? options.shownTemplates : options.shownContent) + "/" + diagnostic.location.description
        let line = DiagnosticFormatter.excerpt(for: diagnostic, under: root)
        let label = MessageCatalogue.text(diagnostic.severity == .error ? "cli.error" : "cli.finding", options.language)
        return SiteStore.ErrorReport(location: "\(shown): \(label) [\(diagnostic.code.rawValue)]",
                                     line: line, message: diagnostic.message(in: options.language),
                                     suggestion: diagnostic.suggestion(in: options.language), isNewFinding: isNew)
    }

    // MARK: Serving

    /// Answers one request from the store. `hosts` are the names the request gives for the server: its
    /// authority and any `Host` header; every one must be allowed.
    nonisolated func respond(method: HTTPRequest.Method, rawPath: String, ifNoneMatch: String?, hosts: [String] = []) -> Response {
        if !hosts.allSatisfy({ HostCheck.allows($0, listeningOn: options.host) }) {
            // DNS rebinding: a page elsewhere whose name now points here would read the preview, drafts and all.
            return plain(.misdirectedRequest, "This preview answers only to the names it listens as (127.0.0.1, localhost, [::1] or --host).\n", method: method)
        }
        guard method == .get || method == .head else {
            return Response(status: .methodNotAllowed, headers: [.allow: "GET, HEAD"])
        }
        let snapshot = store.snapshot
        switch RequestPath.parse(rawPath, basePath: basePath) {
        case .badRequest:
            return plain(.badRequest, "Bad request\n", method: method)
        case let .redirect(location):
            return Response(status: .movedPermanently, headers: [.location: location])
        case .script:
            return serve(Data(Injection.script.utf8), type: "text/javascript; charset=utf-8", etag: nil, ifNoneMatch: nil, method: method)
        case .events:
            return events(generation: snapshot.generation, page: RequestPath.query(rawPath, "page"),
                          since: RequestPath.query(rawPath, "since").flatMap { Int($0) }, method: method)
        case .notFound:
            return notFound(snapshot, method: method)
        case let .file(path):
            if let file = snapshot.files[path] {
                return page(file, path: path, snapshot: snapshot, ifNoneMatch: ifNoneMatch, method: method)
            }
            if snapshot.files[path + "/index.html"] != nil {
                return Response(status: .movedPermanently, headers: [.location: basePath + path + "/"])
            }
            return notFound(snapshot, method: method)
        }
    }

    private nonisolated func page(_ file: ServedFile, path: String, snapshot: SiteStore.Snapshot, ifNoneMatch: String?, method: HTTPRequest.Method) -> Response {
        guard file.contentType.hasPrefix("text/html") else {
            return serve(file.bytes, type: file.contentType, etag: file.etag, ifNoneMatch: ifNoneMatch, method: method)
        }
        // The injected script carries the generation and the errors, so the ETag must change with them.
        let etag = "\"\(file.etag.dropFirst().dropLast())-\(snapshot.generation)\""
        let html = Injection.inject(into: file.bytes, page: path, root: Injection.root(of: path), generation: snapshot.generation,
                                    instance: live.instance, errors: snapshot.errors, language: options.language)
        return serve(html, type: file.contentType, etag: etag, ifNoneMatch: ifNoneMatch, method: method)
    }

    private nonisolated func notFound(_ snapshot: SiteStore.Snapshot, method: HTTPRequest.Method) -> Response {
        guard let file = snapshot.files["404.html"] else {
            // No good build yet: a bare page that shows the errors and reloads when they are fixed.
            if snapshot.errors.isEmpty { return plain(.notFound, "Not found\n", method: method) }
            let bare = Data("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>gazette serve</title></head><body>\n</body></html>\n".utf8)
            let html = Injection.inject(into: bare, page: "", root: basePath, generation: snapshot.generation,
                                        instance: live.instance, errors: snapshot.errors, language: options.language)
            var response = serve(html, type: "text/html; charset=utf-8", etag: nil, ifNoneMatch: nil, method: method)
            response.status = .internalServerError
            return response
        }
        let html = Injection.inject(into: file.bytes, page: "404.html", root: basePath, generation: snapshot.generation,
                                    instance: live.instance, errors: snapshot.errors, language: options.language)
        var response = serve(html, type: file.contentType, etag: nil, ifNoneMatch: nil, method: method)
        response.status = .notFound
        return response
    }

    private nonisolated func serve(_ bytes: Data, type: String, etag: String?, ifNoneMatch: String?, method: HTTPRequest.Method) -> Response {
        var headers: HTTPFields = [.contentType: type, .cacheControl: "no-cache", .init("X-Content-Type-Options")!: "nosniff"]
        if let etag {
            headers[.eTag] = etag
            if let ifNoneMatch, ifNoneMatch.split(separator: ",").contains(where: { $0.trimmingCharacters(in: .whitespaces) == etag || $0.trimmingCharacters(in: .whitespaces) == "*" }) {
                return Response(status: .notModified, headers: headers)
            }
        }
        headers[.contentLength] = String(bytes.count)
        if method == .head { return Response(status: .ok, headers: headers) }
        return Response(status: .ok, headers: headers, body: ResponseBody(byteBuffer: ByteBuffer(bytes: bytes)))
    }

    private nonisolated func plain(_ status: HTTPResponse.Status, _ text: String, method: HTTPRequest.Method) -> Response {
        let headers: HTTPFields = [.contentType: "text/plain; charset=utf-8", .contentLength: String(text.utf8.count)]
        return Response(status: status, headers: headers, body: method == .head ? ResponseBody() : ResponseBody(byteBuffer: ByteBuffer(string: text)))
    }

    /// The event stream: a `hello`, then a `change` after each rebuild, and keep-alive comments.
    private nonisolated func events(generation: Int, page: String?, since: Int?, method: HTTPRequest.Method) -> Response {
        let headers: HTTPFields = [.contentType: "text/event-stream; charset=utf-8", .cacheControl: "no-cache",
                                   .init("X-Accel-Buffering")!: "no"]
        if method == .head { return Response(status: .ok, headers: headers) }
        let live = self.live
        let body = ResponseBody { writer in
            let (id, stream) = live.subscribe(generation: generation, page: page, since: since)
            defer { live.unsubscribe(id) }
            for await message in stream {
                try await writer.write(ByteBuffer(string: message))
            }
            try await writer.finish(nil)
        }
        return Response(status: .ok, headers: headers, body: body)
    }

    // MARK: Running

    /// Binds, serves until SIGINT or SIGTERM, and watches for changes meanwhile. `onReady` gets the URL.
    /// The HTTP server, the file watcher, the rebuild loop and the event streams run as one service group,
    /// which stops them in reverse order on Ctrl-C (see `services`).
    public nonisolated func run(onReady: @escaping @Sendable (String) -> Void) async throws {
        // The address is given once the server listens and the watcher watches: an edit made after the
        // editor (or a test) saw it is never missed.
        let started = StartLine(onReady)
        var configuration = ServiceGroupConfiguration(
            services: [application(onReady: started.listening)] + services(onWatching: started.watching),
            gracefulShutdownSignals: [.sigterm, .sigint], logger: logger)
        // Should a service not stop when asked (it would be a bug), the group cancels them all after a while.
        configuration.maximumGracefulShutdownDuration = .seconds(10)
        let group = ServiceGroup(configuration: configuration)
        try await group.run()
        logger.info("stopped")
    }

    /// The services beside the HTTP server: the file watcher, the rebuild loop and the live-reload events.
    /// A group stops its services in reverse order: first the event streams (so that the server's graceful
    /// shutdown does not wait for the browsers' open tabs), then the rebuild loop, then the watcher.
    /// `onWatching` is called once the watcher watches every folder.
    public nonisolated func services(onWatching: @escaping @Sendable () -> Void = {}) -> [any Service] {
        // At most one burst waits: the changes made while a rebuild runs make one more rebuild.
        let (changes, changed) = AsyncStream.makeStream(of: Void.self, bufferingPolicy: .bufferingNewest(1))
        let watcher = FileWatcher(folders: [options.build.content, options.build.templates], logger: logger,
                                  onReady: onWatching) { [changeWaiting] in
            changeWaiting.set(true)
            changed.yield()
        }
        return [watcher, RebuildLoop(server: self, changes: changes, logger: logger), LiveReloadService(live: live)]
    }

    /// The HTTP server (Hummingbird), answering every request from the store; `onReady` gets the URL once it
    /// listens. `services` run beside it (the tests give it those of `services()`).
    public nonisolated func application(services: [any Service] = [], onReady: @escaping @Sendable (String) -> Void = { _ in })
        -> Application<CallbackResponder<BasicRequestContext>> {
        let responder = CallbackResponder<BasicRequestContext> { [self] request, _ in
            respond(method: request.method, rawPath: request.head.path ?? "/", ifNoneMatch: request.headers[.ifNoneMatch],
                    hosts: (request.head.authority.map { [$0] } ?? []) + request.headers[values: Self.hostField])
        }
        let host = options.host, basePath = self.basePath
        return Application(
            responder: responder,
            server: .http1(configuration: .init(idleTimeout: .milliseconds(Int64(options.idleTimeout * 1000)))),
            configuration: .init(address: .hostname(host, port: options.port), serverName: nil,
                                 availableConnectionsDelegate: MaximumAvailableConnections(PreviewServer.maximumConnections)),
            services: services,
            onServerRunning: { channel in
                let port = channel.localAddress?.port ?? 0
                let shownHost = host.contains(":") ? "[\(host)]" : host
                onReady("http://\(shownHost):\(port)\(basePath)")
            },
            logger: logger
        )
    }

    /// HTTP/1's `Host` header: Hummingbird's server turns the first into the request's authority and keeps
    /// any other as a header; a request made in-process (HummingbirdTesting) keeps it as a header.
    static let hostField = HTTPFields.Element.Name("Host")!

    /// No operational lines: the default when the caller gives no logger.
    public static let silentLogger = Logger(label: "gazette.serve", factory: { _ in SwiftLogNoOpLogHandler() })
}

/// Whether a change is waiting for the rebuild loop (set by the watcher, cleared when a rebuild starts).
final class ChangeFlag: Sendable {
    private let value = Mutex(false)
    var isSet: Bool { value.withLock { $0 } }
    func set(_ new: Bool) { value.withLock { $0 = new } }
}

/// Gives the address once both the server listens and the watcher watches, whichever comes last.
final class StartLine: Sendable {
    private let state = Mutex<(url: String?, watching: Bool, given: Bool)>((nil, false, false))
    private let onReady: @Sendable (String) -> Void

    init(_ onReady: @escaping @Sendable (String) -> Void) { self.onReady = onReady }

    func listening(_ url: String) { update { $0.url = url } }
    func watching() { update { $0.watching = true } }

    private func update(_ change: (inout (url: String?, watching: Bool, given: Bool)) -> Void) {
        let url: String? = state.withLock { state in
            change(&state)
            guard let url = state.url, state.watching, !state.given else { return nil }
            state.given = true
            return url
        }
        if let url { onReady(url) }
    }
}

/// The rebuild loop's service: one rebuild per burst of changes from the watcher, one at a time, until the
/// server stops (a rebuild under way when Ctrl-C comes is finished first).
struct RebuildLoop: Service {
    let server: PreviewServer
    let changes: AsyncStream<Void>
    let logger: Logger

    func run() async {
        for await _ in changes.cancelOnGracefulShutdown() {
            let outcome = await server.rebuildNow()
            logger.debug("rebuilt", metadata: ["ok": "\(outcome.ok)", "rendered": "\(outcome.rendered)",
                                               "changed": "\(outcome.changed.count)", "full": "\(outcome.full)"])
        }
    }
}

/// The `Host` header a preview request may carry: the names the server listens as. Anything else is a
/// page elsewhere reaching the preview through DNS rebinding (its name made to point at 127.0.0.1).
enum HostCheck {
    static func allows(_ header: String, listeningOn listenHost: String) -> Bool {
        // A request without a Host header (HTTP/1.0) cannot come from a browser page.
        if header.isEmpty { return true }
        guard let (host, _) = HostName.split(authority: Substring(header.lowercased())) else { return false }
        let name = String(host)
        let listen = listenHost.lowercased()
        var allowed: Set<String> = ["127.0.0.1", "localhost", "[::1]", listen, "[\(listen)]"]
        if listen.hasSuffix(".") { allowed.insert(String(listen.dropLast())) }
        if allowed.contains(name) { return true }
        // Listening on every address (0.0.0.0, ::): other machines reach it by an IP address, which no
        // rebinding can forge (a rebinding page has a name); names other than those above stay refused.
        if listen == "0.0.0.0" || listen == "::" || listen == "[::]" {
            return HostName.isIPv4(host) || (host.hasPrefix("[") && HostName.isIPv6(host.dropFirst().dropLast()))
        }
        return false
    }
}
