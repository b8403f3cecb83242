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

    public static func run(contentDirectory: URL) -> Report {
        let loaded = ContentLoader.load(from: contentDirectory)
        var diagnostics = loaded.diagnostics
        // With a ledger file unread, sums would be wrong: money is checked only over the whole ledger.
        let ledgerComplete = !diagnostics.contains { $0.severity == .error && $0.location.file.hasPrefix("ledger/") }
        diagnostics += Checker.errors(in: loaded.content, links: recordLinks(in: loaded.content.markdown),
                                      checkMoney: ledgerComplete)
        if diagnostics.errors.isEmpty {
            diagnostics += Checker.findings(in: loaded.content)
        }
        return Report(content: loaded.content, diagnostics: diagnostics.sortedForOutput())
    }

    /// The links of every Markdown text, placed in their files.
    static func recordLinks(in texts: [MarkdownText]) -> [RecordLinkUse] {
        texts.flatMap { text in
            Markdown.links(in: text.text).map { link in
                RecordLinkUse(url: link.url, location: text.location(line: link.line, column: link.column))
            }
        }
    }
}
