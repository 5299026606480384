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
        .package(url: "https://github.com/hummingbird-project/hummingbird-auth", "2.5.0"..<"2.6.0"),
        .package(url: "https://github.com/swift-server/swift-prometheus", "2.4.1"..<"2.5.0"),
        .package(url: "https://github.com/apple/swift-nio", "2.101.0"..<"3.0.0"),
        .package(url: "https://github.com/apple/swift-nio-ssl", "2.37.0"..<"3.0.0"),
    ],
    targets: [
        .target(
            name: "BaogaoKit",
            dependencies: [
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
        .executableTarget(
            name: "baogao",
            dependencies: [
                "BaogaoKit",
                "BaogaoServer",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        .target(name: "BaogaoBenchKit"),
        .executableTarget(
            name: "baogao-bench",
            dependencies: [
                "BaogaoKit",
                "BaogaoBenchKit",
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
        // Builders of .docx and .pdf fixtures, shared by the test targets (no binary blobs).
        .target(
            name: "BaogaoTestSupport",
            dependencies: [.product(name: "ZIPFoundation", package: "ZIPFoundation")],
            path: "Tests/BaogaoTestSupport"
        ),
        .testTarget(
            name: "BaogaoKitTests",
            dependencies: ["BaogaoKit", "BaogaoTestSupport"]
        ),
        .testTarget(
            name: "BaogaoCLITests",
            dependencies: ["BaogaoKit", "baogao", "BaogaoTestSupport"]
        ),
        .testTarget(
            name: "BaogaoServerTests",
            dependencies: [
                "BaogaoKit",
                "BaogaoServer",
                "baogao",
                "BaogaoTestSupport",
                .product(name: "HummingbirdTesting", package: "hummingbird"),
            ]
        ),
        .testTarget(
            name: "BaogaoBenchTests",
            dependencies: ["BaogaoBenchKit"]
        ),
    ]
)
