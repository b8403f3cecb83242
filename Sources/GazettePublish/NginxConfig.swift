import Foundation
import GazetteModel
import GazetteOutput

/// The nginx configuration for a published site: a `server { }` block (for `http { }`, on Debian a file in
/// /etc/nginx/sites-available/) serving `TARGET/current/` under base_url's path. docs/nginx.md explains it
/// line by line; `gazette nginx` prints it, and the tests run nginx with exactly this text.
public struct NginxConfig: Sendable {
    /// The path the site is served under, from base_url: `/gmfw/` (always with both slashes).
    public var basePath: String
    /// The live folder on the web server: `TARGET/current`.
    public var root: String
    public var listen: String
    public var serverName: String

    /// Every file type the site publishes, with the type it is served as (the table `MediaTypes`, which the
    /// preview server uses too).
    public static let types: [(String, [String])] = MediaTypes.all.map { ($0.type, $0.extensions) }
    /// Text types other than HTML: sent with `charset=utf-8` and compressed.
    public static let textTypes = MediaTypes.all.filter(\.isText).map(\.type)

    /// The pages have no inline script or style: only the site's own files, and inline SVG.
    public static let contentSecurityPolicy = "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
        + "connect-src 'self'; font-src 'self'; manifest-src 'self'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'"

    public init(baseURL: String, root: String, listen: String = "80", serverName: String? = nil) throws {
        guard let url = URL(string: baseURL), let scheme = url.scheme, ["http", "https"].contains(scheme), let host = url.host else {
            throw PublishError(.usage, "the base URL `\(baseURL)` should be an absolute http(s) URL, like https://x.gov.cn/gmfw/")
        }
        var path = url.path.isEmpty ? "/" : url.path
        if !path.hasSuffix("/") { path += "/" }
        guard path.allSatisfy({ $0.isLetter || $0.isNumber || "/-_.~".contains($0) }), !path.contains("..") else {
            throw PublishError(.usage, "the path of the base URL, `\(path)`, should hold only letters, digits, - _ . ~ and /")
        }
        guard !root.contains(";"), !root.contains("\""), !root.contains("'"), !root.contains("\n"), !root.contains(" ") else {
            throw PublishError(.usage, "the folder `\(root)` cannot be written in an nginx configuration (no spaces, quotes or ;)")
        }
        guard Self.isListenAddress(listen) else {
            throw PublishError(.usage, "`\(Self.shown(listen))` is not an nginx listen address: a port (80), or an address and a port (127.0.0.1:8080, [::1]:8080)")
        }
        // The host names reach `server_name` as they are: only names, or nginx would read the rest as
        // configuration (`x; location /x/ { alias /etc/; }`).
        if let problem = HostName.problem(host) {
            throw PublishError(.usage, "the host of the base URL `\(Self.shown(baseURL))` \(problem)")
        }
        if let port = url.port, !(1...65535).contains(port) {
            throw PublishError(.usage, "the port of the base URL `\(Self.shown(baseURL))` should be a number from 1 to 65535")
        }
        if let serverName {
            let names = serverName.split(separator: " ", omittingEmptySubsequences: true)
            guard !names.isEmpty else { throw PublishError(.usage, "--server-name is empty") }
            for name in names where name != "_" {
                let bare = name.hasPrefix("*.") ? name.dropFirst(2) : name.hasPrefix(".") ? name.dropFirst() : name
                if let problem = HostName.problem(String(bare)) {
                    throw PublishError(.usage, "--server-name: `\(Self.shown(String(name)))` \(problem); give host names separated by spaces, like `mzt.example.gov.cn www.example.gov.cn`")
                }
            }
        }
        basePath = path
        self.root = root.hasSuffix("/") ? String(root.dropLast()) : root
        self.listen = listen
        self.serverName = serverName.map { $0.split(separator: " ").joined(separator: " ") } ?? host
    }

    /// `80`, `127.0.0.1:8080`, `[::1]:8080`, `localhost:8080`, `*:80`.
    static func isListenAddress(_ text: String) -> Bool {
        let text = Substring(text)
        if HostName.isPort(text) { return true }
        guard let (host, port) = HostName.split(authority: text), port != nil else { return false }
        return host == "*" || HostName.problem(String(host)) == nil
    }

    /// Text from the command line as a message shows it: control characters escaped, at most 80 characters.
    static func shown(_ text: String) -> String {
        String(text.unicodeScalars.prefix(80).map { $0.value < 0x20 || (0x7F...0x9F).contains($0.value) ? "\\u{\(String($0.value, radix: 16))}" : String($0) }.joined())
    }

    private func headers(cache: String, indent: String) -> String {
        [
            "add_header Cache-Control \"\(cache)\" always;",
            "add_header X-Content-Type-Options \"nosniff\" always;",
            "add_header Content-Security-Policy \"\(Self.contentSecurityPolicy)\" always;",
            "add_header Referrer-Policy \"strict-origin-when-cross-origin\" always;",
        ].map { indent + $0 }.joined(separator: "\n")
    }

    public var text: String {
        let base = basePath
        let types = Self.types.map { type, extensions in
            "            \(type)\(String(repeating: " ", count: max(1, 29 - type.count)))\(extensions.joined(separator: " "));"
        }.joined(separator: "\n")
        let textTypes = Self.textTypes.joined(separator: " ")
        var lines = """
        # Gazette: the site published at \(root.hasSuffix("/current") ? String(root.dropLast(8)) : root), served under \(base).
        # Printed by `gazette nginx`; explained in docs/nginx.md. Goes in http { } (Debian: /etc/nginx/sites-available/).
        server {
            listen \(listen);
            server_name \(serverName);
            server_tokens off;
            # Redirects (a folder asked for without its final /) keep the scheme, host and port the reader used.
            absolute_redirect off;
        \n
        """
        if base != "/" {
            lines += """
                location = \(String(base.dropLast())) {
                    return 301 \(base);
                }
            \n
            """
        }
        lines += """
            location \(base) {
                # `current` is a link to the live release; it changes in one step on each publication.
                alias \(root)/;
                index index.html;
                try_files $uri $uri/ =404;
                error_page 404 \(base)404.html;

                # The types of the site's files (these replace mime.types inside this location).
                types {
        \(types)
                }
                default_type application/octet-stream;
                charset utf-8;
                charset_types \(textTypes);

                gzip on;
                gzip_vary on;
                gzip_min_length 256;
                gzip_types \(textTypes);

                # HTML and data change with every publication: the browser asks again each time (304 when unchanged).
        \(headers(cache: "no-cache", indent: "        "))

                # The theme and content assets are not fingerprinted: cached for an hour.
                location \(base)theme/ {
                    alias \(root)/theme/;
        \(headers(cache: "public, max-age=3600", indent: "            "))
                }
                location \(base)assets/ {
                    alias \(root)/assets/;
        \(headers(cache: "public, max-age=3600", indent: "            "))
                }
            }
        }

        """
        return lines
    }
}
