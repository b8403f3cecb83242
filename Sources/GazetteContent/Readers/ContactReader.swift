import GazetteModel

/// Reads a `contact` mapping (regions, communities, organizations, the hotline, a notice's objection) and
/// checks what a resident's phone would dial or mail: a phone number, an email address, a web address.
enum ContactReader {
    static let keys = ["name", "phone", "email", "address", "hours", "web"]

    /// The `contact` field of `fields` (or another key), or nil when absent or empty.
    static func read(_ r: RecordReader, _ f: Fields, _ key: String = "contact") -> Contact? {
        guard let c = r.nested(f, key, known: keys) else { return nil }
        return contact(r, c)
    }

    /// The contact fields of a mapping already read.
    static func contact(_ r: RecordReader, _ c: Fields) -> Contact {
        var contact = Contact(name: r.text(c, "name"), address: r.text(c, "address"), hours: r.text(c, "hours"))
        contact.phone = checked(r, c, "phone", shown: 40, help: "contact.phone.help", problem: phoneProblem)
        contact.email = checked(r, c, "email", shown: 60, help: "contact.email.help", problem: emailProblem)
        if let node = c["web"], let text = r.scalarText(node, key: c.path("web")) {
            if let problem = URLCheck.problemMessage(withAbsoluteHTTP: text, field: c.path("web")) {
                r.report(.badURL, at: node.location, problem, help: Message("E108.web.help"))
            } else {
                contact.web = text
            }
        }
        return contact
    }

    /// The text of `field` when `problem` finds nothing wrong with it; otherwise the problem is reported at the
    /// offending character, with the value's first `shown` characters, and the field is left out.
    private static func checked(_ r: RecordReader, _ c: Fields, _ field: String, shown: Int, help: String,
                                problem: (String) -> Problem?) -> String? {
        guard let node = c[field], let text = r.scalarText(node, key: c.path(field)) else { return nil }
        guard let found = problem(text) else { return text }
        r.report(.outOfRange, at: at(node, found.column),
                 Message("contact.problem", ["field": .text(c.path(field)), "value": .text(String(text.prefix(shown))),
                                             "problem": .message(found.message)]),
                 help: Message(help))
        return nil
    }

    /// The position of the offending character (column `n` of the value), as the credit code's errors do.
    /// A quoted value starts one column after its opening quote.
    private static func at(_ node: YAMLNode, _ column: Int?) -> SourceLocation {
        let location = node.location
        guard let column else { return location }
        var quote = 0
        if case .scalar(_, .quoted, _) = node { quote = 1 }
        return SourceLocation(file: location.file, line: location.line, column: location.column + quote + column - 1)
    }

    struct Problem: Equatable {
        var message: Message
        /// 1-based position in the value of the first character that is wrong, when one is.
        var column: Int?
    }

    /// Why `text` is not a phone number, or nil: digits, with `-`, spaces, brackets and a leading `+` between
    /// them; 3 to 20 digits (12345, 110, +86 971 8123456).
    static func phoneProblem(_ text: String) -> Problem? {
        var digits = 0
        for (index, character) in text.enumerated() {
            if character.isASCII && character.isNumber { digits += 1; continue }
            if character == "-" || character == " " || character == "(" || character == ")" { continue }
            if character == "+" && index == 0 { continue }
            return Problem(message: Message("contact.phone.character", ["position": .number(index + 1), "character": .text(String(character))]),
                           column: index + 1)
        }
        if digits < 3 { return Problem(message: Message("contact.phone.few")) }
        if digits > 20 { return Problem(message: Message("contact.phone.many")) }
        return nil
    }

    /// Why `text` is not an email address, or nil: `local@domain.tld` in ASCII, no spaces.
    static func emailProblem(_ text: String) -> Problem? {
        let parts = text.split(separator: "@", omittingEmptySubsequences: false)
        guard parts.count == 2 else {
            return Problem(message: Message(parts.count < 2 ? "contact.email.noAt" : "contact.email.manyAt"))
        }
        let local = parts[0], domain = parts[1]
        for (index, character) in text.enumerated() {
            let allowedLocal = character.isASCII && (character.isLetter || character.isNumber || "!#$%&'*+/=?^_`{|}~.-@".contains(character))
            if !allowedLocal {
                return Problem(message: Message("contact.email.character", ["position": .number(index + 1), "character": .text(String(character))]),
                               column: index + 1)
            }
        }
        if local.isEmpty { return Problem(message: Message("contact.email.noLocal")) }
        let labels = domain.split(separator: ".", omittingEmptySubsequences: false)
        guard labels.count >= 2, labels.allSatisfy({ !$0.isEmpty && $0.allSatisfy { $0.isLetter || $0.isNumber || $0 == "-" } }) else {
            return Problem(message: Message("contact.email.domain"))
        }
        return nil
    }
}
