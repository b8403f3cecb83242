import GazetteModel

/// Reads `regions.yaml`: the province, its cities and their counties.
enum RegionsReader {
    static let regionKeys = ["code", "name", "name_en", "contact", "how_to_ask"]
    static let communityKeys = ["name", "key", "contact"]

    static func read(_ root: YAMLNode, reader r: RecordReader) -> Regions? {
        guard let f = r.fields(root, path: "", known: ["province", "cities"], what: "regions.yaml") else { return nil }
        guard let p = r.nested(f, "province", known: regionKeys, required: true),
              let province = region(r, p, level: .province, parent: nil) else { return nil }
        if f["cities"] == nil { _ = r.value(f, "cities", required: true) }
        var cities: [Region] = [], counties: [Region] = [], communities: [Community] = []
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
            for k in r.mappings(c, "counties", known: regionKeys + countyMapKeys + ["communities"]) {
                if var county = region(r, k, level: .county, parent: city.code), unique(county) {
                    county.grid = grid(r, k)
                    county.population = r.integer(k, "population", range: 1...2_000_000_000)
                    counties.append(county)
                    communities += readCommunities(r, k, county: county.code)
                }
            }
        }
        var regions = Regions(province: province, cities: cities, counties: counties)
        regions.communities = communities
        return regions
    }

    /// Optional fields of a county for the map (docs/content-format.md#regions).
    static let countyMapKeys = ["grid", "population"]

    /// `grid: [column, row]`: two whole numbers from 0 to 99.
    private static func grid(_ r: RecordReader, _ f: Fields) -> GridCell? {
        guard let node = f.values["grid"] else { return nil }
        guard let items = r.list(f, "grid") else { return nil }
        let numbers = items.compactMap { Int($0.text) }
        guard items.count == 2, numbers.count == 2, numbers.allSatisfy({ (0...99).contains($0) }) else {
            r.report(.outOfRange, at: node.location, Message("regions.grid"), help: Message("regions.grid.help"))
            return nil
        }
        return GridCell(column: numbers[0], row: numbers[1])
    }

    private static func region(_ r: RecordReader, _ f: Fields, level: Region.Level, parent: String?) -> Region? {
        let code = r.regionCode(f, "code", required: true)
        let name = r.text(f, "name", required: true)
        guard let code, let name else { return nil }
        var region = Region(code: code, name: name, nameEn: r.text(f, "name_en"), level: level, parent: parent,
                            location: f.values["code"]?.location ?? f.location)
        region.contact = ContactReader.read(r, f)
        region.howToAsk = r.text(f, "how_to_ask")
        return region
    }

    /// A county's `communities`: each with its name, an optional key (its page's address) and contact.
    private static func readCommunities(_ r: RecordReader, _ f: Fields, county: String) -> [Community] {
        var result: [Community] = []
        var seenNames: Set<String> = [], seenKeys: [String: SourceLocation] = [:]
        for c in r.mappings(f, "communities", known: communityKeys) {
            guard let name = r.text(c, "name", required: true) else { continue }
            var key: String?
            if let node = c["key"], let text = r.scalarText(node, key: c.path("key")) {
                if ID.isValid(text) { key = text } else {
                    r.report(.badID, at: node.location, Message("regions.communityKey", ["key": .text(String(text.prefix(40)))]),
                             help: Message("regions.communityKey.help"))
                }
            }
            let community = Community(name: name, county: county, key: key, contact: ContactReader.read(r, c),
                                      location: c.values["name"]?.location ?? c.location)
            if seenNames.contains(name) {
                r.report(.duplicateID, at: community.location ?? c.location, Message("regions.communityTwice", ["name": .text(name)]))
                continue
            }
            if let first = seenKeys[community.key] {
                r.report(.duplicateID, at: c.values["key"]?.location ?? c.location,
                         Message("regions.communityKeyTwice", ["key": .text(community.key), "line": .number(first.line)]))
                continue
            }
            seenNames.insert(name)
            seenKeys[community.key] = community.location ?? c.location
            result.append(community)
        }
        return result
    }
}
