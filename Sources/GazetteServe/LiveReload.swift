import Foundation
import GazetteOutput
import ServiceLifecycle
import Synchronization

/// The browsers listening for changes, over Server-Sent Events. Each gets its own stream of events.
public final class LiveReload: Sendable {
    private struct State {
        var clients: [UUID: AsyncStream<String>.Continuation] = [:]
        /// What each recent rebuild changed, so that a page connecting late (or reconnecting) still learns
        /// that it changed after it was served.
        var history: [(generation: Int, changed: Set<String>, errors: Bool)] = []
    }
    private let state = Mutex(State())
    /// Changes with each server start, so that a page reconnecting to a restarted server reloads.
    public let instance = StableInstance.make()

    public init() {}

    /// A new listener's stream; it starts with a `hello` naming the server instance and generation, then,
    /// if the listener's page (served at generation `since`) changed meanwhile, a `change` naming it.
    func subscribe(generation: Int, page: String?, since: Int?) -> (UUID, AsyncStream<String>) {
        let id = UUID()
        let (stream, continuation) = AsyncStream<String>.makeStream(bufferingPolicy: .bufferingNewest(16))
        continuation.yield(Self.event("hello", JSONValue.object(["instance": .string(instance), "generation": .int(generation)])))
        let missed = state.withLock { state in
            state.clients[id] = continuation
            return since.map { since in state.history.filter { $0.generation > since } } ?? []
        }
        let pageChanged = page.map { page in missed.contains { $0.changed.contains(page) } } ?? false
        let errorsInvolved = missed.contains { $0.errors }
        if let page, let last = missed.last, pageChanged || errorsInvolved {
            continuation.yield(Self.event("change", JSONValue.object([
                "generation": .int(last.generation), "errors": .bool(last.errors), "changed": .array([.string(page)]),
            ])))
        }
        return (id, stream)
    }

    /// Ends every stream, so that a graceful shutdown does not wait for the browsers to go away.
    public func finishAll() {
        let all = state.withLock { state in
            defer { state.clients.removeAll() }
            return Array(state.clients.values)
        }
        for client in all { client.finish() }
    }

    func unsubscribe(_ id: UUID) {
        state.withLock { $0.clients.removeValue(forKey: id) }?.finish()
    }

    public var listenerCount: Int {
        state.withLock { $0.clients.count }
    }

    /// Tells every browser what changed: the paths whose bytes changed, and whether errors are showing.
    public func broadcast(generation: Int, changed: [String], errors: Bool) {
        let message = Self.event("change", JSONValue.object(["generation": .int(generation), "errors": .bool(errors),
                                                             "changed": .array(changed.map(JSONValue.string))]))
        let all = state.withLock { state in
            state.history.append((generation, Set(changed), errors))
            if state.history.count > 200 { state.history.removeFirst(state.history.count - 200) }
            return Array(state.clients.values)
        }
        for client in all { client.yield(message) }
    }

    /// A comment line that keeps connections (and proxies) open and finds the ones that closed.
    func keepAlive() {
        for client in state.withLock({ Array($0.clients.values) }) { client.yield(": keep-alive\n\n") }
    }

    static func event(_ name: String, _ data: JSONValue) -> String {
        "event: \(name)\ndata: \(data.compactText())\n\n"
    }
}

enum StableInstance {
    static func make() -> String { String(UInt64(Date().timeIntervalSince1970 * 1000), radix: 36) + String(getpid(), radix: 36) }
}

/// The event streams' service: a keep-alive comment every 15 seconds, and, when the server is asked to stop
/// (Ctrl-C), the end of every stream, so that the server's graceful shutdown does not wait for open tabs.
struct LiveReloadService: Service {
    let live: LiveReload
    var interval: Duration = .seconds(15)

    func run() async throws {
        // Ends with the graceful shutdown (the sleep is cancelled) or with the group's cancellation.
        let live = self.live, interval = self.interval
        try? await cancelWhenGracefulShutdown { () async throws -> Void in
            while !Task.isCancelled {
                try await Task.sleep(for: interval)
                live.keepAlive()
            }
        }
        live.finishAll()
    }
}
