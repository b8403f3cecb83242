/// Every sentence Gazette shows (errors, findings, help, the command line's lines, the preview overlay),
/// by key, in each language: `MessageCatalogue+en.swift` and `MessageCatalogue+zhCN.swift`. A key's
/// placeholders (`{name}`) are the same in both; `CatalogueTests` checks it.
public enum MessageCatalogue {
    static let verbatimKey = "verbatim"

    public static func entries(_ language: Language) -> [String: String] {
        switch language {
        case .en: return allEnglish
        case .zhCN: return allChinese
        }
    }

    /// Each language's parts joined (a key is in one part only: the first part wins, and CatalogueTests
    /// checks that no key is in two).
    static let allEnglish = english.merging(englishCommands) { first, _ in first }
    static let allChinese = chinese.merging(chineseCommands) { first, _ in first }

    /// The template of `key`; English when a language lacks it (the test keeps that from happening), the
    /// key itself when no language has it.
    static func template(_ key: String, _ language: Language) -> String {
        entries(language)[key] ?? allEnglish[key] ?? key
    }

    /// A message without values, in `language`.
    public static func text(_ key: String, _ language: Language) -> String { template(key, language) }

    /// The `{name}` placeholders of a template, in order.
    public static func placeholders(_ template: String) -> [String] {
        var names: [String] = []
        var current: String? = nil
        for character in template {
            if character == "{" {
                current = ""
            } else if character == "}", let name = current {
                names.append(name)
                current = nil
            } else if current != nil {
                if character.isLetter || character.isNumber || character == "_" { current!.append(character) } else { current = nil }
            }
        }
        return names
    }

    static func fill(_ template: String, _ arguments: [String: MessageArgument], _ language: Language) -> String {
        guard template.contains("{") else { return template }
        var out = ""
        var index = template.startIndex
        while index < template.endIndex {
            let character = template[index]
            if character == "{", let close = template[index...].firstIndex(of: "}") {
                let name = String(template[template.index(after: index)..<close])
                if let value = arguments[name] {
                    out += value.text(in: language)
                    index = template.index(after: close)
                    continue
                }
            }
            out.append(character)
            index = template.index(after: index)
        }
        return out
    }
}
