import GazetteModel

/// A column chart over years as inline SVG, made at build time: one group of columns per year, one column per
/// series (contracted, paid, recovered). Each column carries its year, series and exact amount in fen
/// (`data-year`, `data-series`, `data-fen`), so that the table beside it can be checked against it.
enum YearChart {
    static func svg(id: String, title: String, years: [(year: Int, values: [Yuan])], series: [(key: String, label: String)]) -> String {
        let columnWidth = 22, gap = 4, groupGap = 28, top = 12, plotHeight = 160, axisHeight = 24, legendHeight = 24
        let groupWidth = series.count * (columnWidth + gap) - gap
        let left = 8
        let width = max(240, left + years.count * (groupWidth + groupGap))
        let height = top + plotHeight + axisHeight + legendHeight
        let largest = max(1, years.flatMap { $0.values.map(\.fen) }.max() ?? 1)
        func length(_ amount: Yuan) -> Int { Int(Int64(plotHeight) * max(0, amount.fen) / largest) }
        var svg = "<svg class=\"chart year-chart\" role=\"img\" aria-labelledby=\"\(id)-title\" viewBox=\"0 0 \(width) \(height)\" "
            + "width=\"100%\" preserveAspectRatio=\"xMinYMin meet\" xmlns=\"http://www.w3.org/2000/svg\">"
        svg += "<title id=\"\(id)-title\">\(Escape.xml(title))</title>"
        let baseline = top + plotHeight
        svg += "<line class=\"chart-axis\" x1=\"0\" y1=\"\(baseline)\" x2=\"\(width)\" y2=\"\(baseline)\"/>"
        for (index, year) in years.enumerated() {
            let x0 = left + index * (groupWidth + groupGap)
            for (s, value) in year.values.enumerated() where s < series.count {
                let h = length(value)
                svg += "<rect class=\"chart-series-\(s + 1)\" data-year=\"\(year.year)\" data-series=\"\(series[s].key)\" "
                    + "data-fen=\"\(value.fen)\" x=\"\(x0 + s * (columnWidth + gap))\" y=\"\(baseline - h)\" "
                    + "width=\"\(columnWidth)\" height=\"\(h)\"><title>\(year.year) \(Escape.xml(series[s].label)) \(Escape.xml(MoneyFormat.table(value)))</title></rect>"
            }
            svg += "<text class=\"chart-label\" x=\"\(x0)\" y=\"\(baseline + 18)\">\(year.year)</text>"
        }
        var x = 0
        let legendY = baseline + axisHeight + 14
        for (s, entry) in series.enumerated() {
            svg += "<rect class=\"chart-series-\(s + 1)\" x=\"\(x)\" y=\"\(legendY - 10)\" width=\"12\" height=\"12\"/>"
            svg += "<text class=\"chart-legend\" x=\"\(x + 16)\" y=\"\(legendY)\">\(Escape.xml(entry.label))</text>"
            x += 16 + 14 * entry.label.count + 12
        }
        return svg + "</svg>"
    }
}

/// A tile-grid map as inline SVG: one square per county at the column and row `regions.yaml` gives it (counties
/// without a place follow in a row below), shaded in five steps by a value, each square a link with its name.
/// The SVG keeps its own role (graphics-document), named by its title, so that its links stay links.
enum TileMap {
    struct Tile {
        var code: String
        var name: String
        var short: String
        var href: String
        var cell: GridCell?
        /// What the shade is made from (fen of net funds, or hundredths of projects per 10,000 residents).
        var value: Int64
        var valueText: String
        var projects: Int
        var net: Yuan
        var population: Int?
    }

    /// The shade, 0 (none) to 4 (the largest value): the value's share of the largest, in four equal steps.
    static func shade(_ value: Int64, max largest: Int64) -> Int {
        guard value > 0, largest > 0 else { return 0 }
        return Int(min(4, 1 + (value * 4 - 1) / largest))
    }

    static func svg(id: String, title: String, tiles: [Tile], labelFor: (Tile) -> String) -> String {
        let size = 76, gap = 4
        // Placed tiles where written; the others in order on rows below them.
        // A city's counties may sit anywhere on the province's grid: their top-left square moves to 0, 0.
        var cells: [(Tile, Int, Int)] = []
        let left = tiles.compactMap { $0.cell?.column }.min() ?? 0, top = tiles.compactMap { $0.cell?.row }.min() ?? 0
        let placedRows = tiles.compactMap { $0.cell?.row }.max().map { $0 + 1 - top } ?? 0
        let perRow = max(4, tiles.compactMap { $0.cell?.column }.max().map { $0 + 1 - left } ?? 4)
        var next = 0
        for tile in tiles {
            if let cell = tile.cell {
                cells.append((tile, cell.column - left, cell.row - top))
            } else {
                cells.append((tile, next % perRow, placedRows + next / perRow))
                next += 1
            }
        }
        let columns = (cells.map(\.1).max() ?? 0) + 1, rows = (cells.map(\.2).max() ?? 0) + 1
        let width = columns * (size + gap), height = rows * (size + gap)
        let largest = tiles.map(\.value).max() ?? 0
        var svg = "<svg class=\"tile-map\" aria-labelledby=\"\(id)-title\" viewBox=\"0 0 \(width) \(height)\" "
            + "width=\"100%\" preserveAspectRatio=\"xMinYMin meet\" xmlns=\"http://www.w3.org/2000/svg\">"
        svg += "<title id=\"\(id)-title\">\(Escape.xml(title))</title>"
        for (tile, column, row) in cells {
            let x = column * (size + gap), y = row * (size + gap)
            let label = Escape.xml(labelFor(tile))
            svg += "<a href=\"\(Escape.xml(tile.href))\" class=\"map-shape map-shade-\(shade(tile.value, max: largest))\" "
                + "data-region=\"\(tile.code)\" aria-label=\"\(label)\">"
            svg += "<title>\(label)</title>"
            svg += "<rect x=\"\(x)\" y=\"\(y)\" width=\"\(size)\" height=\"\(size)\" rx=\"4\"/>"
            svg += "<text x=\"\(x + size / 2)\" y=\"\(y + size / 2 + 5)\" text-anchor=\"middle\">\(Escape.xml(tile.short))</text>"
            svg += "</a>"
        }
        return svg + "</svg>"
    }
}
