import GazetteModel

extension RecordReader {
    /// Resolves a catalogue value (a category, service, group or type): its key, or the Chinese `name` of the
    /// entry written in its place. An unknown value is reported with the nearest key. Without a programme
    /// (its file had errors) the value is kept as written and not checked.
    func catalogueKey(_ text: String, at: SourceLocation, in entries: [Programme.Entry]?, field: String,
                      listName: String) -> String? {
        guard let entries else { return text }
        if let entry = entries.first(where: { $0.key == text || $0.name == text }) { return entry.key }
        let suggestion = Nearest.suggestion(for: text, among: entries.map(\.key))
            ?? Nearest.match(for: text, among: entries.map(\.name)).map { "did you mean `\($0)`?" }
            ?? "programme.yaml's `\(listName)` has: \(entries.map(\.key).joined(separator: ", "))"
        report(.unknownReference, at: at, "`\(text.prefix(60))` in `\(field)` is not one of the programme's \(listName).",
               suggestion: suggestion)
        return nil
    }
}
