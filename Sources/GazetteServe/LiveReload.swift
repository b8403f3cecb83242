import Foundation
import GazetteOutput

/// The browsers listening for changes, over Server-Sent Events. Each gets its own stream of events.
public final class LiveReload: @unchecked Sendable {
    private let lock = NSLock()
    private var clients: [UUID: AsyncStream<String>.Continuation] = [:]
    /// What each recent rebuild changed, so that a page connecting late (or reconnecting) still learns
    /// that it changed after it was served.
    private var history: [(generation: Int, changed: Set<String>, errors: Bool)] = []
    /// Changes with each server start, so that a page reconnecting to a restarted server reloads.
    public let instance = StableInstance.make()

    public init() {}

    /// A new listener's stream; it starts with a `hello` naming the server instance and generation, then,
    /// if the listener's page (served at generation `since`) changed meanwhile, a `change` naming it.
    func subscribe(generation: Int, page: String?, since: Int?) -> (UUID, AsyncStream<String>) {
        let id = UUID()
        let (stream, continuation) = AsyncStream<String>.makeStream(bufferingPolicy: .bufferingNewest(16))
        continuation.yield(Self.event("hello", JSONValue.object(["instance": .string(instance), "generation": .int(generation)])))
        lock.lock()
        clients[id] = continuation
        let missed = since.map { since in history.filter { $0.generation > since } } ?? []
        lock.unlock()
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
        lock.lock()
        let all = Array(clients.values)
        clients.removeAll()
        lock.unlock()
        for client in all { client.finish() }
    }

    func unsubscribe(_ id: UUID) {
        lock.lock()
        let continuation = clients.removeValue(forKey: id)
        lock.unlock()
        continuation?.finish()
    }

    public var listenerCount: Int {
        lock.lock()
        defer { lock.unlock() }
        return clients.count
    }

    /// Tells every browser what changed: the paths whose bytes changed, and whether errors are showing.
    public func broadcast(generation: Int, changed: [String], errors: Bool) {
        lock.lock()
        history.append((generation, Set(changed), errors))
        if history.count > 200 { history.removeFirst(history.count - 200) }
        lock.unlock()
        let message = Self.event("change", JSONValue.object(["generation": .int(generation), "errors": .bool(errors),
                                                             "changed": .array(changed.map(JSONValue.string))]))
        lock.lock()
        let all = Array(clients.values)
        lock.unlock()
        for client in all { client.yield(message) }
    }

    /// A comment line that keeps connections (and proxies) open and finds the ones that closed.
    func keepAlive() {
        lock.lock()
        let all = Array(clients.values)
        lock.unlock()
        for client in all { client.yield(": keep-alive\n\n") }
    }

    static func event(_ name: String, _ data: JSONValue) -> String {
        "event: \(name)\ndata: \(data.compactText())\n\n"
    }
}

enum StableInstance {
    static func make() -> String { String(UInt64(Date().timeIntervalSince1970 * 1000), radix: 36) + String(getpid(), radix: 36) }
}
