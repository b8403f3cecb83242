/// Host names and ports as a URL, an nginx configuration and an HTTP `Host` header hold them. A name that
/// reaches an nginx `server_name` or is compared with a request's `Host` must be only a name: letters,
/// digits, hyphens and dots (RFC 1123), an IPv4 address, or an IPv6 address in brackets.
public enum HostName {
    /// Why `text` is not a host name, or nil when it is one. `unicodeLetters` allows letters of any script
    /// in a name (an internationalized domain name as people write it, fine in a link but not for nginx,
    /// which wants its `xn--` form).
    public static func problem(_ text: String, unicodeLetters: Bool = false) -> String? {
        problemMessage(text, unicodeLetters: unicodeLetters)?.text(in: .en)
    }

    /// `problem` as a catalogue message (`host.…`): a clause that follows "the host name …".
    public static func problemMessage(_ text: String, unicodeLetters: Bool = false) -> Message? {
        if text.isEmpty { return Message("host.empty") }
        if text.hasPrefix("[") {
            guard text.hasSuffix("]"), isIPv6(text.dropFirst().dropLast()) else { return Message("host.notIPv6") }
            return nil
        }
        guard text.utf8.count <= 253 else { return Message("host.tooLong") }
        let labels = text.split(separator: ".", omittingEmptySubsequences: false)
        for label in labels {
            guard !label.isEmpty else { return Message("host.emptyPart") }
            guard label.count <= 63 else { return Message("host.longPart") }
            guard label.first != "-", label.last != "-" else { return Message("host.hyphen") }
            for character in label where !(character == "-" || isASCIIAlphanumeric(character)
                                           || (unicodeLetters && !character.isASCII && (character.isLetter || character.isNumber))) {
                let shown = character.unicodeScalars.map { $0.properties.generalCategory == .control ? "\\u{\(String($0.value, radix: 16))}" : String($0) }.joined()
                return Message("host.character", ["character": .text(shown)])
            }
        }
        return nil
    }

    /// Whether `text` is a port number, 1 to 65535, in ASCII digits.
    public static func isPort(_ text: Substring) -> Bool {
        guard (1...5).contains(text.count), text.allSatisfy({ $0.isASCII && $0.isNumber }), let value = Int(text) else { return false }
        return (1...65535).contains(value)
    }

    /// Splits `host[:port]` (`[v6]:port` for IPv6); nil when the part after the colon is not a port.
    public static func split(authority: Substring) -> (host: Substring, port: Substring?)? {
        if authority.hasPrefix("[") {
            guard let close = authority.firstIndex(of: "]") else { return (authority, nil) }
            let host = authority[...close]
            let rest = authority[authority.index(after: close)...]
            if rest.isEmpty { return (host, nil) }
            guard rest.first == ":", isPort(rest.dropFirst()) else { return nil }
            return (host, rest.dropFirst())
        }
        guard let colon = authority.lastIndex(of: ":") else { return (authority, nil) }
        let port = authority[authority.index(after: colon)...]
        guard isPort(port) else { return nil }
        return (authority[..<colon], port)
    }

    /// A dotted IPv4 address: four numbers from 0 to 255.
    public static func isIPv4(_ text: Substring) -> Bool {
        let parts = text.split(separator: ".", omittingEmptySubsequences: false)
        return parts.count == 4 && parts.allSatisfy { part in
            (1...3).contains(part.count) && part.allSatisfy { $0.isASCII && $0.isNumber } && Int(part)! <= 255
        }
    }

    /// An IPv6 address's text (no brackets): hexadecimal groups and colons, perhaps an IPv4 tail.
    public static func isIPv6(_ text: Substring) -> Bool {
        guard text.contains(":"), text.count <= 45 else { return false }
        return text.allSatisfy { $0 == ":" || $0 == "." || $0.isHexDigit && $0.isASCII }
    }

    private static func isASCIIAlphanumeric(_ character: Character) -> Bool {
        character.isASCII && (character.isLetter || character.isNumber)
    }
}
