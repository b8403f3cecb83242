// swift-tools-version:6.0
import PackageDescription

let package = Package(
    name: "Gazette",
    // macOS 15: Mutex (Synchronization), which guards serve's shared state.
    platforms: [.macOS(.v15)],
    products: [
        .executable(name: "gazette", targets: ["gazette"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", exact: "1.8.2"),
        .package(url: "https://github.com/hummingbird-project/hummingbird", exact: "2.28.1"),
        .package(url: "https://github.com/apple/swift-log", exact: "1.16.2"),
        .package(url: "https://github.com/swift-server/swift-service-lifecycle", exact: "2.13.0"),
        // SHA-256 for the manifest, with the processor's SHA instructions (already built for Hummingbird).
        .package(url: "https://github.com/apple/swift-crypto", exact: "3.12.3"),
        // The zip container of .xlsx workbooks (read and written); XML through Foundation's XMLParser.
        .package(url: "https://github.com/weichsel/ZIPFoundation", exact: "0.9.20"),
    ],
    targets: [
        // libcmark, the CommonMark reference implementation, from the system (Debian: libcmark-dev).
        .systemLibrary(
            name: "CMark",
            pkgConfig: "libcmark",
            providers: [.apt(["libcmark-dev"]), .brew(["cmark"])]
        ),
        // libyaml, the YAML parser, from the system (Debian: libyaml-dev): every YAML read goes through it.
        .systemLibrary(
            name: "CYAML",
            pkgConfig: "yaml-0.1",
            providers: [.apt(["libyaml-dev"]), .brew(["libyaml"])]
        ),
        // One system call Swift cannot reach: swapping two folders atomically (Linux renameat2); and glibc's
        // malloc settings (mallopt, malloc_trim), which Swift's Glibc module does not import.
        .target(name: "CAtomicSwap"),
        // Plain value types: records, money, dates, codes, the programme, derived status and money (made once per
        // build: ProjectFigures), and the rules.
        .target(name: "GazetteModel"),
        // CommonMark through cmark: safe HTML and the record links a text makes.
        .target(name: "GazetteMarkdown", dependencies: ["CMark"]),
        // Every access to content/: the records (YAML, front matter, CSV, with source positions), the publication
        // record's files, assets/; the load-and-check stage.
        .target(
            name: "GazetteContent",
            dependencies: ["GazetteModel", "GazetteMarkdown", "CYAML"]
        ),
        // The site is made in stages, one module each (docs/architecture.md, which shows how to draw the graph):
        // templates, the resolved site, its pages, the files for programs, and writing; GazetteBuild runs them in order.
        // Mustache templates (Gazette's own renderer, checked against the Mustache spec) and the interface strings.
        .target(name: "GazetteTemplates", dependencies: ["GazetteModel", "GazetteContent"]),
        // Writing a site: output files, the folder swapped into place, manifest.json with SHA-256, media types, JSON.
        .target(
            name: "GazetteOutput",
            dependencies: ["GazetteModel", "CAtomicSwap", .product(name: "Crypto", package: "swift-crypto")]
        ),
        // The checked records resolved into a site: derived figures, communities, the routing table, the publication record.
        .target(name: "GazetteSite", dependencies: ["GazetteModel", "GazetteContent", "GazetteMarkdown", "GazetteOutput"]),
        // The pages people read: a view for each page, rendered through its template; what each page depends on.
        .target(
            name: "GazettePages",
            dependencies: ["GazetteModel", "GazetteMarkdown", "GazetteTemplates", "GazetteSite", "GazetteOutput"]
        ),
        // The files made for programs: open data (CSV, .xlsx, JSON, OCDS), feeds, the search index, the sitemap.
        .target(
            name: "GazetteMachineFiles",
            dependencies: ["GazetteModel", "GazetteMarkdown", "GazetteSpreadsheet", "GazetteTemplates", "GazetteSite",
                           "GazettePages", "GazetteOutput"]
        ),
        // The pipeline: load and check, resolve, render, write; kept warm for `serve` (incremental rebuilds).
        .target(
            name: "GazetteBuild",
            dependencies: ["GazetteModel", "GazetteContent", "GazetteMarkdown", "GazetteTemplates", "GazetteSite", "GazettePages",
                           "GazetteMachineFiles", "GazetteOutput"]
        ),
        // Spreadsheets: reading and writing .xlsx workbooks (Office Open XML), cells with their addresses.
        .target(
            name: "GazetteSpreadsheet",
            dependencies: ["GazetteModel", .product(name: "ZIPFoundation", package: "ZIPFoundation")]
        ),
        // `gazette import`: tables (.xlsx, .csv) into content records, all or nothing, with the cell named.
        .target(
            name: "GazetteImport",
            dependencies: ["GazetteModel", "GazetteContent", "GazetteSpreadsheet"]
        ),
        // The preview server: serves the site from memory, watches the files, rebuilds and reloads.
        .target(
            name: "GazetteServe",
            dependencies: ["GazetteModel", "GazetteContent", "GazetteBuild", "GazetteOutput",
                           .product(name: "Hummingbird", package: "hummingbird"),
                           .product(name: "Logging", package: "swift-log"),
                           .product(name: "ServiceLifecycle", package: "swift-service-lifecycle")]
        ),
        // Publishing to a web server: releases, verification against manifest.json, the `current` flip, nginx.
        .target(name: "GazettePublish", dependencies: ["GazetteModel", "GazetteOutput"]),
        .executableTarget(
            name: "gazette",
            dependencies: [
                "GazetteModel", "GazetteContent", "GazetteBuild", "GazetteOutput", "GazetteSite", "GazetteServe", "GazettePublish",
                "GazetteImport", "GazetteSpreadsheet",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Logging", package: "swift-log"),
            ]
        ),
        .testTarget(
            name: "GazetteTests",
            dependencies: ["GazetteModel", "GazetteContent", "GazetteMarkdown", "GazetteTemplates", "GazetteOutput", "GazetteSite",
                           "GazettePages", "GazetteMachineFiles", "GazetteBuild", "GazetteServe", "GazettePublish", "GazetteSpreadsheet", "GazetteImport", "gazette", "CYAML",
                           .product(name: "ZIPFoundation", package: "ZIPFoundation"),
                           // The preview server answered in-process, without a socket.
                           .product(name: "Hummingbird", package: "hummingbird"),
                           .product(name: "HummingbirdTesting", package: "hummingbird"),
                           .product(name: "ServiceLifecycle", package: "swift-service-lifecycle")]
        ),
    ]
)
