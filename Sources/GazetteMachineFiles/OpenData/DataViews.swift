import GazetteModel
import GazetteOutput
import GazettePages

extension PageContext {
    /// `/data/`: each data file with what it holds, its columns and its size.
    func dataPage(_ entries: [OpenData.Entry], ocdsSkipped: Bool) -> [String: Any] {
        var view = layout(title: strings.text("openData.title"), section: "data")
        func item(_ entry: OpenData.Entry) -> [String: Any] {
            let name = entry.region.map(name) ?? ""
            return [
                "path": entry.path,
                "href": link(entry.path),
                "title": strings.format("openData.files.\(entry.kind).title", ["region": name]),
                "description": strings.format("openData.files.\(entry.kind).description", ["region": name]),
                "size": ByteSize.text(entry.size, language: language),
                "bytes": String(entry.size),
                "columns": entry.columns.map { ["name": $0] },
                "hasColumns": !entry.columns.isEmpty,
                "xlsxPath": entry.xlsxPath ?? "",
                "xlsxHref": entry.xlsxPath.map(link) ?? "",
                "xlsxSize": ByteSize.text(entry.xlsxSize, language: language),
                "xlsxBytes": String(entry.xlsxSize),
                "hasXLSX": entry.xlsxPath != nil,
            ]
        }
        view["tables"] = entries.filter { $0.kind != "region" && $0.kind != "list" && !$0.columns.isEmpty }.map(item)
        view["listFiles"] = String(entries.filter { $0.kind == "list" }.count)
        view["license"] = site.site.license.map { ["name": $0.name, "url": $0.url, "text": strings.format("license.text", ["name": $0.name])] } as Any
        view["regions"] = entries.filter { $0.kind == "region" }.map(item)
        view["json"] = entries.filter { $0.columns.isEmpty }.map(item)
        view["ocdsSkipped"] = ocdsSkipped
        view["changesHref"] = link("changes/")
        view["manifestHref"] = link(Manifest.path)
        return view
    }
}

/// A file's size as people read it: `12.3 KB`, `845 B` (1 KB = 1,000 bytes), with integer arithmetic only.
enum ByteSize {
    static func text(_ bytes: Int, language: String) -> String {
        if bytes < 1_000 { return "\(bytes) B" }
        let (unit, divisor) = bytes < 1_000_000 ? ("KB", 1_000) : ("MB", 1_000_000)
        let tenths = (bytes * 10 + divisor / 2) / divisor
        return "\(tenths / 10).\(tenths % 10) \(unit)"
    }
}
