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
                r.report(.duplicateID, at: region.location, Message("E202.region", ["code": .text(region.code), "line": .number(first.line)]))
                return false
            }
            seen[region.code] = region.location
            return true
        }
        for c in r.mappings(f, "cities", known: regionKeys + ["counties"]) {
            guard let city = region(r, c, level: .city, parent: province.code) else { continue }
            if unique(city) { cities.append(city) }
            for k in r.mappings(c, "counties", known: regionKeys) {
                if let county = region(r, k, level: .county, parent: city.code), unique(county) { counties.append(county) }
            }
        }
        return Regions(province: province, cities: cities, counties: counties)
    }

    private static func region(_ r: RecordReader, _ f: Fields, level: Region.Level, parent: String?) -> Region? {
        let code = r.regionCode(f, "code", required: true)
        let name = r.text(f, "name", required: true)
        guard let code, let name else { return nil }
        return Region(code: code, name: name, nameEn: r.text(f, "name_en"), level: level, parent: parent,
                      location: f.values["code"]?.location ?? f.location)
    }
}
