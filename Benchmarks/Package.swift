// swift-tools-version: 6.1
import PackageDescription

/// Benchmarks, kept out of the main package so `make test` never builds them. Run with `make bench`.
let package = Package(
    name: "EvidenceBenchmarks",
    platforms: [.macOS(.v14)],
    products: [.executable(name: "corpus-growth", targets: ["CorpusGrowth"])],
    dependencies: [
        .package(name: "EvidenceEngine", path: ".."),
        .package(url: "https://github.com/groue/GRDB.swift", exact: "7.10.0"),
    ],
    targets: [
        .executableTarget(
            name: "CorpusGrowth",
            dependencies: [
                .product(name: "EvidenceEngineKit", package: "EvidenceEngine"),
                .product(name: "GRDB", package: "GRDB.swift"),
            ],
            swiftSettings: [.enableUpcomingFeature("InternalImportsByDefault")]
        ),
    ]
)
