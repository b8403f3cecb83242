import GazetteModel

extension RecordReader {
    /// Resolves a catalogue value (a category, service, group or type): its key, or the Chinese `name` of the
    /// entry written in its place. An unknown value is reported with the nearest key. Without a programme
    /// (its file had errors) the value is kept as written and not checked.
    func catalogueKey(_ text: String, at: SourceLocation, in entries: [Programme.Entry]?, field: String,
                      listName: String) -> String? {
        guard let entries else { return text }
        let written = text.trimmingSpaces()
        if let entry = entries.first(where: { $0.key == written || $0.name == written }) { return entry.key }
        let names = entries.map(\.name)
        let suggestion = Nearest.help(for: written, among: entries.map(\.key))
            ?? Keywords.nearestTerm(written, names).map { Message("help.didYouMean", ["word": .text($0)]) }
            ?? Nearest.help(for: written, among: names)
            ?? Message("E301.catalogue.help", ["list": .text(listName), "keys": .list(entries.map { .text("\($0.key) (\($0.name))") })])
        report(.unknownReference, at: at, Message("E301.catalogue", ["value": .text(String(text.prefix(60))), "field": .text(field),
                                                                    "list": .text(listName)]),
               help: suggestion)
        return nil
    }
}
