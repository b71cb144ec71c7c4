// swift-tools-version: 6.1
import PackageDescription

/// Fuzz harnesses (libFuzzer, through `-sanitize=fuzzer`), kept out of the main build. Run with `make fuzz`.
let package = Package(
    name: "EvidenceFuzz",
    platforms: [.macOS(.v14)],
    dependencies: [.package(name: "EvidenceEngine", path: "..")],
    targets: [
        .executableTarget(
            name: "FuzzInputs",
            dependencies: [
                .product(name: "EvidenceEngineKit", package: "EvidenceEngine"),
                .product(name: "EvidenceWebKit", package: "EvidenceEngine"),
            ],
            swiftSettings: [.unsafeFlags(["-parse-as-library"])]
        )
    ]
)
