/// The Chinese terms the programme's own documents use for the content format's fixed words, accepted
/// wherever the key is (`result: 合格` is `result: pass`). Output always uses the key. The table is shown in
/// docs/content-format.md; programme-specific names (catalogue entries) come from programme.yaml instead.
public enum Keywords {
    /// Key → the Chinese terms that stand for it, the first being the one shown in messages.
    public static let chinese: [String: [String]] = [
        // Evaluation and inspection results.
        "pass": ["合格", "通过"],
        "rectify": ["整改", "限期整改"],
        "fail": ["不合格", "未通过"],
        // Notice kinds.
        "announcement": ["公告", "通知"],
        "publicity": ["公示"],
        "result": ["结果公告"],
        "interpretation": ["政策解读"],
        "report": ["报告"],
        // Registration levels.
        "province": ["省级", "省"],
        "city": ["市级", "市", "州级"],
        "county": ["县级", "县", "区级"],
        // Fees.
        "free": ["免费"],
        "low-cost": ["低偿"],
        "paid": ["有偿"],
        // Ledger kinds.
        "advance": ["预付", "先期预付"],
        "installment": ["进度款"],
        "final": ["尾款", "剩余资金"],
        "recovery": ["收回"],
    ]

    /// The yes/no words a boolean field takes.
    public static let yes = ["true", "yes", "是", "有"]
    public static let no = ["false", "no", "否", "无"]
    public static var booleanWords: [String] { ["true", "false", "是", "否"] }

    public static func boolean(_ text: String) -> Bool? {
        let word = text.trimmingSpaces().lowercased()
        if yes.contains(word) { return true }
        if no.contains(word) { return false }
        return nil
    }

    /// The key among `keys` that `text` is, or is the Chinese term of; nil when it is neither.
    public static func key(for text: String, among keys: [String]) -> String? {
        let word = text.trimmingSpaces()
        if keys.contains(word) { return word }
        return keys.first { chinese[$0]?.contains(word) == true }
    }

    /// How a key is shown in messages: its Chinese term in Chinese (`合格`), the key in English (`pass`).
    public static func shown(_ key: String) -> MessageArgument {
        .name(chinese[key]?.first ?? key, english: key)
    }

    /// "did you mean …?" for a near miss of a key or of a Chinese term (suggesting the term that was meant).
    public static func nearest(for text: String, among keys: [String]) -> Message? {
        if let help = Nearest.help(for: text, among: keys) { return help }
        let terms = keys.flatMap { chinese[$0] ?? [] }
        if let term = nearestTerm(text, terms) { return Message("help.didYouMean", ["word": .text(term)]) }
        return nil
    }

    /// For Chinese: a term that contains what was written or is contained in it (`合格了` → `合格`), else
    /// one edit away.
    public static func nearestTerm(_ text: String, _ terms: [String]) -> String? {
        let word = text.trimmingSpaces()
        guard !word.isEmpty else { return nil }
        let containing = terms.filter { word.contains($0) || $0.contains(word) }
        if let best = containing.max(by: { $0.count < $1.count }) { return best }
        return terms.first { Nearest.editDistance(Array(word), Array($0)) == 1 }
    }
}
