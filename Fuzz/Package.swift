// swift-tools-version:6.1
// libFuzzer targets for Baogao's pure units. Build and run:
//   swift build --package-path Fuzz -c debug -Xswiftc -sanitize=fuzzer,address
//   Fuzz/.build/debug/FuzzTokenizer -max_total_time=30
import Foundation
import PackageDescription

// The root package is named after its folder, whatever a checkout calls it.
let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().lastPathComponent

let package = Package(
    name: "BaogaoFuzz",
    platforms: [.macOS(.v15)],
    dependencies: [.package(path: "..")],
    targets: [.target(name: "FuzzSupport")] + ["FuzzTokenizer", "FuzzStructure", "FuzzQuery", "FuzzReaders"].map { name in
        .executableTarget(name: name, dependencies: ["FuzzSupport", .product(name: "BaogaoKit", package: root)])
    }
)
