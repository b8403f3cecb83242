import Foundation
import GazetteModel

/// The diagnostics of a build as text, one JSON array a line, kept in `BuildState` so that a build that finds
/// nothing changed reports what the last one found (its findings and warnings) without checking again.
/// Each value is written with its kind, so that it reads back equal (`Diagnostic` is `Hashable`: the oracle
/// compares them with `==`), messages and their nested arguments included.
enum StoredDiagnostics {
    static func encode(_ diagnostic: Diagnostic) -> String {
        var fields: [Any] = [diagnostic.code.rawValue, diagnostic.location.file, diagnostic.location.line, diagnostic.location.column,
                             encode(diagnostic.text)]
        fields.append(diagnostic.help.map(encode) ?? NSNull())
        fields.append(diagnostic.subject ?? NSNull())
        let data = (try? JSONSerialization.data(withJSONObject: fields, options: [.sortedKeys, .withoutEscapingSlashes])) ?? Data()
        return String(decoding: data, as: UTF8.self)
    }

    static func decode(_ line: Substring) -> Diagnostic? {
        guard let fields = try? JSONSerialization.jsonObject(with: Data(line.utf8)) as? [Any], fields.count == 7,
              let codeText = fields[0] as? String, let code = DiagnosticCode(rawValue: codeText),
              let file = fields[1] as? String, let line = fields[2] as? Int, let column = fields[3] as? Int,
              let text = decodeMessage(fields[4]) else { return nil }
        let help = fields[5] is NSNull ? nil : decodeMessage(fields[5])
        if !(fields[5] is NSNull) && help == nil { return nil }
        let subject = fields[6] as? String
        if !(fields[6] is NSNull) && subject == nil { return nil }
        return Diagnostic(code, at: SourceLocation(file: file, line: line, column: column), text, help: help, subject: subject)
    }

    private static func encode(_ message: Message) -> [Any] {
        [message.key, message.arguments.mapValues(encode)]
    }

    private static func encode(_ argument: MessageArgument) -> [Any] {
        switch argument {
        case let .text(text): return ["text", text]
        case let .number(number): return ["number", number]
        case let .day(day): return ["day", day.year, day.month, day.day]
        case let .yuan(yuan): return ["yuan", NSNumber(value: yuan.fen)]
        case let .name(name, english): return ["name", name, english ?? NSNull()]
        case let .message(message): return ["message", encode(message)]
        case let .list(items): return ["list", items.map(encode)]
        case let .alternatives(items): return ["alternatives", items.map(encode)]
        case let .lines(items): return ["lines", items.map(encode)]
        }
    }

    private static func decodeMessage(_ value: Any) -> Message? {
        guard let fields = value as? [Any], fields.count == 2, let key = fields[0] as? String,
              let arguments = fields[1] as? [String: Any] else { return nil }
        var decoded: [String: MessageArgument] = [:]
        for (name, value) in arguments {
            guard let argument = decodeArgument(value) else { return nil }
            decoded[name] = argument
        }
        return Message(key, decoded)
    }

    private static func decodeArgument(_ value: Any) -> MessageArgument? {
        guard let fields = value as? [Any], let kind = fields.first as? String else { return nil }
        func items() -> [MessageArgument]? {
            guard fields.count == 2, let list = fields[1] as? [Any] else { return nil }
            let decoded = list.compactMap(decodeArgument)
            return decoded.count == list.count ? decoded : nil
        }
        switch (kind, fields.count) {
        case ("text", 2): return (fields[1] as? String).map(MessageArgument.text)
        case ("number", 2): return (fields[1] as? Int).map(MessageArgument.number)
        case ("day", 4):
            guard let year = fields[1] as? Int, let month = fields[2] as? Int, let day = fields[3] as? Int,
                  let value = Day(year: year, month: month, day: day) else { return nil }
            return .day(value)
        case ("yuan", 2): return (fields[1] as? NSNumber).map { .yuan(Yuan(fen: $0.int64Value)) }
        case ("name", 3):
            guard let name = fields[1] as? String else { return nil }
            return .name(name, english: fields[2] as? String)
        case ("message", 2): return decodeMessage(fields[1]).map(MessageArgument.message)
        case ("list", 2): return items().map(MessageArgument.list)
        case ("alternatives", 2): return items().map(MessageArgument.alternatives)
        case ("lines", 2): return items().map(MessageArgument.lines)
        default: return nil
        }
    }
}
