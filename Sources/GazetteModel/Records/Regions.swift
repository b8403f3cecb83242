/// `regions.yaml`: the province, its cities (市/州) and their counties (县/市/区).
public struct Region: Sendable, Hashable {
    public enum Level: String, Sendable, Hashable { case province, city, county }
    public var code: String
    public var name: String
    public var nameEn: String?
    public var level: Level
    /// The city a county belongs to; the province for a city; nil for the province.
    public var parent: String?
    /// Where the county's square goes on the tile-grid map (`grid: [column, row]`, from 0), when given.
    public var grid: GridCell?
    /// Residents, when given: the map is then shaded by projects per 10,000 residents.
    public var population: Int?
    /// The county's real outline, when the content's `outlines.geojson` gives it: the map then draws outlines.
    public var outline: Outline?
    public var location: SourceLocation
    /// The civil-affairs bureau of the region (县/市民政局), for residents and objections.
    public var contact: Contact?
    /// Markdown: how a resident asks for a service here (counties), shown on the region's page.
    public var howToAsk: String?
    public init(code: String, name: String, nameEn: String?, level: Level, parent: String?, location: SourceLocation) {
        self.code = code
        self.name = name
        self.nameEn = nameEn
        self.level = level
        self.parent = parent
        self.location = location
    }
}

/// A square of the tile-grid map: column and row from the top-left, from 0.
public struct GridCell: Sendable, Hashable {
    public var column: Int
    public var row: Int
    public init(column: Int, row: Int) {
        self.column = column
        self.row = row
    }
}

public struct Regions: Sendable {
    public var province: Region
    /// Cities in the order written, each followed by nothing: see `counties(of:)`.
    public var cities: [Region]
    public var counties: [Region]
    /// The communities listed under the counties, in the order written.
    public var communities: [Community] = []
    private var byCode: [String: Region]

    public init(province: Region, cities: [Region], counties: [Region]) {
        self.province = province
        self.cities = cities
        self.counties = counties
        var byCode: [String: Region] = [province.code: province]
        for region in cities + counties where byCode[region.code] == nil { byCode[region.code] = region }
        self.byCode = byCode
    }

    public subscript(code: String) -> Region? { byCode[code] }

    /// Gives the county `code` its outline (read from `outlines.geojson` after regions.yaml).
    public mutating func setOutline(_ outline: Outline, county code: String) {
        guard let index = counties.firstIndex(where: { $0.code == code }) else { return }
        counties[index].outline = outline
        if byCode[code]?.level == .county { byCode[code]?.outline = outline }
    }
    public func counties(of city: String) -> [Region] { counties.filter { $0.parent == city } }
    public var all: [Region] { [province] + cities + counties }
}

/// A six-digit GB/T 2260 administrative division code.
public enum RegionCode {
    public static func isValid(_ text: String) -> Bool {
        text.count == 6 && text.allSatisfy { $0.isASCII && $0.isNumber }
    }
}
