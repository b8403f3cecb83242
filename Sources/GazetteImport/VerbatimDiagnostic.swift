import GazetteModel

// The importer's messages are moving into the catalogue (issue 14); until the last one has, this module alone
// may still make a diagnostic from a fixed English sentence. Everywhere else a diagnostic's text is a
// catalogue `Message`, so no English reaches a Chinese editor.
extension Diagnostic {
    init(_ code: DiagnosticCode, at location: SourceLocation, _ message: String,
         suggestion: String? = nil, subject: String? = nil) {
        self.init(code, at: location, .verbatim(message), help: suggestion.map(Message.verbatim), subject: subject)
    }
}
