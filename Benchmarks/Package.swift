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
        // The trait list replaces the package's defaults: its Swift 6.3 runtime interposer is not available here.
        .package(url: "https://github.com/ordo-one/benchmark", exact: "1.38.1", traits: ["MallocInterposer"]),
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
        // Kernel micro-benchmarks (ordo-one/benchmark): `make bench-micro`.
        .executableTarget(
            name: "Kernels",
            dependencies: [
                .product(name: "EvidenceEngineKit", package: "EvidenceEngine"),
                .product(name: "Benchmark", package: "benchmark"),
            ],
            path: "Benchmarks/Kernels",
            plugins: [.plugin(name: "BenchmarkPlugin", package: "benchmark")]
        ),
    ]
)
