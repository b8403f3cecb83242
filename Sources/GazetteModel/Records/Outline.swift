/// A county's real outline, from the content's `outlines.geojson`: polygons, each an outer ring and its holes,
/// each ring a closed list of points in degrees (longitude, latitude), as GeoJSON writes them.
public struct Outline: Sendable, Hashable {
    public struct Point: Sendable, Hashable {
        public var longitude: Double
        public var latitude: Double
        public init(longitude: Double, latitude: Double) {
            self.longitude = longitude
            self.latitude = latitude
        }
    }

    /// Polygon → ring → point; the first ring of a polygon is its outer edge, the others holes.
    public var polygons: [[[Point]]]

    public init(polygons: [[[Point]]]) { self.polygons = polygons }

    public var points: [Point] { polygons.flatMap { $0.flatMap { $0 } } }
}
