// swift-tools-version: 6.1
import PackageDescription

/// Every target compiles in Swift 6 language mode with `InternalImportsByDefault`, so no type of an
/// outside package can leak into one of our public signatures.
let strictSettings: [SwiftSetting] = [
    .enableUpcomingFeature("InternalImportsByDefault")
]

let package = Package(
    name: "EvidenceEngine",
    platforms: [.macOS(.v14)],
    products: [
        .executable(name: "evidence", targets: ["EvidenceCLI"]),
        .library(name: "EvidenceCore", targets: ["EvidenceCore"]),
        // For the benchmarks package in Benchmarks/, which measures these modules from outside.
        .library(
            name: "EvidenceEngineKit",
            targets: [
                "EvidenceCore", "Ingest", "Store", "Analysis", "Indexing", "Ranking", "Search", "Recommender",
                "Embedding",
            ]),
        // For the fuzz harnesses in Fuzz/, which also exercise the web front end's request decoder.
        .library(name: "EvidenceWebKit", targets: ["WebFrontEnd"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", exact: "1.8.2"),
        .package(url: "https://github.com/apple/swift-collections", exact: "1.6.0"),
        .package(url: "https://github.com/hummingbird-project/hummingbird", exact: "2.28.1"),
        .package(url: "https://github.com/hummingbird-project/swift-mustache", exact: "2.1.1"),
        .package(url: "https://github.com/apple/swift-log", exact: "1.16.2"),
        .package(url: "https://github.com/apple/swift-http-types", exact: "1.8.0"),
        .package(url: "https://github.com/groue/GRDB.swift", exact: "7.10.0"),
        .package(url: "https://github.com/jpsim/Yams", exact: "6.2.2"),
    ],
    targets: [
        // Layer 1: value types and vocabularies, no I/O.
        .target(name: "EvidenceCore", swiftSettings: strictSettings),
        // Layer 2: files to records (the only Yams user).
        .target(
            name: "Ingest",
            dependencies: ["EvidenceCore", .product(name: "Yams", package: "Yams")],
            swiftSettings: strictSettings
        ),
        // Layer 2: the only SQLite user.
        .target(
            name: "Store",
            dependencies: ["EvidenceCore", .product(name: "GRDB", package: "GRDB.swift")],
            swiftSettings: strictSettings
        ),
        // Layer 2: text to terms, one chain for records and queries.
        .target(
            name: "Analysis",
            dependencies: ["EvidenceCore"],
            resources: [.copy("Resources/stopwords-en.txt"), .copy("Resources/social-care-terms.tsv")],
            swiftSettings: strictSettings
        ),
        // Layer 2: text to 384-dimensional sentence vectors (all-MiniLM-L6-v2 on BLAS); the only module that knows the model.
        .target(
            name: "Embedding",
            dependencies: ["CBLAS"],
            swiftSettings: strictSettings
        ),
        // Layer 3: the lexical index: format, build, incremental update, weighting.
        .target(
            name: "Indexing",
            dependencies: ["EvidenceCore", "Analysis", "Store", "Ranking", "Embedding"],
            swiftSettings: strictSettings
        ),
        // Layer 1: BLAS and LAPACK from Debian (OpenBLAS, or the reference libraries).
        .systemLibrary(name: "CBLAS", path: "Sources/CBLAS"),
        .systemLibrary(name: "CLAPACKE", path: "Sources/CLAPACKE"),
        // Layer 3: pure numerics: BLAS kernels beside reference loops, the LSA space, fusion, top-k.
        .target(
            name: "Ranking",
            dependencies: [
                "EvidenceCore", "CBLAS", "CLAPACKE", .product(name: "HeapModule", package: "swift-collections"),
            ],
            swiftSettings: strictSettings
        ),
        // Layer 3: test collections, judgments and the measures of ranking quality.
        .target(
            name: "Evaluation",
            dependencies: ["EvidenceCore"],
            swiftSettings: strictSettings
        ),
        // Layer 3½: searching: one Searcher per index version, scoring, fusion, filters before top-k.
        .target(
            name: "Search",
            dependencies: ["EvidenceCore", "Analysis", "Store", "Indexing", "Ranking", "Embedding"],
            swiftSettings: strictSettings
        ),
        // Layer 4: the only door both front ends use: a search request in, explained evidence out.
        .target(
            name: "Recommender",
            dependencies: [
                "EvidenceCore", "Store", "Analysis", "Indexing", "Ingest", "Search", "Evaluation", "Embedding",
            ],
            swiftSettings: strictSettings
        ),
        // Layer 5: the local web page and JSON API (the only Hummingbird and Mustache user).
        .target(
            name: "WebFrontEnd",
            dependencies: [
                "EvidenceCore", "Recommender",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "Mustache", package: "swift-mustache"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "HTTPTypes", package: "swift-http-types"),
            ],
            resources: [.copy("Templates"), .copy("Assets")],
            swiftSettings: strictSettings
        ),
        // Layer 5: the `evidence` command.
        .executableTarget(
            name: "EvidenceCLI",
            dependencies: [
                "EvidenceCore", "Ingest", "Store", "Analysis", "Indexing", "Ranking", "Search", "Evaluation",
                "Recommender", "WebFrontEnd", "Embedding",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: strictSettings
        ),
        .target(
            name: "EvidenceTestSupport",
            dependencies: ["EvidenceCore", "Ingest", "Store", "Analysis", "Indexing"],
            swiftSettings: strictSettings
        ),
        .testTarget(
            name: "EvidenceCoreTests",
            dependencies: ["EvidenceCore", "EvidenceTestSupport"],
            swiftSettings: strictSettings
        ),
        .testTarget(
            name: "IngestTests",
            dependencies: ["EvidenceCore", "Ingest", "EvidenceTestSupport"],
            swiftSettings: strictSettings
        ),
        .testTarget(
            name: "StoreTests",
            dependencies: [
                "EvidenceCore", "Store", "EvidenceTestSupport",
                .product(name: "GRDB", package: "GRDB.swift"),  // only to fake a newer schema
            ],
            swiftSettings: strictSettings
        ),
        .testTarget(
            name: "AnalysisTests",
            dependencies: ["Analysis", "EvidenceTestSupport"],
            resources: [.copy("Fixtures")],
            swiftSettings: strictSettings
        ),
        .testTarget(
            name: "IndexingTests",
            dependencies: ["EvidenceCore", "Analysis", "Store", "Indexing", "Search", "EvidenceTestSupport"],
            swiftSettings: strictSettings
        ),
        .testTarget(
            name: "SearchTests",
            dependencies: ["EvidenceCore", "Analysis", "Store", "Indexing", "Search", "EvidenceTestSupport"],
            swiftSettings: strictSettings
        ),
        .testTarget(
            name: "RecommenderTests",
            dependencies: [
                "EvidenceCore", "Store", "Indexing", "Recommender", "Embedding", "EvidenceTestSupport",
                .product(name: "GRDB", package: "GRDB.swift"),  // only to break the index on purpose
            ],
            swiftSettings: strictSettings
        ),
        .testTarget(
            name: "EmbeddingTests",
            dependencies: ["Embedding"],
            resources: [.copy("Fixtures")],
            swiftSettings: strictSettings
        ),
        .testTarget(
            name: "RankingTests",
            dependencies: ["Ranking", "EvidenceTestSupport"],
            swiftSettings: strictSettings
        ),
        .testTarget(
            name: "WebFrontEndTests",
            dependencies: [
                "WebFrontEnd", "Recommender", "Store", "Indexing", "Ingest", "Analysis", "EvidenceTestSupport",
                .product(name: "HummingbirdTesting", package: "hummingbird"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "HTTPTypes", package: "swift-http-types"),
            ],
            swiftSettings: strictSettings
        ),
        .testTarget(
            name: "EvaluationTests",
            dependencies: ["Evaluation"],
            swiftSettings: strictSettings
        ),
        .testTarget(
            name: "CorpusTests",
            dependencies: ["EvidenceCore", "Ingest", "EvidenceTestSupport"],
            swiftSettings: strictSettings
        ),
        .testTarget(
            name: "EvidenceCLITests",
            dependencies: ["EvidenceCore", "Store", "Indexing", "Search", "EvidenceTestSupport"],
            swiftSettings: strictSettings
        ),
    ]
)
