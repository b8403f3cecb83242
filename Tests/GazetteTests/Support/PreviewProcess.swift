import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// A `gazette serve` process for a test, on a free port, stopped at the end.
/// `@unchecked Sendable`: `text` and `exited` are read and written only with `changed` (an NSCondition, which threads wait on) locked.
final class PreviewProcess: @unchecked Sendable {
    let process = Process()
    private let output = Pipe()
    /// Guards `text`, and is signalled when output arrives or the process exits: tests wait on it.
    private let changed = NSCondition()
    private var text = ""
    private var exited = false
    private(set) var baseURL = ""
    private(set) var port = 0

    init(content: URL, extraArguments: [String] = []) throws {
        process.executableURL = GazetteBinary.url
        process.arguments = ["serve", "--port", "0", "--content", content.path,
                             "--templates", Fixture.packageRoot.appendingPathComponent("templates").path] + extraArguments
        process.standardOutput = output
        process.standardError = output
        output.fileHandleForReading.readabilityHandler = { [weak self] handle in
            let data = handle.availableData
            guard let self, !data.isEmpty else { return }
            self.changed.lock()
            self.text += String(decoding: data, as: UTF8.self)
            self.changed.broadcast()
            self.changed.unlock()
        }
        process.terminationHandler = { [weak self] _ in
            guard let self else { return }
            self.changed.lock()
            self.exited = true
            self.changed.broadcast()
            self.changed.unlock()
        }
        try process.run()
        // Waits for the line that gives the port (the limit is only against a server that never starts):
        // "serving at URL" (en) or "预览地址 URL" (zh-CN).
        let markers = ["serving at http://127.0.0.1:", "预览地址 http://127.0.0.1:"]
        func found(_ log: String) -> Range<String.Index>? {
            markers.lazy.compactMap { log.range(of: $0) }.first
        }
        func ready(_ log: String) -> Bool {
            guard let range = found(log) else { return false }
            return log[range.upperBound...].contains { $0 == " " || $0 == "\n" }
        }
        if wait(timeout: 60, for: { log, exited in ready(log) || exited }), ready(log), let range = found(log) {
            let rest = log[range.upperBound...]
            let portText = rest.prefix { $0.isNumber }
            port = Int(portText) ?? 0
            baseURL = "http://127.0.0.1:" + rest.prefix { $0 != " " && $0 != "\n" }
            return
        }
        stop()
        throw ProcessError.didNotStart(log)
    }

    /// Waits until `condition` holds for the output so far and whether the process has exited, woken by each
    /// change; false if `timeout` seconds pass first.
    @discardableResult
    func wait(timeout: TimeInterval, for condition: (_ log: String, _ exited: Bool) -> Bool) -> Bool {
        let deadline = Date().addingTimeInterval(timeout)
        changed.lock()
        defer { changed.unlock() }
        while !condition(text, exited) {
            if !changed.wait(until: deadline) { return condition(text, exited) }
        }
        return true
    }

    /// Waits for the process to exit; false if it is still running after `timeout` seconds.
    @discardableResult
    func waitForExit(timeout: TimeInterval) -> Bool { wait(timeout: timeout) { _, exited in exited } }

    enum ProcessError: Error { case didNotStart(String) }

    var log: String {
        changed.lock()
        defer { changed.unlock() }
        return text
    }

    /// The path part of the served base URL (`/gmfw/`).
    var basePath: String { String(baseURL.drop { $0 != "/" }.dropFirst(2).drop { $0 != "/" }) }

    func stop() {
        if process.isRunning {
            process.interrupt()
            if !waitForExit(timeout: 10) { process.terminate() }
        }
        output.fileHandleForReading.readabilityHandler = nil
    }

    deinit { stop() }
}

/// HTTP/1.1 over a plain socket: the request target is sent exactly as given (no URL normalisation), which
/// is what the traversal tests need.
enum RawHTTP {
    struct Response {
        var status: Int
        var headers: [String: String]
        var body: Data
        var text: String { String(decoding: body, as: UTF8.self) }
    }

    static func request(port: Int, method: String = "GET", target: String, headers: [String: String] = [:],
                        timeout: TimeInterval = 10) throws -> Response {
        let socket = try connect(port: port, timeout: timeout)
        defer { close(socket) }
        var request = "\(method) \(target) HTTP/1.1\r\nHost: 127.0.0.1:\(port)\r\nConnection: close\r\n"
        for (name, value) in headers { request += "\(name): \(value)\r\n" }
        request += "\r\n"
        try send(socket, Data(request.utf8))
        var data = Data()
        var buffer = [UInt8](repeating: 0, count: 65536)
        while true {
            let count = recv(socket, &buffer, buffer.count, 0)
            if count <= 0 { break }
            data.append(contentsOf: buffer[0..<count])
        }
        return try parse(data, method: method)
    }

