import Foundation
import GazetteMarkdown
import GazetteModel

/// Load, then check: the first two stages of the pipeline, shared by `check`, `build` and `serve`.
public enum ContentCheck {
    public struct Report: Sendable {
        public var content: Content
        /// Errors and findings, in a fixed order (file, line, column, code).
        public var diagnostics: [Diagnostic]
        /// Each project's status, money and ledger rows, derived once: for the checks, then the site.
        public var figures: ProjectFigures
        public var hasErrors: Bool { !diagnostics.errors.isEmpty }
    }

    /// `links`: the Markdown texts' links remembered between runs (`serve`), so that only new texts are parsed.
    public static func run(contentDirectory: URL, cache: ContentCache? = nil, links memo: MarkdownLinksMemo? = nil) -> Report {
        let loaded = ContentLoader.load(from: contentDirectory, cache: cache)
        var diagnostics = loaded.diagnostics
        // With a ledger file unread, sums would be wrong: money is checked only over the whole ledger.
        let ledgerComplete = !diagnostics.contains { $0.severity == .error && $0.location.file.hasPrefix("ledger/") }
        let figures = ProjectFigures(loaded.content)
        // Findings only for content without errors.
        diagnostics += Checker.diagnostics(in: loaded.content, figures: figures, links: recordLinks(in: loaded.content.markdown, memo: memo),
                                           checkMoney: ledgerComplete,
                                           earlierErrors: diagnostics.contains { $0.severity == .error })
        diagnostics += SpreadsheetWarnings.run(loaded.content)
        return Report(content: loaded.content, diagnostics: diagnostics.sortedForOutput(), figures: figures)
    }

    /// The links of every Markdown text, placed in their files. The texts are parsed on all cores, in
    /// groups; the links come back in the texts' order.
    static func recordLinks(in texts: [MarkdownText], memo: MarkdownLinksMemo? = nil) -> [RecordLinkUse] {
        let groupSize = 64
        let jobs: [@Sendable () -> [RecordLinkUse]] = stride(from: 0, to: texts.count, by: groupSize).map { start in
            let group = texts[start..<min(start + groupSize, texts.count)]
            return { group.flatMap { recordLinks(in: $0, memo: memo) } }
        }
        return ParallelMap.run(jobs).flatMap { $0 }
    }

    static func recordLinks(in text: MarkdownText, memo: MarkdownLinksMemo? = nil) -> [RecordLinkUse] {
        let links = memo?.links(in: text.text) ?? Markdown.links(in: text.text)
        guard !links.isEmpty else { return [] }
        let lines = Lines(text.text)
        return links.map { link in
            RecordLinkUse(url: link.url, location: text.location(line: link.line,
                                                                column: characterColumn(link.column, in: lines, line: link.line)))
        }
    }

    /// cmark counts columns in bytes; diagnostics count characters, as the YAML positions do.
    static func characterColumn(_ byteColumn: Int, in lines: Lines, line: Int) -> Int {
        guard line >= 1, line <= lines.count else { return byteColumn }
        let text = lines[line - 1]
        let utf8 = text.utf8
        let end = utf8.index(utf8.startIndex, offsetBy: max(0, min(byteColumn - 1, utf8.count)))
        return text[..<end].count + 1
    }

    /// A text's lines as splitting its Characters at "\n" gives them ("\r\n" is one Character, so a line
    /// feed after a carriage return ends no line), found in its bytes.
    struct Lines {
        let text: String
        /// Where each line starts, in bytes, and where the text ends.
        private let starts: [Int]

        init(_ text: String) {
            var text = text
            text.makeContiguousUTF8()
            self.text = text
            var starts = [0]
            text.utf8.withContiguousStorageIfAvailable { bytes in
                for index in bytes.indices where bytes[index] == UInt8(ascii: "\n")
                    && (index == 0 || bytes[index - 1] != UInt8(ascii: "\r")) {
                    starts.append(index + 1)
                }
            }
            starts.append(text.utf8.count + 1)
            self.starts = starts
        }

        var count: Int { starts.count - 1 }

        subscript(index: Int) -> Substring {
            let utf8 = text.utf8
            return text[utf8.index(utf8.startIndex, offsetBy: starts[index])..<utf8.index(utf8.startIndex, offsetBy: starts[index + 1] - 1)]
        }
    }
}
