import Foundation

/// The one table of the file types the site publishes: the preview server's `Content-Type` and the `types { }`
/// of the nginx configuration both come from it, so a file is served the same way in preview and when live.
public enum MediaTypes {
    public struct Entry: Sendable {
        public let type: String
        public let extensions: [String]
        /// Text other than HTML: sent with `charset=utf-8` and compressed by nginx.
        public let isText: Bool
    }

    public static let all: [Entry] = [
        Entry(type: "text/html", extensions: ["html"], isText: false),
        Entry(type: "text/css", extensions: ["css"], isText: true),
        // RFC 9239 makes text/javascript the type; nginx's own mime.types still says application/javascript,
        // which browsers accept as well.
        Entry(type: "application/javascript", extensions: ["js"], isText: true),
        Entry(type: "application/json", extensions: ["json"], isText: true),
        Entry(type: "text/csv", extensions: ["csv"], isText: true),
        Entry(type: "application/xml", extensions: ["xml"], isText: true),
        Entry(type: "application/atom+xml", extensions: ["atom"], isText: true),
        Entry(type: "text/plain", extensions: ["txt"], isText: true),
        Entry(type: "image/svg+xml", extensions: ["svg"], isText: true),
        Entry(type: "image/png", extensions: ["png"], isText: false),
        Entry(type: "image/jpeg", extensions: ["jpg", "jpeg"], isText: false),
        Entry(type: "image/gif", extensions: ["gif"], isText: false),
        Entry(type: "image/webp", extensions: ["webp"], isText: false),
        Entry(type: "image/x-icon", extensions: ["ico"], isText: false),
        Entry(type: "application/pdf", extensions: ["pdf"], isText: false),
        Entry(type: "font/woff2", extensions: ["woff2"], isText: false),
        Entry(type: "application/zip", extensions: ["zip"], isText: false),
        Entry(type: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", extensions: ["xlsx"], isText: false),
    ]

    /// For anything not in the table.
    public static let fallback = "application/octet-stream"

    private static let byExtension: [String: Entry] = {
        var table: [String: Entry] = [:]
        for entry in all { for name in entry.extensions { table[name] = entry } }
        return table
    }()

    /// The `Content-Type` of the file at `path`, with the charset nginx adds (`charset utf-8` applies to
    /// text/html and the text types).
    public static func contentType(of path: String) -> String {
        guard let entry = byExtension[(path as NSString).pathExtension.lowercased()] else { return fallback }
        return entry.type == "text/html" || entry.isText ? entry.type + "; charset=utf-8" : entry.type
    }
}
