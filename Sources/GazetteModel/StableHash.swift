import Foundation

/// FNV-1a, 64 bits: a hash that is the same in every process and on every machine (Swift's `Hasher` is
/// seeded per process), for telling changed files and pages from unchanged ones. Not for security.
public enum StableHash {
    public static let seed: UInt64 = 0xcbf2_9ce4_8422_2325

    public static func of(_ data: Data, seed: UInt64 = seed) -> UInt64 {
        data.withUnsafeBytes { of($0, seed: seed) }
    }

    public static func of(_ bytes: UnsafeRawBufferPointer, seed: UInt64 = seed) -> UInt64 {
        var hash = seed
        for byte in bytes {
            hash ^= UInt64(byte)
            hash = hash &* 0x0000_0100_0000_01b3
        }
        return hash
    }

    public static func of(_ text: String) -> UInt64 { of(Data(text.utf8)) }

    /// 16 hex digits, for ETags and file names.
    public static func hex(_ value: UInt64) -> String {
        let digits = String(value, radix: 16)
        return String(repeating: "0", count: 16 - digits.count) + digits
    }
}
