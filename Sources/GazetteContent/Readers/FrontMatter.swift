import GazetteModel

/// Splits a Markdown file into its YAML front matter (between two `---` lines) and its body.
struct FrontMatter {
    var yaml: String
    /// The line of the file the YAML starts on, minus one: added to YAML positions.
    var yamlLineOffset: Int
    var body: String
    /// The line the body starts on.
    var bodyLine: Int

    static func split(_ text: String, file: String) -> Result<FrontMatter, Diagnostic> {
        var lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        func isFence(_ line: Substring) -> Bool {
            var l = line
            if l.hasSuffix("\r") { l = l.dropLast() }
            return String(l).trimmingSpaces() == "---"
        }
        guard let first = lines.first, isFence(first) else {
            return .failure(Diagnostic(.frontMatter, at: SourceLocation(file: file, line: 1, column: 1),
                                       "The file does not start with front matter (a `---` line).",
                                       suggestion: "Start with `---`, then `title: …` and `date: …`, then `---`, then the text."))
        }
        lines.removeFirst()
        guard let close = lines.firstIndex(where: isFence) else {
            return .failure(Diagnostic(.frontMatter, at: SourceLocation(file: file, line: 1, column: 1),
                                       "The front matter opened on line 1 is never closed.",
                                       suggestion: "Add a line `---` after the last front-matter field."))
        }
        let yaml = lines[..<close].joined(separator: "\n")
        let body = lines[(close + 1)...].joined(separator: "\n")
        return .success(FrontMatter(yaml: yaml, yamlLineOffset: 1, body: body, bodyLine: close + 3))
    }
}
