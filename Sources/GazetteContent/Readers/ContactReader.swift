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
        if let node = c["phone"], let text = r.scalarText(node, key: c.path("phone")) {
            if let problem = phoneProblem(text) {
                r.report(.outOfRange, at: at(node, problem.column), "`\(c.path("phone"))` `\(text.prefix(40))` \(problem.message)",
                         suggestion: "Write the number as it is dialled, for example `\"0971-8123456\"` or `\"12345\"`, in quotes.")
            } else {
                contact.phone = text
            }
        }
        if let node = c["email"], let text = r.scalarText(node, key: c.path("email")) {
            if let problem = emailProblem(text) {
                r.report(.outOfRange, at: at(node, problem.column), "`\(c.path("email"))` `\(text.prefix(60))` \(problem.message)",
                         suggestion: "For example `mzj@example.gov.cn`.")
            } else {
                contact.email = text
            }
        }
        if let node = c["web"], let text = r.scalarText(node, key: c.path("web")) {
            if let problem = URLCheck.problem(withAbsoluteHTTP: text) {
                r.report(.badURL, at: node.location, "`\(c.path("web"))` \(problem)",
                         suggestion: "For example `https://mzj.example.gov.cn/`.")
            } else {
                contact.web = text
            }
        }
        return contact
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
        var message: String
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
            return Problem(message: "is not a phone number: character \(index + 1), `\(character)`, is not a digit, `-`, a space or a bracket.",
                           column: index + 1)
        }
        if digits < 3 { return Problem(message: "is not a phone number: it has fewer than 3 digits.") }
        if digits > 20 { return Problem(message: "is not a phone number: it has more than 20 digits; write one number per field.") }
        return nil
    }

    /// Why `text` is not an email address, or nil: `local@domain.tld` in ASCII, no spaces.
    static func emailProblem(_ text: String) -> Problem? {
        let parts = text.split(separator: "@", omittingEmptySubsequences: false)
        guard parts.count == 2 else {
            return Problem(message: parts.count < 2 ? "is not an email address: it has no `@`." : "is not an email address: it has more than one `@`.")
        }
        let local = parts[0], domain = parts[1]
        for (index, character) in text.enumerated() {
            let allowedLocal = character.isASCII && (character.isLetter || character.isNumber || "!#$%&'*+/=?^_`{|}~.-@".contains(character))
            if !allowedLocal {
                return Problem(message: "is not an email address: character \(index + 1), `\(character)`, cannot be in one.", column: index + 1)
            }
        }
        if local.isEmpty { return Problem(message: "is not an email address: nothing comes before the `@`.") }
        let labels = domain.split(separator: ".", omittingEmptySubsequences: false)
        guard labels.count >= 2, labels.allSatisfy({ !$0.isEmpty && $0.allSatisfy { $0.isLetter || $0.isNumber || $0 == "-" } }) else {
            return Problem(message: "is not an email address: after the `@` comes a domain such as `example.gov.cn`.")
        }
        return nil
    }
}
