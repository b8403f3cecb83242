import GazetteTemplates

/// The open-data page (`data.mustache`): each file with its size, its columns, its workbook and its gzip copy.
/// Made by `dataPage` (GazetteMachineFiles), which knows the files' sizes.
package struct DataPageView: TemplateView {
    package struct File: TemplateView {
        package struct Compressed: TemplateView {
            var path, href, size, bytes: String

            package init(path: String, href: String, size: String, bytes: String) {
                self.path = path
                self.href = href
                self.size = size
                self.bytes = bytes
            }

            package static let shape = TemplateShape.record(["path": .text, "href": .text, "size": .text, "bytes": .text])
            package var templateValue: TemplateValue {
                var record = TemplateRecord(capacity: 4)
                record.set("path", path)
                record.set("href", href)
                record.set("size", size)
                record.set("bytes", bytes)
                return record.value
            }
        }

        var path, href, title, description, size, bytes: String
        var columns: [String]
        var xlsxPath, xlsxHref, xlsxSize, xlsxBytes: String
        var hasXLSX: Bool
        var gz: Compressed?

        package init(path: String, href: String, title: String, description: String, size: String, bytes: String,
                     columns: [String], xlsxPath: String, xlsxHref: String, xlsxSize: String, xlsxBytes: String,
                     hasXLSX: Bool, gz: Compressed?) {
            self.path = path
            self.href = href
            self.title = title
            self.description = description
            self.size = size
            self.bytes = bytes
            self.columns = columns
            self.xlsxPath = xlsxPath
            self.xlsxHref = xlsxHref
            self.xlsxSize = xlsxSize
            self.xlsxBytes = xlsxBytes
            self.hasXLSX = hasXLSX
            self.gz = gz
        }

        package static let shape = TemplateShape.record([
            "path": .text, "href": .text, "title": .text, "description": .text, "size": .text, "bytes": .text,
            "columns": .list(.record(["name": .text])), "hasColumns": .flag, "xlsxPath": .text, "xlsxHref": .text,
            "xlsxSize": .text, "xlsxBytes": .text, "hasXLSX": .flag, "gz": Compressed.shape,
        ])
        package var templateValue: TemplateValue {
            var record = TemplateRecord(capacity: 14)
            record.set("path", path)
            record.set("href", href)
            record.set("title", title)
            record.set("description", description)
            record.set("size", size)
            record.set("bytes", bytes)
            record.set("columns", .list(columns.map { name in
                var column = TemplateRecord(capacity: 1)
                column.set("name", name)
                return column.value
            }))
            record.set("hasColumns", !columns.isEmpty)
            record.set("xlsxPath", xlsxPath)
            record.set("xlsxHref", xlsxHref)
            record.set("xlsxSize", xlsxSize)
            record.set("xlsxBytes", xlsxBytes)
            record.set("hasXLSX", hasXLSX)
            record.set("gz", gz)
            return record.value
        }
    }

    /// The data's licence: its name, its address and the sentence that names it.
    package struct License: TemplateView {
        var name, url, text: String

        package init(name: String, url: String, text: String) {
            self.name = name
            self.url = url
            self.text = text
        }

        package static let shape = TemplateShape.record(["name": .text, "url": .text, "text": .text])
        package var templateValue: TemplateValue {
            var record = TemplateRecord(capacity: 3)
            record.set("name", name)
            record.set("url", url)
            record.set("text", text)
            return record.value
        }
    }

    var layout: LayoutView
    var tables: [File]
    var listFiles: String
    var license: License?
    var regions: [File]
    var json: [File]
    var ocdsSkipped: Bool
    var changesHref, manifestHref: String

    package init(layout: LayoutView, tables: [File], listFiles: String, license: License?, regions: [File], json: [File],
                 ocdsSkipped: Bool, changesHref: String, manifestHref: String) {
        self.layout = layout
        self.tables = tables
        self.listFiles = listFiles
        self.license = license
        self.regions = regions
        self.json = json
        self.ocdsSkipped = ocdsSkipped
        self.changesHref = changesHref
        self.manifestHref = manifestHref
    }

    package static let shape = LayoutView.shape.adding(.record([
        "tables": .list(File.shape), "listFiles": .text, "license": License.shape, "regions": .list(File.shape),
        "json": .list(File.shape), "ocdsSkipped": .flag, "changesHref": .text, "manifestHref": .text,
    ]))
    package var templateValue: TemplateValue {
        var record = layout.record
        record.set("tables", tables)
        record.set("listFiles", listFiles)
        record.set("license", license)
        record.set("regions", regions)
        record.set("json", json)
        record.set("ocdsSkipped", ocdsSkipped)
        record.set("changesHref", changesHref)
        record.set("manifestHref", manifestHref)
        return record.value
    }
}

