import GazetteModel
import GazetteOutput
import GazettePages

extension PageContext {
    /// `/data/`: each data file with what it holds, its columns and its size.
    func dataPage(_ entries: [OpenData.Entry], ocdsSkipped: Bool) -> DataPageView {
        func item(_ entry: OpenData.Entry) -> DataPageView.File {
            let name = entry.region.map(name) ?? ""
            return DataPageView.File(
                path: entry.path,
                href: link(entry.path),
                title: strings.format("openData.files.\(entry.kind).title", ["region": name]),
                description: strings.format("openData.files.\(entry.kind).description", ["region": name]),
                size: ByteSize.text(entry.size, language: language),
                bytes: String(entry.size),
                columns: entry.columns,
                xlsxPath: entry.xlsxPath ?? "",
                xlsxHref: entry.xlsxPath.map(link) ?? "",
                xlsxSize: ByteSize.text(entry.xlsxSize, language: language),
                xlsxBytes: String(entry.xlsxSize),
                hasXLSX: entry.xlsxPath != nil,
                gz: entry.gzPath.map { path in
                    .init(path: path, href: link(path), size: ByteSize.text(entry.gzSize, language: language), bytes: String(entry.gzSize))
                })
        }
        return DataPageView(
            layout: layoutView(title: strings.text("openData.title"), section: "data"),
            tables: entries.filter { $0.kind != "region" && $0.kind != "list" && !$0.columns.isEmpty }.map(item),
            listFiles: String(entries.filter { $0.kind == "list" }.count),
            license: site.site.license.map { .init(name: $0.name, url: $0.url, text: strings.format("license.text", ["name": $0.name])) },
            regions: entries.filter { $0.kind == "region" }.map(item),
            json: entries.filter { $0.columns.isEmpty }.map(item),
            ocdsSkipped: ocdsSkipped,
            changesHref: link("changes/"),
            manifestHref: link(Manifest.path))
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
