/// The candidate closest to a misspelt word, for "did you mean …?" suggestions.
public enum Nearest {
    /// The closest candidate by edit distance, if it is close enough to be a plausible typo.
    public static func match(for word: String, among candidates: [String]) -> String? {
        let target = Array(word.lowercased())
        var best: (String, Int)?
        for candidate in candidates {
            let distance = editDistance(target, Array(candidate.lowercased()))
            if best == nil || distance < best!.1 { best = (candidate, distance) }
        }
        guard let (candidate, distance) = best else { return nil }
        let limit = max(2, min(target.count, candidate.count) / 2)
        return distance <= limit ? candidate : nil
    }

    static func editDistance(_ a: [Character], _ b: [Character]) -> Int {
        if a.isEmpty { return b.count }
        if b.isEmpty { return a.count }
        var previous = Array(0...b.count)
        var current = previous
        for i in 1...a.count {
            current[0] = i
            for j in 1...b.count {
                let cost = a[i - 1] == b[j - 1] ? 0 : 1
                current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
            }
            swap(&previous, &current)
        }
        return previous[b.count]
    }

    /// "did you mean `counselling`?" (in the reader's language) or nil.
    public static func help(for word: String, among candidates: [String]) -> Message? {
        match(for: word, among: candidates).map { Message("help.didYouMean", ["word": .text($0)]) }
    }

    /// "did you mean `counselling`?" or nil.
    public static func suggestion(for word: String, among candidates: [String]) -> String? {
        match(for: word, among: candidates).map { "did you mean `\($0)`?" }
    }
}
