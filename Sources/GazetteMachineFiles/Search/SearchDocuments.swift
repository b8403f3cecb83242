import GazetteModel
import GazettePages
import GazetteSite
import GazetteTemplates

extension PageContext {
    /// The search index of the site: regions, projects, organizations and notices. Each is found by its name and
    /// the names of what it is about, in the site's language and (where the records give one) the other.
    func searchIndex() -> SearchIndex { SearchIndex(kinds: Self.searchKinds, documents: searchDocuments()) }

    /// The documents of `searchIndex()`, in the order they are made.
    func searchDocuments() -> [SearchIndex.Document] {
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
        for community in site.communityIndex.all(in: site.regions) {
            let county = site.regions[community.county]
            let city = county?.parent.flatMap { site.regions[$0] }
            var document = SearchIndex.Document(
                kind: kind["community"]!, key: community.slug, path: Routes.community(community.slug), title: community.name,
                subtitle: [strings.text("residents.communities.kind"), county.map(name) ?? "", city.map(name) ?? ""]
                    .filter { !$0.isEmpty }.joined(separator: dot),
                text: (county.map(bothNames) ?? []) + (city.map(bothNames) ?? []))
            document.fields = [("community", community.name)]
            documents.append(document)
        }
        for p in site.projects {
            let project = p.project
            var text = [project.id] + project.communities
            text += p.county.map(bothNames) ?? [] 
            text += p.city.map(bothNames) ?? []
            text += site.programme.category(project.category).map { bothNames($0.entry) } ?? []
            text += project.services.compactMap { site.programme.service($0) }.flatMap(bothNames)
            text += project.targetGroups.compactMap { site.programme.targetGroup($0) }.flatMap(bothNames)
            var document = SearchIndex.Document(
                kind: kind["project"]!, key: project.id, path: Routes.project(project.id), title: project.title,
                subtitle: [[regionName(project.county), p.city.map(name) ?? ""].filter { !$0.isEmpty }.joined(separator: language == "en" ? ", " : " "),
                           p.organization?.name ?? ""]
                    .filter { !$0.isEmpty }.joined(separator: dot),
                text: text)
            document.amount = MoneyFormat.table(project.amount)
            document.status = (p.status.rawValue, statusLabel(p.status))
            document.fields = project.communities.map { ("community", $0) }
                + [("organization", p.organization?.name ?? "")].filter { !$0.1.isEmpty }
                + (project.contract?.number.map { [("contract", $0)] } ?? [])
                + project.services.compactMap { site.programme.service($0) }.map { ("service", name($0)) }
                + project.targetGroups.compactMap { site.programme.targetGroup($0) }.map { ("group", name($0)) }
                + [("place", regionName(project.county)), ("status", statusLabel(p.status))]
                + project.evaluationWords(strings)
            documents.append(document)
        }
        for organization in site.content.organizations {
            let county = site.regions[organization.county]
            let organizationProjects = site.projects(of: organization.id)
            var document = SearchIndex.Document(
                kind: kind["organization"]!, key: organization.id, path: Routes.organization(organization.id),
                title: organization.name,
                subtitle: [regionName(organization.county), organizationTypeName(organization.type)].joined(separator: dot),
                text: [organization.id, organization.creditCodeText, organizationCategoryName(organization.category)]
                    + (county.map(bothNames) ?? []) + (county?.parent.flatMap { site.regions[$0] }.map(bothNames) ?? []))
            if !organizationProjects.isEmpty { document.amount = MoneyFormat.table(Totals(organizationProjects).contracted) }
            document.fields = [("place", regionName(organization.county))]
            documents.append(document)
        }
        for notice in site.notices {
            var document = SearchIndex.Document(
                kind: kind["notice"]!, key: notice.slug, path: Routes.notice(notice.slug), title: notice.title,
                subtitle: DateFormat.long(notice.date, language: language) + dot + strings.text("noticeKinds.\(notice.kind.rawValue)"),
                text: [notice.slug, notice.summary ?? ""] + notice.regions.compactMap { site.regions[$0] }.flatMap(bothNames))
            document.fields = [("kind", strings.text("noticeKinds.\(notice.kind.rawValue)"))]
            if isOpenForObjection(notice) { document.status = ("open", strings.text("residents.objection.openBadge")) }
            documents.append(document)
        }
        return documents
    }

    func bothNames(_ region: Region) -> [String] { [region.name] + (region.nameEn.map { [$0] } ?? []) }
    private func bothNames(_ entry: Programme.Entry) -> [String] { [entry.name] + (entry.nameEn.map { [$0] } ?? []) }
}

extension Project {
    /// The evaluation words a project's page shows, so that 满意度 or 整改 finds the projects that have them.
    func evaluationWords(_ strings: Strings) -> [(field: String, text: String)] {
        var words: [(String, String)] = []
        if midterm?.satisfaction != nil || final?.satisfaction != nil {
            words.append(("evaluation", strings.text("project.satisfaction")))
        }
        if let result = midterm?.result { words.append(("evaluation", strings.text("results.\(result.rawValue)"))) }
        if let result = final?.result { words.append(("evaluation", strings.text("results.\(result.rawValue)"))) }
        return words
    }
}
