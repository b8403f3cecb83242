/// A sentence to show someone, kept as a catalogue key and its values until the language is known.
/// The text of every key, in every language, is in `MessageCatalogue` (one file per language).
public struct Message: Hashable, Sendable {
    public var key: String
    public var arguments: [String: MessageArgument]

    public init(_ key: String, _ arguments: [String: MessageArgument] = [:]) {
        self.key = key
        self.arguments = arguments
    }

    /// Text that is the same in every language (a library's own message, a file's contents).
    public static func verbatim(_ text: String) -> Message { Message(MessageCatalogue.verbatimKey, ["text": .text(text)]) }

    /// The sentence in `language`: the catalogue's template with each `{name}` replaced by its value.
    public func text(in language: Language) -> String {
        MessageCatalogue.fill(MessageCatalogue.template(key, language), arguments, language)
    }
}

/// A value placed in a message, formatted for the message's language.
public indirect enum MessageArgument: Hashable, Sendable {
    /// Shown as it is: an ID, a file name, what the editor wrote.
    case text(String)
    case number(Int)
    /// `2018年3月15日` or `15 March 2018`.
    case day(Day)
    /// As the site shows amounts in running text: `18万元` or `¥180,000`.
    case yuan(Yuan)
    /// A record's name: the Chinese one, or in English the English one when the content gives it.
    case name(String, english: String?)
    /// Another catalogue sentence or word, in the same language.
    case message(Message)
    /// Items joined: `a、b、c` or `a, b, c`.
    case list([MessageArgument])
    /// Alternatives: `a、b 或 c` or `a, b or c`.
    case alternatives([MessageArgument])
    /// Items each on a line of its own, indented by two spaces (after the sentence that introduces them).
    case lines([MessageArgument])

    public static func word(_ key: String) -> MessageArgument { .message(Message(key)) }
    public static func texts(_ items: [String]) -> MessageArgument { .list(items.map(MessageArgument.text)) }
    public static func choices(_ items: [String]) -> MessageArgument { .alternatives(items.map(MessageArgument.text)) }

    public func text(in language: Language) -> String {
        switch self {
        case let .text(text): return text
        case let .name(name, english): return language == .en ? (english ?? name) : name
        case let .number(number): return String(number)
        case let .day(day): return DateFormat.long(day, language: language.rawValue)
        case let .yuan(amount): return MoneyFormat.prose(amount, language: language.rawValue)
        case let .message(message): return message.text(in: language)
        case let .list(items):
            return items.map { $0.text(in: language) }.joined(separator: language == .zhCN ? "、" : ", ")
        case let .lines(items):
            return items.map { "\n  " + $0.text(in: language) }.joined()
        case let .alternatives(items):
            let texts = items.map { $0.text(in: language) }
            guard texts.count > 1 else { return texts.first ?? "" }
            let head = texts.dropLast().joined(separator: language == .zhCN ? "、" : ", ")
            return head + (language == .zhCN ? " 或 " : " or ") + texts.last!
        }
    }
}
