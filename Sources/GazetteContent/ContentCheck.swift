import Foundation
import GazetteMarkdown
import GazetteModel

/// Load, then check: the first two stages of the pipeline, shared by `check`, `build` and `serve`.
public enum ContentCheck {
    public struct Report: Sendable {
        public var content: Content
        /// Errors and findings, in a fixed order (file, line, column, code).
        public var diagnostics: [Diagnostic]
        public var hasErrors: Bool { !diagnostics.errors.isEmpty }
    }

    public static func run(contentDirectory: URL, cache: ContentCache? = nil) -> Report {
        let loaded = ContentLoader.load(from: contentDirectory, cache: cache)
        var diagnostics = loaded.diagnostics
        // With a ledger file unread, sums would be wrong: money is checked only over the whole ledger.
        let ledgerComplete = !diagnostics.contains { $0.severity == .error && $0.location.file.hasPrefix("ledger/") }
        // Findings only for content without errors.
        diagnostics += Checker.diagnostics(in: loaded.content, links: recordLinks(in: loaded.content.markdown),
                                           checkMoney: ledgerComplete,
                                           earlierErrors: diagnostics.contains { $0.severity == .error })
        return Report(content: loaded.content, diagnostics: diagnostics.sortedForOutput())
    }

    /// The links of every Markdown text, placed in their files.
    static func recordLinks(in texts: [MarkdownText]) -> [RecordLinkUse] {
        texts.flatMap { text -> [RecordLinkUse] in
            let links = Markdown.links(in: text.text)
            guard !links.isEmpty else { return [] }
            let lines = text.text.split(separator: "\n", omittingEmptySubsequences: false)
            return links.map { link in
                RecordLinkUse(url: link.url, location: text.location(line: link.line,
                                                                    column: characterColumn(link.column, in: lines, line: link.line)))
            }
        }
    }

    /// cmark counts columns in bytes; diagnostics count characters, as the YAML positions do.
    static func characterColumn(_ byteColumn: Int, in lines: [Substring], line: Int) -> Int {
        guard line >= 1, line <= lines.count else { return byteColumn }
        let utf8 = lines[line - 1].utf8
        let end = utf8.index(utf8.startIndex, offsetBy: max(0, min(byteColumn - 1, utf8.count)))
        return lines[line - 1][..<end].count + 1
    }
}
