import Foundation
@testable import GazettePages
import GazetteSpreadsheet
import Testing
import ZIPFoundation

/// Issue 16, light pages: lists in pages, feeds of the newest entries, gzip files.
@Suite("Light pages: pagination, gzip")
struct LightPagesTests {
    @Test(arguments: [0, 1, 5, 99, 100, 101, 250, 1000])
    func pagesHoldEveryRowOnce(count: Int) {
        for size in [1, 7, 100] {
            let pages = ListPage.pages(base: "projects/", count: count, size: size)
            #expect(pages.count == max(1, (count + size - 1) / size))
            #expect(pages.flatMap { Array($0.rows) } == Array(0..<count))
            #expect(pages.allSatisfy { $0.rows.count <= size && $0.pageCount == pages.count })
            #expect(pages.map(\.path) == pages.indices.map { $0 == 0 ? "projects/" : "projects/page/\($0 + 1)/" })
        }
    }

    @Test func pagerNumbersStayShort() {
        #expect(PageContext.pagerNumbers(page: 1, count: 1) == [1])
        #expect(PageContext.pagerNumbers(page: 500, count: 1000) == [1, 2, nil, 498, 499, 500, 501, 502, nil, 999, 1000])
        #expect(PageContext.pagerNumbers(page: 1, count: 4) == [1, 2, 3, 4])
    }

    /// The gzip file inflates to the input (through ZIPFoundation's inflate, the other direction of the same
    /// zlib), its trailer holds the input's CRC-32 and size, and its header no time or name.
    @Test(arguments: [0, 1, 1_000, 200_000])
    func gzipRoundTripsAndIsDeterministic(size: Int) throws {
        var generator = SystemRandomNumberGenerator()
        let text = (0..<size).map { _ in "城东区留守儿童abc,123\n".randomElement(using: &generator)! }
        let data = Data(String(text).utf8)
        let gz = Gzip.compress(data)
        #expect(gz == Gzip.compress(data), "the same input gave different bytes")
        #expect(Array(gz.prefix(10)) == [0x1f, 0x8b, 0x08, 0, 0, 0, 0, 0, 0, 0xff])
        let body = gz.subdata(in: 10..<(gz.count - 8))
        var inflated = Data()
        let crc = try Data.decompress(size: Int64(body.count), bufferSize: 16_384, skipCRC32: false, provider: { position, count in
            body.subdata(in: Int(position)..<min(Int(position) + count, body.count))
        }, consumer: { inflated.append($0) })
        #expect(inflated == data)
        let trailer = Array(gz.suffix(8))
        let storedCRC = trailer[0..<4].enumerated().reduce(UInt32(0)) { $0 | UInt32($1.element) << (8 * UInt32($1.offset)) }
        let storedSize = trailer[4..<8].enumerated().reduce(UInt32(0)) { $0 | UInt32($1.element) << (8 * UInt32($1.offset)) }
        #expect(storedCRC == crc && storedSize == UInt32(data.count))
    }
}
