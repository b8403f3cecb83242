/// What a request's path asks for, decided before anything is looked up. The site is served from memory
/// by exact path, so nothing outside it can be reached; these rules also refuse, with 400, every path that
/// tries (`..`, encoded slashes and dots, backslashes, NUL bytes, double encoding, very long paths).
enum RequestPath: Equatable {
    /// A file of the site, by its path in the output (`projects/x/index.html`).
    case file(String)
    /// The same address with a trailing slash (a folder asked for without one), or the base path.
    case redirect(String)
    /// The live-reload event stream, and its script.
    case events
    case script
    case notFound
    case badRequest

    static let maximumLength = 2048

    /// `rawPath` is the request target as sent (with its query); `basePath` is `/` or `/gmfw/`.
    static func parse(_ rawPath: String, basePath: String) -> RequestPath {
        guard rawPath.utf8.count <= maximumLength else { return .badRequest }
        let path = String(rawPath.prefix { $0 != "?" && $0 != "#" })
        // The query matters only to the event stream; RequestPath.query reads it there.
        guard path.hasPrefix("/") else { return .badRequest }
        if path + "/" == basePath { return .redirect(basePath) }
        guard path.hasPrefix(basePath) else { return path == "/" ? .redirect(basePath) : .notFound }
        guard let decoded = percentDecoded(String(path.dropFirst(basePath.count))) else { return .badRequest }
        // Anything that could climb out, or that only an attack would send.
        if decoded.contains("%") || decoded.contains("\\") || decoded.unicodeScalars.contains(where: { $0.value < 0x20 || $0.value == 0x7F }) {
            return .badRequest
        }
        let segments = decoded.split(separator: "/", omittingEmptySubsequences: false)
        for (index, segment) in segments.enumerated() {
            if segment == "." || segment == ".." { return .badRequest }
            if segment.isEmpty && index != segments.count - 1 && !(index == 0 && decoded.isEmpty) { return .badRequest }
        }
        if decoded == "__gazette/events" { return .events }
        if decoded == "__gazette/live.js" { return .script }
        if decoded.isEmpty || decoded.hasSuffix("/") { return .file(decoded + "index.html") }
        return .file(decoded)
    }

    /// One parameter of the request's query, decoded (`?page=projects%2Fx%2Findex.html&since=3`).
    static func query(_ rawPath: String, _ name: String) -> String? {
        guard let start = rawPath.firstIndex(of: "?") else { return nil }
        for pair in rawPath[rawPath.index(after: start)...].split(separator: "&") {
            let parts = pair.split(separator: "=", maxSplits: 1)
            if parts.first == Substring(name) { return percentDecoded(parts.count > 1 ? String(parts[1]) : "") }
        }
        return nil
    }

    /// Percent-decodes once; nil for a malformed escape or bytes that are not UTF-8.
    static func percentDecoded(_ text: String) -> String? {
        var bytes: [UInt8] = []
        var iterator = Array(text.utf8).makeIterator()
        while let byte = iterator.next() {
            if byte == UInt8(ascii: "%") {
                guard let high = iterator.next().flatMap(hexValue), let low = iterator.next().flatMap(hexValue) else { return nil }
                bytes.append(high << 4 | low)
            } else {
                bytes.append(byte)
            }
        }
        return String(validating: bytes, as: UTF8.self)
    }

    private static func hexValue(_ byte: UInt8) -> UInt8? {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): return byte - UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): return byte - UInt8(ascii: "a") + 10
        case UInt8(ascii: "A")...UInt8(ascii: "F"): return byte - UInt8(ascii: "A") + 10
        default: return nil
        }
    }
}
