import GazetteModel

/// Reads `regions.yaml`: the province, its cities and their counties.
enum RegionsReader {
    static let regionKeys = ["code", "name", "name_en"]

    static func read(_ root: YAMLNode, reader r: RecordReader) -> Regions? {
        guard let f = r.fields(root, path: "", known: ["province", "cities"], what: "regions.yaml") else { return nil }
        guard let p = r.nested(f, "province", known: regionKeys, required: true),
              let province = region(r, p, level: .province, parent: nil) else { return nil }
        if f["cities"] == nil { _ = r.value(f, "cities", required: true) }
        var cities: [Region] = [], counties: [Region] = []
        var seen: [String: SourceLocation] = [province.code: province.location]
        func unique(_ region: Region) -> Bool {
            if let first = seen[region.code] {
                r.report(.duplicateID, at: region.location, "Region code `\(region.code)` is listed twice; the first is at line \(first.line).")
                return false
            }
            seen[region.code] = region.location
            return true
        }
        for c in r.mappings(f, "cities", known: regionKeys + ["counties"]) {
            guard let city = region(r, c, level: .city, parent: province.code) else { continue }
            if unique(city) { cities.append(city) }
            for k in r.mappings(c, "counties", known: regionKeys + countyMapKeys) {
                if var county = region(r, k, level: .county, parent: city.code), unique(county) {
                    county.grid = grid(r, k)
                    county.population = r.integer(k, "population", range: 1...2_000_000_000)
                    counties.append(county)
                }
            }
        }
        return Regions(province: province, cities: cities, counties: counties)
    }

    /// Optional fields of a county for the map (docs/content-format.md#regions).
    static let countyMapKeys = ["grid", "population"]

    /// `grid: [column, row]`: two whole numbers from 0 to 99.
    private static func grid(_ r: RecordReader, _ f: Fields) -> GridCell? {
        guard let node = f.values["grid"] else { return nil }
        guard let items = r.list(f, "grid") else { return nil }
        let numbers = items.compactMap { Int($0.text) }
        guard items.count == 2, numbers.count == 2, numbers.allSatisfy({ (0...99).contains($0) }) else {
            r.report(.outOfRange, at: node.location, "`grid` should be two whole numbers from 0 to 99, the column and the row, such as `[2, 0]`.",
                     suggestion: "Write `grid: [column, row]`, counting from 0 at the top left of the map.")
            return nil
        }
        return GridCell(column: numbers[0], row: numbers[1])
    }

    private static func region(_ r: RecordReader, _ f: Fields, level: Region.Level, parent: String?) -> Region? {
        let code = r.regionCode(f, "code", required: true)
        let name = r.text(f, "name", required: true)
        guard let code, let name else { return nil }
        return Region(code: code, name: name, nameEn: r.text(f, "name_en"), level: level, parent: parent,
                      location: f.values["code"]?.location ?? f.location)
    }
}
