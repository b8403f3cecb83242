// swift-tools-version:6.0
import PackageDescription

let package = Package(
    name: "Gazette",
    platforms: [.macOS(.v14)],
    products: [
        .executable(name: "gazette", targets: ["gazette"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/jpsim/Yams", from: "6.2.2"),
    ],
    targets: [
        // libcmark, the CommonMark reference implementation, from the system (Debian: libcmark-dev).
        .systemLibrary(
            name: "CMark",
            pkgConfig: "libcmark",
            providers: [.apt(["libcmark-dev"]), .brew(["cmark"])]
        ),
        // Plain value types: records, money, dates, codes, the programme, derived status and the rules.
        .target(name: "GazetteModel"),
        // CommonMark through cmark: safe HTML and the record links a text makes.
        .target(name: "GazetteMarkdown", dependencies: ["CMark"]),
        // Reading content/: YAML, front matter, CSV, with source positions.
        .target(
            name: "GazetteContent",
            dependencies: ["GazetteModel", "GazetteMarkdown", .product(name: "Yams", package: "Yams")]
        ),
        .executableTarget(
            name: "gazette",
            dependencies: [
                "GazetteModel", "GazetteContent",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        .testTarget(
            name: "GazetteTests",
            dependencies: ["GazetteModel", "GazetteContent", "GazetteMarkdown", "gazette"]
        ),
    ]
)
