/// The unified social credit code (统一社会信用代码, GB 32100-2015): 18 characters, the last a check character.
public struct CreditCode: Hashable, Sendable, CustomStringConvertible {
    /// The code's 31 symbols, values 0–30 (no I, O, Z, S or V).
    public static let alphabet: [Character] = Array("0123456789ABCDEFGHJKLMNPQRTUWXY")
    /// Weights of positions 1–17: 3^(i−1) mod 31.
    public static let weights: [Int] = (0..<17).map { i in (0..<i).reduce(1) { acc, _ in acc * 3 % 31 } }

    public let text: String

    public enum Problem: Error, Equatable, Sendable {
        case wrongLength(Int)
        case badCharacter(position: Int, character: Character)
        case wrongCheckCharacter(found: Character, expected: Character)
    }

    public static func value(of character: Character) -> Int? {
        alphabet.firstIndex(of: character)
    }

    /// The check character for the first 17 characters, if they are all of the alphabet.
    public static func checkCharacter(for first17: some Collection<Character>) -> Character? {
        guard first17.count == 17 else { return nil }
        var sum = 0
        for (index, character) in first17.enumerated() {
            guard let value = value(of: character) else { return nil }
            sum += value * weights[index]
        }
        return alphabet[(31 - sum % 31) % 31]
    }

    /// Validates a code: length, alphabet, check character.
    public static func validate(_ text: String) -> Result<CreditCode, Problem> {
        let characters = Array(text)
        guard characters.count == 18 else { return .failure(.wrongLength(characters.count)) }
        for (index, character) in characters.enumerated() where value(of: character) == nil {
            return .failure(.badCharacter(position: index + 1, character: character))
        }
        let expected = checkCharacter(for: characters[0..<17])!
        guard characters[17] == expected else {
            return .failure(.wrongCheckCharacter(found: characters[17], expected: expected))
        }
        return .success(CreditCode(text: text))
    }

    private init(text: String) { self.text = text }

    public var description: String { text }

    private var characters: [Character] { Array(text) }

    /// Position 1: the registering authority (`5` = civil affairs).
    public var authority: Character { characters[0] }
    /// Position 2: the kind of body, under that authority.
    public var kind: Character { characters[1] }
    /// Positions 3–8: the region code of the registering authority.
    public var region: String { String(characters[2..<8]) }
    /// Positions 9–17: the body identifier.
    public var body: String { String(characters[8..<17]) }
    /// Position 18.
    public var check: Character { characters[17] }

    /// Names of the registering authorities (position 1), as GB 32100-2015 lists them.
    public static let authorityNames: [Character: (zh: String, en: String)] = [
        "1": ("机构编制", "institutional establishment"),
        "5": ("民政", "civil affairs"),
        "9": ("工商", "industry and commerce"),
        "Y": ("其他", "other"),
    ]

    /// Names of the kinds (position 2) under civil affairs.
    public static let civilAffairsKindNames: [Character: (zh: String, en: String)] = [
        "1": ("社会团体", "social group"),
        "2": ("民办非企业单位", "private non-enterprise unit"),
        "3": ("基金会", "foundation"),
        "9": ("其他", "other"),
    ]
}
