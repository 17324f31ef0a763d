// swift-tools-version:6.1
// Huopan (货盘): search and ranking for a B2B wholesale marketplace.
// Module map and the reasons behind it: README.md ("Code map").
import PackageDescription

let package = Package(
    name: "Huopan",
    platforms: [.macOS(.v15)],
    products: [
        .executable(name: "huopan", targets: ["huopan"])
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/apple/swift-log", from: "1.16.2"),
        .package(url: "https://github.com/apple/swift-metrics", from: "2.13.0"),
        .package(url: "https://github.com/swift-server/swift-prometheus", from: "2.4.1"),
        .package(url: "https://github.com/swift-server/swift-service-lifecycle", from: "2.13.0"),
        .package(url: "https://github.com/hummingbird-project/hummingbird", from: "2.28.1"),
        .package(url: "https://github.com/apple/swift-nio", from: "2.101.2"),
        .package(url: "https://github.com/apple/swift-nio-extras", from: "1.35.2"),
        .package(url: "https://github.com/jpsim/Yams", from: "5.0.1"),
        .package(url: "https://github.com/apple/swift-http-types", from: "1.8.0"),
    ],
    targets: [
        // C++ lives only here: an extern "C" API over Xapian that catches every exception.
        .target(
            name: "CXapian",
            linkerSettings: [.linkedLibrary("xapian")]
        ),
        // ICU headers are included only by cicu.c, never by a Swift module (see BUILD-NOTES).
        .target(
            name: "CICU",
            linkerSettings: [.linkedLibrary("icuuc"), .linkedLibrary("icui18n")]
        ),
        .target(name: "HuopanText", dependencies: ["CICU"]),
        .target(name: "HuopanStorage"),
        .target(name: "HuopanCatalog", dependencies: ["HuopanText"]),
        .target(name: "HuopanCorpus", dependencies: ["HuopanCatalog", "HuopanText"]),
        .target(name: "HuopanIndex", dependencies: ["CXapian", "HuopanText", "HuopanCatalog"]),
        .target(name: "HuopanRanking", dependencies: ["HuopanIndex", "HuopanText", "HuopanCatalog", "HuopanStorage"]),
        .target(
            name: "HuopanEngine",
            dependencies: [
                "HuopanRanking", "HuopanIndex", "HuopanText", "HuopanCatalog", "HuopanStorage",
                .product(name: "Logging", package: "swift-log"),
            ]
        ),
        .target(
            name: "HuopanEval",
            dependencies: ["HuopanEngine", "HuopanRanking", "HuopanIndex", "HuopanCatalog", "HuopanCorpus", "HuopanStorage"]),
        .target(
            name: "HuopanServer",
            dependencies: [
                "HuopanEngine", "HuopanRanking", "HuopanIndex", "HuopanEval", "HuopanCatalog", "HuopanText", "HuopanStorage",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "Metrics", package: "swift-metrics"),
                .product(name: "Prometheus", package: "swift-prometheus"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "NIOHTTPTypes", package: "swift-nio-extras"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
                .product(name: "HTTPTypes", package: "swift-http-types"),
                .product(name: "Yams", package: "Yams"),
            ],
            exclude: ["Resources"],
            plugins: ["EmbedResources"]
        ),
        // Compiles the server's Resources/ (console, OpenAPI document) into the binary.
        .executableTarget(name: "embed-resources"),
        .plugin(name: "EmbedResources", capability: .buildTool(), dependencies: ["embed-resources"]),
        .executableTarget(
            name: "huopan",
            dependencies: [
                "HuopanServer", "HuopanEngine", "HuopanRanking", "HuopanIndex", "HuopanEval", "HuopanCatalog", "HuopanText", "HuopanCorpus",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Logging", package: "swift-log"),
            ]
        ),
        // Shared by the test targets: temporary directories, offer builders, real indexes.
        .target(
            name: "HuopanTestSupport",
            dependencies: ["HuopanEngine", "HuopanRanking", "HuopanIndex", "HuopanCatalog", "HuopanCorpus", "HuopanText"],
            path: "Tests/HuopanTestSupport"
        ),
        .testTarget(name: "HuopanTextTests", dependencies: ["HuopanText", "HuopanTestSupport"], exclude: ["taobao-queries-sample.tsv"]),
        .testTarget(name: "HuopanStorageTests", dependencies: ["HuopanStorage", "HuopanTestSupport"]),
        .testTarget(name: "HuopanCatalogTests", dependencies: ["HuopanCatalog", "HuopanText", "HuopanTestSupport"]),
        .testTarget(name: "HuopanCorpusTests", dependencies: ["HuopanCorpus", "HuopanCatalog", "HuopanTestSupport"]),
        .testTarget(name: "HuopanIndexTests", dependencies: ["HuopanIndex", "HuopanCatalog", "HuopanTestSupport"]),
        .testTarget(name: "HuopanRankingTests", dependencies: ["HuopanRanking", "HuopanIndex", "HuopanCatalog", "HuopanTestSupport"]),
        .testTarget(
            name: "HuopanEngineTests",
            dependencies: ["HuopanEngine", "HuopanRanking", "HuopanIndex", "HuopanCatalog", "HuopanCorpus", "HuopanTestSupport"],
            exclude: ["taobao-analysis.tsv"]
        ),
        .testTarget(
            name: "HuopanEvalTests", dependencies: ["HuopanEval", "HuopanEngine", "HuopanRanking", "HuopanCorpus", "HuopanTestSupport"]),
        .testTarget(name: "HuopanCLITests", dependencies: ["huopan", "HuopanTestSupport"]),
        .testTarget(
            name: "HuopanServerTests",
            dependencies: [
                "HuopanServer", "HuopanTestSupport", "HuopanEval",
                .product(name: "HummingbirdTesting", package: "hummingbird"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "Yams", package: "Yams"),
            ]
        ),
    ],
    swiftLanguageModes: [.v6]
)
