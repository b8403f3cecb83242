import GazetteModel

/// Reads `site.yaml`.
enum SiteReader {
    static let keys = ["title", "base_url", "language", "publisher", "contact", "ocid_prefix", "as_of", "sample",
                       "publish_findings", "description", "license", "hotline", "page_size"]
    static let languages = ["zh-CN", "en"]

    static func read(_ root: YAMLNode, reader r: RecordReader) -> Site? {
        guard let f = r.fields(root, path: "", known: keys, what: "site.yaml") else { return nil }
        let title = r.text(f, "title", required: true)
        let publisher = r.text(f, "publisher", required: true)
        var baseURL = r.text(f, "base_url", required: true)
        if let url = baseURL {
            if let problem = URLCheck.problemMessage(withAbsoluteHTTP: url, field: "base_url", asciiHost: true) {
                r.report(.badURL, at: f.values["base_url"]!.location, problem, help: Message("E108.baseURL.help"))
                baseURL = nil
            } else if !url.hasSuffix("/") {
                baseURL = url + "/"
            }
        }
        var language = "zh-CN"
        if let node = f["language"], let text = r.scalarText(node, key: "language") {
            if languages.contains(text) { language = text } else {
                r.report(.outOfRange, at: node.location,
                         Message("E104.choice", ["value": .text(String(text.prefix(40))), "field": .text("language"),
                                                 "choices": .choices(languages)]),
                         help: Nearest.help(for: text, among: languages))
            }
        }
        var contact = Site.Contact()
        if let c = r.nested(f, "contact", known: ["phone", "email", "address"]) {
            // Checked as every contact is; a bad value is reported and left out.
            let checked = ContactReader.contact(r, c)
            contact = Site.Contact(phone: checked.phone, email: checked.email, address: r.text(c, "address"))
        }
        var ocidPrefix: String?
        if let node = f["ocid_prefix"], let text = r.scalarText(node, key: "ocid_prefix") {
            if text.hasPrefix("ocds-"), text.count == 11, text.dropFirst(5).allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber) }) {
                ocidPrefix = text
            } else {
                r.report(.outOfRange, at: node.location, Message("E104.ocid", ["value": .text(String(text.prefix(40)))]),
                         help: Message("E104.ocid.help"))
            }
        }
        let asOf = r.day(f, "as_of")
        let sample = r.bool(f, "sample") ?? false
        let publishFindings = r.bool(f, "publish_findings") ?? true
        guard let title, let publisher, let baseURL else { return nil }
        var site = Site(title: title, baseURL: baseURL, language: language, publisher: publisher, contact: contact,
                        ocidPrefix: ocidPrefix, asOf: asOf, sample: sample, publishFindings: publishFindings,
                        locations: r.locations)
        site.description = r.text(f, "description")
        site.license = license(r, f)
        site.hotline = ContactReader.read(r, f, "hotline")
        site.pageSize = r.integer(f, "page_size", range: 1...10_000) ?? Site.defaultPageSize
        return site
    }
}

extension SiteReader {
    /// `license: {name: …, url: https://…}`: both required when the licence is given.
    static func license(_ r: RecordReader, _ f: Fields) -> Site.License? {
        guard let l = r.nested(f, "license", known: ["name", "url"]) else { return nil }
        let name = r.text(l, "name", required: true)
        guard let url = r.text(l, "url", required: true) else { return nil }
        if let problem = URLCheck.problemMessage(withAbsoluteHTTP: url, field: "license.url") {
            r.report(.badURL, at: l.values["url"]!.location, problem, help: Message("E108.license.help"))
            return nil
        }
        return name.map { Site.License(name: $0, url: url) }
    }
}

/// Checks on URLs written in the content.
enum URLCheck {
    /// `problem` as the E108 message naming the field.
    static func problemMessage(withAbsoluteHTTP text: String, field: String, asciiHost: Bool = false) -> Message? {
        problem(withAbsoluteHTTP: text, asciiHost: asciiHost).map { Message("E108", ["field": .text(field), "problem": .message($0)]) }
    }

