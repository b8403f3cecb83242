import Foundation

/// A one-sheet workbook whose rows are made one at a time as the zip writer reads the sheet (issue 16, peak
/// memory): a province's table (`data/projects.xlsx`, `data/ledger.xlsx`) is never whole as typed cells or as
/// XML. A first pass over the rows finds the columns' widths and the sheet's size (the zip entry's header
/// needs it); the second makes the XML again, row by row, for the compressor.
///
/// The bytes are those of `XLSXWriter.write(_:)` for a `SheetDraft` holding the same rows, which stays as the
/// plain path and this one's oracle (`StreamedFilesOracleTests`).
public struct SheetRows {
    /// The sheet's name, columns and settings; its `rows` are not read.
    public var layout: SheetDraft
    public var count: Int
    /// Row `index` (from 0, below the header).
    public var row: (_ index: Int) -> [SheetDraft.Value]

    public init(layout: SheetDraft, count: Int, row: @escaping (_ index: Int) -> [SheetDraft.Value]) {
        self.layout = layout
        self.count = count
        self.row = row
    }
}

extension XLSXWriter {
    public static func write(rows sheet: SheetRows) throws -> Data {
        let layout = sheet.layout
        var widest = layout.columns.map { displayWidth($0.header) }
        var rowBytes = 0
        for index in 0..<sheet.count {
            let values = sheet.row(index)
            for (column, value) in values.enumerated() where column < widest.count {
                widest[column] = max(widest[column], width(value))
            }
            rowBytes += rowXML(values, row: index + 2).utf8.count
        }
        let widths = widest.map { min(layout.maximumWidth, max(8, $0 + 2)) }
        let stream = SheetStream(head: sheetHead(layout, widths: widths, rowCount: sheet.count), tail: sheetTail(layout),
                                 count: sheet.count, row: sheet.row)
        return try write(sheetNames: [layout.name]) { _ in (stream.head.count + rowBytes + stream.tail.count, stream.read) }
    }
}

/// The sheet's XML made as it is read: the head, each row, the tail. Reads are expected in order (the zip
/// writer's); one that goes back starts again from the head.
final class SheetStream {
    let head: [UInt8], tail: [UInt8]
    let count: Int
    let row: (Int) -> [SheetDraft.Value]
    /// Made and not yet read past: `buffer[0]` is the byte at `start`.
    private var buffer: [UInt8] = []
    private var start = 0
    /// The next part to make: -1 the head, 0..<count the rows, count the tail, past it nothing.
    private var next = -1

    init(head: String, tail: String, count: Int, row: @escaping (Int) -> [SheetDraft.Value]) {
        self.head = Array(head.utf8)
        self.tail = Array(tail.utf8)
        self.count = count
        self.row = row
    }

    func read(_ position: Int, _ wanted: Int) -> Data {
        if position < start {
            buffer = []
            start = 0
            next = -1
        }
        while start + buffer.count < position + wanted && next <= count {
            switch next {
            case -1: buffer += head
            case count: buffer += tail
            default: buffer += XLSXWriter.rowXML(row(next), row: next + 2).utf8
            }
            next += 1
        }
        let skip = min(position - start, buffer.count)
        buffer.removeFirst(skip)
        start += skip
        return Data(buffer.prefix(wanted))
    }
}
