@testable import GazetteContent
import GazetteModel
import Testing

/// libyaml words its problems in English; the editor reads them in the catalogue's language, including the
/// problems that carry no text or come from libyaml's reader.
@Suite("libyaml's problems in the editor's language")
struct YAMLProblemWordsTests {
    @Test func aProblemWithoutTextIsStillASentence() {
        let diagnostic = YAMLParser.syntaxError(problem: nil, context: nil, at: SourceLocation(file: "projects/x.yaml", line: 3, column: 1))
        #expect(diagnostic.message(in: .zhCN).contains("读取时出错，但没有给出原因"))
        #expect(!diagnostic.message(in: .zhCN).contains("unknown"))
        #expect(diagnostic.message(in: .en).contains("the YAML reader stopped without saying why"))
    }

    @Test func theReadersProblemsAreTranslated() {
        for problem in ["control characters are not allowed", "invalid leading UTF-8 octet", "incomplete UTF-8 octet sequence"] {
            let text = Message("E002.reader", ["problem": YAMLProblem.argument(problem, context: nil)]).text(in: .zhCN)
            #expect(!text.contains(problem), "\(problem) shown in English: \(text)")
            #expect(text.hasPrefix("无法读取文字："))
        }
    }

    @Test func aControlCharacterThatReachesLibyamlIsReportedInChinese() {
        // U+0007 inside a quoted scalar: libyaml's reader refuses it.
        guard case let .failure(failure) = YAMLParser.parse("title: \"a\u{07}b\"\n", file: "projects/x.yaml") else {
            Issue.record("a control character was accepted"); return
        }
        let message = failure.diagnostic.message(in: .zhCN)
        #expect(!message.contains("control characters"), "\(message)")
        #expect(message.contains("控制字符"), "\(message)")
    }
}
