import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// A `gazette serve` process for a test, on a free port, stopped at the end.
final class PreviewProcess: @unchecked Sendable {
    let process = Process()
    private let output = Pipe()
    private let lock = NSLock()
    private var text = ""
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
            self.lock.lock()
            self.text += String(decoding: data, as: UTF8.self)
            self.lock.unlock()
        }
        try process.run()
        let deadline = Date().addingTimeInterval(30)
        while Date() < deadline {
            // "serving at URL" (en) or "预览地址 URL" (zh-CN).
            if let range = log.range(of: "serving at http://127.0.0.1:") ?? log.range(of: "预览地址 http://127.0.0.1:") {
                let rest = log[range.upperBound...]
                let portText = rest.prefix { $0.isNumber }
                port = Int(portText) ?? 0
                baseURL = "http://127.0.0.1:" + rest.prefix { $0 != " " && $0 != "\n" }
                return
            }
            usleep(20_000)
        }
        stop()
        throw ProcessError.didNotStart(log)
    }

    enum ProcessError: Error { case didNotStart(String) }

    var log: String {
        lock.lock()
        defer { lock.unlock() }
        return text
    }

    /// The path part of the served base URL (`/gmfw/`).
    var basePath: String { String(baseURL.drop { $0 != "/" }.dropFirst(2).drop { $0 != "/" }) }

    func stop() {
        if process.isRunning {
            process.interrupt()
            let deadline = Date().addingTimeInterval(5)
            while process.isRunning && Date() < deadline { usleep(20_000) }
            if process.isRunning { process.terminate() }
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
final class EventListener: @unchecked Sendable {
    private let lock = NSLock()
    private var received = ""
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
                if count <= 0 { break }
                guard let self else { break }
                self.lock.lock()
                self.received += String(decoding: buffer[0..<count], as: UTF8.self)
                self.lock.unlock()
            }
        }
        thread.start()
        self.thread = thread
    }

    var text: String {
        lock.lock()
        defer { lock.unlock() }
        return received
    }

    /// Waits until an event's text satisfies `matches`; returns the seconds waited, or nil on timeout.
    func wait(timeout: TimeInterval, for matches: (String) -> Bool) -> TimeInterval? {
        let start = Date()
        while Date().timeIntervalSince(start) < timeout {
            if matches(text) { return Date().timeIntervalSince(start) }
            usleep(5_000)
        }
        return nil
    }

    func close() {
        if socket >= 0 { shutdown(socket, Int32(SHUT_RDWR)); Glibc.close(socket); socket = -1 }
    }

    deinit { close() }
}
