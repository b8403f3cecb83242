import Crypto
import Foundation

/// SHA-256 (FIPS 180-4) for the publication manifest, as lowercase hexadecimal. swift-crypto does the work
/// (BoringSSL, with the processor's SHA instructions where it has them): a province's site is gigabytes.
public enum SHA256 {
    private static let digits = Array("0123456789abcdef".utf8)

    /// The digest as 64 lowercase hexadecimal digits.
    public static func hex(_ data: Data) -> String {
        hex(Crypto.SHA256.hash(data: data))
    }

    private static func hex(_ digest: some Sequence<UInt8>) -> String {
        var text: [UInt8] = []
        text.reserveCapacity(64)
        for byte in digest {
            text.append(digits[Int(byte >> 4)])
            text.append(digits[Int(byte & 0x0F)])
        }
        return String(decoding: text, as: UTF8.self)
    }

    /// A digest made from pieces as they come.
    struct Hasher {
        private var state = Crypto.SHA256()
        mutating func update(_ bytes: UnsafeBufferPointer<UInt8>) { state.update(bufferPointer: UnsafeRawBufferPointer(bytes)) }
        func hex() -> String { SHA256.hex(state.finalize()) }
    }
}
