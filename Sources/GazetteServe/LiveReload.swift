import Foundation
import GazetteRender

/// The browsers listening for changes, over Server-Sent Events. Each gets its own stream of events.
public final class LiveReload: @unchecked Sendable {
    private let lock = NSLock()
    private var clients: [UUID: AsyncStream<String>.Continuation] = [:]
    /// Changes with each server start, so that a page reconnecting to a restarted server reloads.
    public let instance = StableInstance.make()

    public init() {}

    /// A new listener's stream; it starts with a `hello` naming the server instance and generation.
    func subscribe(generation: Int) -> (UUID, AsyncStream<String>) {
        let id = UUID()
        let (stream, continuation) = AsyncStream<String>.makeStream(bufferingPolicy: .bufferingNewest(16))
        continuation.yield(Self.event("hello", JSONValue.object(["instance": .string(instance), "generation": .int(generation)])))
        lock.lock()
        clients[id] = continuation
        lock.unlock()
        return (id, stream)
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
