import Foundation
import GazetteModel

/// `outlines.geojson` (optional): the counties' real outlines for the map. A GeoJSON FeatureCollection
/// (RFC 7946): one Feature per county, its `properties.code` the county's six-digit code as in regions.yaml,
/// its geometry a Polygon or MultiPolygon in degrees (longitude, latitude). Each problem names the feature.
enum OutlineReader {
    static let file = "outlines.geojson"

    static func read(_ data: Data, regions: inout Regions) -> [Diagnostic] {
        let at = SourceLocation(file: file)
        var diagnostics: [Diagnostic] = []
        func report(_ code: DiagnosticCode, _ key: String, _ arguments: [String: MessageArgument] = [:], help: String? = nil) {
            diagnostics.append(Diagnostic(code, at: at, Message(key, arguments), help: help.map { Message($0) }))
        }
        let root: Any
        do {
            root = try JSONSerialization.jsonObject(with: data, options: [])
        } catch {
            report(.wrongType, "outline.notJSON", help: "outline.help")
            return diagnostics
        }
        guard let collection = root as? [String: Any], collection["type"] as? String == "FeatureCollection",
              let features = collection["features"] as? [Any] else {
            report(.wrongType, "outline.notCollection", help: "outline.help")
            return diagnostics
        }
        var seen: [String: Int] = [:]
        var outlines: [(String, Outline)] = []
        for (index, item) in features.enumerated() {
            let name = "features[\(index)]"
            guard let feature = item as? [String: Any], feature["type"] as? String == "Feature" else {
                report(.wrongType, "outline.notFeature", ["feature": .text(name)])
                continue
            }
            let properties = feature["properties"] as? [String: Any]
            let code = (properties?["code"] as? String) ?? (properties?["code"] as? NSNumber).map { $0.stringValue }
            guard let code, RegionCode.isValid(code) else {
                report(.missingField, "outline.noCode", ["feature": .text(name)], help: "outline.help")
                continue
            }
            let named = "\(name) (\(code))"
            guard regions[code]?.level == .county else {
                report(.unknownReference, "outline.unknownCounty", ["feature": .text(named), "code": .text(code)])
                continue
            }
            if let first = seen[code] {
                report(.duplicateID, "outline.twice", ["feature": .text(named), "other": .text("features[\(first)]")])
                continue
            }
            seen[code] = index
            switch geometry(feature["geometry"]) {
            case let .success(outline): outlines.append((code, outline))
            case let .failure(problem):
                report(.wrongType, problem.key, problem.arguments.merging(["feature": .text(named)]) { a, _ in a }, help: "outline.help")
            }
        }
        if diagnostics.isEmpty {
            for (code, outline) in outlines { regions.setOutline(outline, county: code) }
        }
        return diagnostics
    }

    struct Problem: Error {
        var key: String
        var arguments: [String: MessageArgument] = [:]
    }

    /// A Polygon or MultiPolygon: rings of at least four positions, closed (the last is the first), each
    /// position two finite numbers, a longitude from −180 to 180 and a latitude from −90 to 90.
    static func geometry(_ value: Any?) -> Result<Outline, Problem> {
        guard let geometry = value as? [String: Any], let type = geometry["type"] as? String else {
            return .failure(Problem(key: "outline.noGeometry"))
        }
        let coordinates = geometry["coordinates"]
        let polygons: [Any]
        switch type {
        case "Polygon": polygons = [coordinates as Any]
        case "MultiPolygon":
            guard let list = coordinates as? [Any] else { return .failure(Problem(key: "outline.badCoordinates", arguments: ["place": .text("coordinates")])) }
            polygons = list
        default:
            return .failure(Problem(key: "outline.geometryType", arguments: ["type": .text(String(type.prefix(40)))]))
        }
        var out: [[[Outline.Point]]] = []
        for (p, polygon) in polygons.enumerated() {
            guard let rings = polygon as? [Any], !rings.isEmpty else {
                return .failure(Problem(key: "outline.badCoordinates", arguments: ["place": .text(type == "Polygon" ? "coordinates" : "coordinates[\(p)]")]))
            }
            var parsed: [[Outline.Point]] = []
            for (r, ring) in rings.enumerated() {
                let place = (type == "Polygon" ? "coordinates" : "coordinates[\(p)]") + "[\(r)]"
                guard let positions = ring as? [Any] else { return .failure(Problem(key: "outline.badCoordinates", arguments: ["place": .text(place)])) }
                var points: [Outline.Point] = []
                for (i, position) in positions.enumerated() {
                    guard let pair = position as? [Any], pair.count >= 2,
                          let lon = (pair[0] as? NSNumber)?.doubleValue, let lat = (pair[1] as? NSNumber)?.doubleValue,
                          lon.isFinite, lat.isFinite, (-180...180).contains(lon), (-90...90).contains(lat) else {
                        return .failure(Problem(key: "outline.badPosition", arguments: ["place": .text("\(place)[\(i)]")]))
                    }
                    points.append(Outline.Point(longitude: lon, latitude: lat))
                }
                guard points.count >= 4 else {
                    return .failure(Problem(key: "outline.ringTooShort", arguments: ["place": .text(place), "count": .number(points.count)]))
                }
                guard points.first == points.last else {
                    return .failure(Problem(key: "outline.ringNotClosed", arguments: ["place": .text(place)]))
                }
                parsed.append(points)
            }
            out.append(parsed)
        }
        return .success(Outline(polygons: out))
    }
}