    /// Why `text` is not an absolute http(s) URL, or nil when it is one. With `asciiHost`, the host name
    /// must be ASCII (the `xn--` form of a Chinese domain name): `base_url`'s host goes into nginx's
    /// configuration.
    static func problem(withAbsoluteHTTP text: String, asciiHost: Bool = false) -> Message? {
        if isPlainAbsoluteHTTP(text) { return hostProblem(text, asciiHost: asciiHost) }
        return problemAnyText(text, asciiHost: asciiHost)
    }

    /// `problem` the long way, for any text: what `isPlainAbsoluteHTTP` takes, this finds nothing wrong
    /// with (a property test checks).
    static func problemAnyText(_ text: String, asciiHost: Bool = false) -> Message? {
        let lower = text.lowercased()
        guard lower.hasPrefix("https://") || lower.hasPrefix("http://") else {
            return Message("url.notAbsolute", ["text": .text(String(text.prefix(60)))])
        }
        let rest = text.drop(while: { $0 != "/" }).dropFirst(2)
        let host = rest.prefix(while: { $0 != "/" && $0 != "?" && $0 != "#" })
        if host.isEmpty { return Message("url.noHost") }
        // By Unicode scalars: a space followed by a combining mark is one Character, but still a space.
        if text.unicodeScalars.contains(where: { $0 == " " || $0 == "<" || $0 == ">" || $0 == "\"" || $0 == "\\" }) {
            return Message("url.character")
        }
        if text.contains("?") || text.contains("#") { return Message("url.query") }
        return hostProblem(text, asciiHost: asciiHost)
    }

    /// Why the host (and port) of an absolute URL is not one, or nil: a name, an IPv4 address or an IPv6
    /// address in brackets, perhaps `:PORT`; no user name, and nothing a web server configuration would
    /// read as more than a name (`x.gov.cn;listen=1`).
    static func hostProblem(_ text: String, asciiHost: Bool) -> Message? {
        let authority = text.drop(while: { $0 != "/" }).dropFirst(2).prefix(while: { $0 != "/" && $0 != "?" && $0 != "#" })
        if authority.contains("@") { return Message("url.user") }
        guard let (host, _) = HostName.split(authority: authority) else {
            return Message("url.port")
        }
        if asciiHost, !host.allSatisfy(\.isASCII), HostName.problem(String(host), unicodeLetters: true) == nil {
            return Message("url.notASCII", ["host": .text(String(host.prefix(60)))])
        }
        if let problem = HostName.problemMessage(String(host), unicodeLetters: !asciiHost) {
            return Message("url.host", ["host": .text(String(host.prefix(60))), "problem": .message(problem)])
        }
        return nil
    }

    /// The common case of `problem` from the bytes: printable ASCII (where each byte is a Character),
    /// true exactly when `problem` finds nothing; false leaves the answer to it.
    static func isPlainAbsoluteHTTP(_ text: String) -> Bool {
        let utf8 = text.utf8
        for byte in utf8 {
            guard byte > 0x20 && byte < 0x7F else { return false }
            switch byte {
            case UInt8(ascii: "<"), UInt8(ascii: ">"), UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "?"),
                 UInt8(ascii: "#"):
                return false
            default: continue
            }
        }
        func hasPrefix(_ prefix: String) -> Bool {
            utf8.count >= prefix.utf8.count && zip(utf8, prefix.utf8).allSatisfy { byte, wanted in
                (byte >= UInt8(ascii: "A") && byte <= UInt8(ascii: "Z") ? byte + 32 : byte) == wanted
            }
        }
        guard hasPrefix("https://") || hasPrefix("http://") else { return false }
        // The host: after the first "/" and the character after it, up to the next "/".
        guard let slash = utf8.firstIndex(of: UInt8(ascii: "/")) else { return false }
        let hostStart = utf8.index(slash, offsetBy: 2, limitedBy: utf8.endIndex) ?? utf8.endIndex
        return hostStart < utf8.endIndex && utf8[hostStart] != UInt8(ascii: "/")
    }
}
