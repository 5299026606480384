// swift-tools-version:6.1
import PackageDescription

let package = Package(
    name: "Baogao",
    platforms: [.macOS(.v15)],
    products: [
        .library(name: "BaogaoKit", targets: ["BaogaoKit"]),
        .library(name: "BaogaoServer", targets: ["BaogaoServer"]),
        .executable(name: "baogao", targets: ["baogao"]),
        .executable(name: "baogao-bench", targets: ["baogao-bench"]),
    ],
    dependencies: [
        .package(url: "https://github.com/groue/GRDB.swift", "7.10.0"..<"7.11.0"),
        .package(url: "https://github.com/apple/swift-argument-parser", "1.8.0"..<"1.9.0"),
        .package(url: "https://github.com/weichsel/ZIPFoundation", "0.9.20"..<"0.10.0"),
        .package(url: "https://github.com/hummingbird-project/hummingbird", "2.28.1"..<"2.29.0"),
        .package(url: "https://github.com/modelcontextprotocol/swift-sdk", "0.12.1"..<"0.13.0"),
        .package(url: "https://github.com/apple/swift-log", "1.16.2"..<"2.0.0"),
        .package(url: "https://github.com/hummingbird-project/hummingbird-auth", "2.5.0"..<"2.6.0"),
        .package(url: "https://github.com/swift-server/swift-prometheus", "2.4.1"..<"2.5.0"),
        .package(url: "https://github.com/apple/swift-nio", "2.101.0"..<"3.0.0"),
        .package(url: "https://github.com/apple/swift-nio-ssl", "2.37.0"..<"3.0.0"),
        .package(url: "https://github.com/swift-server/async-http-client", "1.37.0"..<"2.0.0"),
    ],
    targets: [
        // Child processes without Foundation's Process (see SpawnedProcess).
        .target(name: "CSpawn"),
        .target(name: "BaogaoSpawn", dependencies: ["CSpawn"]),
        // Process-wide SQLite settings Swift cannot make (see SQLiteSetup).
        .target(name: "CSQLiteConfig", linkerSettings: [.linkedLibrary("sqlite3")]),
        .target(
            name: "BaogaoKit",
            dependencies: [
                "BaogaoSpawn",
                "CSQLiteConfig",
                .product(name: "GRDB", package: "GRDB.swift"),
                .product(name: "GRDBSQLite", package: "GRDB.swift"),
                .product(name: "ZIPFoundation", package: "ZIPFoundation"),
            ],
            swiftSettings: [.define("SQLITE_ENABLE_FTS5")]
        ),
        .target(
            name: "BaogaoServer",
            dependencies: [
                "BaogaoKit",
                "BaogaoMCP",
                .product(name: "MCP", package: "swift-sdk"),
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HummingbirdCore", package: "hummingbird"),
                .product(name: "HummingbirdTLS", package: "hummingbird"),
                .product(name: "HummingbirdAuth", package: "hummingbird-auth"),
                .product(name: "HummingbirdBasicAuth", package: "hummingbird-auth"),
                .product(name: "HummingbirdBcrypt", package: "hummingbird-auth"),
                .product(name: "Prometheus", package: "swift-prometheus"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "NIOSSL", package: "swift-nio-ssl"),
            ],
            resources: [.copy("Assets")]
        ),
        .target(
            name: "BaogaoMCP",
            dependencies: [
                "BaogaoKit",
                .product(name: "MCP", package: "swift-sdk"),
                .product(name: "Logging", package: "swift-log"),
            ]
        ),
        .executableTarget(
            name: "baogao",
            dependencies: [
                "BaogaoKit",
                "BaogaoServer",
                "BaogaoMCP",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        .target(name: "BaogaoBenchKit"),
        .executableTarget(
            name: "baogao-bench",
            dependencies: [
                "BaogaoKit",
                "BaogaoBenchKit",
                "BaogaoTestSupport",   // the PDF and scan builders, for `baogao-bench ocr`
                .product(name: "GRDB", package: "GRDB.swift"),
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        .executableTarget(
            name: "baogao-eval",
            dependencies: [
                "BaogaoKit",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        // Builders of .docx, .pdf and scanned fixtures, shared by the test targets and the
        // bench's OCR run (no binary blobs).
        .target(
            name: "BaogaoTestSupport",
            dependencies: ["BaogaoSpawn", .product(name: "ZIPFoundation", package: "ZIPFoundation")],
            path: "Tests/BaogaoTestSupport"
        ),
        .testTarget(
            name: "BaogaoKitTests",
            dependencies: ["BaogaoKit", "BaogaoTestSupport"]
        ),
        .testTarget(
            name: "BaogaoCLITests",
            dependencies: ["BaogaoSpawn", "BaogaoKit", "baogao", "BaogaoTestSupport"]
        ),
        .testTarget(
            name: "BaogaoServerTests",
            dependencies: ["BaogaoSpawn", 
                "BaogaoKit",
                "BaogaoServer",
                "baogao",
                "BaogaoTestSupport",
                .product(name: "HummingbirdTesting", package: "hummingbird"),
                .product(name: "MCP", package: "swift-sdk"),
                .product(name: "Logging", package: "swift-log"),
                // The HTTP client of the tests that fetch from a running `baogao serve`.
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
            ]
        ),
        .testTarget(
            name: "BaogaoMCPTests",
            dependencies: ["BaogaoSpawn", 
                "BaogaoKit",
                "BaogaoMCP",
                "baogao",
                "BaogaoTestSupport",
                .product(name: "MCP", package: "swift-sdk"),
            ]
        ),
        .testTarget(
            name: "BaogaoBenchTests",
            dependencies: ["BaogaoBenchKit"]
        ),
    ]
)
