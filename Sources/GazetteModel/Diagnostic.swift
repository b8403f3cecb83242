/// One result of reading or checking the content: an error (the content cannot be read as meant), a
/// finding (the content is well formed and shows that a programme rule was not met), or a warning (the
/// content is read as meant, but something in it deserves a look; never published, never stops a build).
public struct Diagnostic: Hashable, Sendable {
    public enum Severity: String, Sendable, Hashable, Codable {
        case error
        case finding
        case warning
    }

    public var code: DiagnosticCode
    public var location: SourceLocation
    /// What is wrong, and (optionally) what to write instead: catalogue messages, shown in the reader's
    /// language by `message(in:)` and `suggestion(in:)`.
    public var text: Message
    public var help: Message?
    /// The record the diagnostic is about (`project:qh2017-xn-001`, `region:632800`), for linking from the site.
    public var subject: String?

    public var severity: Severity { code.severity }

    public init(_ code: DiagnosticCode, at location: SourceLocation, _ text: Message,
                help: Message? = nil, subject: String? = nil) {
        self.code = code
        self.location = location
        self.text = text
        self.help = help
        self.subject = subject
    }

    public func message(in language: Language) -> String { text.text(in: language) }
    public func suggestion(in language: Language) -> String? { help?.text(in: language) }

    /// In English: what tests and logs match on.
    public var message: String { message(in: .en) }
    public var suggestion: String? { suggestion(in: .en) }
}

extension Array where Element == Diagnostic {
    public var errors: [Diagnostic] { filter { $0.severity == .error } }
    public var findings: [Diagnostic] { filter { $0.severity == .finding } }
    public var warnings: [Diagnostic] { filter { $0.severity == .warning } }

    /// A fixed order whatever order the checks ran in: by file, line, column, then code and message.
    public func sortedForOutput() -> [Diagnostic] {
        sorted { a, b in
            if a.location != b.location { return a.location < b.location }
            if a.code != b.code { return a.code.rawValue < b.code.rawValue }
            return a.message < b.message
        }
    }
}

/// A diagnostic can be thrown where reading cannot go on.
extension Diagnostic: Error {}

/// Several diagnostics that together stop a stage.
public struct DiagnosticsError: Error, Sendable {
    public var diagnostics: [Diagnostic]
    public init(_ diagnostics: [Diagnostic]) { self.diagnostics = diagnostics }
}
