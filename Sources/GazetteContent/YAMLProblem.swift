import GazetteModel

/// libyaml's problem text (English only) as a catalogue message: the problems and contexts an editor meets
/// (a colon in a value, a tab, a bad indent, an unclosed quote) each have a key (`yaml.problem.…`,
/// `yaml.context.…`); anything else is shown as libyaml wrote it.
enum YAMLProblem {
    static let problems: [String: String] = [
        "found character that cannot start any token": "token",
        "mapping values are not allowed in this context": "colon",
        "could not find expected ':'": "noColon",
        "found unexpected end of stream": "end",
        "found a tab character that violates indentation": "tab",
        "found a tab character where an indentation space is expected": "tab",
        "did not find expected key": "key",
        "did not find expected '-' indicator": "dash",
        "did not find expected node content": "content",
        "block sequence entries are not allowed in this context": "entry",
        "found unknown escape character": "escape",
        "did not find expected ',' or ']'": "bracket",
        "did not find expected ',' or '}'": "brace",
        "found undefined alias": "alias",
        // The reader's problems (the text is decoded and checked for control characters before libyaml sees
        // it, so these are a last line).
        "control characters are not allowed": "control",
        "invalid leading UTF-8 octet": "utf8",
        "invalid trailing UTF-8 octet": "utf8",
        "incomplete UTF-8 octet sequence": "utf8",
        "invalid length of a UTF-8 sequence": "utf8",
        "invalid Unicode character": "utf8",
    ]
    static let contexts: [String: String] = [
        "while scanning a simple key": "key",
        "while parsing a block mapping": "mapping",
        "while scanning a quoted scalar": "quoted",
        "while parsing a block collection": "list",
        "while parsing a flow sequence": "flowList",
        "while parsing a flow mapping": "flowMapping",
        "while scanning a block scalar": "block",
        "while parsing a block node": "node",
        "while parsing a flow node": "node",
    ]

    /// `problem` nil: libyaml gave no text.
    static func argument(_ problem: String?, context: String?) -> MessageArgument {
        guard let problem else { return .word("yaml.problem.unknown") }
        let main: MessageArgument = problems[problem].map { .word("yaml.problem.\($0)") } ?? .text(problem)
        guard let context else { return main }
        let around: MessageArgument = contexts[context].map { .word("yaml.context.\($0)") } ?? .text(context)
        return .message(Message("yaml.problem.inContext", ["problem": main, "context": around]))
    }
}
