import GazetteModel

/// The counties' real outlines as inline SVG, when the content gives every county on the map one
/// (`outlines.geojson`): the same squares' links, names and shades as `TileMap`, drawn as paths.
///
/// Projection: equirectangular, longitudes narrowed by the cosine of the map's middle latitude so that a
/// county keeps its shape, north up, fitted into a 600 × 600 box, coordinates rounded to tenths. Only the
/// four basic operations are used (the cosine is a fixed polynomial, not the C library's), so the same outlines
/// give the same bytes on every machine.
enum OutlineMap {
    static let box = 600.0

    static func svg(id: String, title: String, tiles: [TileMap.Tile], outlines: [String: Outline],
                    labelFor: (TileMap.Tile) -> String) -> String {
        let points = tiles.compactMap { outlines[$0.code] }.flatMap(\.points)
        guard let first = points.first else { return "" }
        var minLon = first.longitude, maxLon = first.longitude, minLat = first.latitude, maxLat = first.latitude
        for point in points {
            minLon = min(minLon, point.longitude); maxLon = max(maxLon, point.longitude)
            minLat = min(minLat, point.latitude); maxLat = max(maxLat, point.latitude)
        }
        let narrowing = cosine(degrees: (minLat + maxLat) / 2)
        let rawWidth = max((maxLon - minLon) * narrowing, 1e-9), rawHeight = max(maxLat - minLat, 1e-9)
        let scale = min(box / rawWidth, box / rawHeight)
        func project(_ point: Outline.Point) -> (Int, Int) {
            let x: Double = (point.longitude - minLon) * narrowing * scale * 10
            let y: Double = (maxLat - point.latitude) * scale * 10
            return (Int(x.rounded()), Int(y.rounded()))
        }
        let widthTenths: Double = rawWidth * scale * 10, heightTenths: Double = rawHeight * scale * 10
        let width = Int(widthTenths.rounded()), height = Int(heightTenths.rounded())
        let largest = tiles.map(\.value).max() ?? 0
        var svg = "<svg class=\"tile-map outline-map\" aria-labelledby=\"\(id)-title\" viewBox=\"0 0 \(tenths(width)) \(tenths(height))\" "
            + "width=\"100%\" preserveAspectRatio=\"xMinYMin meet\" xmlns=\"http://www.w3.org/2000/svg\">"
        svg += "<title id=\"\(id)-title\">\(Escape.xml(title))</title>"
        for tile in tiles {
            guard let outline = outlines[tile.code] else { continue }
            var path = ""
            var labelBox: (Int, Int, Int, Int)?
            var labelArea = -1
            for polygon in outline.polygons {
                for (ringIndex, ring) in polygon.enumerated() {
                    var previous: (Int, Int)?
                    var ringPath = ""
                    var box = (Int.max, Int.max, Int.min, Int.min)
                    for point in ring.dropLast() {
                        let p = project(point)
                        box = (min(box.0, p.0), min(box.1, p.1), max(box.2, p.0), max(box.3, p.1))
                        if let previous, previous == p { continue }
                        ringPath += (previous == nil ? "M" : "L") + tenths(p.0) + " " + tenths(p.1)
                        previous = p
                    }
                    path += ringPath + "Z"
                    let area = (box.2 - box.0) * (box.3 - box.1)
                    if ringIndex == 0, area > labelArea { labelArea = area; labelBox = box }
                }
            }
            let label = Escape.xml(labelFor(tile))
            svg += "<a href=\"\(Escape.xml(tile.href))\" class=\"map-shape map-shade-\(TileMap.shade(tile.value, max: largest))\" "
                + "data-region=\"\(tile.code)\" aria-label=\"\(label)\">"
            svg += "<title>\(label)</title>"
            svg += "<path fill-rule=\"evenodd\" d=\"\(path)\"/>"
            if let box = labelBox {
                svg += "<text x=\"\(tenths((box.0 + box.2) / 2))\" y=\"\(tenths((box.1 + box.3) / 2 + 50))\" text-anchor=\"middle\">\(Escape.xml(tile.short))</text>"
            }
            svg += "</a>"
        }
        return svg + "</svg>"
    }

    /// `1234` tenths → `123.4`; `1230` → `123`.
    static func tenths(_ value: Int) -> String {
        let sign = value < 0 ? "-" : "", magnitude = abs(value)
        return sign + String(magnitude / 10) + (magnitude % 10 == 0 ? "" : "." + String(magnitude % 10))
    }

    /// cos of an angle in degrees from −90 to 90, by its Taylor polynomial to x¹² (error below 10⁻⁸ there).
    static func cosine(degrees: Double) -> Double {
        let x = degrees * 3.141592653589793 / 180, x2 = x * x
        var term = 1.0, sum = 1.0
        for n in stride(from: 2, through: 12, by: 2) {
            term *= -x2 / Double(n * (n - 1))
            sum += term
        }
        return sum
    }
}