    static func connect(port: Int, timeout: TimeInterval) throws -> Int32 {
        let descriptor = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = in_port_t(UInt16(port).bigEndian)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        var time = timeval(tv_sec: Int(timeout), tv_usec: 0)
        setsockopt(descriptor, SOL_SOCKET, SO_RCVTIMEO, &time, socklen_t(MemoryLayout<timeval>.size))
        let result = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { Glibc.connect(descriptor, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        guard result == 0 else {
            close(descriptor)
            throw HTTPError.cannotConnect
        }
        return descriptor
    }

    static func send(_ socket: Int32, _ data: Data) throws {
        try data.withUnsafeBytes { raw in
            var sent = 0
            while sent < raw.count {
                let count = Glibc.send(socket, raw.baseAddress! + sent, raw.count - sent, 0)
                guard count > 0 else { throw HTTPError.cannotSend }
                sent += count
            }
        }
    }

    static func parse(_ data: Data, method: String) throws -> Response {
        guard let split = data.range(of: Data("\r\n\r\n".utf8)) else { throw HTTPError.malformed }
        let head = String(decoding: data[..<split.lowerBound], as: UTF8.self).components(separatedBy: "\r\n")
        let parts = head[0].split(separator: " ")
        guard parts.count >= 2, let status = Int(parts[1]) else { throw HTTPError.malformed }
        var headers: [String: String] = [:]
        for line in head.dropFirst() {
            guard let colon = line.firstIndex(of: ":") else { continue }
            headers[line[..<colon].lowercased()] = line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces)
        }
        var body = Data(data[split.upperBound...])
        if headers["transfer-encoding"]?.lowercased() == "chunked" { body = dechunk(body) }
        return Response(status: status, headers: headers, body: body)
    }

    static func dechunk(_ data: Data) -> Data {
        var out = Data()
        var rest = data[...]
        while let lineEnd = rest.range(of: Data("\r\n".utf8)) {
            let size = Int(String(decoding: rest[..<lineEnd.lowerBound], as: UTF8.self), radix: 16) ?? 0
            if size == 0 { break }
            let start = lineEnd.upperBound
            guard rest.distance(from: start, to: rest.endIndex) >= size else { break }
            let end = rest.index(start, offsetBy: size)
            out.append(rest[start..<end])
            rest = rest[(rest.index(end, offsetBy: 2, limitedBy: rest.endIndex) ?? rest.endIndex)...]
        }
        return out
    }

    enum HTTPError: Error { case cannotConnect, cannotSend, malformed }
}

/// Listens to the server's event stream on a background thread and keeps every event seen.
/// `@unchecked Sendable`: `received` and `ended` are touched only with `changed` (an NSCondition) locked; `socket` is set before the thread starts and closed by the test.
final class EventListener: @unchecked Sendable {
    /// Guards `received`, signalled when more arrives.
    private let changed = NSCondition()
    private var received = ""
    /// The connection was closed by the other end (or failed).
    private var ended = false
    private var socket: Int32 = -1
    private var thread: Thread?

    init(port: Int, path: String) throws {
        socket = try RawHTTP.connect(port: port, timeout: 30)
        try RawHTTP.send(socket, Data("GET \(path) HTTP/1.1\r\nHost: 127.0.0.1\r\nAccept: text/event-stream\r\n\r\n".utf8))
        let socket = self.socket
        let thread = Thread { [weak self] in
            var buffer = [UInt8](repeating: 0, count: 8192)
            while true {
                let count = recv(socket, &buffer, buffer.count, 0)
                if count <= 0 {
                    guard let self else { break }
                    self.changed.lock()
                    self.ended = true
                    self.changed.broadcast()
                    self.changed.unlock()
                    break
                }
                guard let self else { break }
                self.changed.lock()
                self.received += String(decoding: buffer[0..<count], as: UTF8.self)
                self.changed.broadcast()
                self.changed.unlock()
            }
        }
        thread.start()
        self.thread = thread
    }

    var text: String {
        changed.lock()
        defer { changed.unlock() }
        return received
    }

    /// Waits until the connection ends; true if the server ended the stream properly (its last, empty chunk
    /// `0\r\n\r\n` arrived before the end), false if it was cut or `timeout` seconds passed first.
    func waitUntilEndedByServer(timeout: TimeInterval) -> Bool {
        let deadline = Date().addingTimeInterval(timeout)
        changed.lock()
        defer { changed.unlock() }
        while !ended {
            if !changed.wait(until: deadline) { break }
        }
        return ended && received.hasSuffix("0\r\n\r\n")
    }

    /// Waits until the text received satisfies `matches`, woken by each arrival; returns the seconds waited,
    /// or nil on timeout.
    func wait(timeout: TimeInterval, for matches: (String) -> Bool) -> TimeInterval? {
        let start = Date()
        let deadline = start.addingTimeInterval(timeout)
        changed.lock()
        defer { changed.unlock() }
        while !matches(received) {
            if !changed.wait(until: deadline) { return matches(received) ? Date().timeIntervalSince(start) : nil }
        }
        return Date().timeIntervalSince(start)
    }

    func close() {
        if socket >= 0 { shutdown(socket, Int32(SHUT_RDWR)); Glibc.close(socket); socket = -1 }
    }

    deinit { close() }
}
