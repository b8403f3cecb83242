import Foundation
import GazetteContent
import GazetteModel
@testable import GazettePages
import Testing

/// `outlines.geojson`: read by the content loader into the counties, each problem naming its feature; drawn
/// by a projection that uses only the basic operations (its cosine checked against the C library's).
@Suite("County outlines")
struct OutlineTests {
    static let square = #"{"type": "Polygon", "coordinates": [[[94.9, 36.4], [95.3, 36.4], [95.3, 36.1], [94.9, 36.1], [94.9, 36.4]]]}"#

    static func collection(_ features: [String]) -> String {
        #"{"type": "FeatureCollection", "features": ["# + features.joined(separator: ", ") + "]}"
    }

    static func feature(_ code: String, _ geometry: String = square) -> String {
        #"{"type": "Feature", "properties": {"code": "\#(code)"}, "geometry": \#(geometry)}"#
    }

    @Test func outlinesAreReadIntoTheirCounties() throws {
        let fixture = try Fixture.copyOfSample()
        try fixture.write("outlines.geojson", Self.collection([Self.feature("632801"),
            Self.feature("632802", #"{"type": "MultiPolygon", "coordinates": [[[[96, 37], [96.5, 37], [96.5, 36.5], [96, 37]]], [[[97, 37], [97.2, 37], [97.2, 36.8], [97, 37]]]]}"#)]))
        let loaded = ContentLoader.load(from: fixture.root)
        #expect(loaded.diagnostics.errors.isEmpty, "\(loaded.diagnostics)")
        let regions = try #require(loaded.content.regions)
        #expect(regions["632801"]?.outline?.polygons.first?.first?.count == 5)
        #expect(regions.counties.first { $0.code == "632802" }?.outline?.polygons.count == 2)
        #expect(regions.counties.first { $0.code == "630102" }?.outline == nil)
        #expect(loaded.content.fileHashes["outlines.geojson"] != nil, "the file is part of the build's fingerprint")
    }

    @Test func badGeometryNamesTheFeature() throws {
        let fixture = try Fixture.copyOfSample()
        try fixture.write("outlines.geojson", Self.collection([
            Self.feature("632801", #"{"type": "Polygon", "coordinates": [[[94.9, 36.4], [95.3, 36.4], [94.9, 36.4]]]}"#),
            Self.feature("632802", #"{"type": "Polygon", "coordinates": [[[94.9, 36.4], [195.3, 36.4], [95.3, 36.1], [94.9, 36.4]]]}"#),
            Self.feature("630102", #"{"type": "Point", "coordinates": [94.9, 36.4]}"#),
            Self.feature("630100"),
            Self.feature("632801"),
            #"{"type": "Feature", "properties": {}, "geometry": null}"#,
        ]))
        let errors = ContentLoader.load(from: fixture.root).diagnostics.errors
        let lines = errors.map { "\($0.location.file) \($0.code.rawValue) \($0.message(in: .en))" }
        #expect(lines == [
            "outlines.geojson E102 features[0] (632801): the ring `coordinates[0]` has 3 positions; a ring has at least four.",
            "outlines.geojson E102 features[1] (632802): `coordinates[0][1]` is not a position [longitude, latitude] in degrees (longitude −180 to 180, latitude −90 to 90).",
            "outlines.geojson E102 features[2] (630102): the geometry is a Point; an outline is a Polygon or a MultiPolygon.",
            "outlines.geojson E301 features[3] (630100): `630100` is not a county in regions.yaml.",
            "outlines.geojson E202 features[4] (632801) gives the same county's outline again (first in features[0]).",
            "outlines.geojson E101 features[5] has no six-digit county code in `properties.code`.",
        ], "\(lines)")
        try fixture.write("outlines.geojson", "{\"type\": \"FeatureCollection\", \"features\": [")
        #expect(ContentLoader.load(from: fixture.root).diagnostics.errors.map(\.text.key) == ["outline.notJSON"])
    }

    /// The projection's cosine is a polynomial, so that it gives the same bits everywhere; it agrees with the
    /// C library's to 10⁻⁸ over every latitude.
    @Test func cosineAgreesWithTheLibrary() {
        for tenth in -900...900 {
            let degrees = Double(tenth) / 10
            #expect(abs(OutlineMap.cosine(degrees: degrees) - cos(degrees * .pi / 180)) < 1e-8, "\(degrees)")
        }
        #expect(OutlineMap.tenths(1234) == "123.4" && OutlineMap.tenths(1230) == "123" && OutlineMap.tenths(-5) == "-0.5")
    }
}
