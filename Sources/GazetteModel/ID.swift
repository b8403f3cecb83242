/// Record IDs and keys: `^[a-z0-9][a-z0-9-]{0,63}$`. An ID is a URL segment, so nothing else is allowed.
public enum ID {
    public static func isValid(_ text: String) -> Bool {
        guard let first = text.utf8.first, (1...64).contains(text.utf8.count) else { return false }
        func allowed(_ byte: UInt8) -> Bool {
            (UInt8(ascii: "a")...UInt8(ascii: "z")).contains(byte) || (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte)
        }
        return allowed(first) && text.utf8.allSatisfy { allowed($0) || $0 == UInt8(ascii: "-") }
    }
}