/// The publication record (`changes.mustache`): each publication, newest first, with what changed.
struct ChangesPageView: TemplateView {
    /// A record added, changed or removed, with the figures that moved.
    struct Change: TemplateView {
        struct Moved: TemplateView {
            var field, label, old, new: String

            static let shape = TemplateShape.record(["field": .text, "label": .text, "old": .text, "new": .text])
            var templateValue: TemplateValue {
                var record = TemplateRecord(capacity: 4)
                record.set("field", field)
                record.set("label", label)
                record.set("old", old)
                record.set("new", new)
                return record.value
            }
        }

        var name, kindLabel: String
        var href: String?
        var fields: String
        var moved: [Moved]

        static let shape = TemplateShape.record([
            "name": .text, "kindLabel": .text, "href": .text, "fields": .text, "moved": .list(Moved.shape), "hasMoved": .flag,
        ])
        var templateValue: TemplateValue {
            var record = TemplateRecord(capacity: 6)
            record.set("name", name)
            record.set("kindLabel", kindLabel)
            record.set("href", href)
            record.set("fields", fields)
            record.set("moved", moved)
            record.set("hasMoved", !moved.isEmpty)
            return record.value
        }
    }

    /// A ledger row added or removed.
    struct LedgerRow: TemplateView {
        /// Present (and empty) without a date, as the dictionary view had it.
        var date: DateView?
        var projectName: String
        var href: String?
        var kind: String
        var amount: MoneyView
        var reference: String

        static let shape = TemplateShape.record([
            "date": DateView.shape, "projectName": .text, "href": .text, "kind": .text, "amount": MoneyView.shape,
            "reference": .text,
        ])
        var templateValue: TemplateValue {
            var record = TemplateRecord(capacity: 6)
            record.set("date", date?.templateValue ?? .map([:]))
            record.set("projectName", projectName)
            record.set("href", href)
            record.set("kind", kind)
            record.set("amount", amount)
            record.set("reference", reference)
            return record.value
        }
    }

    struct Publication: TemplateView {
        var number, anchor, heading: String
        var date: DateView?
        var first: Bool
        var firstSummary: String
        var added, changed, removed: [Change]
        var ledgerAdded, ledgerRemoved: [LedgerRow]

        static let shape = TemplateShape.record([
            "number": .text, "anchor": .text, "heading": .text, "date": DateView.shape, "first": .flag,
            "firstSummary": .text, "added": .list(Change.shape), "hasAdded": .flag, "changed": .list(Change.shape),
            "hasChanged": .flag, "removed": .list(Change.shape), "hasRemoved": .flag,
            "ledgerAdded": .list(LedgerRow.shape), "hasLedgerAdded": .flag, "ledgerRemoved": .list(LedgerRow.shape),
            "hasLedgerRemoved": .flag,
        ])
        var templateValue: TemplateValue {
            var record = TemplateRecord(capacity: 16)
            record.set("number", number)
            record.set("anchor", anchor)
            record.set("heading", heading)
            record.set("date", date?.templateValue ?? .map([:]))
            record.set("first", first)
            record.set("firstSummary", firstSummary)
            record.set("added", added)
            record.set("hasAdded", !added.isEmpty)
            record.set("changed", changed)
            record.set("hasChanged", !changed.isEmpty)
            record.set("removed", removed)
            record.set("hasRemoved", !removed.isEmpty)
            record.set("ledgerAdded", ledgerAdded)
            record.set("hasLedgerAdded", !ledgerAdded.isEmpty)
            record.set("ledgerRemoved", ledgerRemoved)
            record.set("hasLedgerRemoved", !ledgerRemoved.isEmpty)
            return record.value
        }
    }

    var layout: LayoutView
    var publications: [Publication]
    var dataHref: String

    static let shape = LayoutView.shape.adding(.record([
        "publications": .list(Publication.shape), "none": .flag, "dataHref": .text,
    ]))
    var templateValue: TemplateValue {
        var record = layout.record
        record.set("publications", publications)
        record.set("none", publications.isEmpty)
        record.set("dataHref", dataHref)
        return record.value
    }
}
