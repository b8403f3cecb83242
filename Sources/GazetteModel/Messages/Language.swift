/// The languages every message is written in. Which one a command speaks: `--lang`, else the
/// `GAZETTE_LANG` environment variable, else the site's `language`, else Chinese.
public enum Language: String, Sendable, Hashable, CaseIterable, Codable {
    case zhCN = "zh-CN"
    case en

    /// `zh-CN`, `zh`, `zh_CN.UTF-8`, `en`, `en-GB` …; nil for anything else.
    public init?(code: String) {
        let lowered = code.lowercased()
        if lowered.hasPrefix("zh") { self = .zhCN } else if lowered.hasPrefix("en") { self = .en } else { return nil }
    }

    /// The language to speak: the first of an explicit choice, the environment's `GAZETTE_LANG`, the site's.
    public static func resolve(option: String?, environment: [String: String], site: String?) -> Language {
        if let option, let language = Language(code: option) { return language }
        if let variable = environment["GAZETTE_LANG"], let language = Language(code: variable) { return language }
        if let site, let language = Language(code: site) { return language }
        return .zhCN
    }
}
