import GazetteModel

extension PageContext {
    /// The kinds of record the search finds, in the order results of equal score are listed.
    static let searchKinds = ["region", "project", "organization", "notice"]

    /// The search index of the site: regions, projects, organizations and notices. Each is found by its name and
    /// the names of what it is about, in the site's language and (where the records give one) the other.
    func searchIndex() -> SearchIndex {
        let kind = Dictionary(uniqueKeysWithValues: Self.searchKinds.enumerated().map { ($1, $0) })
        let dot = " · "
        var documents: [SearchIndex.Document] = []
        for region in site.regions.cities + site.regions.counties {
            let parent = region.parent.flatMap { site.regions[$0] }
            documents.append(SearchIndex.Document(
                kind: kind["region"]!, key: region.code, path: Routes.region(region.code), title: name(region),
                subtitle: [strings.text("regions.\(region.level.rawValue)"), parent.map(name) ?? ""]
                    .filter { !$0.isEmpty }.joined(separator: dot),
                text: [region.code] + bothNames(region) + (parent.map(bothNames) ?? [])))
        }
        for p in site.projects {
            let project = p.project
            var text = [project.id] + project.communities
            text += p.county.map(bothNames) ?? [] 
            text += p.city.map(bothNames) ?? []
            text += site.programme.category(project.category).map { bothNames($0.entry) } ?? []
            text += project.services.compactMap { site.programme.service($0) }.flatMap(bothNames)
            text += project.targetGroups.compactMap { site.programme.targetGroup($0) }.flatMap(bothNames)
            documents.append(SearchIndex.Document(
                kind: kind["project"]!, key: project.id, path: Routes.project(project.id), title: project.title,
                subtitle: [regionName(project.county), p.organization?.name ?? "", statusLabel(p.status)]
                    .filter { !$0.isEmpty }.joined(separator: dot),
                text: text))
        }
        for organization in site.content.organizations {
            let county = site.regions[organization.county]
            documents.append(SearchIndex.Document(
                kind: kind["organization"]!, key: organization.id, path: Routes.organization(organization.id),
                title: organization.name,
                subtitle: [regionName(organization.county), organizationTypeName(organization.type)].joined(separator: dot),
                text: [organization.id, organization.creditCodeText, organizationCategoryName(organization.category)]
                    + (county.map(bothNames) ?? []) + (county?.parent.flatMap { site.regions[$0] }.map(bothNames) ?? [])))
        }
        for notice in site.notices {
            documents.append(SearchIndex.Document(
                kind: kind["notice"]!, key: notice.slug, path: Routes.notice(notice.slug), title: notice.title,
                subtitle: DateFormat.long(notice.date, language: language) + dot + strings.text("noticeKinds.\(notice.kind.rawValue)"),
                text: [notice.slug, notice.summary ?? ""] + notice.regions.compactMap { site.regions[$0] }.flatMap(bothNames)))
        }
        return SearchIndex(kinds: Self.searchKinds, documents: documents)
    }

    private func bothNames(_ region: Region) -> [String] { [region.name] + (region.nameEn.map { [$0] } ?? []) }
    private func bothNames(_ entry: Programme.Entry) -> [String] { [entry.name] + (entry.nameEn.map { [$0] } ?? []) }
}
