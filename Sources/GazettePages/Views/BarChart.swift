import GazetteModel

/// A horizontal bar chart as inline SVG, made at build time: no script, a title for screen readers, and the
/// same numbers in a table beside it. Two bars per row (for example contracted and net disbursed).
enum BarChart {
    static func svg(title: String, bars: [(label: String, first: Yuan, second: Yuan)], seriesLabels: (String, String)) -> String {
        let rowHeight = 44, barHeight = 14, labelWidth = 200, chartWidth = 280, valueWidth = 130
        let width = labelWidth + chartWidth + valueWidth
        let height = bars.count * rowHeight + 36
        let largest = max(1, bars.map { max($0.first.fen, $0.second.fen) }.max() ?? 1)
        func length(_ amount: Yuan) -> Int { Int((Int64(chartWidth) * max(0, amount.fen)) / largest) }
        var svg = "<svg class=\"chart\" role=\"img\" aria-labelledby=\"chart-title\" viewBox=\"0 0 \(width) \(height)\" "
            + "width=\"100%\" preserveAspectRatio=\"xMinYMin meet\" xmlns=\"http://www.w3.org/2000/svg\">"
        svg += "<title id=\"chart-title\">\(escape(title))</title>"
        for (index, bar) in bars.enumerated() {
            let y = index * rowHeight
            svg += "<text class=\"chart-label\" x=\"0\" y=\"\(y + 18)\">\(escape(bar.label))</text>"
            svg += "<rect class=\"chart-bar-1\" x=\"\(labelWidth)\" y=\"\(y + 4)\" width=\"\(length(bar.first))\" height=\"\(barHeight)\"/>"
            svg += "<rect class=\"chart-bar-2\" x=\"\(labelWidth)\" y=\"\(y + 4 + barHeight + 2)\" width=\"\(length(bar.second))\" height=\"\(barHeight)\"/>"
            svg += "<text class=\"chart-value\" x=\"\(labelWidth + chartWidth + 6)\" y=\"\(y + 16)\">\(escape(MoneyFormat.table(bar.first)))</text>"
            svg += "<text class=\"chart-value\" x=\"\(labelWidth + chartWidth + 6)\" y=\"\(y + 32)\">\(escape(MoneyFormat.table(bar.second)))</text>"
        }
        let legendY = bars.count * rowHeight + 16
        svg += "<rect class=\"chart-bar-1\" x=\"0\" y=\"\(legendY - 10)\" width=\"12\" height=\"12\"/>"
        svg += "<text class=\"chart-legend\" x=\"18\" y=\"\(legendY)\">\(escape(seriesLabels.0))</text>"
        svg += "<rect class=\"chart-bar-2\" x=\"\(labelWidth + 20)\" y=\"\(legendY - 10)\" width=\"12\" height=\"12\"/>"
        svg += "<text class=\"chart-legend\" x=\"\(labelWidth + 38)\" y=\"\(legendY)\">\(escape(seriesLabels.1))</text>"
        return svg + "</svg>"
    }

    static func escape(_ text: String) -> String { Escape.xml(text) }
}
