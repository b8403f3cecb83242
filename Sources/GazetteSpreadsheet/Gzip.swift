import Foundation
import ZIPFoundation

/// gzip files (RFC 1952) made with zlib's deflate, through ZIPFoundation (the package that already writes the
/// workbooks' zip containers). The same bytes in always give the same file out: the header holds no time
/// (MTIME 0), no file name, no flags, and "unknown" as the system, so `gzip -n`-style output is stable.
public enum Gzip {
    /// The gzip file of `data`.
    public static func compress(_ data: Data) -> Data {
        compress(size: data.count) { position, size in data.subdata(in: position..<min(position + size, data.count)) } ?? Data()
    }

    /// The gzip file of `size` bytes read piece by piece through `read(offset, count)` (a file on disk: only a
    /// piece of it is in memory at a time); nil when a read fails.
    public static func compress(size: Int, read: (_ offset: Int, _ count: Int) -> Data?) -> Data? {
        // ID1 ID2, CM = deflate, FLG = 0, MTIME = 0, XFL = 0, OS = 255 (unknown).
        var out = Data([0x1f, 0x8b, 0x08, 0x00, 0, 0, 0, 0, 0x00, 0xff])
        struct ReadFailed: Error {}
        guard let crc = try? Data.compress(size: Int64(size), bufferSize: 64 * 1024, provider: { position, count in
            guard let piece = read(Int(position), count), piece.count == count else { throw ReadFailed() }
            return piece
        }, consumer: { out.append($0) }) else { return nil }
        for value in [crc, UInt32(truncatingIfNeeded: size)] {
            withUnsafeBytes(of: value.littleEndian) { out.append(contentsOf: $0) }
        }
        return out
    }

    /// `data/site.json` → `data/site.json.gz`.
    public static func path(beside path: String) -> String { path + ".gz" }
}
