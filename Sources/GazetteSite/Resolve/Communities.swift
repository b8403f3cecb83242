import GazetteModel

/// The communities of each county: those `regions.yaml` lists, in its order, then those only projects name,
/// by name (code-point order), each with the projects that serve it. Built once per site.
public final class CommunityIndex: Sendable {
    /// County code → its communities.
    private let byCounty: [String: [Community]]
    /// `COUNTY-KEY` → the projects naming the community, by project ID.
    private let projectsBySlug: [String: [ResolvedProject]]
    private let bySlug: [String: Community]

    init(regions: Regions, projects: [ResolvedProject]) {
        var byCounty: [String: [Community]] = [:]
        var slugByName: [String: String] = [:]   // "COUNTY\tNAME" → slug
        for community in regions.communities {
            byCounty[community.county, default: []].append(community)
            slugByName["\(community.county)\t\(community.name)"] = community.slug
        }
        var named: [String: Set<String>] = [:]
        var projectsBySlug: [String: [ResolvedProject]] = [:]
        for p in projects {
            for name in p.project.communities {
                let key = "\(p.project.county)\t\(name)"
                if slugByName[key] == nil { named[p.project.county, default: []].insert(name) }
            }
        }
        for (county, names) in named {
            for name in names.sorted(by: { $0.unicodeScalars.lexicographicallyPrecedes($1.unicodeScalars) }) {
                var community = Community(name: name, county: county)
                // Two names whose hashes collide (never seen) keep distinct pages.
                while byCounty[county, default: []].contains(where: { $0.key == community.key }) { community.key += "x" }
                byCounty[county, default: []].append(community)
                slugByName["\(county)\t\(name)"] = community.slug
            }
        }
        for p in projects {
            for name in Set(p.project.communities) {
                if let slug = slugByName["\(p.project.county)\t\(name)"] { projectsBySlug[slug, default: []].append(p) }
            }
        }
        self.byCounty = byCounty
        self.projectsBySlug = projectsBySlug
        var bySlug: [String: Community] = [:]
        for community in byCounty.values.joined() { bySlug[community.slug] = community }
        self.bySlug = bySlug
    }

    public func communities(inCounty code: String) -> [Community] { byCounty[code] ?? [] }
    public func community(_ slug: String) -> Community? { bySlug[slug] }
    /// Every community, by county in `regions.yaml`'s order.
    public func all(in regions: Regions) -> [Community] { regions.counties.flatMap { communities(inCounty: $0.code) } }
    /// The projects serving a community, by ID.
    public func projects(of community: Community) -> [ResolvedProject] { projectsBySlug[community.slug] ?? [] }
    /// The community a project names, as a record (for its contact and page).
    public func community(named name: String, inCounty county: String) -> Community? {
        communities(inCounty: county).first { $0.name == name }
    }
}

extension ResolvedSite {
    /// Where to object to a notice: its own `objection`, else the contact of the smallest region that holds
    /// every region it names (a county, its city, the province), else the publisher's contact in site.yaml.
    public func objectionContact(_ notice: Notice) -> (name: String, contact: Contact)? {
        if let contact = notice.objection?.contact, !contact.isEmpty { return (contact.name ?? site.publisher, contact) }
        var chain: [Region] = []
        if let first = notice.regions.first {
            var code: String? = first
            while let current = code, let region = regions[current] { chain.append(region); code = region.parent }
        }
        // The first region of the first one's chain (county → city → province) that holds all of them.
        for candidate in chain {
            let holdsAll = notice.regions.allSatisfy { code in
                var current: String? = code
                while let c = current { if c == candidate.code { return true }; current = regions[c]?.parent }
                return false
            }
            if holdsAll, let contact = candidate.contact, !contact.isEmpty { return (contact.name ?? candidate.name, contact) }
        }
        if let contact = regions.province.contact, !contact.isEmpty, chain.isEmpty {
            return (contact.name ?? regions.province.name, contact)
        }
        let s = site.contact
        if s.phone == nil && s.email == nil && s.address == nil { return nil }
        return (site.publisher, Contact(phone: s.phone, email: s.email, address: s.address))
    }
}
