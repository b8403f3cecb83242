import Foundation
import GazetteModel

/// Prints diagnostics for people (like a compiler: the position, the message, the line with a caret)
/// or as JSON for editors and CI.
public enum DiagnosticFormatter {
    /// `content/projects/x.yaml:12:9: error: [E105] …`, then the line and a caret, then the suggestion.
    /// `contentDirectory` is where the offending lines are read from; `shownRoot` prefixes the file names.
    /// Messages are in `language`; the position, code and source line stay as they are, for tools.
    public static func text(_ diagnostics: [Diagnostic], contentDirectory: URL, shownRoot: String,
                            language: Language = .en) -> String {
        var cache: [String: Data] = [:]
        var out = ""
        let helpLabel = MessageCatalogue.text("cli.help", language)
        for d in diagnostics {
            let label = MessageCatalogue.text("cli.\(d.severity.rawValue)", language)
            let position = d.location.line > 0 ? "\(d.location.line):\(max(1, d.location.column)):" : ""
            // Names and messages can quote the content: control characters are shown, never printed raw.
            out += "\(shownRoot)\(d.location.file):\(position) \(label): [\(d.code.rawValue)] \(d.message(in: language))".withVisibleControls() + "\n"
            if d.location.line > 0 {
                if cache[d.location.file] == nil {
                    let url = contentDirectory.appendingPathComponent(d.location.file)
                    // As the readers saw it: in UTF-8 (a GBK ledger converted), with "\n" line ends.
                    cache[d.location.file] = EncodingDetector.displayBytes((try? Data(contentsOf: url)) ?? Data())
                }
                if let line = sourceLine(d.location.line, in: cache[d.location.file]!) {
                    out += excerpt(line, line: d.location.line, column: d.location.column)
                }
            }
            if let suggestion = d.suggestion(in: language) { out += "      = \(helpLabel): \(suggestion.withVisibleControls())\n" }
        }
        return out
    }

    /// Line `number` of a file's bytes, at most its first 4 KiB (a hostile line can be megabytes long).
    static func sourceLine(_ number: Int, in data: Data) -> String? {
        data.withUnsafeBytes { (buffer: UnsafeRawBufferPointer) -> String? in
            guard let base = buffer.baseAddress else { return number == 1 ? "" : nil }
            var start = 0
            for _ in 1..<max(1, number) {
                guard let newline = memchr(base + start, 0x0A, buffer.count - start) else { return nil }
                start = base.distance(to: UnsafeRawPointer(newline)) + 1
            }
            let limit = min(buffer.count - start, 4096)
            let end = memchr(base + start, 0x0A, limit).map { base.distance(to: UnsafeRawPointer($0)) } ?? start + limit
            var bytes = UnsafeRawBufferPointer(rebasing: buffer[start..<end])
            if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { bytes = UnsafeRawBufferPointer(rebasing: bytes.dropFirst(3)) }
            return String(decoding: bytes, as: UTF8.self)
        }
    }

    /// The offending line (cut to a readable length around the column) with a caret under the column.
    static func excerpt(_ rawLine: String, line: Int, column: Int) -> String {
        var characters = Array(rawLine.hasSuffix("\r") ? String(rawLine.dropLast()) : rawLine)
        var caretIndex = max(0, min(column - 1, characters.count))
        var prefix = ""
        if characters.count > 120 {
            let start = max(0, min(caretIndex - 40, characters.count - 120))
            characters = Array(characters[start..<min(characters.count, start + 120)])
            caretIndex -= start
            if start > 0 { prefix = "…" }
        }
        let gutter = String(line)
        // A tab as a space; any other control character written visibly (`<U+001B>`), never raw.
        let pieces = characters.map { character -> String in
            character == "\t" ? " " : String(character).withVisibleControls()
        }
        let shown = prefix + pieces.joined()
        var width = prefix.count
        for index in 0..<min(caretIndex, characters.count) {
            width += pieces[index].count == 1 ? displayWidth(characters[index]) : pieces[index].count
        }
        let pad = String(repeating: " ", count: gutter.count)
        return " \(gutter) | \(shown)\n \(pad) | \(String(repeating: " ", count: width))^\n"
    }

    /// Terminal columns a character takes: two for CJK and other wide characters.
    static func displayWidth(_ character: Character) -> Int {
        guard let scalar = character.unicodeScalars.first else { return 1 }
        switch scalar.value {
        case 0x1100...0x115F, 0x2E80...0xA4CF, 0xAC00...0xD7A3, 0xF900...0xFAFF, 0xFE30...0xFE4F, 0xFF00...0xFF60,
             0xFFE0...0xFFE6, 0x1F300...0x1F64F, 0x20000...0x3FFFD:
            return 2
        default:
            return 1
        }
    }

    public static func summary(_ diagnostics: [Diagnostic], language: Language = .en) -> String {
        let errors = diagnostics.errors.count, findings = diagnostics.findings.count, warnings = diagnostics.warnings.count
        return Message(errors == 1 ? "cli.errors.one" : "cli.errors", ["count": .number(errors)]).text(in: language)
            + MessageCatalogue.text("cli.comma", language)
            + Message(findings == 1 ? "cli.findings.one" : "cli.findings", ["count": .number(findings)]).text(in: language)
            + (warnings == 0 ? "" : MessageCatalogue.text("cli.comma", language)
                + Message(warnings == 1 ? "cli.warnings.one" : "cli.warnings", ["count": .number(warnings)]).text(in: language))
    }

    struct JSONReport: Encodable {
        struct Item: Encodable {
            var code: String
            var severity: String
            var file: String
            var line: Int
            var column: Int
            var message: String
            var suggestion: String?
            var subject: String?
        }
        var errors: Int
        var findings: Int
        var warnings: Int
        var diagnostics: [Item]
    }

    /// The stable `code`, position and subject, with the message and suggestion in `language`.
    public static func json(_ diagnostics: [Diagnostic], language: Language = .en) -> String {
        let report = JSONReport(errors: diagnostics.errors.count, findings: diagnostics.findings.count,
                                warnings: diagnostics.warnings.count,
                                diagnostics: diagnostics.map {
                                    .init(code: $0.code.rawValue, severity: $0.severity.rawValue,
                                          file: $0.location.file.withVisibleControls(),
                                          line: $0.location.line, column: $0.location.column,
                                          message: $0.message(in: language).withVisibleControls(),
                                          suggestion: $0.suggestion(in: language)?.withVisibleControls(), subject: $0.subject?.withVisibleControls())
                                })
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        let data = (try? encoder.encode(report)) ?? Data("{}".utf8)
        return String(decoding: data, as: UTF8.self) + "\n"
    }
}

extension DiagnosticFormatter {
    /// The line a diagnostic points at in its file under `root` (the content or the templates folder), marked
    /// at its column, as `check` quotes it; nil without a line or a readable file.
    public static func excerpt(for diagnostic: Diagnostic, under root: URL) -> String? {
        guard diagnostic.location.line > 0,
              let data = try? Data(contentsOf: root.appendingPathComponent(diagnostic.location.file)) else { return nil }
        return excerptText(data: data, line: diagnostic.location.line, column: diagnostic.location.column)
    }

    /// The offending line with its caret, as `check` prints it, for other displays (the serve overlay).
    public static func excerptText(data: Data, line: Int, column: Int) -> String? {
        sourceLine(line, in: data).map { excerpt($0, line: line, column: column) }
    }
}
