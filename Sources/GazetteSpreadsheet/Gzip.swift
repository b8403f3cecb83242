import Foundation
import ZIPFoundation

/// gzip files (RFC 1952) made with zlib's deflate, through ZIPFoundation (the package that already writes the
/// workbooks' zip containers). The same bytes in always give the same file out: the header holds no time
/// (MTIME 0), no file name, no flags, and "unknown" as the system, so `gzip -n`-style output is stable.
public enum Gzip {
    /// The gzip file of `data`.
    public static func compress(_ data: Data) -> Data {
        // ID1 ID2, CM = deflate, FLG = 0, MTIME = 0, XFL = 0, OS = 255 (unknown).
        var out = Data([0x1f, 0x8b, 0x08, 0x00, 0, 0, 0, 0, 0x00, 0xff])
        let bufferSize = 64 * 1024
        let crc = (try? Data.compress(size: Int64(data.count), bufferSize: bufferSize, provider: { position, size in
            data.subdata(in: Int(position)..<Int(position) + size)
        }, consumer: { out.append($0) })) ?? 0
        for value in [crc, UInt32(truncatingIfNeeded: data.count)] {
            withUnsafeBytes(of: value.littleEndian) { out.append(contentsOf: $0) }
        }
        return out
    }

    /// `data/site.json` → `data/site.json.gz`.
    public static func path(beside path: String) -> String { path + ".gz" }
}
